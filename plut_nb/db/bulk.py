"""Bulk writes for the demo generator and the importers: many rows, one statement.

SQLAlchemy's per-row parameter handling costs more than SQLite's insert itself,
so on SQLite :func:`bulk_insert` applies the column types' own bind processors
once, column by column, and hands plain tuples to the driver's ``executemany``.
:func:`allocate_ids` reserves primary keys up front, so dependent rows (an
owner's ownership, an enterprise's baseline) can be built before anything is
written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlmodel import SQLModel

__all__ = ["allocate_ids", "bulk_insert", "insert_values"]


def bulk_insert(conn: Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one ``executemany``.

    Args:
        conn: A connection inside the caller's transaction.
        table: Table name in :data:`SQLModel.metadata`.
        rows: The rows; every dict has the same keys. Columns with a Python-side
            default that are missing from the rows fall back to SQLAlchemy's
            insert (which fills the defaults).
    """
    if not rows:
        return
    names = list(rows[0].keys())
    insert_values(conn, table, names, [[row[name] for name in names] for row in rows])


def insert_values(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``table`` in one ``executemany``.

    :func:`bulk_insert` for callers that build tuples, not dicts (no key per value).

    Args:
        conn: A connection inside the caller's transaction.
        table: Table name in :data:`SQLModel.metadata`.
        columns: The columns the rows' values are for.
        rows: The rows. Columns with a Python-side default that are not in
            ``columns`` fall back to SQLAlchemy's insert (which fills the defaults).
    """
    if not rows:
        return
    tbl = SQLModel.metadata.tables[table]
    names = list(columns)
    needs_defaults = any(c.default is not None and c.name not in names for c in tbl.columns)
    if conn.dialect.name != "sqlite" or needs_defaults:
        conn.execute(tbl.insert(), [dict(zip(names, row, strict=True)) for row in rows])
        return
    procs = [tbl.c[name].type.bind_processor(conn.dialect) for name in names]
    columns_sql = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table}" ({columns_sql}) VALUES ({", ".join("?" * len(names))})'
    if all(proc is None for proc in procs):
        conn.exec_driver_sql(sql, [tuple(row) for row in rows])
        return
    values = [list(row) for row in rows]
    for i, proc in enumerate(procs):
        if proc is not None:
            done: dict[Any, Any] = {}  # a column repeats values (dates, flags): convert each once
            for v in values:
                x = v[i]
                key = (list, *x) if type(x) is list else x
                try:
                    v[i] = done[key]
                except KeyError:
                    v[i] = done[key] = proc(x)
                except TypeError:  # unhashable (a dict for a JSON column)
                    v[i] = proc(x)
    conn.exec_driver_sql(sql, [tuple(v) for v in values])


def allocate_ids(conn: Connection, table: str, n: int) -> list[int]:
    """Reserve ``n`` new primary keys of ``table`` for rows the caller inserts next.

    On PostgreSQL the keys come from the table's sequence (safe with concurrent
    writers). On SQLite they follow the largest id: the caller's transaction
    holds the write lock from its first statement (``BEGIN IMMEDIATE``, see
    :mod:`plut_nb.db.engine`), so no other writer can take them meanwhile.

    Args:
        conn: A connection inside the caller's (writing) transaction.
        table: A table with an integer ``id`` primary key.
        n: How many keys.

    Returns:
        The keys, ascending.
    """
    if n <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": n},
        )
        return sorted(int(r[0]) for r in rows)
    start = conn.exec_driver_sql(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').scalar_one()
    return list(range(int(start), int(start) + n))
