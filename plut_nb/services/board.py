"""Queries of the case board: the paged case queues and the case view with its history.

Filters, flags, sorting and paging all run in SQL, on the indexes of
``service_case`` (centre/status/due date, assignee/status) and the case-id
indexes of ``activity``, ``referral`` and ``audit_entry``.

Flags, as of the centre's calendar day (:func:`plut_nb.clock.today`):

- **overdue**: the case is open and its due date has passed.
- **follow-up due**: the case is open and either its latest activity (by day
  held, then id) set a follow-up date on or before today, or a referral still
  under way (dikirim, diterima, diproses) has its follow-up date on or before
  today. A later activity counts as the follow-up of an earlier one.

Both need the ``read_case`` permission at the case's centre. The case view
shows the owner's NIK and phone masked, except to the staff of the case's own
centre who work it (:func:`plut_nb.security.permissions.may_see_full_personal_data`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from plut_nb.clock import today
from plut_nb.i18n import current_lang
from plut_nb.models import (
    Activity,
    Case,
    Enterprise,
    IndicatorSnapshot,
    Ownership,
    PermitApplication,
    Person,
    Referral,
    ServiceType,
    Staff,
)
from plut_nb.reference.regions import get_region
from plut_nb.rules import mask_nik, mask_phone
from plut_nb.rules.money import parse_rupiah_amount
from plut_nb.rules.text import name_key
from plut_nb.security.permissions import Action, may_see_full_personal_data, require
from plut_nb.services._validate import ErrorCollector
from plut_nb.services.case_history import HistoryItem, case_history
from plut_nb.services.cases import SnapshotInput, get_case
from plut_nb.services.workflow import OPEN_STATUSES, CaseStatus, allowed_next

__all__ = [
    "MARKETS",
    "OPEN_REFERRAL_STATUSES",
    "CasePage",
    "CaseRow",
    "CaseView",
    "EnterpriseSummary",
    "HistoryItem",
    "case_view",
    "list_cases",
    "snapshot_from_text",
]

#: Referral statuses of a referral still under way (its follow-up date counts).
OPEN_REFERRAL_STATUSES: tuple[str, ...] = ("dikirim", "diterima", "diproses")
#: Online sales and promotion channels an indicator snapshot may list.
#: Markets an enterprise may reach (the ``market_*`` flags of a snapshot).
MARKETS = ("local", "regional", "national", "export")


@dataclass(frozen=True)
class CaseRow:
    """One case as the board lists it (``version`` is what a change must quote)."""

    case_id: int
    number: str
    enterprise_id: int
    enterprise_name: str
    service_code: str
    service_name: str
    service_field: str
    status: str
    assignee_id: int | None
    assignee_name: str | None
    opened_on: date
    due_on: date
    overdue: bool
    follow_up_due: bool
    version: int


@dataclass(frozen=True)
class CasePage:
    """A page of a case queue and where it sits in the whole."""

    rows: list[CaseRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class EnterpriseSummary:
    """The enterprise of a case; the owner's NIK and phone masked (UU 27/2022).

    ``owner_nik`` and ``owner_phone`` hold the full values only for staff who
    work the case (see :func:`case_view`); otherwise they are ``None``.
    """

    enterprise_id: int
    name: str
    nib: str | None
    kbli_code: str | None
    region: str
    owner_name: str | None
    owner_nik_masked: str | None
    owner_phone_masked: str | None
    owner_nik: str | None = None
    owner_phone: str | None = None


@dataclass(frozen=True)
class CaseView:
    """A case as the case view shows it, read at one ``row.version``.

    Attributes:
        row: The case as the board lists it (status, dates, flags, version).
        next_statuses: Targets :func:`~plut_nb.services.workflow.allowed_next`
            allows, in workflow order, without ``ditugaskan`` (only assigning sets it).
        can_assign: The case is not final, so it may be (re)assigned.
        snapshot: The enterprise's latest indicator snapshot.
        history: Newest first.
    """

    row: CaseRow
    centre_id: int
    priority: str
    channel: str
    description: str
    closed_on: date | None
    resolution: str | None
    enterprise: EnterpriseSummary
    snapshot: IndicatorSnapshot | None
    referrals: list[Referral]
    permits: list[PermitApplication]
    history: list[HistoryItem]
    next_statuses: tuple[str, ...]
    can_assign: bool


def _flag_columns(as_of: date) -> tuple[Any, Any]:
    """SQL expressions: is a ``Case`` row overdue, is a follow-up due."""
    is_open = col(Case.status).in_(sorted(OPEN_STATUSES))
    act, later = aliased(Activity), aliased(Activity)
    newer = or_(
        col(later.held_on) > col(act.held_on),
        and_(col(later.held_on) == col(act.held_on), col(later.id) > col(act.id)),
    )
    has_later = select(col(later.id)).where(col(later.case_id) == col(act.case_id), newer).exists()
    activity_due = (
        select(col(act.id))
        .where(col(act.case_id) == col(Case.id), col(act.follow_up_on) <= as_of, ~has_later)
        .exists()
    )
    referral_due = (
        select(col(Referral.id))
        .where(
            col(Referral.case_id) == col(Case.id),
            col(Referral.status).in_(OPEN_REFERRAL_STATUSES),
            col(Referral.follow_up_on) <= as_of,
        )
        .exists()
    )
    overdue = and_(is_open, col(Case.due_on) < as_of)
    return overdue, and_(is_open, or_(activity_due, referral_due))


def list_cases(
    session: Session,
    actor: Staff,
    *,
    scope: Literal["mine", "centre"] = "mine",
    status: str | Collection[str] | None = None,
    service_field: str | None = None,
    assignee_id: int | None = None,
    overdue_only: bool = False,
    follow_up_only: bool = False,
    query: str = "",
    page: int = 1,
    page_size: int = 25,
    as_of: date | None = None,
) -> CasePage:
    """A page of the actor's queue (``mine``) or of their centre's queue (``centre``).

    Args:
        session: Open session.
        actor: The staff member looking at the board.
        scope: ``"mine"``: cases assigned to ``actor``; ``"centre"``: every case
            of the actor's centre.
        status: A status, a collection of them (e.g. ``OPEN_STATUSES``) or ``None`` for all.
        service_field: Only services of this PLUT field (bidang).
        assignee_id: Only cases assigned to this staff member.
        overdue_only: Only overdue cases.
        follow_up_only: Only cases with a follow-up due.
        query: A fragment of the case number or of the enterprise's name.
        page: 1-based page; beyond the last page gives the last page.
        page_size: Rows per page (1-200).
        as_of: The day the flags are computed for (default: the centre's today).

    Returns:
        The page, sorted by due date (then case id).

    Raises:
        ValueError: ``scope`` or ``status`` is not a known code (a programming error).
        PermissionDenied: ``actor`` may not read cases.
    """
    require(session, actor, Action.read_case, centre_id=actor.centre_id)
    page_size = min(max(1, page_size), 200)
    overdue, follow_up = _flag_columns(as_of or today())
    if scope not in ("mine", "centre"):
        raise ValueError(f"unknown scope {scope!r}")
    conds: list[Any] = [
        col(Case.assigned_staff_id) == actor.id
        if scope == "mine"
        else col(Case.centre_id) == actor.centre_id
    ]
    if status is not None:
        wanted = [status] if isinstance(status, str) else sorted(status)
        if any(s not in CaseStatus.__members__ for s in wanted):
            raise ValueError(f"unknown case status in {wanted!r}")
        conds.append(col(Case.status).in_(wanted))
    if service_field:
        conds.append(col(ServiceType.field) == service_field)
    if assignee_id is not None:
        conds.append(col(Case.assigned_staff_id) == assignee_id)
    if overdue_only:
        conds.append(overdue)
    if follow_up_only:
        conds.append(follow_up)
    if q := query.strip():
        conds.append(
            or_(
                func.upper(col(Case.number)).contains(q.upper(), autoescape=True),
                col(Enterprise.name_key).contains(name_key(q), autoescape=True),
            )
        )
    counted = _joined(select(func.count()).select_from(Case)).where(*conds)
    total = int(session.execute(counted).scalar_one())
    page = min(max(1, page), max(1, -(-total // page_size)))
    rows = _rows(session, conds, overdue, follow_up, (page - 1) * page_size, page_size)
    return CasePage(rows=rows, total=total, page=page, page_size=page_size)


def _joined(stmt: Any) -> Any:
    return stmt.join(ServiceType, col(ServiceType.code) == col(Case.service_code)).join(
        Enterprise, col(Enterprise.id) == col(Case.enterprise_id)
    )


def _rows(
    session: Session, conds: list[Any], overdue: Any, follow_up: Any, offset: int, limit: int
) -> list[CaseRow]:
    assignee = aliased(Staff)
    columns: list[Any] = [
        *(Case.id, Case.number, Case.enterprise_id, Enterprise.name, Case.service_code),
        ServiceType.name_en if current_lang() == "en" else ServiceType.name_id,
        *(ServiceType.field, Case.status, Case.assigned_staff_id, assignee.name),
        *(Case.opened_on, Case.due_on, overdue, follow_up, Case.version),
    ]
    stmt = _joined(select(*columns).select_from(Case)).outerjoin(
        assignee, col(assignee.id) == col(Case.assigned_staff_id)
    )
    stmt = stmt.where(*conds).order_by(col(Case.due_on), col(Case.id)).offset(offset).limit(limit)
    out = []
    for r in session.execute(stmt).all():
        values = list(r)
        values[12], values[13] = bool(values[12]), bool(values[13])
        out.append(CaseRow(*values))
    return out


def case_view(
    session: Session, actor: Staff, case_id: int, *, as_of: date | None = None
) -> CaseView:
    """Read a case with its enterprise, latest figures, referrals, permits and history.

    Args:
        session: Open session.
        actor: The acting staff member (may read cases at the case's centre).
        case_id: The case.
        as_of: The day the flags are computed for (default: the centre's today).

    Raises:
        NotFound: No such case.
        PermissionDenied: No case-reading role, or another centre's case.
    """
    case = get_case(session, actor, case_id)
    row = _rows(session, [col(Case.id) == case.id], *_flag_columns(as_of or today()), 0, 1)[0]
    referrals = list(
        session.execute(
            select(Referral)
            .where(col(Referral.case_id) == case.id)
            .order_by(col(Referral.referred_on), col(Referral.id))
        ).scalars()
    )
    permits = list(
        session.execute(
            select(PermitApplication)
            .where(col(PermitApplication.case_id) == case.id)
            .order_by(col(PermitApplication.id))
        ).scalars()
    )
    snapshot = session.execute(
        select(IndicatorSnapshot)
        .where(col(IndicatorSnapshot.enterprise_id) == case.enterprise_id)
        .order_by(col(IndicatorSnapshot.taken_on).desc(), col(IndicatorSnapshot.id).desc())
        .limit(1)
    ).scalar_one_or_none()
    return CaseView(
        row=row,
        centre_id=case.centre_id,
        priority=case.priority,
        channel=case.channel,
        description=case.description,
        closed_on=case.closed_on,
        resolution=case.resolution,
        enterprise=_enterprise_summary(
            session, case.enterprise_id, full=may_see_full_personal_data(session, actor, case)
        ),
        snapshot=snapshot,
        referrals=referrals,
        permits=permits,
        history=case_history(session, case, referrals, permits),
        next_statuses=tuple(
            s for s in CaseStatus if s in allowed_next(case.status) and s != CaseStatus.ditugaskan
        ),
        can_assign=bool(allowed_next(case.status)),
    )


def _enterprise_summary(session: Session, enterprise_id: int, *, full: bool) -> EnterpriseSummary:
    ent = session.get(Enterprise, enterprise_id)
    assert ent is not None and ent.id is not None  # the case's foreign key
    owner = session.execute(
        select(Person)
        .join(Ownership, col(Ownership.person_id) == col(Person.id))
        .where(col(Ownership.enterprise_id) == ent.id, col(Ownership.role) == "pemilik")
        .order_by(col(Ownership.id))
        .limit(1)
    ).scalar_one_or_none()
    region = get_region(ent.village_code)
    return EnterpriseSummary(
        enterprise_id=ent.id,
        name=ent.name,
        nib=ent.nib,
        kbli_code=ent.kbli_code,
        region=region.path if region else ent.village_code,
        owner_name=owner.name if owner else None,
        owner_nik_masked=mask_nik(owner.nik) if owner and owner.nik else None,
        owner_phone_masked=mask_phone(owner.phone) if owner and owner.phone else None,
        owner_nik=owner.nik if full and owner else None,
        owner_phone=owner.phone if full and owner else None,
    )


def _whole_number(errs: ErrorCollector, field: str, text: str, *, money: bool) -> int | None:
    if money:
        return errs.check(lambda: parse_rupiah_amount(text, field))
    raw = text.strip()
    compact = raw.replace(" ", "")
    if not raw:
        return None
    if compact.isascii() and compact.isdigit() and len(compact) <= 15:
        return int(compact)
    if compact.startswith("-") and compact[1:].isdigit():
        errs.add(field, "number.negative")
    else:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        errs.add(field, "board.count_invalid", value=shown)
    return None


def snapshot_from_text(
    taken_on: date | None,
    *,
    sales_annual: str = "",
    capital: str = "",
    employees_total: str = "",
    employees_women: str = "",
    markets: Iterable[str] = (),
    online_channels: Iterable[str] = (),
) -> SnapshotInput:
    """Turn what staff typed into a :class:`SnapshotInput` (an empty box means not known).

    Rupiah amounts may be written ``1500000``, ``Rp1.500.000`` or ``1,5 jt``;
    counts are plain whole numbers. Markets are codes of :data:`MARKETS`.

    Raises:
        ValidationError: Listing every figure that is not a whole, non-negative number.
    """
    errs = ErrorCollector()
    if taken_on is None:
        errs.add("date", "required")
    sales = _whole_number(errs, "sales_annual", sales_annual, money=True)
    money = _whole_number(errs, "capital", capital, money=True)
    total = _whole_number(errs, "employees_total", employees_total, money=False)
    women = _whole_number(errs, "employees_women", employees_women, money=False)
    errs.raise_if_any()
    assert taken_on is not None
    chosen = set(markets)
    return SnapshotInput(
        taken_on=taken_on,
        sales_annual=sales,
        capital=money,
        employees_total=total,
        employees_women=women,
        market_local="local" in chosen,
        market_regional="regional" in chosen,
        market_national="national" in chosen,
        market_export="export" in chosen,
        online_channels=tuple(online_channels),
    )
