"""The ``plut`` command end to end on the embedded database of the test's data folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope
from plut_nb.models import Case, Centre, Enterprise, Person


def test_demo_creates_data_once_and_if_absent_is_a_no_op() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["demo", "--enterprises", "120", "--seed", "5"])
    assert res.exit_code == 0, res.output
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 120
        assert s.execute(select(func.count()).select_from(Centre)).scalar_one() >= 3
        cases = s.execute(select(func.count()).select_from(Case)).scalar_one()
    res = runner.invoke(app, ["demo", "--if-absent"])
    assert res.exit_code == 0 and "already present" in res.output
    res = runner.invoke(app, ["demo", "--enterprises", "10"])
    assert res.exit_code == 1
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Case)).scalar_one() == cases


def test_version_names_the_reference_tables() -> None:
    res = CliRunner().invoke(app, ["version"])
    assert res.exit_code == 0
    assert "KBLI 2020" in res.output and "Kepmendagri" in res.output


def test_stopping_plut_serve_stops_voila_and_its_kernels() -> None:
    # A service manager stops `plut serve` with SIGTERM; Voila must not live on without it.
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import psutil

    from plut_nb.db import upgrade

    upgrade(default_engine())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plut_nb.cli",
            "serve",
            "--dev",
            "--no-browser",
            "--port",
            str(port),
        ],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:  # wait until the server answers
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "server never started"
                time.sleep(0.5)
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children, "plut serve runs Voila in a child process"
        proc.send_signal(signal.SIGTERM)  # to plut serve alone, not its process group
        proc.wait(timeout=60)
        _gone, alive = psutil.wait_procs(children, timeout=30)
        assert alive == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_export_research_writes_a_deidentified_extract(tmp_path: Path) -> None:
    import json

    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--enterprises", "60", "--seed", "3"]).exit_code == 0
    out = tmp_path / "extract"
    res = runner.invoke(app, ["export", "research", str(out), "--format", "csv"])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]
    with read_scope(default_engine()) as s:
        niks = [n for (n,) in s.execute(select(Person.nik).where(Person.nik.is_not(None)))]
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))
    assert niks and not any(nik in text for nik in niks)
