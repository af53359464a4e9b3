from __future__ import annotations

from datetime import date

import pytest

from plut_nb.errors import ValidationError
from plut_nb.rules import NikFacts, birth_date_from_nik, gender_from_nik, parse_nik

TODAY = date(2026, 11, 28)


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e.code for e in exc.value.errors]


def test_woman_known_answer() -> None:
    assert parse_nik("3201015508950001", today=TODAY) == NikFacts(
        nik="3201015508950001",
        province_code="32",
        regency_code="32.01",
        district_code="32.01.01",
        gender="P",
        birth_date=date(1995, 8, 15),
        serial="0001",
    )


def test_man_known_answer() -> None:
    facts = parse_nik("1271011508950123", today=TODAY)
    assert (facts.gender, facts.birth_date, facts.serial) == ("L", date(1995, 8, 15), "0123")
    assert facts.regency_code == "12.71"


def test_day_41_is_a_woman_born_on_the_first() -> None:
    facts = parse_nik("3201014101950001", today=TODAY)
    assert (facts.gender, facts.birth_date) == ("P", date(1995, 1, 1))


def test_day_31_is_a_man_born_on_the_31st() -> None:
    assert parse_nik("3201013101950001", today=TODAY).birth_date == date(1995, 1, 31)


@pytest.mark.parametrize(
    ("nik", "born"),
    [
        ("3201011508260001", date(2026, 8, 15)),  # YY = current year → 20YY
        ("3201011508050001", date(2005, 8, 15)),
        ("3201011508270001", date(1927, 8, 15)),  # YY > current year → 19YY
        ("3201011508990001", date(1999, 8, 15)),
    ],
)
def test_century(nik: str, born: date) -> None:
    assert parse_nik(nik, today=TODAY).birth_date == born


def test_separators_are_ignored() -> None:
    assert parse_nik(" 3201-01.5508 950001 ", today=TODAY).nik == "3201015508950001"


def test_convenience_functions() -> None:
    assert gender_from_nik("3201015508950001") == "P"
    assert birth_date_from_nik("3201015508950001") == date(1995, 8, 15)


def test_serial_0000_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("3201015508950000", today=TODAY)
    assert codes(exc) == ["nik.serial"]
    assert exc.value.errors[0].field == "nik"
    assert "0000" in exc.value.message


def test_unknown_province() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("0001015508950001", today=TODAY)
    assert codes(exc) == ["nik.province"]
    assert "'00'" in exc.value.message


def test_unknown_regency_and_district() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("3270015508950001", today=TODAY)
    assert codes(exc) == ["nik.regency"]
    with pytest.raises(ValidationError) as exc:
        parse_nik("3201995508950001", today=TODAY)
    assert codes(exc) == ["nik.district"]
    assert "32.01.99" in exc.value.message


@pytest.mark.parametrize(
    "nik",
    [
        "3201013002950001",  # 30 Feb
        "3201017002950001",  # 30 Feb, woman
        "3201012902950001",  # 29 Feb 1995 (not a leap year)
        "3201010008950001",  # day 00
        "3201014008950001",  # day 40 → 0
        "3201013508950001",  # day 35
        "3201017208950001",  # day 72 → 32
        "3201011513950001",  # month 13
        "3201011500950001",  # month 00
    ],
)
def test_impossible_birth_dates(nik: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik(nik, today=TODAY)
    assert codes(exc) == ["nik.birth_date"]


def test_leap_day_is_fine() -> None:
    assert parse_nik("3201012902960001", today=TODAY).birth_date == date(1996, 2, 29)


def test_birth_date_in_the_future() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("3201011512260001", today=TODAY)  # 15 Dec 2026
    assert codes(exc) == ["nik.birth_future"]
    assert parse_nik("3201012811260001", today=TODAY).birth_date == TODAY


def test_several_problems_reported_together() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("0001013002950000", today=TODAY)
    assert codes(exc) == ["nik.province", "nik.birth_date", "nik.serial"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("320101550895000", "nik.length"),
        ("32010155089500011", "nik.length"),
        ("1" * 10_000, "nik.length"),
        ("32010155089500O1", "nik.digits"),
        ("<script>alert(1)</script>", "nik.digits"),
        ("३२०१०१५५०८९५०००१", "nik.digits"),
        ("x" * 10_000, "nik.digits"),
        ("NIK: 3201015508950001", "nik.digits"),
        ("", "required"),
        ("   ", "required"),
        (None, "required"),
        (3201015508950001, "rules.not_text"),
    ],
)
def test_malformed(value: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik(value)
    assert codes(exc) == [code]


def test_length_message_counts_digits() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("320101550895000")
    assert exc.value.message == "NIK harus 16 digit angka; yang diisi 15 digit."


def test_field_name_is_used() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_nik("123", field="owner_nik")
    assert exc.value.errors[0].field == "owner_nik"
    assert exc.value.by_field == {"owner_nik": [exc.value.errors[0].message]}
