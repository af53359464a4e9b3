"""An import killed half-way (a real process, SIGKILL) completes on a re-run, with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, distinct, func, select
from sqlmodel import Session, col

from plut_nb.io import import_file
from plut_nb.models import AuditEntry, Centre, Enterprise, Person
from tests.io._files import read_errors, write_csv

ROWS = 6000
BAD = {i for i in range(ROWS) if i % 700 == 13}  # a bad NIK every 700 rows


def _rows() -> list[list[str]]:
    out = [["Kode Sumber", "Nama Usaha", "Kode Desa", "Nama Pemilik", "NIK", "Omzet"]]
    for i in range(ROWS):
        day, serial = 1 + i % 28, 1 + i // 28
        nik = "12345" if i in BAD else f"127101{day:02d}0180{serial:04d}"
        out.append([f"SENSUS-{i:05d}", f"Usaha Sensus {i}", "12.71.01.1001", f"Pemilik {i}",
                    nik, f"Rp{(i + 1) * 1000}"])  # fmt: skip
    return out


def _progress_entries(engine: Engine) -> int:
    with Session(engine) as s:
        return int(
            s.execute(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "import")
            ).scalar_one()
        )


def test_killed_import_resumes_to_completion(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as s:
        s.add(Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12"))
        s.commit()
    path = write_csv(tmp_path / "sensus.csv", _rows())
    env = {
        **os.environ,
        "PLUT_DB_URL": engine.url.render_as_string(hide_password=False),
        "PLUT_DATA_DIR": str(tmp_path / "data"),
    }
    cmd = [sys.executable, "-m", "plut_nb.cli", "import", "enterprises", str(path),
           "--chunk-size", "200"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while _progress_entries(engine) < 4:  # the audit's system-account entry + 3 chunks
            if proc.poll() is not None:
                pytest.fail(f"import ended before it could be killed: {proc.communicate()[1]!r}")
            if time.monotonic() > deadline:
                pytest.fail("import made no progress")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with Session(engine) as s:
        partial = s.execute(select(func.count()).select_from(Enterprise)).scalar_one()
    assert 0 < partial < ROWS - len(BAD)
    assert (tmp_path / ".sensus.csv.impor").is_file()  # keys seen so far, kept for the re-run

    summary = import_file(engine, "enterprises", path, chunk_size=200)

    assert summary.resumed_after_line is not None and summary.resumed_after_line > 1
    assert (summary.read, summary.inserted, summary.rejected) == (ROWS, ROWS - len(BAD), len(BAD))
    with Session(engine) as s:
        n, keys = s.execute(
            select(func.count(), func.count(distinct(col(Enterprise.source_key))))
        ).one()
        people = s.execute(select(func.count()).select_from(Person)).scalar_one()
    assert n == keys == people == ROWS - len(BAD)
    errors = read_errors(summary.error_file)
    assert sorted(errors) == sorted(i + 2 for i in BAD)  # each bad row once, header is row 1
    assert not (tmp_path / ".sensus.csv.impor").exists()
    again = import_file(engine, "enterprises", path, chunk_size=200)
    assert (again.inserted, again.unchanged, again.rejected) == (0, ROWS - len(BAD), len(BAD))
