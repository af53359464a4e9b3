"""Running a batch: snapshot, runs in fresh kernels, manifest, index page, metrics tables.

A batch folder holds::

    definition.yaml          the definition the batch was run with
    snapshot.sqlite/.json    the data every run read, and where it came from
    manifest.json            every run: parameters, status, start, duration, error,
                             peak memory and CPU time (the run and its kernel)
    index.html               one line per run, linking its report
    metrics.csv, .xlsx       every successful run's parameters and metrics
    runs/<id>/report.ipynb   the executed notebook
    runs/<id>/report.html    the report without code
    runs/<id>/metrics.json   the metrics the notebook recorded
    runs/<id>/papermill.log  what papermill printed

The runs go to an executor (a local process pool, or a Dask cluster), each one
executed by :func:`plut_nb.batch.execute.execute_run`. A failing or timed-out
run is marked and the others go on. The manifest is rewritten after every run,
so an interrupted batch can be resumed: ``resume=True`` keeps the ``ok`` runs
whose notebook exists and runs everything else again on the same snapshot.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from plut_nb.batch.definition import BatchDefinition, BatchError, RunSpec
from plut_nb.batch.execute import REPORT_HTML, REPORT_NOTEBOOK, RunJob, RunOutcome, execute_run
from plut_nb.batch.metrics import METRICS_FILE
from plut_nb.batch.snapshot import (
    SNAPSHOT_FILE,
    SnapshotInfo,
    load_snapshot_info,
    snapshot_url,
    take_snapshot,
)
from plut_nb.i18n import t

__all__ = ["MANIFEST", "STATUSES", "BatchResult", "RunRecord", "read_batch", "run_batch"]

MANIFEST = "manifest.json"
STATUSES = ("ok", "failed", "timeout", "pending")


@dataclass(frozen=True)
class RunRecord:
    """One run as the manifest records it (paths relative to the batch folder)."""

    id: str
    parameters: dict[str, Any]
    status: str = "pending"
    started: str | None = None
    duration_s: float | None = None
    cell_index: int | None = None
    error_name: str | None = None
    error_message: str | None = None
    peak_rss_mb: float | None = None
    cpu_s: float | None = None
    notebook: str = ""
    report: str = ""
    metrics: str = ""

    @classmethod
    def pending(cls, spec: RunSpec) -> RunRecord:
        """A run not executed yet."""
        base = f"runs/{spec.run_id}"
        return cls(
            id=spec.run_id,
            parameters=spec.parameters,
            notebook=f"{base}/{REPORT_NOTEBOOK}",
            report=f"{base}/{REPORT_HTML}",
            metrics=f"{base}/{METRICS_FILE}",
        )


@dataclass(frozen=True)
class BatchResult:
    """A batch folder and the state of its runs (as in its manifest)."""

    folder: Path
    runs: list[RunRecord]
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Runs per status (``ok``, ``failed``, ``timeout``, ``pending``)."""
        return {s: sum(r.status == s for r in self.runs) for s in STATUSES}

    @property
    def succeeded(self) -> bool:
        """True when every run ended ``ok``."""
        return all(r.status == "ok" for r in self.runs)

    def raise_for_failures(self) -> None:
        """Raise :class:`plut_nb.errors.BatchRunFailed` for the first run that is not ``ok``."""
        from plut_nb.errors import BatchRunFailed

        for r in self.runs:
            if r.status != "ok":
                name = r.error_name or r.status
                raise BatchRunFailed(r.id, r.cell_index, name, r.error_message or "")


# --- the batch --------------------------------------------------------------------------


def run_batch(
    definition: BatchDefinition,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    resume: bool = False,
    timeout: float | None = None,
    output: str | Path | None = None,
    source: Engine | None = None,
    progress: bool = False,
) -> BatchResult:
    """Run every run of ``definition`` (or, resuming, every run not yet ``ok``).

    Args:
        definition: The validated batch definition.
        workers: Runs at once on this machine (``local`` executor).
        scheduler: Address of a Dask scheduler; when given, runs go to that cluster.
        resume: Continue the batch in the output folder: reuse its snapshot, keep
            its ``ok`` runs, run the missing, failed and timed-out ones (a folder
            without a batch yet is simply started).
        timeout: Seconds per run (wall clock); default the definition's ``timeout``.
        output: The batch folder; default the definition's ``output``.
        source: The database to snapshot; default the configured one.
        progress: Show a progress bar (runs done, failed, time left) on stderr.

    Returns:
        The batch folder and the final state of every run.

    Raises:
        BatchError: The folder already holds a batch (and ``resume`` is false),
            resuming finds finished runs but no snapshot, or the executor cannot start.
        SchemaOutOfDate: The database needs ``plut db upgrade``.
    """
    from plut_nb.batch.executors import get_executor
    from plut_nb.batch.outputs import write_outputs

    folder = Path(output).expanduser().resolve() if output else definition.output_folder()
    previous = _load_manifest(folder) if resume else None
    if not resume and (folder / MANIFEST).exists():
        raise BatchError(t("batch.exists", folder=folder))
    # connect first: a wrong scheduler address should fail before the snapshot is taken
    with get_executor(
        "dask" if scheduler else "local", workers=workers, scheduler=scheduler
    ) as executor:
        snapshot = _ensure_snapshot(folder, previous, resume, source)
        (folder / "definition.yaml").write_bytes(definition.path.read_bytes())
        done = {r.id: r for r in (previous.runs if previous else []) if _is_done(r, folder)}
        records = {
            s.run_id: done.get(s.run_id) or RunRecord.pending(s) for s in definition.expand()
        }
        limit = float(timeout or definition.timeout)
        jobs = [
            RunJob(
                run_id=r.id,
                notebook=str(definition.notebook_path),
                run_dir=str(folder / "runs" / r.id),
                parameters=r.parameters,
                timeout=limit,
                snapshot_path=str(folder / SNAPSHOT_FILE),
            )
            for r in records.values()
            if r.id not in done
        ]
        header = {
            "format": 1,
            "title": definition.title or folder.name,
            "definition": "definition.yaml",
            "definition_source": str(definition.path),
            "notebook": str(definition.notebook_path),
            "created": (previous.manifest.get("created") if previous else None) or _now(),
            "timeout_s": limit,
            "executor": executor.description,
            "snapshot": {**asdict(snapshot), "url": snapshot_url(folder)},
        }
        _write_manifest(folder, header, list(records.values()))
        with _progress_bar(len(records), len(done), progress) as advance:
            for job, result in executor.map_unordered(execute_run, jobs):
                outcome = result if isinstance(result, RunOutcome) else _lost(job, result)
                records[job.run_id] = replace(records[job.run_id], **_outcome_fields(outcome))
                _write_manifest(folder, header, list(records.values()))
                advance(outcome.status != "ok")
    result_ = BatchResult(folder, list(records.values()), _load_json(folder / MANIFEST))
    write_outputs(result_)
    return result_


def _ensure_snapshot(
    folder: Path, previous: BatchResult | None, resume: bool, source: Engine | None
) -> SnapshotInfo:
    """The batch's snapshot: the existing one when resuming, else a new one."""
    snapshot = load_snapshot_info(folder) if resume else None
    if snapshot is not None:
        return snapshot
    if previous is not None and any(r.status == "ok" for r in previous.runs):
        raise BatchError(t("batch.no_snapshot", folder=folder))  # kept runs saw other data
    from plut_nb.db import default_engine

    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return take_snapshot(source or default_engine(), folder)
    except BaseException:
        if created:
            with suppress(OSError):
                folder.rmdir()  # only if still empty: nothing of value is lost
        raise


def read_batch(folder: str | Path) -> BatchResult:
    """The batch in ``folder`` as its manifest records it.

    Raises:
        BatchError: ``folder`` holds no ``manifest.json``.
    """
    result = _load_manifest(Path(folder).expanduser().resolve())
    if result is None:
        raise BatchError(t("batch.no_manifest", folder=folder))
    return result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _is_done(record: RunRecord, folder: Path) -> bool:
    return record.status == "ok" and (folder / record.notebook).is_file()


def _outcome_fields(outcome: RunOutcome) -> dict[str, Any]:
    fields = asdict(outcome)
    fields.pop("run_id")
    return fields


def _lost(job: RunJob, exc: BaseException) -> RunOutcome:
    """The outcome of a run whose worker raised or died (the executor handed back ``exc``)."""
    return RunOutcome(
        job.run_id, "failed", _now(), 0.0, None, type(exc).__name__, str(exc) or repr(exc)
    )


def _load_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _load_manifest(folder: Path) -> BatchResult | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    manifest = _load_json(path)
    runs = [RunRecord(**r) for r in manifest.get("runs", [])]
    return BatchResult(folder, runs, manifest)


def _write_manifest(folder: Path, header: dict[str, Any], runs: list[RunRecord]) -> None:
    counts = {s: sum(r.status == s for r in runs) for s in STATUSES}
    manifest = {
        **header,
        "updated": _now(),
        "summary": {"total": len(runs), **counts},
        "runs": [asdict(r) for r in runs],
    }
    partial = folder / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, folder / MANIFEST)


@contextmanager
def _progress_bar(total: int, done: int, enabled: bool) -> Iterator[Callable[[bool], None]]:
    """Yield ``advance(failed: bool)``; shows runs done, failed and time left when enabled."""
    if not enabled:
        yield lambda failed: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(t("batch.progress.failed", n="{task.fields[failed]}")),
        TimeElapsedColumn(),
        TextColumn(t("batch.progress.left")),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(t("batch.progress.runs"), total=total, completed=done, failed=0)
        failed = 0

        def advance(run_failed: bool) -> None:
            nonlocal failed
            failed += run_failed
            bar.update(task, advance=1, failed=failed)

        yield advance
