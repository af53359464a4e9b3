"""Masking of personal identifiers for display and logs (UU PDP)."""

from __future__ import annotations

from plut_nb.errors import ValidationError
from plut_nb.rules.phone import normalize_phone

__all__ = ["mask_nik", "mask_phone"]

_KEEP_END = 4


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    middle = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * middle + text[len(text) - keep_end :]


def mask_nik(nik: str) -> str:
    """Hide the birth date and district digits of a NIK.

    Args:
        nik: The NIK, with or without spaces, dots or dashes.

    Returns:
        The first 4 and last 4 digits around 8 stars, e.g.
        ``"3201********0001"``. Input that is not 16 digits is masked the same
        way (first 4 and last 4 kept) if it is longer than 8 characters,
        else entirely; ``None`` or non-text gives ``""``.
    """
    if not isinstance(nik, str):
        return ""
    compact = "".join(ch for ch in nik if ch not in " .-\t")
    return _mask_middle(compact, 4, _KEEP_END)


def mask_phone(phone: str) -> str:
    """Hide the middle digits of a phone number.

    Args:
        phone: The number in any form :func:`~plut_nb.rules.phone.normalize_phone`
            accepts.

    Returns:
        The E.164 form with ``+62``, the first 3 digits and the last 4 kept,
        e.g. ``"+62812****7890"`` for ``"0812-3456-7890"``. A number that does
        not validate keeps only its last 4 characters; non-text gives ``""``.
    """
    if not isinstance(phone, str):
        return ""
    try:
        e164 = normalize_phone(phone)
    except ValidationError:
        compact = "".join(phone.split())
        return _mask_middle(compact, 0, _KEEP_END)
    return _mask_middle(e164, len("+62") + 3, _KEEP_END)
