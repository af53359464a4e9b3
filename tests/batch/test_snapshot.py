"""One consistent snapshot per batch: SQLite online backup and PostgreSQL copy."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select
from sqlmodel import SQLModel

from plut_nb.batch.definition import BatchError
from plut_nb.batch.snapshot import (
    SNAPSHOT_FILE,
    load_snapshot_info,
    snapshot_url,
    take_snapshot,
)
from plut_nb.db import head_revision, make_engine
from plut_nb.errors import SchemaOutOfDate
from plut_nb.models import Enterprise
from tests._seed import seed_directory

ENTERPRISE = SQLModel.metadata.tables["enterprise"]


def _utc_naive(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _wait_until(condition: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def test_sqlite_snapshot_is_one_instant_while_another_connection_writes(
    tmp_path: Path, sqlite_template: Path
) -> None:
    live = tmp_path / "live.db"
    shutil.copy(sqlite_template, live)
    engine = make_engine(f"sqlite:///{live}")
    seed_directory(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE ledger (seq INTEGER NOT NULL, side TEXT NOT NULL)")
    committed = [0]
    stop = threading.Event()

    def writer() -> None:  # each transaction adds a pair: a snapshot never holds half of one
        conn = sqlite3.connect(live, timeout=30)
        seq = 0
        while not stop.is_set():
            seq += 1
            with conn:
                conn.execute("INSERT INTO ledger VALUES (?, 'a')", (seq,))
                conn.execute("INSERT INTO ledger VALUES (?, 'b')", (seq,))
            committed[0] = seq
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        _wait_until(lambda: committed[0] >= 50)
        before = committed[0]
        info = take_snapshot(engine, tmp_path / "batch")
        after = committed[0]
        _wait_until(lambda: committed[0] >= after + 50)  # the writer was never blocked
    finally:
        stop.set()
        thread.join()

    snap = sqlite3.connect(tmp_path / "batch" / SNAPSHOT_FILE)
    seqs = snap.execute(
        "SELECT side, count(*), count(DISTINCT seq), max(seq) FROM ledger GROUP BY side"
    )
    rows = {side: (n, distinct, top) for side, n, distinct, top in seqs}
    k = rows["a"][0]
    assert rows == {"a": (k, k, k), "b": (k, k, k)}  # whole pairs 1..k, nothing torn
    assert before <= k <= after + 1  # the source as it was during take_snapshot
    assert info.row_counts["ledger"] == 2 * k
    source = sqlite3.connect(live)
    for name, n in info.row_counts.items():
        if name != "ledger":
            assert source.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == n, name
    assert source.execute("SELECT count(*) FROM ledger").fetchone()[0] > 2 * k
    assert snap.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    snap.close()
    source.close()
    engine.dispose()

    assert info.method == "sqlite-backup" and info.schema_revision == head_revision()
    assert info.row_counts["enterprise"] == 26
    assert load_snapshot_info(tmp_path / "batch") == info
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == [
        "snapshot.json",
        "snapshot.sqlite",
    ]
    reader = make_engine(snapshot_url(tmp_path / "batch"))
    with reader.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 26
    reader.dispose()


def test_snapshot_holds_every_row_of_the_source(engine: Engine, tmp_path: Path) -> None:
    seed_directory(engine)
    postgres = engine.url.get_backend_name() == "postgresql"
    source = engine
    if postgres:  # a session on WIB must still give UTC timestamps in the copy
        source = create_engine(engine.url, connect_args={"options": "-c TimeZone=Asia/Jakarta"})
    info = take_snapshot(source, tmp_path / "batch")
    source.dispose()
    assert info.method == ("postgresql-copy" if postgres else "sqlite-backup")
    assert info.schema_revision == head_revision()
    expected = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            expected[table.name] = conn.execute(
                select(func.count()).select_from(table)
            ).scalar_one()
        source_rows = conn.execute(select(ENTERPRISE).order_by(ENTERPRISE.c.id)).all()
    counts = {k: v for k, v in info.row_counts.items() if k != "alembic_version"}
    assert counts == expected
    assert expected["enterprise"] == 26 and expected["audit_entry"] > 0

    snap = make_engine(snapshot_url(tmp_path / "batch"))
    with snap.connect() as conn:
        copied = conn.execute(select(ENTERPRISE).order_by(ENTERPRISE.c.id)).all()
    snap.dispose()
    assert [tuple(_utc_naive(v) for v in r) for r in copied] == [
        tuple(_utc_naive(v) for v in r) for r in source_rows
    ]


def test_refuses_a_missing_or_outdated_database_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="plut demo"):
        take_snapshot(make_engine(f"sqlite:///{tmp_path / 'absent' / 'x.db'}"), tmp_path / "b")
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(SchemaOutOfDate):
        take_snapshot(make_engine(f"sqlite:///{old}"), tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []
    assert load_snapshot_info(tmp_path / "b") is None


def test_read_only_copy_never_opens_the_source_for_writing(tmp_path: Path) -> None:
    import sqlite3

    from plut_nb.batch.snapshot import copy_sqlite_file

    source = tmp_path / "ref.db"
    with sqlite3.connect(source) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (7)")
    con.close()
    source.chmod(0o444)  # a reference file nobody may change
    copy_sqlite_file(source, tmp_path / "copy.db", read_only=True)
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT x FROM t").fetchall() == [(7,)]
    copy.close()
