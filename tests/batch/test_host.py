"""The papermill host of a worker: fresh kernels from one long-lived host, peak memory, kills."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from plut_nb.batch._kernel import GC_THRESHOLDS
from plut_nb.batch.definition import load_definition
from plut_nb.batch.runner import read_batch, run_batch
from plut_nb.db import default_engine
from tests._seed import seed_directory

# What the probe's kernel reports: its pid, its parent (the run's process), that
# process's parent (the worker's papermill host) and whether another run's state leaked in.
_PROBE = """\
import builtins, gc, json, os, sys, time
from pathlib import Path

def _parent(pid):
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])

leaked = hasattr(builtins, "_plut_probe")
builtins._plut_probe = True
held = b"x" * (hold_mb * 2**20)
Path(probe_file).write_text(json.dumps({
    "kernel": os.getpid(), "run": os.getppid(), "host": _parent(os.getppid()), "leaked": leaked,
    "argv": sys.argv, "gc": list(gc.get_threshold()),
    "debugpy": sys.modules.get("debugpy") is not None,
}))
if kill_run:
    os.kill(os.getppid(), 9)  # the run's own process dies under papermill
spin_until = time.process_time() + spin_s
while time.process_time() < spin_until:
    pass
time.sleep(sleep_s)
"""


def _probe_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'probe_file = ""\nhold_mb = 0\nspin_s = 0.0\nsleep_s = 0.0\nkill_run = False'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(_PROBE)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def _definition(folder: Path, runs: list[dict[str, object]], timeout: float = 300) -> Path:
    path = folder / "probe.yaml"
    notebook = _probe_notebook(folder)
    body = {"notebook": str(notebook), "output": "out", "timeout": timeout, "runs": runs}
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    return path


def _gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (absent, or a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def _wait_gone(pid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while not _gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.fixture
def seeded() -> None:
    seed_directory(default_engine())  # the batch snapshots the embedded database


@pytest.mark.slow
@pytest.mark.usefixtures("seeded")
def test_runs_of_one_worker_share_its_host_but_each_gets_a_fresh_kernel(tmp_path: Path) -> None:
    probes = [tmp_path / f"probe-{i}.json" for i in range(3)]
    definition = load_definition(
        _definition(tmp_path, [{"probe_file": str(p), "hold_mb": 0} for p in probes])
    )
    result = run_batch(definition, workers=1)
    assert result.succeeded, [(r.error_name, r.error_message) for r in result.runs]
    seen = [json.loads(p.read_text()) for p in probes]
    assert len({s["kernel"] for s in seen}) == 3  # a new kernel process per run
    assert len({s["run"] for s in seen}) == 3  # forked from the host, one process per run
    assert len({s["host"] for s in seen}) == 1  # papermill imported once for the worker
    assert not any(s["leaked"] for s in seen)  # nothing of an earlier run in a kernel
    assert _wait_gone(seen[0]["host"])  # the host ends with the batch's worker
    assert all(_wait_gone(s["kernel"]) for s in seen)  # stopped when their notebook ended
    # the standard kernel, started through the batch's launcher: fewer collections, no debugger
    assert all(Path(s["argv"][0]).name == "_kernel.py" for s in seen)
    assert all(s["gc"] == list(GC_THRESHOLDS) and not s["debugpy"] for s in seen)


@pytest.mark.slow
@pytest.mark.usefixtures("seeded")
def test_peak_memory_and_cpu_time_of_a_run_count_its_kernel(tmp_path: Path) -> None:
    runs = [
        {"probe_file": str(tmp_path / "small.json"), "hold_mb": 0},
        {"probe_file": str(tmp_path / "large.json"), "hold_mb": 300, "spin_s": 1.5},
    ]
    result = run_batch(load_definition(_definition(tmp_path, runs)), workers=1)
    assert result.succeeded
    peak = {r.parameters["hold_mb"]: r.peak_rss_mb for r in result.runs}
    assert peak[0] is not None and peak[300] is not None
    assert 30 < peak[0] < 600  # a bare kernel and the run's process
    assert 250 <= peak[300] - peak[0] <= 350  # the 300 MiB the kernel held are in its peak
    cpu = {r.parameters["hold_mb"]: r.cpu_s for r in result.runs}
    assert cpu[0] is not None and cpu[300] is not None
    assert cpu[0] > 0.1  # starting a kernel alone takes some
    assert cpu[300] - cpu[0] >= 1.4  # the kernel's 1.5 s of computing are in the run's time
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert [r["peak_rss_mb"] for r in manifest["runs"]] == [peak[0], peak[300]]
    assert [r["cpu_s"] for r in manifest["runs"]] == [cpu[0], cpu[300]]


@pytest.mark.slow
@pytest.mark.usefixtures("seeded")
def test_a_timed_out_run_is_killed_with_its_kernel_and_the_host_goes_on(tmp_path: Path) -> None:
    slow, after = tmp_path / "slow.json", tmp_path / "after.json"
    runs = [
        {"probe_file": str(slow), "hold_mb": 0, "sleep_s": 600},
        {"probe_file": str(after), "hold_mb": 0},
    ]
    result = run_batch(load_definition(_definition(tmp_path, runs, timeout=20)), workers=1)
    statuses = {r.parameters["probe_file"]: r.status for r in read_batch(result.folder).runs}
    assert statuses == {str(slow): "timeout", str(after): "ok"}
    killed, next_run = json.loads(slow.read_text()), json.loads(after.read_text())
    assert _gone(killed["kernel"]) and _gone(killed["run"])  # killed, not left to notice
    assert next_run["host"] == killed["host"]  # the host survived its run's kill
    timed_out = next(r for r in result.runs if r.status == "timeout")
    assert timed_out.duration_s is not None and 20 <= timed_out.duration_s < 35


@pytest.mark.slow
@pytest.mark.usefixtures("seeded")
def test_a_run_whose_process_dies_is_reported_and_the_next_run_goes_on(tmp_path: Path) -> None:
    dead, after = tmp_path / "dead.json", tmp_path / "after.json"
    runs = [
        {"probe_file": str(dead), "hold_mb": 0, "kill_run": True},
        {"probe_file": str(after), "hold_mb": 0},
    ]
    result = run_batch(load_definition(_definition(tmp_path, runs)), workers=1)
    by_file = {r.parameters["probe_file"]: r for r in result.runs}
    crashed = by_file[str(dead)]
    assert (crashed.status, crashed.error_name) == ("failed", "RunnerCrashed")
    assert "-9" in (crashed.error_message or "")  # the exit code of the killed process
    assert by_file[str(after)].status == "ok"
    assert json.loads(after.read_text())["host"] == json.loads(dead.read_text())["host"]
