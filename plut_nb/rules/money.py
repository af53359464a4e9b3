"""Rupiah amounts as staff and spreadsheets write them.

One parser for every place an amount is typed or imported — intake, case
snapshots, event sales, imports, size class — so ``Rp1.500.000``,
``1.500.000``, ``1500000``, ``1,5 jt``, ``2 miliar`` and ``1,5 M`` (miliar)
mean the same everywhere. Reading the words and separators is left to
``lokal.rupiah.parse_rupiah``; this module adds what a register needs: whole
Rupiah only (no sen), never negative, a sane upper bound, and a message naming
the field.
"""

from __future__ import annotations

import re

from plut_nb.rules._common import fail, shown

__all__ = ["MAX_RUPIAH", "parse_rupiah_amount"]

#: Largest amount accepted (Rp1,000 triliun): beyond any UMKM's capital or sales,
#: and far inside a 64-bit integer column.
MAX_RUPIAH = 10**15
_MAX_TEXT = 40  # longer text is not an amount (and lokal's arithmetic overflows on it)
# Thousands grouped with dots: "1.500.000" — a misplaced dot ("1.50.000") is a typo, not 150000.
_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+){2,}", re.ASCII)
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+", re.ASCII)
# Digits alone or grouped by dots, optionally after "Rp": read directly (the common case in
# imported spreadsheets, ~40x faster than the word parser; same result, see tests).
_PLAIN = re.compile(r"(?:rp\.?\s*)?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)", re.ASCII | re.IGNORECASE)


def parse_rupiah_amount(value: object, field: str) -> int | None:
    """Whole, non-negative Rupiah from an ``int`` or from text as people write it.

    Args:
        value: An ``int``, or text such as ``"Rp1.500.000"`` or ``"1,5 jt"``;
            ``None`` and blank text mean "not given".
        field: The field, for the error message.

    Returns:
        The amount, or ``None`` when not given.

    Raises:
        ValidationError: Not an amount (``money.not_amount``), with sen
            (``money.not_whole``), negative (``size.negative``) or above
            :data:`MAX_RUPIAH` (``money.too_large``).
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return _checked(value, field, shown(f"{value:,}".replace(",", ".")))
    if not isinstance(value, str):
        raise fail(field, "money.not_amount", value=shown(repr(value)))
    text = value.strip()
    if not text:
        return None
    if text.startswith("-"):  # lokal reads "-5" as 5
        raise fail(field, "size.negative", value=shown(text))
    if any(not _GROUPED.fullmatch(run) for run in _DOTTED.findall(text)):
        raise fail(field, "money.not_amount", value=shown(text))
    plain = _PLAIN.fullmatch(text)
    if plain is not None and len(digits := plain[1].replace(".", "")) <= 16:
        return _checked(int(digits), field, shown(text))
    from lokal.rupiah import parse_rupiah  # on first use: importing lokal costs ~0.1 s

    try:
        parsed = parse_rupiah(text) if len(text) <= _MAX_TEXT else None
    except ArithmeticError:
        parsed = None
    if parsed is None:
        raise fail(field, "money.not_amount", value=shown(text))
    amount = parsed.amount
    if isinstance(amount, float) and not amount.is_integer():
        raise fail(field, "money.not_whole", value=shown(text))
    return _checked(int(amount), field, shown(text))


def _checked(amount: int, field: str, as_typed: str) -> int:
    if amount < 0:
        raise fail(field, "size.negative", value=as_typed)
    if amount > MAX_RUPIAH:
        raise fail(field, "money.too_large", value=as_typed)
    return amount
