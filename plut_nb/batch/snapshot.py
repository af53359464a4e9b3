"""One consistent copy of the database per batch, taken once before the runs.

Every run of a batch reads the same SQLite file, ``snapshot.sqlite`` in the
batch folder, so the reports agree with each other and the batch can be re-run
identically later. Next to it, ``snapshot.json`` records where the data came
from (URL without password), when, at which schema revision, and how many rows
each table held.

A report's kernel reads ``snapshot.json`` through :func:`load_snapshot_info`,
so this module imports the batch definitions (pydantic models, YAML) only
where it raises :class:`~plut_nb.batch.definition.BatchError`.

- From SQLite: the online backup API (``sqlite3.Connection.backup``) copies the
  whole file in one step inside one read transaction: writers may go on (WAL),
  the copy is the database as it was at one instant.
- From PostgreSQL: a fresh SQLite file is migrated to the newest schema, then
  every table is copied through SQLAlchemy Core in chunks, all inside one
  ``REPEATABLE READ`` read-only transaction (one instant for every table).

Either way the copy is then stripped of personal identifiers (owners' NIK,
phone, e-mail, name; staff password hashes) by
:func:`plut_nb.security.redaction.scrub_snapshot`: batch outputs never hold them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, MetaData, func, select, text
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from plut_nb.i18n import t

__all__ = [
    "SNAPSHOT_FILE",
    "SNAPSHOT_INFO",
    "SnapshotInfo",
    "copy_sqlite_file",
    "load_snapshot_info",
    "snapshot_url",
    "take_snapshot",
]

SNAPSHOT_FILE = "snapshot.sqlite"
SNAPSHOT_INFO = "snapshot.json"
_CHUNK = 10_000


@dataclass(frozen=True)
class SnapshotInfo:
    """What ``snapshot.json`` records about a snapshot.

    Attributes:
        source: URL of the database copied, password hidden.
        method: ``sqlite-backup`` or ``postgresql-copy``.
        taken_at: When (ISO 8601, UTC).
        schema_revision: The Alembic revision of the copied data.
        row_counts: Rows per table in the snapshot.
        file: File name of the snapshot inside the batch folder.
        duration_s: How long taking it took (seconds; ``None`` in older batches).
    """

    source: str
    method: str
    taken_at: str
    schema_revision: str | None
    row_counts: dict[str, int]
    file: str = SNAPSHOT_FILE
    duration_s: float | None = None


def snapshot_url(folder: Path) -> str:
    """The SQLAlchemy URL of the snapshot in batch ``folder`` (what ``PLUT_DB_URL`` is set to)."""
    return f"sqlite:///{(Path(folder) / SNAPSHOT_FILE).resolve()}"


def load_snapshot_info(folder: Path) -> SnapshotInfo | None:
    """The recorded snapshot of batch ``folder``, or ``None`` when it has none (yet)."""
    info, data = Path(folder) / SNAPSHOT_INFO, Path(folder) / SNAPSHOT_FILE
    if not (info.is_file() and data.is_file()):
        return None
    return SnapshotInfo(**json.loads(info.read_text(encoding="utf-8")))


def take_snapshot(source: Engine, folder: Path) -> SnapshotInfo:
    """Copy ``source`` into ``folder/snapshot.sqlite`` and record ``snapshot.json``.

    Args:
        source: The live database (SQLite file or PostgreSQL).
        folder: The batch folder (created if missing).

    Returns:
        What was recorded in ``snapshot.json``.

    Raises:
        BatchError: The source is missing, in memory, or of an unsupported kind.
        SchemaOutOfDate: The source is not at the newest schema (``plut db upgrade``).
    """
    from plut_nb.batch.definition import BatchError
    from plut_nb.db import head_revision
    from plut_nb.errors import SchemaOutOfDate

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SNAPSHOT_FILE
    partial = folder / (SNAPSHOT_FILE + ".partial")
    partial.unlink(missing_ok=True)
    taken_at = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.monotonic()
    backend = source.url.get_backend_name()
    try:
        if backend == "sqlite":
            method = "sqlite-backup"
            _backup_sqlite(source, partial)
        elif backend == "postgresql":
            method = "postgresql-copy"
            _copy_postgresql(source, partial)
        else:
            raise BatchError(t("batch.snapshot.backend", backend=backend))
        revision, counts = _finish(partial)
        if revision != head_revision():
            raise SchemaOutOfDate(revision, head_revision())
    except BaseException:
        for leftover in folder.glob(SNAPSHOT_FILE + ".partial*"):
            leftover.unlink()
        raise
    os.replace(partial, target)
    info = SnapshotInfo(
        source=source.url.render_as_string(hide_password=True),
        method=method,
        taken_at=taken_at,
        schema_revision=revision,
        row_counts=counts,
        duration_s=round(time.monotonic() - t0, 2),
    )
    (folder / SNAPSHOT_INFO).write_text(json.dumps(asdict(info), indent=2), encoding="utf-8")
    return info


def _backup_sqlite(source: Engine, dest: Path) -> None:
    from plut_nb.batch.definition import BatchError

    database = source.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BatchError(t("batch.snapshot.memory"))
    if not Path(database).is_file():
        raise BatchError(t("batch.snapshot.no_database", path=database))
    copy_sqlite_file(Path(database), dest)


def copy_sqlite_file(source: Path, dest: Path, *, read_only: bool = False) -> None:
    """Copy the SQLite database ``source`` into ``dest`` with SQLite's online backup API.

    Every page is copied in one step inside one read transaction: writers may
    go on (WAL), and the copy is the database as it was at one instant — unlike
    a file copy, which can catch a half-written page or miss the ``-wal`` file.
    Also used the other way round, to restore: ``dest`` may be a live database,
    whose connections see the new content once the copy commits. ``read_only``
    opens ``source`` read-only (a reference database that must never be written).
    """
    path = Path(source).resolve()
    src = (
        sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
        if read_only
        else sqlite3.connect(path, timeout=30)
    )
    dst = sqlite3.connect(dest, timeout=30)
    try:
        src.backup(dst)  # pages=-1: every page in one step, inside one read transaction
    finally:
        src.close()
        dst.close()


def _copy_postgresql(source: Engine, dest: Path) -> None:
    from sqlmodel import SQLModel

    import plut_nb.models  # noqa: F401  (registers every table on SQLModel.metadata)
    from plut_nb.batch.definition import BatchError
    from plut_nb.db import head_revision, make_engine, upgrade
    from plut_nb.errors import SchemaOutOfDate

    target = make_engine(f"sqlite:///{dest}")
    try:
        upgrade(target)
        reflected = MetaData()
        reflected.reflect(bind=target)
        tables = [tb for tb in reflected.sorted_tables if tb.name != "alembic_version"]
        with (
            source.connect().execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            ) as src,
            target.begin() as dst,
        ):
            src.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # timestamps arrive as UTC
            dst.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # checked once, at commit
            revision = src.execute(text("SELECT max(version_num) FROM alembic_version")).scalar()
            if revision != head_revision():  # the copy is migrated to the newest schema
                raise SchemaOutOfDate(revision, head_revision())
            for tb in tables:
                columns = [c.name for c in tb.columns]
                src_table = sa_table(tb.name, *(sa_column(c) for c in columns))
                expected = src.execute(select(func.count()).select_from(src_table)).scalar_one()
                insert = SQLModel.metadata.tables.get(tb.name, tb).insert()
                result = src.execute(select(src_table).execution_options(yield_per=_CHUNK))
                copied = 0
                for rows in result.partitions():
                    dst.execute(insert, [dict(zip(columns, r, strict=True)) for r in rows])
                    copied += len(rows)
                if copied != expected:  # pragma: no cover - REPEATABLE READ forbids it
                    raise BatchError(t("batch.snapshot.moved", table=tb.name))
            src.rollback()
    finally:
        target.dispose()  # the last connection checkpoints the WAL into the file


def _finish(path: Path) -> tuple[str | None, dict[str, int]]:
    """Scrub personal data, switch the copy to WAL (readers never lock), read revision and counts."""
    from plut_nb.security.redaction import scrub_snapshot

    conn = sqlite3.connect(path)
    try:
        scrub_snapshot(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}
        row = (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in names
            else None
        )
    finally:
        conn.close()  # the last connection checkpoints and removes the -wal file
    return (str(row[0]) if row else None), counts
