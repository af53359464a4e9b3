"""Research on de-identified extracts: the extract itself, impact, commodities, outreach.

- :mod:`~plut_nb.research.extract` writes the extract (``plut export research OUT``),
  :mod:`~plut_nb.research.dataset` reads it back.
- :mod:`~plut_nb.research.impact` (with :mod:`~plut_nb.research.panel` and
  :mod:`~plut_nb.research.did`): staggered difference-in-differences of assistance.
- :mod:`~plut_nb.research.commodities`: location quotients and shift-share by region × KBLI.
- :mod:`~plut_nb.research.outreach`: channels, and who is served against the population.

Names are loaded on first use, so ``import plut_nb.research.cli`` (the CLI) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "ResearchExtract",
    "analyse_impact",
    "channel_profile",
    "commodity_table",
    "export_research_extract",
    "load_extract",
    "served_vs_population",
]

_WHERE = {
    "ResearchExtract": "dataset",
    "load_extract": "dataset",
    "export_research_extract": "extract",
    "analyse_impact": "impact",
    "commodity_table": "commodities",
    "channel_profile": "outreach",
    "served_vs_population": "outreach",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
