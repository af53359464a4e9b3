"""Engines and sessions for SQLite (embedded) and PostgreSQL (shared).

SQLite is opened with WAL journaling (readers never block the writer), foreign
keys on, and a busy timeout so concurrent writers wait instead of failing.
Statement parameters are never shown in SQL logs or database error messages
(``hide_parameters``): they may hold a NIK or phone number (UU 27/2022).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from plut_nb.db.checkpoint import SAFETY_NET_PAGES, start_checkpointer
from plut_nb.settings import get_settings

__all__ = ["default_engine", "make_engine", "read_scope", "session_scope"]


def _sqlite_pragmas(busy_timeout_ms: int, autocheckpoint_pages: int | None) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (pysqlite quirk).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        # 64 MB page cache per connection: index pages of a large registry stay hot.
        cur.execute("PRAGMA cache_size=-65536")
        if autocheckpoint_pages is not None:
            cur.execute(f"PRAGMA wal_autocheckpoint={int(autocheckpoint_pages)}")
        cur.close()

    return on_connect


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock up front (BEGIN IMMEDIATE), so two
    # writers queue on the busy timeout instead of one failing with "database is
    # locked" half-way. Read-only work (read_scope) begins deferred and never blocks.
    if conn.get_execution_options().get("plut_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(
    url: str | None = None, *, echo: bool = False, background_checkpoints: bool = False
) -> Engine:
    """Create an engine for ``url`` (default: the configured database).

    Args:
        url: SQLAlchemy URL; ``None`` uses ``PLUT_DB_URL`` or the embedded SQLite file.
        echo: Log SQL statements.
        background_checkpoints: For a SQLite file, checkpoint the WAL in a daemon
            thread instead of inside commits (see :mod:`plut_nb.db.checkpoint`);
            the apps' and CLI's :func:`default_engine` turn it on.

    Returns:
        A configured :class:`sqlalchemy.Engine`.
    """
    settings = get_settings()
    url = url or settings.database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, hide_parameters=True, connect_args={"check_same_thread": False}
        )
        on_file = bool(parsed.database) and parsed.database != ":memory:"
        background = background_checkpoints and on_file
        if background:
            start_checkpointer(Path(str(parsed.database)))
        event.listen(
            engine,
            "connect",
            _sqlite_pragmas(
                settings.sqlite_busy_timeout_ms, SAFETY_NET_PAGES if background else None
            ),
        )
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, hide_parameters=True, pool_pre_ping=True)


@cache
def _engine_for(url: str) -> Engine:
    return make_engine(url, background_checkpoints=True)


def default_engine() -> Engine:
    """The process-wide engine for the configured database (created once per URL)."""
    return _engine_for(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any exception.

    Args:
        engine: Engine to use; default :func:`default_engine`.

    Yields:
        An open :class:`sqlmodel.Session`.
    """
    with Session(engine or default_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session for reading only: on SQLite it never takes the write lock.

    Args:
        engine: Engine to use; default :func:`default_engine`.

    Yields:
        An open :class:`sqlmodel.Session`; nothing it does is committed.
    """
    eng = (engine or default_engine()).execution_options(plut_read_only=True)
    # Closing (not rolling back) keeps loaded objects readable after the block;
    # the pool still ends the connection's transaction when it takes it back.
    with Session(eng, expire_on_commit=False) as session:
        yield session
