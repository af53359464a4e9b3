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
# A number with a decimal comma and a unit word, "1,5 jt", "Rp2 miliar", "750rb": read directly
# as well (lokal reads the comma as a decimal mark before a unit and "m" as miliar); other
# forms (words, dots, "t", "2jtan") go to lokal. Same result as lokal, see tests.
_UNIT = re.compile(
    r"(?:rp\.? *)?([0-9]{1,6})(?:,([0-9]{1,3}))? *(rb|ribu|jt|juta|m|miliar|milyar)",
    re.ASCII | re.IGNORECASE,
)
_SCALE = {"rb": 10**3, "ribu": 10**3, "jt": 10**6, "juta": 10**6}
_DIRECT_MAX = 10**12  # below this lokal's float arithmetic is exact for these forms


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
        if 0 <= value <= MAX_RUPIAH:
            return value
        return _checked(value, field, f"{value:,}".replace(",", "."))
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
        return _checked(int(digits), field, text)
    unit = _UNIT.fullmatch(text)
    if unit is not None and (direct := _with_unit(unit)) is not None:
        return _checked(direct, field, text)
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
    return _checked(int(amount), field, text)


def _checked(amount: int, field: str, as_typed: str) -> int:
    if amount < 0:
        raise fail(field, "size.negative", value=shown(as_typed))
    if amount > MAX_RUPIAH:
        raise fail(field, "money.too_large", value=shown(as_typed))
    return amount


def _with_unit(m: re.Match[str]) -> int | None:
    """The amount of "<digits>[,<decimals>] <unit>", or ``None`` to leave it to lokal.

    Zero is left to lokal (it reads "0 jt" as one juta, and this must read the
    same), as are amounts from 10^12 on (where its floats could round).
    """
    whole, decimals, word = m[1], m[2] or "", m[3].lower()
    scale = _SCALE.get(word, 10**9)
    amount = int(whole + decimals) * scale // 10 ** len(decimals)
    return amount if 0 < amount < _DIRECT_MAX else None
