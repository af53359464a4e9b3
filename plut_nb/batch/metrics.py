"""Machine-readable metrics: how a notebook reports its figures to the batch.

The convention: a report notebook calls :func:`record_metrics` with a flat
mapping of names to numbers (or short texts). The batch runner tells it where
to write through the parameter ``metrics_path`` and the environment variable
``PLUT_METRICS_PATH`` (both point at ``runs/<id>/metrics.json``); outside a
batch nothing is written, so the same notebook runs interactively unchanged.
Several calls add to the same file (a later value of a name replaces the
earlier one).

After the runs, :func:`combine_metrics` puts every successful run's metrics
next to its parameters, one row per run, and :func:`write_metrics_tables`
writes that table as ``metrics.csv`` and ``metrics.xlsx``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported only when tables are built, not in every notebook
    import pandas as pd

__all__ = [
    "METRICS_ENV",
    "METRICS_FILE",
    "combine_metrics",
    "read_metrics",
    "record_metrics",
    "write_metrics_tables",
]

METRICS_ENV = "PLUT_METRICS_PATH"
METRICS_FILE = "metrics.json"

Scalar = str | int | float | bool | None


def _scalar(name: str, value: Any) -> Scalar:
    if hasattr(value, "item") and callable(value.item):  # numpy / pandas scalars
        value = value.item()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(
        f"metric {name!r}: {type(value).__name__} is not a number, text, true/false or None"
    )


def record_metrics(
    metrics: Mapping[str, Any], path: str | os.PathLike[str] | None = None
) -> Path | None:
    """Record a notebook's metrics for the batch (call it from the report notebook).

    Args:
        metrics: Flat mapping of metric name to a number, text, boolean or ``None``
            (numpy scalars and dates are converted; NaN and infinity become ``None``).
        path: Where to write; default the ``PLUT_METRICS_PATH`` environment variable.
            Pass the notebook's ``metrics_path`` parameter here.

    Returns:
        The file written, or ``None`` outside a batch (no path given or set).

    Raises:
        TypeError: A name is not text or a value is not a scalar.
    """
    target = path or os.environ.get(METRICS_ENV)
    if not target:
        return None
    for name in metrics:
        if not isinstance(name, str) or not name:
            raise TypeError(f"metric names must be non-empty text, got {name!r}")
    clean = {name: _scalar(name, value) for name, value in metrics.items()}
    file = Path(target)
    file.parent.mkdir(parents=True, exist_ok=True)
    merged = {**read_metrics(file), **clean}
    partial = file.with_name(file.name + ".partial")
    partial.write_text(json.dumps(merged, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, file)
    return file


def read_metrics(path: str | os.PathLike[str]) -> dict[str, Scalar]:
    """The metrics recorded in ``path`` (empty when the file does not exist)."""
    file = Path(path)
    if not file.is_file():
        return {}
    data = json.loads(file.read_text(encoding="utf-8"))
    return dict(data) if isinstance(data, dict) else {}


def combine_metrics(
    runs: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
) -> pd.DataFrame:
    """One table of runs: id, parameters, then metrics.

    Args:
        runs: ``(run_id, parameters, metrics)`` of each run to include, in order.

    Returns:
        A DataFrame with a ``run`` column, one column per parameter and one per
        metric (a metric named like a parameter gets the suffix ``" (metric)"``).
    """
    import pandas as pd

    rows = []
    param_names: dict[str, None] = {}
    metric_names: dict[str, None] = {}
    for run_id, parameters, metrics in runs:
        param_names.update(dict.fromkeys(parameters))
        metric_names.update(dict.fromkeys(metrics))
        rows.append((run_id, parameters, metrics))
    columns = ["run", *param_names]
    renamed = {m: (f"{m} (metric)" if m in param_names or m == "run" else m) for m in metric_names}
    columns += list(renamed.values())
    records = []
    for run_id, parameters, metrics in rows:
        record: dict[str, Any] = {"run": run_id}
        record.update({p: _cell(parameters.get(p)) for p in param_names})
        record.update({renamed[m]: metrics.get(m) for m in metric_names})
        records.append(record)
    return pd.DataFrame.from_records(records, columns=columns)


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def write_metrics_tables(
    table: pd.DataFrame, folder: Path, runs: pd.DataFrame | None = None
) -> tuple[Path, Path]:
    """Write ``metrics.csv`` and ``metrics.xlsx`` (sheet ``metrics``, plus ``runs`` if given).

    Args:
        table: The combined metrics (see :func:`combine_metrics`).
        folder: The batch folder.
        runs: An optional overview of every run (status, duration, error) for a second sheet.

    Returns:
        The CSV and Excel paths.
    """
    import pandas as pd

    csv_path, xlsx_path = Path(folder) / "metrics.csv", Path(folder) / "metrics.xlsx"
    table.to_csv(csv_path, index=False, encoding="utf-8")
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name="metrics", index=False)
        if runs is not None:
            runs.to_excel(writer, sheet_name="runs", index=False)
    return csv_path, xlsx_path
