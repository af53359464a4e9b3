"""Enterprise size class (mikro, kecil, menengah, besar) under dated rule sets.

PP 7/2021 art. 35 applies from 2 February 2021; UU 20/2008 art. 6 before it.
The criterion is business capital excluding land and buildings, at founding or
registration, when it is known; otherwise annual sales. Limits are inclusive
upper bounds in whole Rupiah: Rp1,000,000,000 of capital is still mikro under
PP 7/2021, Rp1,000,000,001 is kecil.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from plut_nb.clock import today
from plut_nb.errors import ValidationError
from plut_nb.rules._common import fail, field_error
from plut_nb.rules.money import parse_rupiah_amount

__all__ = [
    "SIZE_RULE_SETS",
    "SizeClass",
    "SizeRuleSet",
    "classify_by_capital",
    "classify_by_sales",
    "rule_set_on",
    "size_class",
]

_JUTA = 1_000_000
_MILIAR = 1_000_000_000


class SizeClass(StrEnum):
    """Size classes of UU 20/2008 and PP 7/2021."""

    MIKRO = "mikro"
    KECIL = "kecil"
    MENENGAH = "menengah"
    BESAR = "besar"


@dataclass(frozen=True)
class SizeRuleSet:
    """One regulation's thresholds.

    Attributes:
        name: The regulation, e.g. ``"PP 7/2021 Pasal 35"``.
        valid_from: First day the thresholds apply.
        capital_limits: Inclusive upper limits of capital (excluding land and
            buildings) for mikro, kecil and menengah; above the last is besar.
        sales_limits: Inclusive upper limits of annual sales, same order.
    """

    name: str
    valid_from: date
    capital_limits: tuple[int, int, int]
    sales_limits: tuple[int, int, int]


SIZE_RULE_SETS: tuple[SizeRuleSet, ...] = (
    SizeRuleSet(
        name="UU 20/2008 Pasal 6",
        valid_from=date(2008, 7, 4),
        capital_limits=(50 * _JUTA, 500 * _JUTA, 10 * _MILIAR),
        sales_limits=(300 * _JUTA, 2_500 * _JUTA, 50 * _MILIAR),
    ),
    SizeRuleSet(
        name="PP 7/2021 Pasal 35",
        valid_from=date(2021, 2, 2),
        capital_limits=(1 * _MILIAR, 5 * _MILIAR, 10 * _MILIAR),
        sales_limits=(2 * _MILIAR, 15 * _MILIAR, 50 * _MILIAR),
    ),
)
"""The rule sets, oldest first."""

_CLASSES = (SizeClass.MIKRO, SizeClass.KECIL, SizeClass.MENENGAH)


def rule_set_on(on: date | None = None) -> SizeRuleSet:
    """The rule set in force on a date.

    Args:
        on: The reference date (founding, registration or the sales year's
            end); default today. Dates before the oldest rule set use it.

    Returns:
        The latest :class:`SizeRuleSet` with ``valid_from <= on``.
    """
    when = on or today()
    chosen = SIZE_RULE_SETS[0]
    for rules in SIZE_RULE_SETS:
        if rules.valid_from <= when:
            chosen = rules
    return chosen


def _amount(value: object, field: str) -> int:
    """A required, non-negative whole Rupiah amount (see :mod:`plut_nb.rules.money`)."""
    amount = parse_rupiah_amount(value, field)
    if amount is None:
        raise fail(field, "required")
    return amount


def _classify(amount: int, limits: tuple[int, int, int]) -> SizeClass:
    for cls, upper in zip(_CLASSES, limits, strict=True):
        if amount <= upper:
            return cls
    return SizeClass.BESAR


def classify_by_capital(
    amount: int | str, on: date | None = None, field: str = "capital"
) -> SizeClass:
    """Size class from business capital, excluding land and buildings.

    Args:
        amount: Whole Rupiah, an ``int`` or text such as ``"1.000.000.000"``.
        on: Date of founding or registration (picks the rule set); default today.
        field: Field name used in the error.

    Returns:
        The :class:`SizeClass`.

    Raises:
        ValidationError: Missing, negative or not a whole number.

    Example:
        >>> classify_by_capital(1_000_000_001, date(2024, 1, 1))
        <SizeClass.KECIL: 'kecil'>
    """
    return _classify(_amount(amount, field), rule_set_on(on).capital_limits)


def classify_by_sales(amount: int | str, on: date | None = None, field: str = "sales") -> SizeClass:
    """Size class from annual sales (omzet).

    Args:
        amount: Whole Rupiah per year, an ``int`` or text such as ``"Rp2.000.000.000"``.
        on: A date in the sales year (picks the rule set); default today.
        field: Field name used in the error.

    Returns:
        The :class:`SizeClass`.

    Raises:
        ValidationError: Missing, negative or not a whole number.
    """
    return _classify(_amount(amount, field), rule_set_on(on).sales_limits)


def size_class(
    capital: int | str | None = None,
    sales: int | str | None = None,
    on: date | None = None,
) -> SizeClass:
    """Size class by PP 7/2021 (or UU 20/2008 before 2 February 2021).

    Capital decides when it is given; otherwise annual sales.

    Args:
        capital: Capital excluding land and buildings, whole Rupiah.
        sales: Annual sales, whole Rupiah.
        on: Reference date choosing the rule set; default today.

    Returns:
        The :class:`SizeClass`.

    Raises:
        ValidationError: Both amounts missing (one entry per field), or the
            amount used is negative or not a whole number.

    Example:
        >>> size_class(sales=15_000_000_001, on=date(2024, 1, 1))
        <SizeClass.MENENGAH: 'menengah'>
    """
    if capital is not None:
        return classify_by_capital(capital, on)
    if sales is not None:
        return classify_by_sales(sales, on)
    raise ValidationError(
        [field_error("capital", "size.missing"), field_error("sales", "size.missing")]
    )
