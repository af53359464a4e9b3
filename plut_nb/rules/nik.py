"""NIK (Nomor Induk Kependudukan), the 16-digit national identity number.

Layout ``PP RR DD DDMMYY SSSS``: province, regency/city and district of first
registration; birth date with 40 added to the day for women; a serial from 0001.
A structural check cannot prove Dukcapil issued the number; it rejects numbers
that cannot be a NIK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from plut_nb import clock
from plut_nb.errors import FieldError, ValidationError
from plut_nb.reference.regions import get_region
from plut_nb.rules._common import (
    fail,
    field_error,
    first_non_digit,
    is_ascii_digits,
    require_text,
    strip_separators,
)

__all__ = ["NikFacts", "birth_date_from_nik", "gender_from_nik", "parse_nik"]

_NIK_LENGTH = 16


@dataclass(frozen=True)
class NikFacts:
    """What a valid NIK says about its holder.

    Attributes:
        nik: The 16 digits, without separators.
        province_code: ``"PP"``, e.g. ``"32"``.
        regency_code: ``"PP.RR"``, e.g. ``"32.01"``.
        district_code: ``"PP.RR.DD"``, e.g. ``"32.01.01"``.
        gender: ``"L"`` (laki-laki) or ``"P"`` (perempuan, day + 40).
        birth_date: The birth date.
        serial: The last four digits, ``"0001"`` or above.
    """

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    gender: Literal["L", "P"]
    birth_date: date
    serial: str


@lru_cache(maxsize=1 << 14)
def _unknown_level(region_digits: str) -> int:
    """The first level of a NIK's ``PPRRDD`` that is not in the table (0: all are)."""
    pp, rr, dd = region_digits[0:2], region_digits[2:4], region_digits[4:6]
    for level, code in enumerate((pp, f"{pp}.{rr}", f"{pp}.{rr}.{dd}"), start=1):
        if get_region(code) is None:
            return level
    return 0


def _region_problems(nik: str, field: str) -> list[FieldError]:
    level = _unknown_level(nik[0:6])  # a file of NIKs repeats districts: look each up once
    if level == 0:
        return []
    key = ("nik.province", "nik.regency", "nik.district")[level - 1]
    code = ".".join((nik[0:2], nik[2:4], nik[4:6])[:level])
    return [field_error(field, key, code=code)]


def _birth(nik: str, today: date) -> tuple[Literal["L", "P"], date | None]:
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender: Literal["L", "P"] = "L"
    if day > 40:
        gender, day = "P", day - 40
    year = 1900 + yy if yy > today.year % 100 else 2000 + yy
    try:
        return gender, date(year, month, day)
    except ValueError:
        return gender, None


def parse_nik(value: object, field: str = "nik", *, today: date | None = None) -> NikFacts:
    """Validate a NIK and read the facts it encodes.

    Spaces, dots and dashes are ignored. The checks: exactly 16 ASCII digits;
    province, regency/city and district exist in the Kemendagri table
    (:mod:`plut_nb.reference.regions`); the birth date ``DDMMYY`` (day + 40 for
    women) is a real date and not in the future; the serial is not ``0000``.
    The century is 19YY when YY is above the current two-digit year, else 20YY.

    Note:
        A NIK keeps the district code of first registration. Districts are
        sometimes re-coded after a split (pemekaran), so a genuine old NIK can
        carry a district code missing from the current table (Kepmendagri
        300.2.2-2138/2025). Such NIKs are rejected here with a message that says
        so, so staff can check the KTP; an unknown province or regency is
        always an error.

    Args:
        value: The NIK as typed, e.g. ``"3201 0155 0895 0001"``.
        field: Field name used in the error.
        today: Reference date for the "not in the future" check and the
            century; default today.

    Returns:
        The :class:`NikFacts`.

    Raises:
        ValidationError: One entry per problem found (region, date, serial are
            reported together).

    Example:
        >>> parse_nik("3201015508950001").birth_date
        datetime.date(1995, 8, 15)
    """
    text = require_text(value, field)
    nik = strip_separators(text)
    if not is_ascii_digits(nik):
        raise fail(field, "nik.digits", char=first_non_digit(nik))
    if len(nik) != _NIK_LENGTH:
        raise fail(field, "nik.length", count=len(nik))

    ref = today or clock.today()
    problems = _region_problems(nik, field)
    gender, born = _birth(nik, ref)
    if born is None:
        problems.append(field_error(field, "nik.birth_date", ddmmyy=nik[6:12]))
    elif born > ref:
        problems.append(field_error(field, "nik.birth_future", date=born.isoformat()))
    if nik[12:] == "0000":
        problems.append(field_error(field, "nik.serial"))
    if problems or born is None:
        raise ValidationError(problems)
    return NikFacts(
        nik=nik,
        province_code=nik[0:2],
        regency_code=f"{nik[0:2]}.{nik[2:4]}",
        district_code=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
        gender=gender,
        birth_date=born,
        serial=nik[12:],
    )


def gender_from_nik(value: object, field: str = "nik") -> Literal["L", "P"]:
    """The holder's gender, ``"L"`` or ``"P"``, from a valid NIK.

    Args:
        value: The NIK.
        field: Field name used in the error.

    Returns:
        ``"P"`` when the day of birth has 40 added, else ``"L"``.

    Raises:
        ValidationError: The NIK is not valid (see :func:`parse_nik`).
    """
    return parse_nik(value, field).gender


def birth_date_from_nik(value: object, field: str = "nik") -> date:
    """The holder's birth date from a valid NIK.

    Args:
        value: The NIK.
        field: Field name used in the error.

    Returns:
        The birth date.

    Raises:
        ValidationError: The NIK is not valid (see :func:`parse_nik`).
    """
    return parse_nik(value, field).birth_date
