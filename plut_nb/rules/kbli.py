"""KBLI 2020 business-field codes as entered on forms."""

from __future__ import annotations

from plut_nb.reference.kbli import KbliCode, get_kbli, section_of
from plut_nb.rules._common import fail, is_ascii_digits, require_text, shown

__all__ = ["validate_kbli"]

_MAX_INPUT = 20


def validate_kbli(code: object, level: int | None = 5, field: str = "kbli") -> KbliCode:
    """Check a KBLI 2020 code and return its entry.

    Spaces and dots are ignored (``"47.111"`` → ``"47111"``). Level 1 accepts a
    section letter ``A``–``U`` (either case); levels 2–5 need exactly that many
    ASCII digits, leading zeros included (``"01111"``).

    Args:
        code: The code as typed.
        level: The level required, 1 (section) to 5 (sub-class, as used by
            OSS); ``None`` accepts any level.
        field: Field name used in the error.

    Returns:
        The :class:`~plut_nb.reference.kbli.KbliCode`.

    Raises:
        ValidationError: Malformed, the wrong length for ``level``, or not in
            KBLI 2020; the message quotes the code.
        ValueError: ``level`` is not 1–5 or ``None`` (a programming error).

    Example:
        >>> validate_kbli("47111").section
        'G'
    """
    if level is not None and level not in (1, 2, 3, 4, 5):
        raise ValueError(f"KBLI level must be 1-5 or None, not {level!r}")
    text = require_text(code, field)
    if len(text) > _MAX_INPUT:
        raise fail(field, "kbli.format", code=shown(text))
    cleaned = "".join(text.split()).replace(".", "")
    if len(cleaned) == 1 and cleaned.isascii() and cleaned.isalpha():
        cleaned = cleaned.upper()
        if level not in (None, 1):
            raise fail(field, "kbli.length", code=cleaned, level=level, digits=level)
        if section_of(cleaned) is None:
            raise fail(field, "kbli.section", code=cleaned)
    elif not is_ascii_digits(cleaned) or not 2 <= len(cleaned) <= 5:
        raise fail(field, "kbli.format", code=shown(text))
    elif level == 1:
        raise fail(field, "kbli.section", code=cleaned)
    elif level is not None and len(cleaned) != level:
        raise fail(field, "kbli.length", code=cleaned, level=level, digits=level)
    entry = get_kbli(cleaned)
    if entry is None:
        raise fail(field, "kbli.unknown", code=cleaned)
    return entry
