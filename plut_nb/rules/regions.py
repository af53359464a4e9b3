"""Kemendagri region codes as entered on forms (``PP``, ``PP.RR``, ``PP.RR.DD``,
``PP.RR.DD.VVVV``)."""

from __future__ import annotations

from plut_nb.i18n import t
from plut_nb.reference.regions import Region, get_region, normalize_region_code
from plut_nb.rules._common import fail, require_text, shown

__all__ = ["validate_region_code"]

_MAX_INPUT = 40


def _level_name(level: int) -> str:
    return t(f"region.level_name.{level}")


def validate_region_code(code: object, level: int | None = None, field: str = "region") -> Region:
    """Check a Kemendagri region code and return the region.

    The code is dotted (``"32.01.01.2001"``) or the same digits without dots
    (``"3201012001"``); the result carries the dotted form. Regency codes 01–69
    are kabupaten and 71–99 kota; a village code starting with 1 is a
    kelurahan, with 2 a desa (3: desa adat, only in Kabupaten Jayapura).

    Args:
        code: The code as typed.
        level: The level required: 1 province, 2 regency/city, 3 district,
            4 village; ``None`` accepts any level.
        field: Field name used in the error.

    Returns:
        The :class:`~plut_nb.reference.regions.Region`.

    Raises:
        ValidationError: Malformed, a regency number outside 01–69/71–99, a
            village number not starting with 1/2/3, the wrong level, or not in
            the table (Kepmendagri 300.2.2-2138/2025).
        ValueError: ``level`` is not 1–4 or ``None`` (a programming error).

    Example:
        >>> validate_region_code("1271").kind
        'kota'
    """
    if level is not None and level not in (1, 2, 3, 4):
        raise ValueError(f"region level must be 1-4 or None, not {level!r}")
    text = require_text(code, field)
    norm = normalize_region_code(text) if len(text) <= _MAX_INPUT else None
    if norm is None:
        raise fail(field, "region.format", code=shown(text))
    parts = norm.split(".")
    if len(parts) >= 2 and not (1 <= int(parts[1]) <= 69 or 71 <= int(parts[1]) <= 99):
        raise fail(field, "region.regency_range", code=norm, regency=parts[1])
    if len(parts) == 4 and parts[3][0] not in "123":
        raise fail(field, "region.village_kind", code=norm)
    if level is not None and len(parts) != level:
        raise fail(
            field,
            "region.level",
            code=norm,
            found=_level_name(len(parts)),
            wanted=_level_name(level),
        )
    region = get_region(norm)
    if region is None:
        raise fail(field, "region.unknown", code=norm)
    return region
