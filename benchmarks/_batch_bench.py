"""Shared pieces of the ``plut batch`` benchmarks (``batch_throughput.py``, ``batch_growth.py``).

Everything goes through the real command-line tools of the virtual environment the
benchmark runs in (``plut demo``, ``plut batch run``, ``papermill``), with
``PLUT_DATA_DIR`` pointing at a temporary folder, so no real data is touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plut_nb.batch.snapshot import copy_sqlite_file

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "evaluation" / "laporan_evaluasi.ipynb"
BIN = Path(sys.executable).parent  # .venv/bin: plut and papermill live next to python
CENTRES = ("PLUT-SUMUT", "PLUT-BIAK", "PLUT-BOGOR")
QUARTERS = (
    ("2026-01-01", "2026-03-31"),
    ("2026-04-01", "2026-06-30"),
    ("2026-07-01", "2026-09-30"),
    ("2026-10-01", "2026-12-31"),
)
LANGS = ("id", "en")


def evaluation_runs() -> list[dict[str, str]]:
    """The 24 runs: every demo centre x each quarter of 2026 x both languages."""
    return [
        {"scope_kind": "centre", "scope_code": c, "period_start": a, "period_end": b, "lang": lang}
        for c in CENTRES
        for a, b in QUARTERS
        for lang in LANGS
    ]


def write_definition(path: Path, runs: list[dict[str, str]], title: str) -> Path:
    """A batch definition of ``runs`` on the evaluation notebook (absolute paths)."""
    definition = {"title": title, "notebook": str(NOTEBOOK), "timeout": 3600, "runs": runs}
    path.write_text(yaml.safe_dump(definition, sort_keys=False), encoding="utf-8")
    return path


def env_for(data_dir: Path) -> dict[str, str]:
    """The environment of every tool call: the database is ``data_dir/plut.db``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    return {**env, "PLUT_DATA_DIR": str(data_dir)}


def demo_command(enterprises: int, seed: int, centres: int = 3) -> list[str]:
    """The ``plut demo`` command line of a benchmark database."""
    return [str(BIN / "plut"), "demo", "--enterprises", str(enterprises), "--seed", str(seed),
            "--centres", str(centres)]  # fmt: skip


def generate_demo(data_dir: Path, enterprises: int, seed: int, centres: int = 3) -> float:
    """``plut demo`` into ``data_dir``; returns its wall time in seconds."""
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run(
        demo_command(enterprises, seed, centres),
        env=env_for(data_dir),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def copy_database(source: Path, data_dir: Path) -> float:
    """Copy a kept demo database into ``data_dir/plut.db`` and migrate the copy.

    The source is opened read-only (it is never checkpointed or written); the
    copy is brought to the newest schema with ``plut db upgrade``.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / "plut.db"
    t0 = time.perf_counter()
    copy_sqlite_file(source, target, read_only=True)
    subprocess.run(
        [str(BIN / "plut"), "db", "upgrade"],
        env=env_for(data_dir),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def load() -> str:
    """The 1/5/15-minute load averages, as ``uptime`` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@dataclass
class TreePeak:
    """Peak RSS seen by polling a process tree (whole tree, and per child subtree)."""

    total_mb: float = 0.0
    per_subtree_mb: dict[int, float] = field(default_factory=dict)

    @property
    def worker_mb(self) -> float:
        """The largest peak of one direct child's subtree (a pool worker with its runs)."""
        return max(self.per_subtree_mb.values(), default=0.0)


def _poll_tree(pid: int, peak: TreePeak, stop: threading.Event, every: float) -> None:
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.wait(every):
        try:
            children = root.children()
        except psutil.NoSuchProcess:
            return
        total = 0.0
        for child in children:
            try:
                procs = [child, *child.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
            rss = 0.0
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss += p.memory_info().rss / 2**20
            total += rss
            peak.per_subtree_mb[child.pid] = max(peak.per_subtree_mb.get(child.pid, 0.0), rss)
        with_root = total
        try:
            with_root += root.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            return
        peak.total_mb = max(peak.total_mb, with_root)


@dataclass
class BatchRun:
    """What one ``plut batch run`` did."""

    folder: Path
    wall_s: float
    exit_code: int
    manifest: dict[str, Any]
    peak: TreePeak

    @property
    def runs(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("runs", []))

    @property
    def ok(self) -> int:
        return sum(r["status"] == "ok" for r in self.runs)

    def durations(self) -> list[float]:
        return [float(r["duration_s"]) for r in self.runs if r.get("duration_s") is not None]

    def median_s(self) -> float:
        return statistics.median(self.durations())

    def cpu(self) -> list[float]:
        return [float(r["cpu_s"]) for r in self.runs if r.get("cpu_s") is not None]

    def peak_rss(self) -> list[float]:
        return [float(r["peak_rss_mb"]) for r in self.runs if r.get("peak_rss_mb") is not None]

    @property
    def snapshot_s(self) -> float | None:
        value = self.manifest.get("snapshot", {}).get("duration_s")
        return None if value is None else float(value)


def run_batch(definition: Path, output: Path, data_dir: Path, workers: int) -> BatchRun:
    """``plut batch run DEFINITION --workers N --output OUTPUT``, timed, its tree's RSS polled."""
    peak, stop = TreePeak(), threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            str(BIN / "plut"),
            "batch",
            "run",
            str(definition),
            "--workers",
            str(workers),
            "--output",
            str(output),
        ],
        env=env_for(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    poller = threading.Thread(target=_poll_tree, args=(proc.pid, peak, stop, 0.2), daemon=True)
    poller.start()
    code = proc.wait()
    wall = time.perf_counter() - t0
    stop.set()
    poller.join()
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return BatchRun(output, wall, code, manifest, peak)


def papermill_args(run: dict[str, str]) -> list[str]:
    """``-r name value`` for every parameter (``-r``: passed as text, as the batch passes them)."""
    out: list[str] = []
    for name, value in run.items():
        out += ["-r", name, value]
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def serial_papermill(
    runs: list[dict[str, str]], out_dir: Path, data_dir: Path
) -> tuple[float, float]:
    """One ``papermill NOTEBOOK OUT -r ...`` process per run, one after the other, on the
    live database; returns the wall time of the whole loop and its CPU seconds per run
    (papermill and its kernels, which papermill waits for)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = env_for(data_dir)
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    for i, run in enumerate(runs):
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(NOTEBOOK),
                str(out_dir / f"run-{i:02d}.ipynb"),
                *papermill_args(run),
                "--cwd",
                str(NOTEBOOK.parent),
                "--no-progress-bar",
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - t0, (_children_cpu() - cpu0) / len(runs)
