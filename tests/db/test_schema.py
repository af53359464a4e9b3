"""Migrations, the outdated-schema guard, SQLite pragmas and the db CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import current_revision, default_engine, ensure_current, head_revision, make_engine
from plut_nb.errors import SchemaOutOfDate
from plut_nb.models import SQLModel


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diffs == []
    assert current_revision(engine) == head_revision()


def test_outdated_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(SchemaOutOfDate) as exc:
        ensure_current(eng)
    assert "plut db upgrade" in exc.value.message
    assert exc.value.current is None and exc.value.head == head_revision()


def test_sqlite_opened_with_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() == 15000


def test_cli_db_upgrade_then_status() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["db", "status"])
    assert res.exit_code == 1 and "plut db upgrade" in res.output
    res = runner.invoke(app, ["db", "upgrade"])
    assert res.exit_code == 0, res.output
    assert current_revision(default_engine()) == head_revision()
    res = runner.invoke(app, ["db", "status"])
    assert res.exit_code == 0 and head_revision() in res.output


def test_serve_refuses_an_outdated_schema() -> None:
    res = CliRunner().invoke(app, ["serve", "--no-browser", "--port", "1"])
    assert res.exit_code == 1
    assert "plut db upgrade" in res.output


def test_serve_without_sign_in_refuses_the_network() -> None:
    res = CliRunner().invoke(app, ["serve", "--dev", "--no-browser", "--ip", "0.0.0.0"])
    assert res.exit_code == 1
    assert "0.0.0.0" in res.output and "127.0.0.1" in res.output


def test_background_checkpoints_copy_the_log_into_the_database_file(tmp_path: Path) -> None:
    import shutil
    import sqlite3
    import time

    from plut_nb.db.checkpoint import SAFETY_NET_PAGES

    db = tmp_path / "ck.db"
    eng = make_engine(f"sqlite:///{db}", background_checkpoints=True)
    with eng.begin() as c:
        assert c.execute(text("PRAGMA wal_autocheckpoint")).scalar() == SAFETY_NET_PAGES
        c.execute(text("CREATE TABLE t (x INTEGER)"))
        c.execute(text("INSERT INTO t VALUES (42)"))
    deadline = time.monotonic() + 10
    while True:  # the main file alone (no -wal beside it) must hold the row
        shutil.copy(db, tmp_path / "copy.db")
        con = sqlite3.connect(tmp_path / "copy.db")
        try:
            rows = con.execute("SELECT x FROM t").fetchall()
        except sqlite3.OperationalError:
            rows = []
        con.close()
        if rows == [(42,)] or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    eng.dispose()
    assert rows == [(42,)]


def test_plain_engines_keep_sqlite_default_checkpoints(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
    eng.dispose()
