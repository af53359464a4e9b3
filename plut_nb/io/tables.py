"""CSV and Parquet extracts of chosen tables, streamed in chunks.

One file per table (``<table>.csv`` or ``<table>.parquet``) in the output
folder, read with one ``REPEATABLE READ`` transaction on PostgreSQL (one read
transaction on SQLite), so the files of one export agree with each other.
Column types carry over to Parquet (integers, dates, timestamps in UTC,
booleans; JSON lists as JSON text). Sign-in secrets are never exported, and a
person's NIK, phone number and e-mail are masked unless ``personal_data`` is
asked for (UU 27/2022): an extract for analysis needs no full identifiers.

Every export is made for a staff member (``actor``), checked here, in the
service: ``export_tables`` for a masked export, ``export_personal_data``
(managers, admins) for full values, ``read_audit`` for the audit trail (left
out of an export of every table for those without it). The files hold only the
rows of the centres the actor covers (:mod:`plut_nb.io._export_scope`), or of
the one centre asked for, which must be covered. A refusal writes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
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
from sqlmodel import Session, SQLModel, col

from plut_nb.errors import NotFound, ValidationError
from plut_nb.io._export_scope import row_filter
from plut_nb.models import Centre, Staff
from plut_nb.rules import mask_nik, mask_phone
from plut_nb.security.permissions import Action, allowed, covered_centre_ids, require

__all__ = ["NEVER_EXPORTED", "TableExport", "export_tables", "exportable_tables"]

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
    conn: Any,
    table: Table,
    names: Sequence[str],
    personal: bool,
    centre_ids: frozenset[int] | None,
    counted: dict[str, int],
) -> Iterator[list[tuple[Any, ...]]]:
    convert = _converters(table, names, personal)
    query = select(*(table.c[n] for n in names)).order_by(*table.primary_key.columns)
    condition = row_filter(table.name, centre_ids)
    if condition is not None:
        query = query.where(condition)
    result = conn.execute(query.execution_options(yield_per=_CHUNK))
    counted[table.name] = 0
    for part in result.partitions():
        counted[table.name] += len(part)
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


@dataclass(frozen=True)
class TableExport:
    """What :func:`export_tables` wrote: files and rows per table, and for which centres."""

    files: list[Path]
    rows: dict[str, int] = field(default_factory=dict)
    centres: list[str] | None = None
    """Codes of the centres whose rows were written; ``None``: every centre."""
    personal_data: bool = False


def _chosen_tables(session: Session, actor: Staff, tables: Sequence[str] | None) -> list[str]:
    known = exportable_tables()
    for name in tables or ():
        if name not in known:
            raise ValidationError.single(
                "table", "export.no_table", table=name, tables=", ".join(known)
            )
    if tables:
        if "audit_entry" in tables:
            require(session, actor, Action.read_audit, entity="export", key="audit_entry")
        return list(tables)
    audit = allowed(actor, Action.read_audit)
    return [name for name in known if audit or name != "audit_entry"]


def _centres(
    session: Session, actor: Staff, centre_code: str | None, action: Action
) -> frozenset[int] | None:
    if not centre_code:
        return covered_centre_ids(session, actor)
    centre = session.execute(select(Centre).where(col(Centre.code) == centre_code)).scalar()
    if centre is None or centre.id is None:
        raise NotFound("centre", centre_code)
    require(session, actor, action, centre_id=centre.id, entity="export", key=centre_code)
    return frozenset({centre.id})


def export_tables(
    engine: Engine,
    out_dir: Path,
    *,
    actor: Staff,
    tables: Sequence[str] | None = None,
    fmt: str = "csv",
    personal_data: bool = False,
    centre_code: str | None = None,
) -> TableExport:
    """Write ``tables`` (default: every table) as ``fmt`` files into ``out_dir``.

    Args:
        engine: The database.
        out_dir: Output folder (created).
        actor: The staff member the export is for (roles and scope checked here).
        tables: Table names (see :func:`exportable_tables`); by default every
            table, without the audit trail for an actor who may not read it.
        fmt: ``csv`` or ``parquet``.
        personal_data: Write NIK, phone and e-mail unmasked (managers, admins).
        centre_code: Only this centre's rows (it must be covered by ``actor``);
            default: every centre ``actor`` covers.

    Returns:
        The files written (in table order), rows per table and the centres.

    Raises:
        ValidationError: An unknown table or format.
        NotFound: No centre ``centre_code``.
        PermissionDenied: ``actor`` may not export (this data, or this
            centre's); nothing is written.
    """
    action = Action.export_personal_data if personal_data else Action.export_tables
    if fmt not in ("csv", "parquet"):
        raise ValidationError.single("format", "code.unknown", value=fmt)
    with Session(engine) as session:  # a refusal's audit entry is written when it closes
        require(session, actor, action, entity="export", key=out_dir.name or str(out_dir))
        chosen = _chosen_tables(session, actor, tables)
        centre_ids = _centres(session, actor, centre_code, action)
        codes = None
        if centre_ids is not None:
            found = select(col(Centre.code)).where(col(Centre.id).in_(sorted(centre_ids)))
            codes = sorted(session.execute(found).scalars())
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    counted: dict[str, int] = {}
    options: dict[str, Any] = {"plut_read_only": True}
    if engine.url.get_backend_name() == "postgresql":
        options |= {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect().execution_options(**options) as conn:
        for name in chosen:
            table = SQLModel.metadata.tables[name]
            names = _columns(table)
            path = out_dir / f"{name}.{fmt}"
            chunks = _rows(conn, table, names, personal_data, centre_ids, counted)
            if fmt == "csv":
                _write_csv(path, names, chunks)
            else:
                _write_parquet(path, table, names, chunks)
            written.append(path)
        conn.rollback()  # every table was read in this one (read-only) transaction
    return TableExport(written, counted, codes, personal_data)
