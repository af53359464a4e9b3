"""NIB (Nomor Induk Berusaha), the 13-digit business identification number from OSS."""

from __future__ import annotations

from plut_nb.rules._common import (
    fail,
    first_non_digit,
    is_ascii_digits,
    require_text,
    strip_separators,
)

__all__ = ["normalize_nib"]

_NIB_LENGTH = 13


def normalize_nib(value: object, field: str = "nib") -> str:
    """Check a NIB and return its 13 digits.

    Spaces, dots and dashes are ignored. The NIB is optional for the smallest
    enterprises; callers decide whether an empty value is allowed before calling.

    Args:
        value: The NIB as typed, e.g. ``"9120 1234 56789"``.
        field: Field name used in the error.

    Returns:
        The 13 digits, e.g. ``"9120123456789"``.

    Raises:
        ValidationError: Empty, not only digits 0–9, or not 13 digits long.

    Example:
        >>> normalize_nib(" 9120 1234 56789 ")
        '9120123456789'
    """
    nib = strip_separators(require_text(value, field))
    if not is_ascii_digits(nib):
        raise fail(field, "nib.digits", char=first_non_digit(nib))
    if len(nib) != _NIB_LENGTH:
        raise fail(field, "nib.length", count=len(nib))
    return nib
