"""Backup while another process writes; restore refuses without --force and checks the schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plut_nb.db import make_engine
from plut_nb.errors import PlutError
from plut_nb.io import backup_database, restore_database

WRITER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL")
con.execute("INSERT INTO centre (code, name, level, region_code, created_at) "
            "VALUES ('W', 'Writer', 'provinsi', '12', '2026-01-01')")
n = 0
while True:
    con.execute("BEGIN IMMEDIATE")
    for _ in range(50):
        n += 1
        con.execute("INSERT INTO audit_entry (at, action, entity, entity_id) "
                    "VALUES ('2026-01-01', 'tulis', 'uji', ?)", (str(n),))
    con.execute("COMMIT")
    print(n, flush=True)
"""


def _dump(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]  # fmt: skip
        return [(n, con.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall()) for n in names]
    finally:
        con.close()


def _written(path: Path) -> int:
    con = sqlite3.connect(path, timeout=30)
    try:
        return int(
            con.execute("SELECT count(*) FROM audit_entry WHERE action = 'tulis'").fetchone()[0]
        )
    finally:
        con.close()


def _sqlite_only(engine: Engine) -> Path:
    if engine.url.get_backend_name() != "sqlite":
        with pytest.raises(PlutError) as err:
            backup_database(engine, Path("/nonexistent/x.db"))
        assert "pg_dump" in err.value.message
        pytest.skip(
            "backup and restore cover the embedded SQLite database (pg_dump for PostgreSQL)"
        )
    return Path(str(engine.url.database))


def test_backup_while_another_process_writes_then_restore(engine: Engine, tmp_path: Path) -> None:
    db = _sqlite_only(engine)
    engine.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        proc.stdout.readline()  # the writer is writing
        before = _written(db)
        info = backup_database(engine, tmp_path / "cadangan.db")
        after = _written(db)
        deadline = time.monotonic() + 30
        while _written(db) <= after and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _written(db) > after  # it went on writing after the backup
    finally:
        proc.kill()
        proc.communicate()
    assert info.path == tmp_path / "cadangan.db" and not (tmp_path / "cadangan.db-wal").exists()
    con = sqlite3.connect(info.path)
    written = con.execute("SELECT count(*) FROM audit_entry WHERE action = 'tulis'").fetchone()[0]
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert before <= written <= after and written % 50 == 0  # whole transactions only

    target = make_engine(f"sqlite:///{tmp_path / 'baru.db'}")
    restored = restore_database(target, info.path)  # an empty target needs no --force
    assert restored.kept is None and not restored.needs_upgrade
    assert _dump(tmp_path / "baru.db") == _dump(info.path)

    with pytest.raises(PlutError) as err:  # the live database holds data now
        restore_database(engine, info.path)
    assert "--force" in err.value.message
    done = restore_database(engine, info.path, force=True)
    assert done.kept is not None and done.kept.is_file()
    assert _dump(db) == _dump(info.path)
    target.dispose()


def test_restore_checks_the_schema_version(engine: Engine, tmp_path: Path) -> None:
    _sqlite_only(engine)
    info = backup_database(engine, tmp_path / "b.db")
    con = sqlite3.connect(info.path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    fresh = make_engine(f"sqlite:///{tmp_path / 'kosong.db'}")
    with pytest.raises(PlutError) as err:
        restore_database(fresh, info.path)
    assert "ffff_from_the_future" in err.value.message
    (tmp_path / "rusak.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(PlutError):
        restore_database(fresh, tmp_path / "rusak.db")
    assert not (tmp_path / "kosong.db").exists() or (tmp_path / "kosong.db").stat().st_size == 0
    fresh.dispose()
