from __future__ import annotations

from datetime import date

import pytest

from plut_nb.errors import ValidationError
from plut_nb.rules import (
    SIZE_RULE_SETS,
    SizeClass,
    classify_by_capital,
    classify_by_sales,
    size_class,
)
from plut_nb.rules.size import rule_set_on

PP7 = date(2021, 2, 2)  # first day of PP 7/2021
UU20 = date(2021, 2, 1)  # last day of UU 20/2008
JUTA = 1_000_000
M = 1_000_000_000

MIKRO, KECIL, MENENGAH, BESAR = (
    SizeClass.MIKRO,
    SizeClass.KECIL,
    SizeClass.MENENGAH,
    SizeClass.BESAR,
)

CAPITAL_PP7 = [
    (0, MIKRO),
    (1 * M, MIKRO),
    (1 * M + 1, KECIL),
    (5 * M, KECIL),
    (5 * M + 1, MENENGAH),
    (10 * M, MENENGAH),
    (10 * M + 1, BESAR),
]
SALES_PP7 = [
    (0, MIKRO),
    (2 * M, MIKRO),
    (2 * M + 1, KECIL),
    (15 * M, KECIL),
    (15 * M + 1, MENENGAH),
    (50 * M, MENENGAH),
    (50 * M + 1, BESAR),
]
CAPITAL_UU20 = [
    (0, MIKRO),
    (50 * JUTA, MIKRO),
    (50 * JUTA + 1, KECIL),
    (500 * JUTA, KECIL),
    (500 * JUTA + 1, MENENGAH),
    (10 * M, MENENGAH),
    (10 * M + 1, BESAR),
]
SALES_UU20 = [
    (0, MIKRO),
    (300 * JUTA, MIKRO),
    (300 * JUTA + 1, KECIL),
    (2_500 * JUTA, KECIL),
    (2_500 * JUTA + 1, MENENGAH),
    (50 * M, MENENGAH),
    (50 * M + 1, BESAR),
]


@pytest.mark.parametrize(("amount", "cls"), CAPITAL_PP7)
def test_capital_pp7(amount: int, cls: SizeClass) -> None:
    assert classify_by_capital(amount, PP7) is cls
    assert size_class(capital=amount, on=PP7) is cls


@pytest.mark.parametrize(("amount", "cls"), SALES_PP7)
def test_sales_pp7(amount: int, cls: SizeClass) -> None:
    assert classify_by_sales(amount, PP7) is cls
    assert size_class(sales=amount, on=PP7) is cls


@pytest.mark.parametrize(("amount", "cls"), CAPITAL_UU20)
def test_capital_uu20(amount: int, cls: SizeClass) -> None:
    assert classify_by_capital(amount, UU20) is cls
    assert size_class(capital=amount, on=UU20) is cls


@pytest.mark.parametrize(("amount", "cls"), SALES_UU20)
def test_sales_uu20(amount: int, cls: SizeClass) -> None:
    assert classify_by_sales(amount, UU20) is cls
    assert size_class(sales=amount, on=UU20) is cls


def test_rule_sets_are_dated() -> None:
    assert [r.name for r in SIZE_RULE_SETS] == ["UU 20/2008 Pasal 6", "PP 7/2021 Pasal 35"]
    assert rule_set_on(PP7).name == "PP 7/2021 Pasal 35"
    assert rule_set_on(UU20).name == "UU 20/2008 Pasal 6"
    assert rule_set_on(date(2000, 1, 1)).name == "UU 20/2008 Pasal 6"
    assert rule_set_on().name == "PP 7/2021 Pasal 35"


def test_same_amount_different_class_by_date() -> None:
    assert classify_by_capital(600 * JUTA, UU20) is MENENGAH
    assert classify_by_capital(600 * JUTA, PP7) is MIKRO


def test_capital_wins_over_sales() -> None:
    assert size_class(capital=1 * M, sales=60 * M, on=PP7) is MIKRO
    assert size_class(capital=None, sales=60 * M, on=PP7) is BESAR


def test_enum_values() -> None:
    assert [c.value for c in SizeClass] == ["mikro", "kecil", "menengah", "besar"]
    assert SizeClass("kecil") is KECIL


@pytest.mark.parametrize(
    ("text", "cls"),
    [("1000000000", MIKRO), ("Rp1.000.000.001", KECIL), ("rp 5.000.000.001", MENENGAH)],
)
def test_amount_as_text(text: str, cls: SizeClass) -> None:
    assert classify_by_capital(text, PP7) is cls


def test_both_missing_names_both_fields() -> None:
    with pytest.raises(ValidationError) as exc:
        size_class()
    assert [(e.field, e.code) for e in exc.value.errors] == [
        ("capital", "size.missing"),
        ("sales", "size.missing"),
    ]


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (-1, "size.negative"),
        ("-1.000", "size.negative"),
        (1.5, "money.not_amount"),
        (True, "money.not_amount"),
        ("1,5 X", "money.not_amount"),
        ("١٠٠", "money.not_amount"),
        ("<script>", "money.not_amount"),
        ("9" * 10_000, "money.not_amount"),
        ("", "required"),
    ],
)
def test_invalid_amounts(amount: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        classify_by_capital(amount, PP7)  # type: ignore[arg-type]
    assert [(e.field, e.code) for e in exc.value.errors] == [("capital", code)]
    with pytest.raises(ValidationError) as exc:
        classify_by_sales(amount, PP7)  # type: ignore[arg-type]
    assert exc.value.errors[0].field == "sales"


def test_negative_message() -> None:
    with pytest.raises(ValidationError) as exc:
        size_class(capital=-1_500_000)
    assert (
        exc.value.message
        == "Modal usaha tidak boleh negatif; yang diisi -1.500.000. Isi 0 bila belum ada."
    )
