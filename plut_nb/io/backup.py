"""Backup and restore of the embedded SQLite database, while the apps use it.

:func:`backup_database` copies the live database with SQLite's online backup
API (:func:`plut_nb.batch.snapshot.copy_sqlite_file`, the same copy a batch
snapshot takes): one consistent instant, writers carry on meanwhile. The copy
is written beside the target first, checked (``quick_check``, schema revision)
and then moved into place, so a half-written backup never carries the name.

:func:`restore_database` checks that the file is an intact PLUT-NB database of
a schema this version knows, refuses to overwrite a database that holds data
unless forced, keeps a copy of what it overwrites, and copies the backup in
through the same API (the apps' connections see the restored data; no file
is swapped under them). PostgreSQL is backed up with ``pg_dump`` (README).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from plut_nb.db.schema import alembic_config, head_revision
from plut_nb.errors import PlutError
from plut_nb.i18n import t

__all__ = ["BackupInfo", "backup_database", "restore_database"]


@dataclass(frozen=True)
class BackupInfo:
    """A backup file and what it holds.

    Attributes:
        path: The file.
        revision: Its schema revision (Alembic).
        enterprises: Enterprises in it.
        kept: On restore, where the overwritten data was kept (``None``: nothing overwritten).
        needs_upgrade: On restore, the schema is older than this program's.
    """

    path: Path
    revision: str | None
    enterprises: int
    kept: Path | None = None
    needs_upgrade: bool = False


def _database_file(engine: Engine) -> Path:
    if engine.url.get_backend_name() != "sqlite":
        raise PlutError(t("backup.not_sqlite"))
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise PlutError(t("backup.not_sqlite"))
    return Path(database)


def _inspect(path: Path) -> tuple[str | None, int, int]:
    """(schema revision, enterprises, centres) of a SQLite file; raises if it is not intact."""
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise PlutError(t("restore.not_backup", path=path, reason=str(ok and ok[0])))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "enterprise"} <= tables:
                raise PlutError(t("restore.not_backup", path=path, reason="alembic_version"))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            count = conn.execute("SELECT count(*) FROM enterprise").fetchone()[0]
            centres = conn.execute("SELECT count(*) FROM centre").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise PlutError(t("restore.not_backup", path=path, reason=str(exc))) from exc
    return (str(row[0]) if row else None), int(count), int(centres)


def backup_database(engine: Engine, target: Path) -> BackupInfo:
    """Write a consistent copy of the SQLite database of ``engine`` to ``target``.

    Args:
        engine: The live database (a SQLite file).
        target: The backup file (replaced if it exists).

    Returns:
        What the backup holds.

    Raises:
        PlutError: Not a SQLite file database (use ``pg_dump``), or it does not exist.
    """
    from plut_nb.batch.snapshot import copy_sqlite_file

    source = _database_file(engine)
    if not source.is_file():
        raise PlutError(t("backup.no_database", path=source))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_sqlite_file(source, partial)
        conn = sqlite3.connect(partial)
        try:  # one self-contained file, no -wal beside it
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        revision, enterprises, _ = _inspect(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return BackupInfo(target, revision, enterprises)


def _known(revision: str | None) -> bool:
    if revision is None:
        return False
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def restore_database(engine: Engine, backup: Path, *, force: bool = False) -> BackupInfo:
    """Replace the data of the SQLite database of ``engine`` by the backup ``backup``.

    Args:
        engine: The database to restore into (a SQLite file; it may be in use).
        backup: A file written by :func:`backup_database`.
        force: Overwrite a database that holds data (a copy of it is kept first,
            ``<name>.sebelum-pulih-<time>.db`` beside it).

    Returns:
        What was restored; ``needs_upgrade`` when ``plut db upgrade`` must follow.

    Raises:
        PlutError: Not SQLite; the backup is damaged, not a PLUT-NB database or
            of a schema this version does not know; the database holds data and
            ``force`` is not given.
    """
    from plut_nb.batch.snapshot import copy_sqlite_file

    target = _database_file(engine)
    backup = Path(backup)
    if not backup.is_file():
        raise PlutError(t("backup.no_database", path=backup))
    revision, enterprises, _ = _inspect(backup)
    head = head_revision()
    if not _known(revision):
        raise PlutError(t("restore.schema", path=backup, revision=revision or "-", head=head))
    kept = None
    if target.is_file() and target.stat().st_size:
        try:
            _, current, centres = _inspect(target)
            holds_data, shown = bool(current or centres), str(current)
        except PlutError:  # unreadable or not PLUT-NB: treat as data to protect
            holds_data, shown = True, "?"
        if holds_data and not force:
            raise PlutError(t("restore.exists", path=target, enterprises=shown))
        if holds_data:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            kept = target.with_name(f"{target.stem}.sebelum-pulih-{stamp}.db")
            try:
                copy_sqlite_file(target, kept)
            except sqlite3.DatabaseError:
                shutil.copy2(target, kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_sqlite_file(backup, target)
    conn = sqlite3.connect(target, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    engine.dispose()  # pooled connections reopen on the restored file
    return BackupInfo(backup, revision, enterprises, kept, revision != head)
