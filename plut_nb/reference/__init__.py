"""Versioned reference tables: Kemendagri region codes and KBLI 2020."""

from plut_nb.reference.kbli import KBLI_VERSION, KbliCode, get_kbli, kbli_codes
from plut_nb.reference.regions import (
    REGION_TABLE_VERSION,
    Region,
    children,
    get_region,
    region_level,
    search_regions,
)

__all__ = [
    "KBLI_VERSION",
    "REGION_TABLE_VERSION",
    "KbliCode",
    "Region",
    "children",
    "get_kbli",
    "get_region",
    "kbli_codes",
    "region_level",
    "search_regions",
]
