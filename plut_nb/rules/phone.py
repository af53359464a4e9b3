"""Indonesian phone numbers, normalised to E.164 (``+62…``).

Mobile numbers start with 8 after the country code (``0812…``, ``+62 812…``)
and have 9–12 digits after it; landlines start with an area code (``021``,
``0361``) and have 7–11 digits after the country code. The rules follow
``lokal.parse_phone``; the messages are ours.
"""

from __future__ import annotations

import re

from plut_nb.rules._common import fail, first_non_digit, is_ascii_digits, require_text, shown

__all__ = ["normalize_phone"]

_CLEAN = re.compile(r"[\s().\-/]+")
_MOBILE_LEN = (9, 12)
_LANDLINE_LEN = (7, 11)
_MAX_INPUT = 40


def _national_part(clean: str, field: str, original: str) -> str:
    """The digits after the country code (without a trunk 0)."""
    if clean.startswith("+"):
        if not clean.startswith("+62"):
            raise fail(field, "phone.country", value=shown(original))
        rest = clean[3:]
    elif clean.startswith("00"):
        if not clean.startswith("0062"):
            raise fail(field, "phone.country", value=shown(original))
        rest = clean[4:]
    elif clean.startswith("62") and len(clean) >= 10:
        rest = clean[2:]
    elif clean.startswith(("0", "8")):
        rest = clean
    else:
        raise fail(field, "phone.prefix", value=shown(original))
    return rest.lstrip("0")


def normalize_phone(value: object, field: str = "phone") -> str:
    """Check an Indonesian phone number and return it in E.164 form.

    Accepts ``0812 3456 7890``, ``+62 812-3456-7890``, ``628123456789``,
    ``(021) 555-1234`` and the like; spaces, dashes, dots, slashes and
    parentheses are ignored, as is a ``(0)`` after the country code.

    Args:
        value: The number as typed.
        field: Field name used in the error.

    Returns:
        The number as ``+62`` followed by digits, e.g. ``"+6281234567890"``.
        Normalising the result again returns it unchanged.

    Raises:
        ValidationError: Empty, a foreign country code, a wrong prefix,
            characters other than digits, or a wrong number of digits.

    Example:
        >>> normalize_phone("021 555 1234")
        '+62215551234'
    """
    text = require_text(value, field)
    if len(text) > _MAX_INPUT:
        raise fail(field, "phone.too_long", count=len(text))
    clean = _CLEAN.sub("", text)
    digits = clean.removeprefix("+")
    if digits and not is_ascii_digits(digits):
        raise fail(field, "phone.digits", char=first_non_digit(digits))
    rest = _national_part(clean, field, text)
    if not rest:
        raise fail(field, "phone.mobile_length", count=0)
    if rest[0] == "8":
        low, high = _MOBILE_LEN
        if not low <= len(rest) <= high:
            raise fail(field, "phone.mobile_length", count=len(rest) + 1)
    elif rest[0] in "2345679":
        low, high = _LANDLINE_LEN
        if not low <= len(rest) <= high:
            raise fail(field, "phone.landline_length", count=len(rest) + 1)
    else:
        raise fail(field, "phone.invalid", value=shown(text))
    return f"+62{rest}"
