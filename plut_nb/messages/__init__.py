"""Message catalogues, one module per part of the package, merged here."""

from __future__ import annotations

from collections.abc import Mapping

from plut_nb.messages import core, rules, services

__all__ = ["CATALOGUE"]

CATALOGUE: Mapping[str, Mapping[str, str]] = {
    **core.MESSAGES,
    **rules.MESSAGES,
    **services.MESSAGES,
}
