"""The one Rupiah parser: how staff and spreadsheets write amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plut_nb.errors import ValidationError
from plut_nb.rules.money import MAX_RUPIAH, parse_rupiah_amount


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("Rp1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000,-", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("1500000", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("2 miliar", 2_000_000_000),
        ("1,5 M", 1_500_000_000),
        ("dua miliar", 2_000_000_000),
        ("sekitar 2 jt", 2_000_000),  # an estimate is still the figure staff record
        ("0", 0),
        (0, 0),
        (1_000_000_001, 1_000_000_001),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_reads_amounts_as_people_write_them(value: object, amount: int | None) -> None:
    assert parse_rupiah_amount(value, "sales") == amount


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("-5000", "size.negative"),  # lokal alone would read 5000
        (-1, "size.negative"),
        ("abc", "money.not_amount"),
        ("12a", "money.not_amount"),
        ("<script>", "money.not_amount"),
        ("١٠٠", "money.not_amount"),
        ("1.50.000", "money.not_amount"),  # a misplaced thousands dot is a typo
        ("9" * 80, "money.not_amount"),
        ("9" * 30, "money.not_amount"),  # lokal's own arithmetic overflows here
        ("1.500.000,50", "money.not_whole"),
        ("Rp1,5", "money.not_whole"),
        (str(MAX_RUPIAH + 1), "money.too_large"),
        (1.5, "money.not_amount"),
        (True, "money.not_amount"),
    ],
)
def test_rejects_with_a_message_naming_the_field(value: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_rupiah_amount(value, "sales")
    [err] = exc.value.errors
    assert (err.field, err.code) == ("sales", code)
    assert "Omzet" in err.message


@given(st.text(max_size=60))
def test_any_text_is_an_amount_or_a_typed_error(text: str) -> None:
    try:
        amount = parse_rupiah_amount(text, "capital")
    except ValidationError as exc:
        assert exc.errors and exc.errors[0].field == "capital"
    else:
        assert amount is None or 0 <= amount <= MAX_RUPIAH


def _lokal_amount(text: str) -> int | float | None:
    from lokal.rupiah import parse_rupiah

    parsed = parse_rupiah(text)
    return None if parsed is None else parsed.amount


@pytest.mark.parametrize("unit", ["rb", "ribu", "jt", "juta", "m", "M", "miliar", "Milyar", "JT"])
@pytest.mark.parametrize("prefix", ["", "Rp", "Rp ", "rp.", "Rp. "])
def test_numbers_with_a_unit_read_as_lokal_reads_them(prefix: str, unit: str) -> None:
    # the direct reading of "1,5 jt" and the like must agree with lokal's word parser
    numbers = ["0", "1", "7", "15", "250", "999", "1000", "123456", "0,5", "1,5", "2,25"]
    numbers += ["3,125", "0,001", "12,05", "999,999", "999999,999", "1,500", "01,5"]
    for number in numbers:
        for space in ("", " ", "  "):
            text = f"{prefix}{number}{space}{unit}"
            expected = _lokal_amount(text)
            assert isinstance(expected, int), text  # whole amounts only in this grid
            if expected > MAX_RUPIAH:
                continue
            assert parse_rupiah_amount(text, "capital") == expected, text
