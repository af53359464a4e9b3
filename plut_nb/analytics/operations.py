"""Operational views for managers: overdue cases and who is doing what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session, col

from plut_nb.analytics._common import OPEN_ORDER, _case_scope, _int
from plut_nb.analytics.scope import Period, Scope, ScopeKind
from plut_nb.clock import today
from plut_nb.i18n import current_lang
from plut_nb.models import Activity, Case, Enterprise, ServiceType, Staff

__all__ = ["OverdueCase", "OverduePage", "StaffLoad", "overdue_cases", "staff_workload"]

_WORKER_ROLES = ("consultant", "field_officer")


@dataclass(frozen=True)
class OverdueCase:
    """An open case past its due date."""

    case_id: int
    number: str
    enterprise_name: str
    service_name: str
    status: str
    assignee_name: str | None
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class OverduePage:
    """A page of overdue cases, most overdue first, and the total."""

    rows: list[OverdueCase]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def overdue_cases(
    session: Session,
    scope: Scope,
    *,
    as_of: date | None = None,
    page: int = 1,
    page_size: int = 10,
) -> OverduePage:
    """Open cases due before ``as_of`` (now), most overdue first, one page of them."""
    as_of = as_of or today()
    page, page_size = max(1, page), min(max(1, page_size), 200)
    cond = and_(_case_scope(scope), col(Case.status).in_(OPEN_ORDER), col(Case.due_on) < as_of)
    total = session.execute(select(func.count()).select_from(Case).where(cond)).scalar_one()
    name_col = col(ServiceType.name_en) if current_lang() == "en" else col(ServiceType.name_id)
    shown = (Case.id, Case.number, Enterprise.name, name_col, Case.status, Staff.name, Case.due_on)
    rows = session.execute(
        select(*(col(c) for c in shown))
        .select_from(Case)
        .join(Enterprise, col(Enterprise.id) == col(Case.enterprise_id))
        .join(ServiceType, col(ServiceType.code) == col(Case.service_code))
        .outerjoin(Staff, col(Staff.id) == col(Case.assigned_staff_id))
        .where(cond)
        .order_by(col(Case.due_on), col(Case.id))
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    out = [
        OverdueCase(cid, number, ent, svc, status, who, due, (as_of - due).days)
        for cid, number, ent, svc, status, who, due in rows
    ]
    return OverduePage(rows=out, total=_int(total), page=page, page_size=page_size)


@dataclass(frozen=True)
class StaffLoad:
    """Who is doing what: a staff member's open cases (now) and minutes in the period."""

    staff_id: int
    name: str
    roles: tuple[str, ...]
    open_cases: int
    minutes: int

    @property
    def hours(self) -> float:
        """Activity hours in the period."""
        return self.minutes / 60


def staff_workload(session: Session, scope: Scope, period: Period) -> list[StaffLoad]:
    """Open cases assigned now and activity minutes in the period, per staff member.

    Lists everyone with open cases or minutes in the scope; for a centre scope
    also its active consultants and field officers with nothing (an idle worker
    is news to a manager). Busiest first.
    """
    in_scope = _case_scope(scope)
    open_rows = session.execute(
        select(col(Case.assigned_staff_id), func.count())
        .where(in_scope, col(Case.status).in_(OPEN_ORDER), col(Case.assigned_staff_id).isnot(None))
        .group_by(col(Case.assigned_staff_id))
    ).all()
    minute_rows = session.execute(
        select(col(Activity.staff_id), func.sum(col(Activity.minutes)))
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
        .where(in_scope, period.contains(col(Activity.held_on)))
        .group_by(col(Activity.staff_id))
    ).all()
    open_by = {sid: _int(n) for sid, n in open_rows}
    minutes_by = {sid: _int(m) for sid, m in minute_rows}
    who: ColumnElement[bool] = col(Staff.id).in_(set(open_by) | set(minutes_by))
    if scope.kind is ScopeKind.centre:
        who = or_(
            who, and_(scope.where(centre_id=col(Staff.centre_id)), col(Staff.active).is_(True))
        )
    loads = [
        StaffLoad(s.id, s.name, tuple(s.roles), open_by.get(s.id, 0), minutes_by.get(s.id, 0))
        for s in session.execute(select(Staff).where(who)).scalars()
        if s.id is not None
        and (s.id in open_by or s.id in minutes_by or any(r in s.roles for r in _WORKER_ROLES))
    ]
    return sorted(loads, key=lambda x: (-x.open_cases, -x.minutes, x.name, x.staff_id))
