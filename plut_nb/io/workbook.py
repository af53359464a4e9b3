"""The Excel workbook a centre sends to its government: one centre, one period.

Sheets (headers in Indonesian; dates are Excel dates, amounts whole Rupiah
with thousands separators, column widths set, header row frozen):

- **Ringkasan** — the headline figures from :mod:`plut_nb.analytics.kpis`
  (UMKM served new/returning, cases opened/finished/cancelled, permits issued
  per type, events and participants, IKM score and grade);
- **UMKM Dilayani** — each enterprise served (a case opened or an activity held
  in the period), with its NIB, KBLI, village and owner's gender; no NIK or
  phone number (UU 27/2022);
- **Kasus** — cases opened in the period; **Izin** — permits submitted or
  issued in the period; **Acara** — events with registrations, attendance and
  sales; **IKM** — the nine element means, the index, score and grade.

Rows are streamed into a write-only workbook, so memory does not grow with
the number of rows.

The workbook names enterprises, owners and staff, so it is written for a staff
member who may export that centre's tables (``export_tables``: the centre's
desk staff and managers, admins; checked here, for the centre asked for). A
refusal writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, distinct, func, or_, select, union
from sqlmodel import Session, col

from plut_nb.analytics.kpis import (
    case_flow,
    enterprises_served,
    event_figures,
    ikm_score,
    permits_obtained,
)
from plut_nb.analytics.scope import Period, Scope, scope_name
from plut_nb.errors import NotFound
from plut_nb.models import (
    Activity,
    Case,
    Centre,
    Enterprise,
    Event,
    EventAttendance,
    Ownership,
    PermitApplication,
    Person,
    ServiceType,
    Staff,
)
from plut_nb.reference.codes import PERMIT_TYPES
from plut_nb.rules.ikm import IKM_ELEMENTS
from plut_nb.security.permissions import Action, require

__all__ = ["REPORT_SHEETS", "ReportWorkbook", "write_report_workbook"]

REPORT_SHEETS = ("Ringkasan", "UMKM Dilayani", "Kasus", "Izin", "Acara", "IKM")
_FORMATS = {"date": "DD/MM/YYYY", "money": "#,##0", "int": "0", "decimal": "0.00"}


@dataclass(frozen=True)
class ReportWorkbook:
    """What :func:`write_report_workbook` wrote: the file and the data rows per sheet."""

    path: Path
    rows: dict[str, int]


@dataclass(frozen=True)
class _Col:
    header: str
    kind: str  # text / int / money / date / decimal
    width: float


def _sheet(wb: Any, title: str, columns: Sequence[_Col], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    ws.append(header)
    formats = [_FORMATS.get(c.kind) for c in columns]
    n = 0
    for row in rows:
        out: list[Any] = []
        for value, kind in zip(row, formats, strict=True):
            fmt = _FORMATS["date"] if kind is None and isinstance(value, date) else kind
            if fmt is None or value is None:
                out.append(value)
            else:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = fmt
                out.append(cell)
        ws.append(out)
        n += 1
    return n


def _summary(session: Session, scope: Scope, period: Period) -> list[tuple[str, Any]]:
    served = enterprises_served(session, scope, period)
    flow = case_flow(session, scope, period)
    events = event_figures(session, scope, period)
    ikm = ikm_score(session, scope, period)
    rows: list[tuple[str, Any]] = [
        ("PLUT", scope_name(session, scope)),
        ("Periode mulai", period.start),
        ("Periode akhir", period.end),
        ("UMKM dilayani", served.total),
        ("UMKM baru", served.new),
        ("UMKM lama", served.returning),
        ("Kasus dibuka", flow.opened),
        ("Kasus selesai", flow.closed),
        ("Kasus dibatalkan", flow.cancelled),
    ]
    for kind, n in permits_obtained(session, scope, period).items():
        rows.append((f"Izin terbit: {PERMIT_TYPES.get(kind, (kind,))[0]}", n))
    rows += [
        ("Acara", events.events),
        ("Peserta terdaftar", events.registered),
        ("Peserta hadir", events.attended),
        ("Penjualan di acara (Rp)", events.sales),
        ("Responden IKM", ikm.n_respondents if ikm else 0),
        ("Nilai IKM", float(ikm.score_rounded) if ikm else None),
        ("Mutu pelayanan", f"{ikm.grade} ({ikm.grade_label})" if ikm else None),
    ]
    return rows


def _served_rows(session: Session, scope: Scope, period: Period) -> Iterable[Sequence[Any]]:
    in_scope = scope.where(centre_id=col(Case.centre_id), enterprise_id=col(Case.enterprise_id))
    opened: Any = select(col(Case.enterprise_id).label("eid")).where(
        in_scope, period.contains(col(Case.opened_on))
    )
    worked: Any = (
        select(col(Case.enterprise_id).label("eid"))
        .join(Activity, col(Activity.case_id) == col(Case.id))
        .where(in_scope, period.contains(col(Activity.held_on)))
    )
    served = union(opened, worked).subquery()
    cases = (
        select(func.count(col(Case.id)))
        .where(col(Case.enterprise_id) == col(Enterprise.id), in_scope)
        .where(period.contains(col(Case.opened_on)))
        .scalar_subquery()
    )
    owner = (
        select(col(Ownership.person_id))
        .where(col(Ownership.enterprise_id) == col(Enterprise.id), col(Ownership.role) == "pemilik")
        .order_by(col(Ownership.id))
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            col(Enterprise.id),
            col(Enterprise.name),
            col(Enterprise.nib),
            col(Enterprise.legal_form),
            col(Enterprise.kbli_code),
            col(Enterprise.village_code),
            col(Enterprise.regency_code),
            col(Person.name),
            col(Person.gender),
            col(Person.orang_asli_papua),
            col(Person.disability),
            col(Enterprise.registered_on),
            cases,
        )
        .join(served, served.c.eid == col(Enterprise.id))
        .outerjoin(Person, col(Person.id) == owner)
        .order_by(col(Enterprise.name), col(Enterprise.id))
    )
    for r in session.execute(query.execution_options(yield_per=5000)):
        yield [*r[:9], "ya" if r[9] else "tidak", "ya" if r[10] else "tidak", *r[11:]]


def _case_rows(session: Session, scope: Scope, period: Period) -> Iterable[Sequence[Any]]:
    in_scope = scope.where(centre_id=col(Case.centre_id), enterprise_id=col(Case.enterprise_id))
    query = (
        select(
            col(Case.number),
            col(Case.opened_on),
            col(Enterprise.name),
            col(ServiceType.name_id),
            col(ServiceType.field),
            col(Case.status),
            col(Case.priority),
            col(Staff.name),
            col(Case.due_on),
            col(Case.closed_on),
        )
        .join(Enterprise, col(Enterprise.id) == col(Case.enterprise_id))
        .join(ServiceType, col(ServiceType.code) == col(Case.service_code))
        .outerjoin(Staff, col(Staff.id) == col(Case.assigned_staff_id))
        .where(in_scope, period.contains(col(Case.opened_on)))
        .order_by(col(Case.opened_on), col(Case.id))
    )
    yield from session.execute(query.execution_options(yield_per=5000))


def _permit_rows(session: Session, scope: Scope, period: Period) -> Iterable[Sequence[Any]]:
    in_scope = scope.where(
        centre_id=col(Case.centre_id), enterprise_id=col(PermitApplication.enterprise_id)
    )
    query = (
        select(
            col(Enterprise.name),
            col(Enterprise.nib),
            col(PermitApplication.permit_type),
            col(PermitApplication.status),
            col(PermitApplication.submitted_on),
            col(PermitApplication.issued_on),
            col(PermitApplication.number),
            col(Case.number),
        )
        .join(Enterprise, col(Enterprise.id) == col(PermitApplication.enterprise_id))
        .join(Case, col(Case.id) == col(PermitApplication.case_id))
        .where(
            in_scope,
            or_(
                period.contains(col(PermitApplication.submitted_on)),
                period.contains(col(PermitApplication.issued_on)),
            ),
        )
        .order_by(col(PermitApplication.id))
    )
    for r in session.execute(query):
        yield [r[0], r[1], PERMIT_TYPES.get(r[2], (r[2],))[0], *r[3:]]


def _event_rows(session: Session, scope: Scope, period: Period) -> Iterable[Sequence[Any]]:
    query = (
        select(
            col(Event.name),
            col(Event.kind),
            col(Event.starts_on),
            col(Event.ends_on),
            col(Event.place),
            col(Event.partner_community),
            func.count(distinct(col(EventAttendance.id))),
            func.count(distinct(col(EventAttendance.id))).filter(
                col(EventAttendance.attended).is_(True)
            ),
            func.coalesce(func.sum(col(EventAttendance.sales)), 0),
        )
        .outerjoin(EventAttendance, col(EventAttendance.event_id) == col(Event.id))
        .where(
            scope.where(
                centre_id=col(Event.centre_id), enterprise_id=col(EventAttendance.enterprise_id)
            ),
            period.contains(col(Event.starts_on)),
        )
        .group_by(col(Event.id))
        .order_by(col(Event.starts_on), col(Event.id))
    )
    yield from session.execute(query)


def _ikm_rows(session: Session, scope: Scope, period: Period) -> list[Sequence[Any]]:
    ikm = ikm_score(session, scope, period)
    if ikm is None:
        return [("Belum ada responden pada periode ini", None)]
    rows: list[Sequence[Any]] = [
        (f"U{i + 1} {IKM_ELEMENTS[i][1]}", round(m, 2)) for i, m in enumerate(ikm.element_means)
    ]
    rows += [
        ("Indeks (1–4)", round(ikm.index, 2)),
        ("Nilai IKM (25–100)", float(ikm.score_rounded)),
        ("Mutu", ikm.grade),
        ("Kinerja", ikm.grade_label),
        ("Responden", ikm.n_respondents),
    ]
    return rows


def write_report_workbook(
    engine: Engine, centre_code: str, period: Period, out: Path, *, actor: Staff
) -> ReportWorkbook:
    """Write the reporting workbook of centre ``centre_code`` for ``period`` to ``out``.

    Args:
        engine: The database.
        centre_code: The centre (e.g. ``PLUT-SUMUT``).
        period: The reporting period (both ends included).
        out: The ``.xlsx`` file to write (replaced if it exists).
        actor: The staff member it is written for (``export_tables`` at the centre).

    Returns:
        ``out`` and the data rows of each sheet.

    Raises:
        NotFound: No such centre.
        PermissionDenied: ``actor`` may not export that centre's data; nothing is written.
    """
    from openpyxl import Workbook

    with Session(engine) as session:  # a refusal's audit entry is written when it closes
        centre = session.execute(select(Centre).where(col(Centre.code) == centre_code)).scalar()
        if centre is None or centre.id is None:
            raise NotFound("centre", centre_code)
        require(
            session, actor, Action.export_tables, centre_id=centre.id, entity="export",
            key=centre_code,
        )  # fmt: skip
    scope = Scope.centre(centre_code)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    text, date_, int_, money = "text", "date", "int", "money"
    counts: dict[str, int] = {}
    with Session(engine.execution_options(plut_read_only=True)) as session:
        summary = _summary(session, scope, period)
        counts["Ringkasan"] = _sheet(
            wb,
            "Ringkasan",
            [_Col("Uraian", text, 38), _Col("Nilai", text, 30)],
            [(k, v) for k, v in summary],
        )
        counts["UMKM Dilayani"] = _sheet(
            wb,
            "UMKM Dilayani",
            [
                _Col("ID Usaha", int_, 10), _Col("Nama Usaha", text, 36), _Col("NIB", text, 16),
                _Col("Bentuk Usaha", text, 14), _Col("KBLI", text, 8), _Col("Kode Desa", text, 15),
                _Col("Kab/Kota", text, 9), _Col("Pemilik", text, 28), _Col("L/P", text, 5),
                _Col("OAP", text, 6), _Col("Disabilitas", text, 11),
                _Col("Tanggal Daftar", date_, 14), _Col("Kasus pada Periode", int_, 10),
            ],
            _served_rows(session, scope, period),
        )  # fmt: skip
        counts["Kasus"] = _sheet(
            wb,
            "Kasus",
            [
                _Col("Nomor Kasus", text, 24), _Col("Tanggal Buka", date_, 13),
                _Col("Nama Usaha", text, 34), _Col("Layanan", text, 34), _Col("Bidang", text, 14),
                _Col("Status", text, 18), _Col("Prioritas", text, 10), _Col("Petugas", text, 26),
                _Col("Jatuh Tempo", date_, 13), _Col("Tanggal Selesai", date_, 13),
            ],
            _case_rows(session, scope, period),
        )  # fmt: skip
        counts["Izin"] = _sheet(
            wb,
            "Izin",
            [
                _Col("Nama Usaha", text, 34), _Col("NIB", text, 16), _Col("Jenis Izin", text, 26),
                _Col("Status", text, 12), _Col("Diajukan", date_, 13), _Col("Terbit", date_, 13),
                _Col("Nomor Izin", text, 24), _Col("Nomor Kasus", text, 24),
            ],
            _permit_rows(session, scope, period),
        )  # fmt: skip
        counts["Acara"] = _sheet(
            wb,
            "Acara",
            [
                _Col("Nama Acara", text, 36), _Col("Jenis", text, 14), _Col("Mulai", date_, 13),
                _Col("Selesai", date_, 13), _Col("Tempat", text, 28), _Col("Mitra", text, 24),
                _Col("Terdaftar", int_, 10), _Col("Hadir", int_, 10),
                _Col("Penjualan (Rp)", money, 18),
            ],
            _event_rows(session, scope, period),
        )  # fmt: skip
        counts["IKM"] = _sheet(
            wb,
            "IKM",
            [_Col("Unsur / Ukuran", text, 40), _Col("Nilai", text, 14)],
            _ikm_rows(session, scope, period),
        )
    wb.save(out)
    return ReportWorkbook(out, counts)
