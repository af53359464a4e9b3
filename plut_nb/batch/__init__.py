"""Evaluation batches: one papermill run per parameter set, on one data snapshot.

``plut batch run parameters/<name>.yaml`` reads a definition
(:mod:`~plut_nb.batch.definition`), snapshots the database
(:mod:`~plut_nb.batch.snapshot`), executes every run in a fresh kernel on a
local process pool or a Dask cluster (:mod:`~plut_nb.batch.executors`,
:mod:`~plut_nb.batch.execute`) and writes the manifest, reports, index page and
combined metrics (:mod:`~plut_nb.batch.runner`, :mod:`~plut_nb.batch.outputs`).
Report notebooks hand their figures to the batch with :func:`record_metrics`.
"""

from plut_nb.batch.definition import BatchDefinition, BatchError, DefinitionError, load_definition
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
