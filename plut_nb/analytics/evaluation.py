"""Every evaluation indicator of one scope and period, as one object, rows and flat metrics.

:func:`evaluation_indicators` gathers the dashboard figures of
:mod:`plut_nb.analytics.kpis` (served, case flow, hours, permits, events, IKM)
and the evaluation ones of :mod:`plut_nb.analytics.indicators` and
:mod:`plut_nb.analytics.outcomes`. :func:`indicator_rows` names each figure
once — ``(indicator, value, n)`` — for the whole scope and for every group of
:func:`plut_nb.analytics.disaggregation.indicators_by`, so both speak the same
language; :meth:`EvaluationIndicators.metrics` is the flat mapping a report
notebook records for its batch.

``n`` is what the figure is computed over: a count's own value, a share's
denominator, a median's or mean's observations, the activities summed into
consultation hours, the participants whose sales are summed, the IKM respondents.
Shares are fractions (0–1); ``None`` when there is nothing to divide by.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from plut_nb.analytics._common import _case_scope, _int
from plut_nb.analytics.indicators import (
    ClientFigures,
    ClosureTimes,
    ReferralFigures,
    client_figures,
    closure_times,
    referral_figures,
)
from plut_nb.analytics.kpis import (
    CaseFlow,
    EventFigures,
    HoursByField,
    Served,
    case_flow,
    consultation_hours,
    enterprises_served,
    event_figures,
    ikm_score,
    permits_obtained,
)
from plut_nb.analytics.outcomes import BaselineChange, baseline_change
from plut_nb.analytics.scope import Period, Scope, scope_name
from plut_nb.models import Activity, Case
from plut_nb.reference.codes import PERMIT_TYPES
from plut_nb.rules.ikm import IkmResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HEADLINE",
    "INDICATORS",
    "EvaluationIndicators",
    "IndicatorValue",
    "evaluation_indicators",
    "indicator_rows",
]

#: Every indicator name, in report order (``events_held`` only for the whole scope).
INDICATORS: tuple[str, ...] = (
    "umkm_served", "umkm_new", "umkm_returning", "cases_opened", "cases_closed",
    "median_days_to_close", "share_within_sla", "consultation_hours", "long_term_clients",
    "share_long_term_clients", "permits_obtained", *(f"permits_{k}" for k in PERMIT_TYPES),
    "referrals_made", "referrals_completed", "share_referrals_completed", "events_held",
    "event_registrations", "event_participants", "event_sales", "sales_change_mean_pct",
    "sales_change_median_pct", "employment_change_mean_pct", "employment_change_median_pct",
    "size_class_up", "share_size_class_up", "ikm_score", "share_with_nib",
)  # fmt: skip

#: The indicators a report puts first (and compares with the previous period).
HEADLINE: tuple[str, ...] = (
    "umkm_served", "umkm_new", "cases_opened", "cases_closed", "median_days_to_close",
    "share_within_sla", "consultation_hours", "share_long_term_clients", "permits_obtained",
    "share_referrals_completed", "event_participants", "event_sales",
    "sales_change_median_pct", "employment_change_median_pct", "share_size_class_up",
    "ikm_score", "share_with_nib",
)  # fmt: skip


class IndicatorValue(NamedTuple):
    """One figure: its name, value (``None`` when undefined) and what it is computed over."""

    indicator: str
    value: float | None
    n: int


def indicator_rows(
    *,
    clients: ClientFigures,
    opened: int,
    closure: ClosureTimes,
    minutes: int,
    activities: int,
    permits: Mapping[str, int],
    referrals: ReferralFigures,
    registered: int,
    attended: int,
    sales: int,
    change: BaselineChange,
    ikm: IkmResult | None,
    events_held: int | None = None,
) -> list[IndicatorValue]:
    """The indicators of one group (or the whole scope) from its parts, in :data:`INDICATORS` order."""
    v = IndicatorValue
    served, closed = clients.served, closure.closed
    rows = [
        v("umkm_served", served, served),
        v("umkm_new", clients.new, served),
        v("umkm_returning", clients.returning, served),
        v("cases_opened", opened, opened),
        v("cases_closed", closed, closed),
        v("median_days_to_close", closure.median_days, closed),
        v("share_within_sla", closure.share_within_sla, closed),
        v("consultation_hours", minutes / 60, activities),
        v("long_term_clients", clients.long_term, served),
        v("share_long_term_clients", clients.share_long_term, served),
        v("permits_obtained", sum(permits.values()), sum(permits.values())),
        *(v(f"permits_{k}", permits.get(k, 0), permits.get(k, 0)) for k in PERMIT_TYPES),
        v("referrals_made", referrals.made, referrals.made),
        v("referrals_completed", referrals.completed, referrals.made),
        v("share_referrals_completed", referrals.share_completed, referrals.made),
    ]
    if events_held is not None:
        rows.append(v("events_held", events_held, events_held))
    rows += [
        v("event_registrations", registered, registered),
        v("event_participants", attended, registered),
        v("event_sales", sales, attended),
        v("sales_change_mean_pct", change.sales_mean_pct, change.sales_n),
        v("sales_change_median_pct", change.sales_median_pct, change.sales_n),
        v("employment_change_mean_pct", change.employment_mean_pct, change.employment_n),
        v("employment_change_median_pct", change.employment_median_pct, change.employment_n),
        v("size_class_up", change.size_up, change.size_n),
        v("share_size_class_up", change.share_size_up, change.size_n),
        v("ikm_score", float(ikm.score_rounded) if ikm else None, ikm.n_respondents if ikm else 0),
        v("share_with_nib", clients.share_with_nib, served),
    ]
    return rows


@dataclass(frozen=True)
class EvaluationIndicators:
    """Every evaluation indicator of a scope and period."""

    scope: Scope
    scope_name: str
    period: Period
    served: Served
    flow: CaseFlow
    closure: ClosureTimes
    hours: HoursByField
    activities: int
    clients: ClientFigures
    permits: dict[str, int]
    referrals: ReferralFigures
    events: EventFigures
    change: BaselineChange
    ikm: IkmResult | None

    def rows(self) -> list[IndicatorValue]:
        """Every indicator as ``(indicator, value, n)``, in :data:`INDICATORS` order."""
        clients = ClientFigures(  # served and new as the dashboard counts them
            self.served.total, self.served.new, self.clients.long_term, self.clients.with_nib
        )
        return indicator_rows(
            clients=clients,
            opened=self.flow.opened,
            closure=self.closure,
            minutes=self.hours.total_minutes,
            activities=self.activities,
            permits=self.permits,
            referrals=self.referrals,
            registered=self.events.registered,
            attended=self.events.attended,
            sales=self.events.sales,
            change=self.change,
            ikm=self.ikm,
            events_held=self.events.events,
        )

    def value(self, indicator: str) -> float | None:
        """The value of one indicator.

        Raises:
            KeyError: No indicator has that name.
        """
        for row in self.rows():
            if row.indicator == indicator:
                return row.value
        raise KeyError(indicator)

    def frame(self) -> pd.DataFrame:
        """The indicators as a tidy table: ``indicator``, ``value``, ``n``."""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=list(IndicatorValue._fields))

    def metrics(self) -> dict[str, str | int | float | None]:
        """Flat metrics for the batch: every indicator plus grade, counts and coverage."""
        out: dict[str, str | int | float | None] = {"scope_name": self.scope_name}
        out |= {row.indicator: row.value for row in self.rows()}
        out |= {
            "cases_cancelled": self.flow.cancelled,
            "cases_closed_surveyed": self.closure.surveyed,
            "ikm_grade": self.ikm.grade if self.ikm else None,
            "ikm_respondents": self.ikm.n_respondents if self.ikm else 0,
            "sales_change_n": self.change.sales_n,
            "employment_change_n": self.change.employment_n,
            "size_class_n": self.change.size_n,
            "enterprises_without_baseline": self.change.without_baseline,
            "enterprises_without_followup": self.change.without_followup,
        }
        return out


def _activities(session: Session, scope: Scope, period: Period) -> int:
    """Number of activities held in the period on cases of the scope."""
    return _int(
        session.execute(
            select(func.count())
            .select_from(Activity)
            .join(Case, col(Case.id) == col(Activity.case_id))
            .where(_case_scope(scope), period.contains(col(Activity.held_on)))
        ).scalar_one()
    )


def evaluation_indicators(session: Session, scope: Scope, period: Period) -> EvaluationIndicators:
    """Every evaluation indicator of ``scope`` in ``period``.

    Raises:
        NotFound: The centre does not exist.
        ValidationError: The region code is not in the Kemendagri table.
    """
    return EvaluationIndicators(
        scope=scope,
        scope_name=scope_name(session, scope),
        period=period,
        served=enterprises_served(session, scope, period),
        flow=case_flow(session, scope, period),
        closure=closure_times(session, scope, period),
        hours=consultation_hours(session, scope, period),
        activities=_activities(session, scope, period),
        clients=client_figures(session, scope, period),
        permits=permits_obtained(session, scope, period),
        referrals=referral_figures(session, scope, period),
        events=event_figures(session, scope, period),
        change=baseline_change(session, scope, period),
        ikm=ikm_score(session, scope, period),
    )
