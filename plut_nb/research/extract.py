"""The de-identified research extract (``plut export research OUT``).

What goes out: enterprises (sector, region down to regency, legal form, channel,
flagship commodity, registration date and the owner's gender, birth year, age
group, education, disability and Orang Asli Papua status), indicator snapshots,
cases (service, field, channel, status, dates, number of activities and minutes),
permits, referrals and event attendance — one table each, as Parquet (default)
or CSV, plus ``manifest.json`` (row counts, columns, SHA-256 of each file, the
key's fingerprint, the schema revision and what was left out).

What never goes out: names of enterprises, people or staff; NIK, NIB, phone,
email, street address, village and district; case numbers, notes, descriptions,
resolutions and comments (free text can name people); database ids. Every id is
replaced by a pseudonym, ``HMAC-SHA256(key, "<kind>:<id>")`` (see
:mod:`plut_nb.research.keys`): the same key gives the same pseudonyms, so
extracts taken at different times join, and nobody without the key can map a
pseudonym back to a record.

Rows are read and written in chunks; the whole export reads one consistent
snapshot of the database (one read transaction; REPEATABLE READ on PostgreSQL).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Select, Table, func, select
from sqlmodel import SQLModel

import plut_nb.models  # noqa: F401  (registers the tables in SQLModel.metadata)
from plut_nb.analytics._groups import YOUTH_MAX_AGE, youth_cutoff
from plut_nb.clock import today
from plut_nb.db import current_revision, default_engine
from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.research._tables import FORMATS, TABLES, Format, TableWriter, sha256_of
from plut_nb.research.keys import Pseudonymizer, key_fingerprint, load_research_key

__all__ = ["EXCLUDED", "MANIFEST", "ExtractSummary", "export_research_extract"]

MANIFEST = "manifest.json"
CHUNK_ROWS = 100_000
EXTRACT_VERSION = 1

#: What the extract leaves out, written into the manifest for the data-protection record.
EXCLUDED: tuple[str, ...] = (
    "enterprise and person names", "staff names and ids", "NIK", "NIB", "phone", "email",
    "street address", "village and district codes", "exact birth date",
    "case numbers and free-text notes, descriptions, resolutions, comments", "database ids",
)  # fmt: skip

_AGE_GROUPS = ((YOUTH_MAX_AGE, f"18_{YOUTH_MAX_AGE}"), (50, f"{YOUTH_MAX_AGE + 1}_50"))


class ExtractError(PlutError):
    """The extract cannot be written (target folder not empty, unknown format)."""


@dataclass(frozen=True)
class ExtractSummary:
    """What :func:`export_research_extract` wrote.

    Attributes:
        folder: The extract folder.
        rows: Rows written per table.
        key_fingerprint: Tag of the key (same tag, same pseudonyms).
        as_of: The date owners' ages are measured at.
    """

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    key_fingerprint: str = ""
    as_of: date | None = None


def _t(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _owner_select() -> Select[Any]:
    own, ent, per, cen = _t("ownership"), _t("enterprise"), _t("person"), _t("centre")
    first = (
        select(own.c.enterprise_id.label("eid"), func.min(own.c.id).label("oid"),
               func.count().label("owners"))
        .where(own.c.role == "pemilik")
        .group_by(own.c.enterprise_id)
        .subquery()
    )  # fmt: skip
    e, p = ent.c, per.c
    return (
        select(
            e.id, p.id.label("person_id"), cen.c.code.label("centre"), e.province_code,
            e.regency_code, e.kbli_code, e.kbli_codes, e.legal_form,
            e.nib.is_not(None).label("has_nib"), e.founding_year, e.registered_on,
            e.outreach_channel, e.flagship_commodity, e.online_channels.label("channels"),
            e.capital_at_registration, first.c.owners, p.gender.label("owner_gender"),
            p.birth_date, p.education.label("owner_education"),
            p.disability.label("owner_disability"), p.orang_asli_papua.label("owner_oap"),
        )
        .select_from(ent)
        .join(cen, cen.c.id == e.registered_centre_id)
        .outerjoin(first, first.c.eid == e.id)
        .outerjoin(own, own.c.id == first.c.oid)
        .outerjoin(per, p.id == own.c.person_id)
        .order_by(e.id)
    )  # fmt: skip


def _enterprise_rows(df: pd.DataFrame, p: Pseudonymizer, as_of: date) -> pd.DataFrame:
    born = pd.to_datetime(df["birth_date"])
    had_birthday = (born.dt.month < as_of.month) | (
        (born.dt.month == as_of.month) & (born.dt.day <= as_of.day)
    )
    age = as_of.year - born.dt.year - (~had_birthday).astype("Int64")
    young = (age <= _AGE_GROUPS[0][0]).fillna(False).to_numpy(dtype=bool)
    middle = (age <= _AGE_GROUPS[1][0]).fillna(False).to_numpy(dtype=bool)
    group = pd.Series(
        np.where(young, _AGE_GROUPS[0][1], np.where(middle, _AGE_GROUPS[1][1], "51_plus")),
        index=df.index,
        dtype="string",
    )
    group[age.isna().to_numpy()] = pd.NA
    youth = (born > pd.Timestamp(youth_cutoff(as_of))).astype("boolean")
    youth[born.isna()] = pd.NA
    return df.assign(
        enterprise_id=p.many("enterprise", df["id"].tolist()),
        owner_id=p.many("person", [None if pd.isna(v) else int(v) for v in df["person_id"]]),
        kbli_codes=[";".join(v) if isinstance(v, list) else None for v in df["kbli_codes"]],
        online_channels=[len(v) if isinstance(v, list) else 0 for v in df["channels"]],
        owner_birth_year=born.dt.year.astype("Int64"),
        owner_age_group=group,
        owner_youth=youth,
    )


def _snapshot_select() -> Select[Any]:
    c = _t("indicator_snapshot").c
    return select(
        c.enterprise_id, c.taken_on, c.kind, c.sales_annual, c.capital, c.employees_total,
        c.employees_women, c.market_regional, c.market_national, c.market_export,
        c.online_channels.label("channels"), c.size_class,
    ).order_by(c.enterprise_id, c.taken_on, c.id)  # fmt: skip


def _snapshot_rows(df: pd.DataFrame, p: Pseudonymizer, _as_of: date) -> pd.DataFrame:
    return df.assign(
        enterprise_id=p.many("enterprise", df["enterprise_id"].tolist()),
        online_channels=[len(v) if isinstance(v, list) else 0 for v in df["channels"]],
    )


def _case_select() -> Select[Any]:
    act, case, cen, svc = _t("activity"), _t("service_case"), _t("centre"), _t("service_type")
    acts = (
        select(act.c.case_id.label("cid"), func.count().label("activities"),
               func.sum(act.c.minutes).label("minutes"))
        .group_by(act.c.case_id)
        .subquery()
    )  # fmt: skip
    c = case.c
    return (
        select(
            c.id, c.enterprise_id, cen.c.code.label("centre"), c.service_code,
            svc.c.field.label("service_field"), svc.c.delivery_mode, c.channel, c.priority,
            c.status, c.opened_on, c.due_on, c.closed_on,
            func.coalesce(acts.c.activities, 0).label("activities"),
            func.coalesce(acts.c.minutes, 0).label("minutes"),
        )
        .select_from(case)
        .join(cen, cen.c.id == c.centre_id)
        .outerjoin(svc, svc.c.code == c.service_code)
        .outerjoin(acts, acts.c.cid == c.id)
        .order_by(c.id)
    )  # fmt: skip


def _case_rows(df: pd.DataFrame, p: Pseudonymizer, _as_of: date) -> pd.DataFrame:
    return df.assign(
        case_id=p.many("case", df["id"].tolist()),
        enterprise_id=p.many("enterprise", df["enterprise_id"].tolist()),
    )


def _permit_select() -> Select[Any]:
    c = _t("permit_application").c
    return select(c.enterprise_id, c.case_id, c.permit_type, c.status, c.submitted_on,
                  c.issued_on).order_by(c.id)  # fmt: skip


def _permit_rows(df: pd.DataFrame, p: Pseudonymizer, _as_of: date) -> pd.DataFrame:
    return df.assign(
        enterprise_id=p.many("enterprise", df["enterprise_id"].tolist()),
        case_id=p.many("case", [None if pd.isna(v) else int(v) for v in df["case_id"]]),
    )


def _referral_select() -> Select[Any]:
    c = _t("referral").c
    return select(c.case_id, c.partner_type, c.status, c.referred_on).order_by(c.id)


def _referral_rows(df: pd.DataFrame, p: Pseudonymizer, _as_of: date) -> pd.DataFrame:
    return df.assign(case_id=p.many("case", df["case_id"].tolist()))


def _event_select() -> Select[Any]:
    att, ev, cen = _t("event_attendance"), _t("event"), _t("centre")
    return (
        select(att.c.enterprise_id, cen.c.code.label("centre"), ev.c.kind.label("event_kind"),
               ev.c.starts_on.label("event_on"), att.c.attended, att.c.sales)
        .select_from(att)
        .join(ev, ev.c.id == att.c.event_id)
        .join(cen, cen.c.id == ev.c.centre_id)
        .order_by(att.c.id)
    )  # fmt: skip


def _event_rows(df: pd.DataFrame, p: Pseudonymizer, _as_of: date) -> pd.DataFrame:
    return df.assign(enterprise_id=p.many("enterprise", df["enterprise_id"].tolist()))


_Rows = Callable[[pd.DataFrame, Pseudonymizer, date], pd.DataFrame]
_PLAN: dict[str, tuple[Callable[[], Select[Any]], _Rows]] = {
    "enterprises": (_owner_select, _enterprise_rows),
    "snapshots": (_snapshot_select, _snapshot_rows),
    "cases": (_case_select, _case_rows),
    "permits": (_permit_select, _permit_rows),
    "referrals": (_referral_select, _referral_rows),
    "events": (_event_select, _event_rows),
}


def _chunks(conn: Connection, stmt: Select[Any]) -> Iterator[pd.DataFrame]:
    result = conn.execution_options(stream_results=True, yield_per=CHUNK_ROWS).execute(stmt)
    names = list(result.keys())
    while rows := result.fetchmany(CHUNK_ROWS):
        yield pd.DataFrame.from_records([tuple(r) for r in rows], columns=names)


def _prepare_folder(out: Path, overwrite: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise ExtractError(t("research.extract.not_empty", path=out))
        if not (out / MANIFEST).is_file():
            raise ExtractError(t("research.extract.not_extract", path=out))
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def export_research_extract(
    out: Path,
    *,
    engine: Engine | None = None,
    fmt: Format = "parquet",
    key: bytes | None = None,
    key_file: Path | None = None,
    as_of: date | None = None,
    overwrite: bool = False,
) -> ExtractSummary:
    """Write the de-identified research extract to the folder ``out``.

    Args:
        out: Target folder; must be empty or absent (or an earlier extract with ``overwrite``).
        engine: Source database; default the configured one.
        fmt: ``parquet`` (default) or ``csv``.
        key: The pseudonymisation key; default :func:`~plut_nb.research.keys.load_research_key`.
        key_file: A key file to read the key from (when ``key`` is not given).
        as_of: Date owners' ages and youth are measured at; default today.
        overwrite: Replace an earlier extract in ``out``.

    Returns:
        An :class:`ExtractSummary` with the rows per table.

    Raises:
        ExtractError: ``out`` holds other files, or ``fmt`` is unknown.
        ResearchKeyError: No usable key.
    """
    if fmt not in FORMATS:
        raise ExtractError(t("research.extract.format", fmt=fmt, allowed=", ".join(FORMATS)))
    out = Path(out)
    secret = key if key is not None else load_research_key(key_file)
    pseudo = Pseudonymizer(secret)
    engine = engine or default_engine()
    as_of = as_of or today()
    revision = current_revision(engine)
    _prepare_folder(out, overwrite)
    writers = {name: TableWriter(out, name, fmt) for name in TABLES}
    conn_opts: dict[str, Any] = {"plut_read_only": True}  # SQLite: a deferred read transaction
    if engine.dialect.name == "postgresql":
        conn_opts.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    with engine.connect().execution_options(**conn_opts) as conn, conn.begin():
        for name, (build, convert) in _PLAN.items():
            for chunk in _chunks(conn, build()):
                writers[name].write(convert(chunk, pseudo, as_of))
            writers[name].close()
    tables = {
        name: {"file": w.path.name, "rows": w.rows, "sha256": sha256_of(w.path),
               "columns": {c: k for c, k in TABLES[name]}}
        for name, w in writers.items()
    }  # fmt: skip
    manifest = {
        "extract_version": EXTRACT_VERSION, "format": fmt,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "as_of": as_of.isoformat(),
        "key_fingerprint": key_fingerprint(secret), "pseudonym": "HMAC-SHA256(key, '<kind>:<id>')[:16 hex]",
        "source": {"dialect": engine.dialect.name, "schema_revision": revision},
        "plut_nb_version": version("plut-nb"), "youth_max_age": YOUTH_MAX_AGE,
        "excluded": list(EXCLUDED), "tables": tables,
    }  # fmt: skip
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    rows = {n: w.rows for n, w in writers.items()}
    return ExtractSummary(out, rows, key_fingerprint(secret), as_of)
