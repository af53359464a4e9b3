"""Message catalogues, one module per part of the package, merged here.

Every module in this package that defines ``MESSAGES`` is merged (in name
order); a key defined twice is an error, so two parts cannot silently disagree.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

__all__ = ["CATALOGUE"]


def _merge() -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice (in {info.name})")
            merged[key] = entry
    return merged


CATALOGUE: Mapping[str, Mapping[str, str]] = _merge()
