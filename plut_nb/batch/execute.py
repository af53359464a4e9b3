"""Executing one run: papermill in its own process under a wall-clock limit, then HTML.

:func:`execute_run` is what every executor calls in its workers (a process of
the local pool or a Dask worker). Each worker keeps one papermill host
(:mod:`plut_nb.batch._host`, started on its first run), which has imported
papermill and nbconvert once and forks a process per run; that process
executes the notebook in a fresh ``python3`` kernel (started through
:mod:`plut_nb.batch._kernel`, stopped as soon as the last cell has run) —
working directory the notebook's folder, ``PLUT_DB_URL`` pointing at the
batch's snapshot, ``PLUT_METRICS_PATH`` and the parameters ``metrics_path``
and ``snapshot_path`` set — renders ``report.html`` without code cells or
prompts, and reports the run's peak memory and CPU time (its own and its
kernel's). When a run exceeds its timeout (wall clock, kernel start included)
its process group and its kernel are killed, and the worker renders whatever
notebook was written; the host lives on for the next run. papermill's own
``execution_timeout`` is per cell, so it cannot bound a run.

A run ends ``ok``, ``failed`` — with papermill's cell index in ``report.ipynb``
(counting the injected-parameters cell), error name and message — or
``timeout``, with the index of the cell that was running.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from plut_nb.batch._host import export_html

__all__ = ["REPORT_HTML", "REPORT_NOTEBOOK", "RUN_LOG", "RunJob", "RunOutcome", "execute_run"]

REPORT_NOTEBOOK, REPORT_HTML, RUN_LOG = "report.ipynb", "report.html", "papermill.log"
_OUTCOME = ".outcome.json"

_HOST_SCRIPT = Path(__file__).with_name("_host.py")
_HOST_START_TIMEOUT = 120.0  # seconds for a new host to import papermill
_REAP_TIMEOUT = 30.0  # seconds for the host to reap a killed run


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
    peak_rss_mb: float | None = None
    cpu_s: float | None = None


def execute_run(job: RunJob) -> RunOutcome:
    """Execute one run: papermill in a process of its own under a wall-clock limit, then HTML.

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
    spec = {
        "notebook": job.notebook,
        "output": str(run_dir / REPORT_NOTEBOOK),
        "outcome": str(run_dir / _OUTCOME),
        "html": str(run_dir / REPORT_HTML),
        "title": job.run_id,
        "log": str(run_dir / RUN_LOG),
        "parameters": {
            **job.parameters,
            "metrics_path": metrics_path,
            "snapshot_path": job.snapshot_path,
        },
        "cwd": str(Path(job.notebook).parent),
        "env": {
            "PLUT_DB_URL": f"sqlite:///{job.snapshot_path}",
            METRICS_ENV: metrics_path,
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        },
    }
    code: int | None = None
    timed_out, problem = False, ""
    try:
        host: _Host | None = _host()  # started before the clock: once per worker
    except HostGone as exc:
        host, problem = None, str(exc)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.monotonic()
    if host is not None:
        try:
            code, timed_out = host.run(spec, job.timeout)
        except HostGone as exc:  # reported as a crashed run, with the tail of its log
            problem = str(exc)
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
        outcome = _read_outcome(outcome, run_dir, code, problem)
    if (run_dir / REPORT_NOTEBOOK).is_file() and not (run_dir / REPORT_HTML).is_file():
        try:  # a run stopped before its process rendered what it had (timeout, crash)
            export_html(run_dir / REPORT_NOTEBOOK, run_dir / REPORT_HTML, job.run_id)
        except Exception as exc:  # a report that cannot be rendered fails the run
            if outcome.status == "ok":
                outcome = replace(
                    outcome, status="failed", error_name=type(exc).__name__, error_message=str(exc)
                )
    return outcome


def _read_outcome(
    outcome: RunOutcome, run_dir: Path, returncode: int | None, problem: str = ""
) -> RunOutcome:
    from plut_nb.i18n import t

    try:
        data = json.loads((run_dir / _OUTCOME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        try:
            log = (run_dir / RUN_LOG).read_text(encoding="utf-8", errors="replace").strip()
        except OSError:  # the run never started
            log = ""
        tail = log.splitlines()[-1] if log else problem
        message = t("batch.run.crashed", code=returncode, tail=tail)
        return replace(outcome, status="failed", error_name="RunnerCrashed", error_message=message)
    (run_dir / _OUTCOME).unlink(missing_ok=True)
    return replace(
        outcome,
        status=data["status"],
        cell_index=data.get("cell_index"),
        error_name=data.get("error_name"),
        error_message=data.get("error_message"),
        peak_rss_mb=data.get("peak_rss_mb"),
        cpu_s=data.get("cpu_s"),
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


# --- the papermill host of this worker ------------------------------------------------------


class HostGone(RuntimeError):
    """The papermill host ended or stopped answering."""


class _Host:
    """The worker's end of a papermill host process (see :mod:`plut_nb.batch._host`)."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-P", str(_HOST_SCRIPT)],  # -P: this folder stays off sys.path
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the terminal reaches the batch, not the host
        )
        self._buffer = b""
        ready = self._receive(time.monotonic() + _HOST_START_TIMEOUT)
        if not ready or not ready.get("ready"):
            self.close()
            raise HostGone((ready or {}).get("error", "papermill host did not start"))

    @property
    def alive(self) -> bool:
        """True while the host process runs."""
        return self._proc.poll() is None

    def run(self, spec: dict[str, Any], timeout: float) -> tuple[int | None, bool]:
        """Execute one run spec; return ``(exit code of the run's process, timed out)``.

        On timeout the run's process group and its kernel are killed and reaped.

        Raises:
            HostGone: The host ended before reporting the run (it is closed).
        """
        assert self._proc.stdin is not None
        deadline = time.monotonic() + timeout
        try:
            self._proc.stdin.write(json.dumps(spec).encode() + b"\n")
            self._proc.stdin.flush()
        except OSError as exc:
            self.close()
            raise HostGone(str(exc)) from exc
        started = self._receive(deadline + _REAP_TIMEOUT)
        if started is None or "started" not in started:
            self.close()
            raise HostGone("papermill host did not start the run")
        pid = int(started["started"])
        ended = self._receive(deadline)
        if ended is not None:
            return ended.get("code"), False
        _kill_run(pid)
        if self._receive(time.monotonic() + _REAP_TIMEOUT) is None:
            self.close()  # a host that cannot reap its run is not trusted with another
        return None, True

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        """The host's next message, or ``None`` at the deadline or when the host has ended."""
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:  # the host ended
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        message = json.loads(line)
        return message if isinstance(message, dict) else None

    def close(self) -> None:
        """End the host (and whatever it still runs)."""
        with suppress(OSError):
            if self._proc.stdin is not None:
                self._proc.stdin.close()
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()


_hosts = threading.local()  # one host per worker thread (a Dask worker may run several)


def _host() -> _Host:
    """This worker thread's papermill host, started (again) when needed."""
    host: _Host | None = getattr(_hosts, "host", None)
    if host is None or not host.alive:
        host = _hosts.host = _Host()
    return host


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (Linux ``/proc``; empty elsewhere)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            after_name = entry.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(after_name[1]), []).append(int(entry.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _kill_run(pid: int) -> None:
    """Kill a run's process group and its kernel (which papermill starts in its own session)."""
    for target in [pid, *_children(pid)]:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(target, signal.SIGKILL)
        with suppress(ProcessLookupError, PermissionError):
            os.kill(target, signal.SIGKILL)
