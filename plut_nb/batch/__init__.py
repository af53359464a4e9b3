"""Evaluation batches: one papermill run per parameter set, on one data snapshot.

``plut batch run parameters/<name>.yaml`` reads a definition
(:mod:`~plut_nb.batch.definition`), snapshots the database
(:mod:`~plut_nb.batch.snapshot`), executes every run in a fresh kernel on a
local process pool or a Dask cluster (:mod:`~plut_nb.batch.executors`,
:mod:`~plut_nb.batch.execute`) and writes the manifest, reports, index page and
combined metrics (:mod:`~plut_nb.batch.runner`, :mod:`~plut_nb.batch.outputs`).
Report notebooks hand their figures to the batch with :func:`record_metrics`.

The names below are imported on first use, so a report notebook importing
:mod:`plut_nb.batch.metrics` (and a batch worker importing
:mod:`plut_nb.batch.execute`) does not load pydantic, YAML and SQLAlchemy for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plut_nb.batch.definition import (
        BatchDefinition,
        BatchError,
        DefinitionError,
        load_definition,
    )
    from plut_nb.batch.metrics import record_metrics
    from plut_nb.batch.runner import BatchResult, read_batch, run_batch

__all__ = [
    "BatchDefinition",
    "BatchError",
    "BatchResult",
    "DefinitionError",
    "load_definition",
    "read_batch",
    "record_metrics",
    "run_batch",
]

_HOMES = {
    "BatchDefinition": "definition",
    "BatchError": "definition",
    "DefinitionError": "definition",
    "load_definition": "definition",
    "record_metrics": "metrics",
    "BatchResult": "runner",
    "read_batch": "runner",
    "run_batch": "runner",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
