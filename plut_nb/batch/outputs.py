"""What a batch leaves for its readers: ``index.html`` and the combined metrics tables.

``index.html`` lists every run with its status, duration and error, linking its
HTML report; parameters shared by all runs are shown once above the table.
``metrics.csv`` and ``metrics.xlsx`` hold one row per successful run (its id,
parameters and metrics); the workbook's second sheet, ``runs``, lists every run
with its status. Everything shown comes from the manifest and is HTML-escaped.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from plut_nb.batch.metrics import combine_metrics, read_metrics, write_metrics_tables
from plut_nb.batch.runner import BatchResult, RunRecord
from plut_nb.i18n import current_lang, t

__all__ = ["INDEX", "write_index", "write_metrics", "write_outputs"]

INDEX = "index.html"

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9e2ec;
padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f0f4f8}
.ok{color:#1b7a3d}.failed,.timeout{color:#b42318;font-weight:600}.pending{color:#7b8794}
.err{font-family:monospace;font-size:.85em;white-space:pre-wrap}dl{display:grid;
grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
"""


def write_outputs(result: BatchResult) -> None:
    """Write ``index.html``, ``metrics.csv`` and ``metrics.xlsx`` into the batch folder."""
    write_index(result)
    write_metrics(result)


def _value(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _split_parameters(runs: list[RunRecord]) -> tuple[dict[str, Any], list[str]]:
    """Parameters equal in every run (shown once) and the names that vary (one column each)."""
    names: dict[str, None] = {}
    for r in runs:
        names.update(dict.fromkeys(r.parameters))
    common: dict[str, Any] = {}
    varying = []
    for name in names:
        values = {_value(r.parameters.get(name)) for r in runs}
        if len(values) == 1 and all(name in r.parameters for r in runs) and len(runs) > 1:
            common[name] = runs[0].parameters[name]
        else:
            varying.append(name)
    return common, varying


def write_index(result: BatchResult) -> Path:
    """Write ``index.html``: every run with status, linking its report.

    Returns:
        The path written.
    """
    m = result.manifest
    snap = m.get("snapshot", {})
    title = str(m.get("title") or result.folder.name)
    common, varying = _split_parameters(result.runs)
    counts = result.counts
    summary = ", ".join(f"{t(f'batch.status.{s}')}: {n}" for s, n in counts.items() if n)
    facts = [
        (t("batch.index.snapshot"), f"{snap.get('taken_at', '?')} · {snap.get('source', '?')}"),
        (t("batch.index.schema"), snap.get("schema_revision") or "?"),
        (t("batch.index.notebook"), Path(str(m.get("notebook", "?"))).name),
        (t("batch.index.runs"), f"{len(result.runs)} ({summary})"),
        *((name, _value(value)) for name, value in common.items()),
    ]
    head = ["#", t("batch.index.run"), *varying]
    head += [t("batch.index.status"), t("batch.index.duration"), t("batch.index.error")]
    rows = []
    for i, r in enumerate(result.runs, 1):
        name = escape(r.id)
        if (result.folder / r.report).is_file():
            name = f'<a href="{escape(quote(r.report))}">{name}</a>'
        error = ""
        if r.status in ("failed", "timeout"):
            cell = t("batch.index.cell", cell=r.cell_index) if r.cell_index is not None else ""
            error = f"{cell} {r.error_name or ''}: {r.error_message or ''}".strip()
        duration = f"{r.duration_s:.1f} s" if r.duration_s is not None else ""
        cells = [str(i), name, *(escape(_value(r.parameters.get(v))) for v in varying)]
        cells += [
            f'<span class="{escape(r.status)}">{escape(t(f"batch.status.{r.status}"))}</span>',
            escape(duration),
            f'<span class="err">{escape(error)}</span>',
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    html = (
        f'<!DOCTYPE html>\n<html lang="{escape(current_lang())}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><dl>"
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in facts)
        + "</dl><table><thead><tr>"
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "\n".join(rows)
        + "</tbody></table></body></html>\n"
    )
    path = result.folder / INDEX
    path.write_text(html, encoding="utf-8")
    return path


def write_metrics(result: BatchResult) -> tuple[Path, Path]:
    """Write ``metrics.csv`` and ``metrics.xlsx`` from the successful runs' metrics files.

    Returns:
        The CSV and Excel paths.
    """
    import pandas as pd

    ok = [
        (r.id, r.parameters, read_metrics(result.folder / r.metrics))
        for r in result.runs
        if r.status == "ok"
    ]
    overview = pd.DataFrame.from_records(
        [
            {
                "run": r.id,
                "status": r.status,
                "started": r.started,
                "duration_s": r.duration_s,
                "peak_rss_mb": r.peak_rss_mb,
                "cpu_s": r.cpu_s,
                "cell_index": r.cell_index,
                "error_name": r.error_name,
                "error_message": r.error_message,
                **{k: _value(v) for k, v in r.parameters.items()},
            }
            for r in result.runs
        ]
    )
    return write_metrics_tables(combine_metrics(ok), result.folder, runs=overview)
