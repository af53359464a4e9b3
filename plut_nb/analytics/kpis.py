"""Key figures of a scope and period, aggregated in the database.

Every function takes an open session, a :class:`~plut_nb.analytics.scope.Scope`
and, where the figure is about a time span, a
:class:`~plut_nb.analytics.scope.Period`; it runs one or two SQL aggregates
(``count``, ``sum``, ``group by``) and returns plain frozen dataclasses or
dicts — never whole tables. Figures marked *now* describe the current state
(as of ``as_of``, default today on the centre's clock) and ignore the period.

Definitions:

- *served*: distinct enterprises with a case opened, or an activity held, in
  the period; *new* if the enterprise was registered in the period.
- *closed*: cases finished (``selesai`` or ``ditutup``) with ``closed_on`` in
  the period; *cancelled* (``dibatalkan``) are counted apart.
- *overdue* (now): open cases whose ``due_on`` is before ``as_of``.
- *hours*: minutes of activities held in the period on cases of the scope.
- *permits obtained*: permits with status ``terbit`` issued in the period.
- *events*: events starting in the period (for a region scope: those with at
  least one enterprise of the region registered; only those count as participants).
- *IKM*: responses submitted in the period, PermenPANRB 14/2017, equal weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, case, distinct, extract, func, select
from sqlmodel import Session, col

from plut_nb.analytics._common import _CANCELLED, _FINISHED, OPEN_ORDER, _case_scope, _int
from plut_nb.analytics.access import require_scope
from plut_nb.analytics.operations import (
    OverduePage,
    StaffLoad,
    overdue_cases,
    staff_workload,
)
from plut_nb.analytics.scope import Period, Scope, scope_name
from plut_nb.clock import today
from plut_nb.models import (
    Activity,
    Case,
    Enterprise,
    Event,
    EventAttendance,
    PermitApplication,
    ServiceType,
    Staff,
    SurveyResponse,
)
from plut_nb.rules.ikm import IkmResult, ikm_from_sums
from plut_nb.security.permissions import Action

__all__ = [
    "CaseFlow",
    "DashboardKpis",
    "EventFigures",
    "HoursByField",
    "MonthFlow",
    "Served",
    "case_flow",
    "cases_by_field",
    "consultation_hours",
    "dashboard_kpis",
    "enterprises_served",
    "event_figures",
    "ikm_score",
    "monthly_case_flow",
    "open_cases_by_status",
    "permits_obtained",
]


@dataclass(frozen=True)
class Served:
    """Enterprises served in a period."""

    total: int
    new: int

    @property
    def returning(self) -> int:
        """Served enterprises registered before the period."""
        return self.total - self.new


def enterprises_served(session: Session, scope: Scope, period: Period) -> Served:
    """Distinct enterprises with a case opened or an activity held in the period."""
    opened: Select[Any] = select(col(Case.enterprise_id).label("eid")).where(
        _case_scope(scope), period.contains(col(Case.opened_on))
    )
    worked: Select[Any] = (
        select(col(Case.enterprise_id).label("eid"))
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
        .where(_case_scope(scope), period.contains(col(Activity.held_on)))
    )
    served = opened.union(worked).subquery()
    is_new = case((period.contains(col(Enterprise.registered_on)), 1), else_=0)
    total, new = session.execute(
        select(func.count(), func.sum(is_new))
        .select_from(served)
        .join(Enterprise, col(Enterprise.id) == served.c.eid)
    ).one()
    return Served(total=_int(total), new=_int(new))


@dataclass(frozen=True)
class CaseFlow:
    """Cases opened, closed (finished) and cancelled in a period."""

    opened: int
    closed: int
    cancelled: int


def case_flow(session: Session, scope: Scope, period: Period) -> CaseFlow:
    """Count cases opened, finished and cancelled in the period."""
    in_scope = _case_scope(scope)
    opened = session.execute(
        select(func.count()).select_from(Case).where(in_scope, period.contains(col(Case.opened_on)))
    ).scalar_one()
    closed, cancelled = session.execute(
        select(
            func.sum(case((col(Case.status).in_(_FINISHED), 1), else_=0)),
            func.sum(case((col(Case.status) == _CANCELLED, 1), else_=0)),
        )
        .select_from(Case)
        .where(in_scope, period.contains(col(Case.closed_on)))
    ).one()
    return CaseFlow(opened=_int(opened), closed=_int(closed), cancelled=_int(cancelled))


def open_cases_by_status(session: Session, scope: Scope) -> dict[str, int]:
    """Open cases now, per open status in workflow order (zeros included)."""
    rows = session.execute(
        select(col(Case.status), func.count())
        .where(_case_scope(scope), col(Case.status).in_(OPEN_ORDER))
        .group_by(col(Case.status))
    ).all()
    found = {status: _int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in OPEN_ORDER}


def _sorted(counts: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def cases_by_field(session: Session, scope: Scope, period: Period) -> dict[str, int]:
    """Cases opened in the period per service field (bidang), largest first."""
    rows = session.execute(
        select(col(ServiceType.field), func.count())
        .select_from(Case)
        .join(ServiceType, col(ServiceType.code) == col(Case.service_code))
        .where(_case_scope(scope), period.contains(col(Case.opened_on)))
        .group_by(col(ServiceType.field))
    ).all()
    return _sorted({field: _int(n) for field, n in rows})


@dataclass(frozen=True)
class HoursByField:
    """Minutes of activity per service field; hours derived."""

    minutes: dict[str, int]

    @property
    def total_minutes(self) -> int:
        """All minutes."""
        return sum(self.minutes.values())

    @property
    def hours(self) -> float:
        """All hours (minutes / 60)."""
        return self.total_minutes / 60

    @property
    def hours_by_field(self) -> dict[str, float]:
        """Hours per field, largest first."""
        return {field: m / 60 for field, m in self.minutes.items()}


def consultation_hours(session: Session, scope: Scope, period: Period) -> HoursByField:
    """Activity minutes held in the period, per service field of the case."""
    rows = session.execute(
        select(col(ServiceType.field), func.sum(col(Activity.minutes)))
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
        .join(ServiceType, col(ServiceType.code) == col(Case.service_code))
        .where(_case_scope(scope), period.contains(col(Activity.held_on)))
        .group_by(col(ServiceType.field))
    ).all()
    return HoursByField(_sorted({field: _int(m) for field, m in rows}))


def permits_obtained(session: Session, scope: Scope, period: Period) -> dict[str, int]:
    """Permits issued (status ``terbit``) in the period, per permit type, largest first."""
    rows = session.execute(
        select(col(PermitApplication.permit_type), func.count())
        .select_from(PermitApplication)
        .outerjoin(Case, col(Case.id) == col(PermitApplication.case_id))
        .where(
            scope.where(
                centre_id=col(Case.centre_id), enterprise_id=col(PermitApplication.enterprise_id)
            ),
            col(PermitApplication.status) == "terbit",
            period.contains(col(PermitApplication.issued_on)),
        )
        .group_by(col(PermitApplication.permit_type))
    ).all()
    return _sorted({kind: _int(n) for kind, n in rows})


@dataclass(frozen=True)
class EventFigures:
    """Events held in a period and their participants."""

    events: int
    registered: int
    attended: int
    sales: int  # Rupiah recorded at the events


def event_figures(session: Session, scope: Scope, period: Period) -> EventFigures:
    """Events starting in the period, registrations, attendance and sales at them."""
    attended = case((col(EventAttendance.attended).is_(True), 1), else_=0)
    row = session.execute(
        select(
            func.count(distinct(col(Event.id))),
            func.count(col(EventAttendance.id)),
            func.sum(attended),
            func.sum(col(EventAttendance.sales)),
        )
        .select_from(Event)
        .outerjoin(EventAttendance, col(EventAttendance.event_id) == col(Event.id))
        .where(
            scope.where(
                centre_id=col(Event.centre_id), enterprise_id=col(EventAttendance.enterprise_id)
            ),
            period.contains(col(Event.starts_on)),
        )
    ).one()
    return EventFigures(*(_int(v) for v in row))


def ikm_score(session: Session, scope: Scope, period: Period) -> IkmResult | None:
    """The IKM of responses submitted in the period, or ``None`` without responses.

    The nine element sums and the count come from one SQL aggregate, graded by
    :func:`plut_nb.rules.ikm_from_sums` (equal to ``ikm_result`` on the rows).
    """
    elements = [getattr(SurveyResponse, f"u{i}") for i in range(1, 10)]
    n, *sums = session.execute(
        select(func.count(), *(func.sum(col(e)) for e in elements))
        .select_from(SurveyResponse)
        .join(Case, col(Case.id) == col(SurveyResponse.case_id))
        .where(
            scope.where(
                centre_id=col(SurveyResponse.centre_id), enterprise_id=col(Case.enterprise_id)
            ),
            period.contains(col(SurveyResponse.submitted_on)),
        )
    ).one()
    n = _int(n)
    return ikm_from_sums(n, [_int(s) for s in sums]) if n else None


@dataclass(frozen=True)
class MonthFlow:
    """Cases opened and finished in one calendar month."""

    year: int
    month: int
    opened: int
    closed: int

    @property
    def label(self) -> str:
        """``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"


def _per_month(session: Session, column: Any, *conds: Any) -> dict[tuple[int, int], int]:
    year, month = extract("year", column), extract("month", column)
    rows = session.execute(
        select(year, month, func.count()).where(*conds).group_by(year, month)
    ).all()
    return {(int(y), int(m)): _int(n) for y, m, n in rows}


def monthly_case_flow(session: Session, scope: Scope, period: Period) -> list[MonthFlow]:
    """Cases opened and finished per calendar month of the period (zeros included)."""
    in_scope = _case_scope(scope)
    opened = _per_month(
        session, col(Case.opened_on), in_scope, period.contains(col(Case.opened_on))
    )
    closed = _per_month(
        session,
        col(Case.closed_on),
        in_scope,
        period.contains(col(Case.closed_on)),
        col(Case.status).in_(_FINISHED),
    )
    return [
        MonthFlow(y, m, opened.get((y, m), 0), closed.get((y, m), 0)) for y, m in period.months()
    ]


@dataclass(frozen=True)
class DashboardKpis:
    """Everything the dashboard shows for one scope and period."""

    scope: Scope
    scope_name: str
    period: Period
    as_of: date
    served: Served
    flow: CaseFlow
    open_by_status: dict[str, int]
    cases_by_field: dict[str, int]
    overdue: OverduePage
    hours: HoursByField
    permits: dict[str, int]
    events: EventFigures
    ikm: IkmResult | None
    workload: list[StaffLoad]
    monthly: list[MonthFlow]

    @property
    def open_cases(self) -> int:
        """All open cases now."""
        return sum(self.open_by_status.values())

    @property
    def permits_total(self) -> int:
        """All permits obtained in the period."""
        return sum(self.permits.values())


def dashboard_kpis(
    session: Session,
    actor: Staff,
    scope: Scope,
    period: Period,
    *,
    as_of: date | None = None,
    overdue_page_size: int = 10,
) -> DashboardKpis:
    """All dashboard figures of a scope and period (overdue: the first page).

    Raises:
        NotFound: The centre does not exist.
        ValidationError: The region code is unknown.
        PermissionDenied: ``actor`` may not open the dashboard of ``scope``
            (see :func:`plut_nb.analytics.access.require_scope`).
    """
    require_scope(session, actor, Action.read_dashboard, scope)
    as_of = as_of or today()
    return DashboardKpis(
        scope=scope,
        scope_name=scope_name(session, scope),
        period=period,
        as_of=as_of,
        served=enterprises_served(session, scope, period),
        flow=case_flow(session, scope, period),
        open_by_status=open_cases_by_status(session, scope),
        cases_by_field=cases_by_field(session, scope, period),
        overdue=overdue_cases(session, scope, as_of=as_of, page_size=overdue_page_size),
        hours=consultation_hours(session, scope, period),
        permits=permits_obtained(session, scope, period),
        events=event_figures(session, scope, period),
        ikm=ikm_score(session, scope, period),
        workload=staff_workload(session, scope, period),
        monthly=monthly_case_flow(session, scope, period),
    )
