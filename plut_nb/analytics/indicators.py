"""Evaluation indicators of a scope and period, aggregated in SQL (DESIGN.md "Evaluation batches").

Figures already on the dashboard come from :mod:`plut_nb.analytics.kpis`
(enterprises served, cases opened/closed, consultation hours, permits
obtained, events, IKM). This module adds the rest, each written once as a
grouped query (``*_by``: one result per group of a
:class:`~plut_nb.analytics._groups.Dimension`, or the single group ``"total"``)
with a plain function for the whole scope. Definitions:

- **Served** (as in :mod:`~plut_nb.analytics.kpis`): distinct enterprises with a
  case of the scope opened, or an activity on one held, in the period.
- **Closure times**: cases *finished* (``selesai``/``ditutup``) with ``closed_on``
  in the period. *Days to close* = ``closed_on − opened_on``; the median is
  taken over these cases. *Within SLA*: ``closed_on ≤ due_on``. *Surveyed*:
  those with an IKM response (any date).
- **Long-term clients**: served enterprises whose activities on cases of the
  scope held in the :data:`LONG_TERM_WINDOW_MONTHS` months ending on the period's
  last day (e.g. 2025-07-01 … 2026-06-30) last at least
  :data:`LONG_TERM_MINUTES` minutes (5 hours) in total; share = of the served.
- **With NIB**: served enterprises with a NIB recorded in the register, or a
  ``nib`` permit issued (``terbit``) on or before the period's last day.
- **Referrals**: *made* = referred in the period; *completed* = of those, the
  ones whose status is ``selesai`` in the data read.
- **Change from baseline** (sales, employment, size class): see
  :mod:`plut_nb.analytics.outcomes`.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

from sqlalchemy import CTE, Integer, and_, case, exists, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col

from plut_nb.analytics._common import _FINISHED, _case_scope, _int
from plut_nb.analytics._groups import (
    TOTAL,
    Dimension,
    Dimensions,
    Key,
    as_dimensions,
    finish,
    grouping,
    select_grouped,
    split_rows,
)
from plut_nb.analytics.scope import Period, Scope
from plut_nb.models import (
    Activity,
    Case,
    Enterprise,
    PermitApplication,
    Referral,
    ServiceType,
    SurveyResponse,
)

__all__ = [
    "LONG_TERM_MINUTES",
    "LONG_TERM_WINDOW_MONTHS",
    "ClientFigures",
    "ClosureTimes",
    "ReferralFigures",
    "client_figures",
    "client_figures_by",
    "closure_times",
    "closure_times_by",
    "long_term_window",
    "referral_figures",
    "referral_figures_by",
    "served_enterprises",
]

LONG_TERM_MINUTES = 300
"""Minutes of activity (5 hours) that make an enterprise a long-term client."""
LONG_TERM_WINDOW_MONTHS = 12
"""Months, ending on the period's last day, over which those minutes are summed."""


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class _days_between(FunctionElement[int]):
    """``later − earlier`` in whole days (two DATE columns), on SQLite and PostgreSQL."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(_days_between)
def _days_default(element: _days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"({later} - {earlier})"  # PostgreSQL: date - date is an integer


@compiles(_days_between, "sqlite")
def _days_sqlite(element: _days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND(julianday({later}) - julianday({earlier})) AS INTEGER)"


def served_enterprises(scope: Scope, period: Period, *, by_field: bool = False) -> CTE:
    """The served enterprises as a CTE: ``eid`` (and ``field``, one row per field served in).

    Same definition as :func:`plut_nb.analytics.kpis.enterprises_served`.
    """
    extra: list[Any] = [col(ServiceType.field).label("field")] if by_field else []
    opened = select(col(Case.enterprise_id).label("eid"), *extra).select_from(Case)
    worked = (
        select(col(Case.enterprise_id).label("eid"), *extra)
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
    )
    if by_field:
        on = col(ServiceType.code) == col(Case.service_code)
        opened, worked = opened.join(ServiceType, on), worked.join(ServiceType, on)
    opened = opened.where(_case_scope(scope), period.contains(col(Case.opened_on)))
    worked = worked.where(_case_scope(scope), period.contains(col(Activity.held_on)))
    return opened.union(worked).cte("served")


def long_term_window(period: Period) -> Period:
    """The :data:`LONG_TERM_WINDOW_MONTHS` months ending on the period's last day.

    E.g. 2025-07-01 … 2026-06-30 for a period ending 30 June 2026 (a day missing
    in the earlier month, like 29 February, falls back to that month's last day).
    """
    end = period.end
    year, month0 = divmod(end.year * 12 + end.month - 1 - LONG_TERM_WINDOW_MONTHS, 12)
    day = min(end.day, monthrange(year, month0 + 1)[1])
    return Period(date(year, month0 + 1, day) + timedelta(days=1), end)


# --- closure times -----------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureTimes:
    """Cases finished in a period: how long they took, how many within their SLA."""

    closed: int
    within_sla: int
    surveyed: int
    median_days: float | None

    @property
    def share_within_sla(self) -> float | None:
        """Finished within the SLA, of all finished (0–1)."""
        return _share(self.within_sla, self.closed)

    @property
    def share_surveyed(self) -> float | None:
        """Finished cases with an IKM response (0–1)."""
        return _share(self.surveyed, self.closed)


def _closure_parts(
    session: Session, scope: Scope, period: Period, dimensions: Dimensions
) -> dict[Key, tuple[int, int, int, list[int]]]:
    """Finished, within SLA, surveyed and the days of each, per group (additive parts)."""
    g = grouping(
        dimensions,
        period.end,
        enterprise_id=col(Case.enterprise_id),
        service_code=col(Case.service_code),
    )
    # lower(): a region scope should walk its enterprises' cases, not every finished case
    finished = and_(
        _case_scope(scope),
        func.lower(col(Case.status)).in_(_FINISHED),
        period.contains(col(Case.closed_on)),
    )
    on_time = case((col(Case.closed_on) <= col(Case.due_on), 1), else_=0)
    counts = select_grouped(g, func.count(), func.sum(on_time), func.count(col(SurveyResponse.id)))
    counts = counts.select_from(Case).outerjoin(
        SurveyResponse, col(SurveyResponse.case_id) == col(Case.id)
    )
    rows = session.execute(finish(g, counts.where(finished))).all()
    days_stmt = select_grouped(g, _days_between(col(Case.closed_on), col(Case.opened_on)))
    days_stmt = finish(g, days_stmt.select_from(Case).where(finished), aggregate=False)
    days: dict[Key, list[int]] = defaultdict(list)
    for group, (n_days,) in split_rows(g, session.execute(days_stmt).all()):
        days[group].append(int(n_days))
    return {
        group: (_int(n), _int(ok), _int(surveyed), days[group])
        for group, (n, ok, surveyed) in split_rows(g, rows)
    }


def _closure_from(part: tuple[int, int, int, list[int]]) -> ClosureTimes:
    closed, within_sla, surveyed, days = part
    return ClosureTimes(closed, within_sla, surveyed, float(median(days)) if days else None)


def closure_times_by(
    session: Session, scope: Scope, period: Period, dimension: Dimension | None
) -> dict[str, ClosureTimes]:
    """Closure times per group of ``dimension`` (``{"total": …}`` without one)."""
    parts = _closure_parts(session, scope, period, dimension)
    return {str(k): _closure_from(p) for k, p in parts.items()}


def closure_times(session: Session, scope: Scope, period: Period) -> ClosureTimes:
    """Closure times of the whole scope."""
    return closure_times_by(session, scope, period, None).get(TOTAL, ClosureTimes(0, 0, 0, None))


# --- served enterprises: long-term clients and NIB -----------------------------------------


@dataclass(frozen=True)
class ClientFigures:
    """Served enterprises, how many are new, long-term clients, or hold a NIB."""

    served: int
    new: int
    long_term: int
    with_nib: int

    @property
    def returning(self) -> int:
        """Served enterprises registered before the period."""
        return self.served - self.new

    @property
    def share_long_term(self) -> float | None:
        """Long-term clients of the served (0–1)."""
        return _share(self.long_term, self.served)

    @property
    def share_with_nib(self) -> float | None:
        """Served enterprises with a NIB (0–1)."""
        return _share(self.with_nib, self.served)


def _client_parts(
    session: Session, scope: Scope, period: Period, dimensions: Dimensions
) -> dict[Key, tuple[int, int, int, int]]:
    """Served, new, long-term and with NIB, per group (additive parts)."""
    by_field = Dimension.service_field in as_dimensions(dimensions)
    served = served_enterprises(scope, period, by_field=by_field)
    g = grouping(
        dimensions,
        period.end,
        enterprise_id=served.c.eid,
        field=served.c.field if by_field else None,
    )
    window = long_term_window(period)
    # Correlated sums walk the enterprise's cases and their activities by index, so the
    # cost follows the served enterprises, not the size of the tables. ``centre_id + 0``
    # keeps a planner without statistics from walking every case of the centre (by a
    # centre index) once per served enterprise instead.
    in_scope = scope.where(centre_id=col(Case.centre_id) + 0, enterprise_id=col(Case.enterprise_id))
    minutes = (
        select(func.coalesce(func.sum(col(Activity.minutes)), 0))
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
        .where(
            col(Case.enterprise_id) == served.c.eid,
            in_scope,
            window.contains(col(Activity.held_on)),
        )
        .scalar_subquery()
    )
    # Type and status are compared through lower() so that no planner walks the type or
    # status index (every issued permit) instead of the enterprise's few permits.
    nib_permit = exists().where(
        col(PermitApplication.enterprise_id) == served.c.eid,
        func.lower(col(PermitApplication.permit_type)) == "nib",
        func.lower(col(PermitApplication.status)) == "terbit",
        col(PermitApplication.issued_on) <= period.end,
    )
    stmt = select_grouped(
        g,
        func.count(),
        func.sum(case((period.contains(col(Enterprise.registered_on)), 1), else_=0)),
        func.sum(case((minutes >= LONG_TERM_MINUTES, 1), else_=0)),
        func.sum(case((or_(col(Enterprise.nib).isnot(None), nib_permit), 1), else_=0)),
    )
    stmt = stmt.select_from(served).join(Enterprise, col(Enterprise.id) == served.c.eid)
    rows = session.execute(finish(g, stmt)).all()
    return {grp: (_int(a), _int(b), _int(c), _int(d)) for grp, (a, b, c, d) in split_rows(g, rows)}


def client_figures_by(
    session: Session, scope: Scope, period: Period, dimension: Dimension | None
) -> dict[str, ClientFigures]:
    """Served, new, long-term and NIB figures per group (an enterprise counts in each
    service field it was served in, so service-field groups may add up to more than the total)."""
    parts = _client_parts(session, scope, period, dimension)
    return {str(k): ClientFigures(*p) for k, p in parts.items()}


def client_figures(session: Session, scope: Scope, period: Period) -> ClientFigures:
    """Client figures of the whole scope."""
    return client_figures_by(session, scope, period, None).get(TOTAL, ClientFigures(0, 0, 0, 0))


# --- referrals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralFigures:
    """Referrals made in a period and how many of them were completed."""

    made: int
    completed: int

    @property
    def share_completed(self) -> float | None:
        """Completed of made (0–1)."""
        return _share(self.completed, self.made)


def _referral_parts(
    session: Session, scope: Scope, period: Period, dimensions: Dimensions
) -> dict[Key, tuple[int, int]]:
    """Referrals made in the period and completed, per group (additive parts)."""
    g = grouping(
        dimensions,
        period.end,
        enterprise_id=col(Case.enterprise_id),
        service_code=col(Case.service_code),
    )
    done = case((col(Referral.status) == "selesai", 1), else_=0)
    stmt = (
        select_grouped(g, func.count(), func.sum(done))
        .select_from(Referral)
        .join(Case, col(Case.id) == col(Referral.case_id))
        .where(_case_scope(scope), period.contains(col(Referral.referred_on)))
    )
    rows = session.execute(finish(g, stmt)).all()
    return {grp: (_int(m), _int(c)) for grp, (m, c) in split_rows(g, rows)}


def referral_figures_by(
    session: Session, scope: Scope, period: Period, dimension: Dimension | None
) -> dict[str, ReferralFigures]:
    """Referrals made in the period and completed (status ``selesai``), per group."""
    parts = _referral_parts(session, scope, period, dimension)
    return {str(k): ReferralFigures(*p) for k, p in parts.items()}


def referral_figures(session: Session, scope: Scope, period: Period) -> ReferralFigures:
    """Referral figures of the whole scope."""
    return referral_figures_by(session, scope, period, None).get(TOTAL, ReferralFigures(0, 0))
