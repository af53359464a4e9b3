"""CSV and Parquet extracts of chosen tables, streamed in chunks.

One file per table (``<table>.csv`` or ``<table>.parquet``) in the output
folder, read with one ``REPEATABLE READ`` transaction on PostgreSQL (one read
transaction on SQLite), so the files of one export agree with each other.
Column types carry over to Parquet (integers, dates, timestamps in UTC,
booleans; JSON lists as JSON text). Sign-in secrets are never exported, and a
person's NIK, phone number and e-mail are masked unless ``personal_data`` is
asked for (UU 27/2022): an extract for analysis needs no full identifiers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Table,
    select,
)
from sqlmodel import SQLModel

from plut_nb.errors import ValidationError
from plut_nb.rules import mask_nik, mask_phone

__all__ = ["NEVER_EXPORTED", "export_tables", "exportable_tables"]

#: Columns no export ever writes.
NEVER_EXPORTED: dict[str, frozenset[str]] = {"staff": frozenset({"password_hash"})}
_MASKED: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("person", "nik"): mask_nik,
    ("person", "phone"): mask_phone,
    ("person", "email"): lambda v: "***",
}
_CHUNK = 10_000


def exportable_tables() -> list[str]:
    """The tables an export may write, in dependency order."""
    import plut_nb.models  # noqa: F401  (registers every table)

    return [t.name for t in SQLModel.metadata.sorted_tables]


def _columns(table: Table) -> list[str]:
    hidden = NEVER_EXPORTED.get(table.name, frozenset())
    return [c.name for c in table.columns if c.name not in hidden]


def _converters(table: Table, names: Sequence[str], personal: bool) -> list[Callable[[Any], Any]]:
    out: list[Callable[[Any], Any]] = []
    for name in names:
        mask = None if personal else _MASKED.get((table.name, name))
        if mask is not None:
            out.append(partial(_masked, mask))
        elif isinstance(table.c[name].type, JSON):
            out.append(_json)
        else:
            out.append(_same)
    return out


def _same(value: Any) -> Any:
    return value


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value is not None else None


def _masked(mask: Callable[[Any], Any], value: Any) -> Any:
    return mask(value) if value else value


def _rows(
    conn: Any, table: Table, names: Sequence[str], personal: bool
) -> Iterator[list[tuple[Any, ...]]]:
    convert = _converters(table, names, personal)
    query = select(*(table.c[n] for n in names)).order_by(*table.primary_key.columns)
    result = conn.execute(query.execution_options(yield_per=_CHUNK))
    for part in result.partitions():
        yield [tuple(f(v) for f, v in zip(convert, row, strict=True)) for row in part]


def _arrow_type(column: Any) -> Any:
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, BigInteger | Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, Date):
        return pa.date32()
    return pa.string()


def _utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands back UTC timestamps without a zone
    return value


def _write_csv(path: Path, names: Sequence[str], chunks: Iterator[list[tuple[Any, ...]]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(names)
        for chunk in chunks:
            out.writerows(
                [
                    ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row]
                    for row in chunk
                ]
            )


def _write_parquet(
    path: Path, table: Table, names: Sequence[str], chunks: Iterator[list[tuple[Any, ...]]]
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for n in names:
        column = table.c[n]
        kind = pa.string() if isinstance(column.type, JSON) else _arrow_type(column)
        fields.append(pa.field(n, kind))
    schema = pa.schema(fields)
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for chunk in chunks:
            arrays = [
                pa.array([_utc(row[i]) for row in chunk], type=schema.field(i).type)
                for i in range(len(names))
            ]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def export_tables(
    engine: Engine,
    out_dir: Path,
    *,
    tables: Sequence[str] | None = None,
    fmt: str = "csv",
    personal_data: bool = False,
) -> list[Path]:
    """Write ``tables`` (default: every table) as ``fmt`` files into ``out_dir``.

    Args:
        engine: The database.
        out_dir: Output folder (created).
        tables: Table names (see :func:`exportable_tables`).
        fmt: ``csv`` or ``parquet``.
        personal_data: Write NIK, phone and e-mail unmasked.

    Returns:
        The files written, in table order.

    Raises:
        ValidationError: An unknown table or format.
    """
    known = exportable_tables()
    chosen = list(tables) if tables else known
    for name in chosen:
        if name not in known:
            raise ValidationError.single(
                "table", "export.no_table", table=name, tables=", ".join(known)
            )
    if fmt not in ("csv", "parquet"):
        raise ValidationError.single("format", "code.unknown", value=fmt)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    options: dict[str, Any] = {"plut_read_only": True}
    if engine.url.get_backend_name() == "postgresql":
        options |= {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect().execution_options(**options) as conn:
        for name in chosen:
            table = SQLModel.metadata.tables[name]
            names = _columns(table)
            path = out_dir / f"{name}.{fmt}"
            chunks = _rows(conn, table, names, personal_data)
            if fmt == "csv":
                _write_csv(path, names, chunks)
            else:
                _write_parquet(path, table, names, chunks)
            written.append(path)
        conn.rollback()  # every table was read in this one (read-only) transaction
    return written
