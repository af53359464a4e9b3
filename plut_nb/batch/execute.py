"""Executing one run: papermill in its own process under a wall-clock limit, then HTML.

:func:`execute_run` is what every executor calls in its workers (a process of
the local pool or a Dask worker). It starts a child Python process that runs
papermill — a fresh ``python3`` kernel, working directory the notebook's folder,
``PLUT_DB_URL`` pointing at the batch's snapshot, ``PLUT_METRICS_PATH`` and the
parameters ``metrics_path`` and ``snapshot_path`` set — and kills that process
group when the run exceeds its timeout (wall clock, kernel start included; the
orphaned kernel notices its parent is gone and exits). papermill's own
``execution_timeout`` is per cell, so it cannot bound a run.

A run ends ``ok``, ``failed`` — with papermill's cell index in ``report.ipynb``
(counting the injected-parameters cell), error name and message — or
``timeout``, with the index of the cell that was running. Whatever notebook was
written is then rendered as ``report.html`` without code cells or prompts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["REPORT_HTML", "REPORT_NOTEBOOK", "RUN_LOG", "RunJob", "RunOutcome", "execute_run"]

REPORT_NOTEBOOK, REPORT_HTML, RUN_LOG = "report.ipynb", "report.html", "papermill.log"
_OUTCOME = ".outcome.json"

# This module is also the child's script (run by path, so the child imports papermill and
# nothing of plut_nb): keep its top-level imports to the standard library.


@dataclass(frozen=True)
class RunJob:
    """Everything a worker needs to execute one run (picklable, plain values)."""

    run_id: str
    notebook: str
    run_dir: str
    parameters: dict[str, Any]
    timeout: float
    snapshot_path: str


@dataclass(frozen=True)
class RunOutcome:
    """How one execution ended."""

    run_id: str
    status: str
    started: str
    duration_s: float
    cell_index: int | None = None
    error_name: str | None = None
    error_message: str | None = None


def execute_run(job: RunJob) -> RunOutcome:
    """Execute one run: papermill in a child process under a wall-clock limit, then HTML.

    Never raises for a failing notebook: the outcome says how the run ended.

    Args:
        job: The run to execute.

    Returns:
        Its outcome (``ok``, ``failed`` or ``timeout``).
    """
    from plut_nb.batch.metrics import METRICS_ENV, METRICS_FILE
    from plut_nb.i18n import t

    run_dir = Path(job.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    for stale in (REPORT_NOTEBOOK, REPORT_HTML, METRICS_FILE, _OUTCOME):
        (run_dir / stale).unlink(missing_ok=True)
    metrics_path = str(run_dir / METRICS_FILE)
    env = {
        **os.environ,
        "PLUT_DB_URL": f"sqlite:///{job.snapshot_path}",
        METRICS_ENV: metrics_path,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    spec = {
        "notebook": job.notebook,
        "output": str(run_dir / REPORT_NOTEBOOK),
        "outcome": str(run_dir / _OUTCOME),
        "parameters": {
            **job.parameters,
            "metrics_path": metrics_path,
            "snapshot_path": job.snapshot_path,
        },
        "cwd": str(Path(job.notebook).parent),
    }
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.monotonic()
    with open(run_dir / RUN_LOG, "wb") as log:
        child = subprocess.Popen(
            [sys.executable, "-P", __file__],  # -P: this folder stays off sys.path
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group, killed as one
        )
        try:
            assert child.stdin is not None
            child.stdin.write(json.dumps(spec).encode())
            child.stdin.close()
            child.wait(timeout=job.timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            _kill(child)
            timed_out = True
        except BaseException:
            _kill(child)
            raise
    duration = round(time.monotonic() - t0, 2)
    outcome = RunOutcome(job.run_id, "ok", started, duration)
    if timed_out:
        message = t("batch.run.timeout", seconds=f"{job.timeout:g}")
        outcome = replace(
            outcome,
            status="timeout",
            cell_index=_running_cell(run_dir / REPORT_NOTEBOOK),
            error_name="Timeout",
            error_message=message,
        )
    else:
        outcome = _read_outcome(outcome, run_dir, child.returncode)
    if (run_dir / REPORT_NOTEBOOK).is_file():
        try:
            _export_html(run_dir / REPORT_NOTEBOOK, run_dir / REPORT_HTML, job.run_id)
        except Exception as exc:  # a report that cannot be rendered fails the run
            if outcome.status == "ok":
                outcome = replace(
                    outcome, status="failed", error_name=type(exc).__name__, error_message=str(exc)
                )
    return outcome


def _kill(child: subprocess.Popen[bytes]) -> None:
    """Kill the papermill process group (the orphaned kernel then exits on its own)."""
    with suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(child.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            child.kill()
    child.wait()


def _read_outcome(outcome: RunOutcome, run_dir: Path, returncode: int | None) -> RunOutcome:
    from plut_nb.i18n import t

    try:
        data = json.loads((run_dir / _OUTCOME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log = (run_dir / RUN_LOG).read_text(encoding="utf-8", errors="replace").strip()
        tail = log.splitlines()[-1] if log else ""
        message = t("batch.run.crashed", code=returncode, tail=tail)
        return replace(outcome, status="failed", error_name="RunnerCrashed", error_message=message)
    (run_dir / _OUTCOME).unlink(missing_ok=True)
    return replace(
        outcome,
        status=data["status"],
        cell_index=data.get("cell_index"),
        error_name=data.get("error_name"),
        error_message=data.get("error_message"),
    )


def _running_cell(notebook: Path) -> int | None:
    """Index of the cell papermill marked ``running`` in a partly saved notebook."""
    import nbformat

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # missing, or cut off mid-write by the kill
        return None
    for index, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            return index
    return None


def _export_html(notebook: Path, target: Path, title: str) -> None:
    """The report as HTML without code: no input cells, no In/Out prompts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_filename(str(notebook), resources={"metadata": {"name": title}})
    target.write_text(body, encoding="utf-8")


def _child() -> None:
    """Entry point of the papermill child process: the run spec arrives on stdin."""
    # jsonschema compiles an IRI grammar on import when rfc3987_syntax is installed (about
    # 3 s per process, more than the rest of papermill); nbformat never checks IRIs.
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    import logging

    import papermill
    from papermill.exceptions import PapermillExecutionError

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # papermill.log: cell outputs
    spec = json.loads(sys.stdin.read())
    result: dict[str, Any] = {"status": "ok"}
    try:
        papermill.execute_notebook(
            spec["notebook"],
            spec["output"],
            parameters=spec["parameters"],
            kernel_name="python3",
            cwd=spec["cwd"],
            progress_bar=False,
            log_output=True,
        )
    except PapermillExecutionError as exc:
        result = {
            "status": "failed",
            "cell_index": exc.cell_index,
            "error_name": exc.ename,
            "error_message": exc.evalue,
        }
    except Exception as exc:
        result = {"status": "failed", "error_name": type(exc).__name__, "error_message": str(exc)}
    Path(spec["outcome"]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    _child()
