"""Evaluation indicators per group: service field, gender, youth, Orang Asli Papua, disability, channel.

:func:`indicators_by` answers "for whom?": every indicator of
:func:`plut_nb.analytics.evaluation.indicator_rows`, computed per group of a
:class:`Dimension` with one grouped SQL aggregate per figure, as a tidy table.
Groups (see :mod:`plut_nb.analytics._groups`):

- ``service_field`` — the field (bidang) of the case's service type. An
  enterprise counts in every field it was served in, so enterprise counts
  across fields can add up to more than the scope's total. Event figures have
  no service and are left out; a permit recorded without a case is ``tidak_diketahui``.
- ``gender``, ``youth``, ``orang_asli_papua``, ``disability`` — traits of the
  enterprise's owner. *Youth*: aged at most
  :data:`~plut_nb.analytics._groups.YOUTH_MAX_AGE` (30) on the period's last day.
- ``outreach_channel`` — how the enterprise heard of the PLUT.

Enterprises without an owner, a birth date or a channel fall in ``tidak_diketahui``.
Values are numbers: a group's IKM grade is ``plut_nb.rules.ikm_grade`` of its
``ikm_score`` (reports show it next to the score).
Every enterprise, case, activity … lands in exactly one group of an owner or
channel dimension, so those groups add up to the scope's total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func
from sqlmodel import Session, col

from plut_nb.analytics._common import _case_scope, _int
from plut_nb.analytics._groups import (
    GROUP_CODES,
    UNKNOWN,
    YOUTH_MAX_AGE,
    Dimension,
    Dimensions,
    Key,
    finish,
    fold,
    grouping,
    select_grouped,
    split_rows,
)
from plut_nb.analytics.evaluation import IndicatorValue, indicator_rows
from plut_nb.analytics.indicators import (
    ClientFigures,
    ReferralFigures,
    _client_parts,
    _closure_from,
    _closure_parts,
    _referral_parts,
)
from plut_nb.analytics.outcomes import _change_from, _change_parts
from plut_nb.analytics.scope import Period, Scope
from plut_nb.models import Activity, Case, Event, EventAttendance, PermitApplication, SurveyResponse
from plut_nb.reference.codes import OUTREACH_CHANNELS, SERVICE_FIELDS
from plut_nb.rules.ikm import IkmResult, ikm_from_sums

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "YOUTH_MAX_AGE",
    "Dimension",
    "group_order",
    "indicators_by",
    "indicators_by_dimensions",
]

#: Columns of the tidy table :func:`indicators_by` returns.
COLUMNS = ("dimension", "group", "indicator", "value", "n")

_CASE_COLUMNS = {"enterprise_id": col(Case.enterprise_id), "service_code": col(Case.service_code)}


def _opened_by(
    session: Session, scope: Scope, period: Period, dim: Dimensions
) -> dict[Key, tuple[int]]:
    """Cases opened in the period, per group."""
    g = grouping(dim, period.end, **_CASE_COLUMNS)
    stmt = select_grouped(g, func.count()).select_from(Case)
    stmt = stmt.where(_case_scope(scope), period.contains(col(Case.opened_on)))
    return {grp: (_int(n),) for grp, (n,) in split_rows(g, session.execute(finish(g, stmt)).all())}


def _hours_by(
    session: Session, scope: Scope, period: Period, dim: Dimensions
) -> dict[Key, tuple[int, int]]:
    """Minutes and number of activities held in the period, per group."""
    g = grouping(dim, period.end, **_CASE_COLUMNS)
    stmt = (
        select_grouped(g, func.sum(col(Activity.minutes)), func.count())
        .select_from(Activity)
        .join(Case, col(Case.id) == col(Activity.case_id))
        .where(_case_scope(scope), period.contains(col(Activity.held_on)))
    )
    rows = session.execute(finish(g, stmt)).all()
    return {grp: (_int(m), _int(n)) for grp, (m, n) in split_rows(g, rows)}


def _permits_by(
    session: Session, scope: Scope, period: Period, dim: Dimensions
) -> dict[Key, tuple[Counter[str]]]:
    """Permits issued in the period per group and type (as :func:`kpis.permits_obtained`)."""
    g = grouping(
        dim,
        period.end,
        enterprise_id=col(PermitApplication.enterprise_id),
        service_code=col(Case.service_code),
    )
    kind = col(PermitApplication.permit_type)
    stmt = (
        select_grouped(g, kind, func.count())
        .select_from(PermitApplication)
        .outerjoin(Case, col(Case.id) == col(PermitApplication.case_id))
        .where(
            scope.where(
                centre_id=col(Case.centre_id), enterprise_id=col(PermitApplication.enterprise_id)
            ),
            func.lower(col(PermitApplication.status)) == "terbit",  # not the status index
            period.contains(col(PermitApplication.issued_on)),
        )
    )
    out: dict[Key, tuple[Counter[str]]] = {}
    for grp, (permit, n) in split_rows(g, session.execute(finish(g, stmt).group_by(kind)).all()):
        out.setdefault(grp, (Counter(),))[0][permit] += _int(n)
    return out


def _events_by(
    session: Session, scope: Scope, period: Period, dim: Dimensions
) -> dict[Key, tuple[int, int, int]]:
    """Registrations, attendance and sales at events starting in the period, per group."""
    g = grouping(dim, period.end, enterprise_id=col(EventAttendance.enterprise_id))
    attended = func.sum(case((col(EventAttendance.attended).is_(True), 1), else_=0))
    stmt = (
        select_grouped(g, func.count(), attended, func.sum(col(EventAttendance.sales)))
        .select_from(EventAttendance)
        .join(Event, col(Event.id) == col(EventAttendance.event_id))
        .where(
            scope.where(
                centre_id=col(Event.centre_id), enterprise_id=col(EventAttendance.enterprise_id)
            ),
            period.contains(col(Event.starts_on)),
        )
    )
    rows = session.execute(finish(g, stmt)).all()
    return {grp: (_int(r), _int(a), _int(s)) for grp, (r, a, s) in split_rows(g, rows)}


def _ikm_by(
    session: Session, scope: Scope, period: Period, dim: Dimensions
) -> dict[Key, tuple[int, ...]]:
    """Respondents and element sums of IKM responses submitted in the period, per group
    (as :func:`kpis.ikm_score`; the IKM is computed from them after folding)."""
    g = grouping(dim, period.end, **_CASE_COLUMNS)
    elements = [getattr(SurveyResponse, f"u{i}") for i in range(1, 10)]
    stmt = (
        select_grouped(g, func.count(), *(func.sum(col(e)) for e in elements))
        .select_from(SurveyResponse)
        .join(Case, col(Case.id) == col(SurveyResponse.case_id))
        .where(
            scope.where(
                centre_id=col(SurveyResponse.centre_id), enterprise_id=col(Case.enterprise_id)
            ),
            period.contains(col(SurveyResponse.submitted_on)),
        )
    )
    rows = session.execute(finish(g, stmt)).all()
    return {grp: tuple(_int(x) for x in values) for grp, values in split_rows(g, rows)}


def _ikm_from(part: tuple[int, ...]) -> IkmResult | None:
    n, *sums = part
    return ikm_from_sums(n, sums) if n else None


def group_order(dimension: Dimension, found: Iterable[str]) -> list[str]:
    """The groups to show, in display order: the dimension's code list, then others, unknown last.

    The two groups of an owner trait are always shown (a zero is news); service
    fields and channels only when found.
    """
    dimension = Dimension(dimension)
    found = set(found)
    if dimension is Dimension.service_field:
        known: tuple[str, ...] = tuple(k for k in SERVICE_FIELDS if k in found)
    elif dimension is Dimension.outreach_channel:
        known = tuple(k for k in OUTREACH_CHANNELS if k in found)
    else:
        known = GROUP_CODES[dimension]
    others = sorted(found - set(known) - {UNKNOWN})
    return [*known, *others, *([UNKNOWN] if UNKNOWN in found else [])]


def indicators_by(
    session: Session, scope: Scope, period: Period, dimension: Dimension | str
) -> pd.DataFrame:
    """Every evaluation indicator of ``scope`` in ``period`` per group of ``dimension``.

    Args:
        session: Open session.
        scope: Centre, regency or province.
        period: The period.
        dimension: A :class:`Dimension` (or its name).

    Returns:
        A tidy DataFrame with columns ``dimension``, ``group`` (a code such as
        ``perempuan``), ``indicator`` (as in :data:`plut_nb.analytics.evaluation.INDICATORS`),
        ``value`` (float; NaN when undefined) and ``n`` (what it is computed over),
        groups in :func:`group_order`, indicators in report order.

    Raises:
        ValueError: ``dimension`` is not a :class:`Dimension`.
    """
    dim = Dimension(dimension)
    return indicators_by_dimensions(session, scope, period, (dim,))[dim]


def indicators_by_dimensions(
    session: Session, scope: Scope, period: Period, dimensions: Iterable[Dimension | str]
) -> dict[Dimension, pd.DataFrame]:
    """:func:`indicators_by` for several dimensions, reading the rows once for all of them.

    The owner and channel dimensions are grouped by together, one query per
    figure (:func:`~plut_nb.analytics._groups.fold` splits the result); the
    service field, where an enterprise counts in every field, has queries of its own.

    Returns:
        The table of each dimension, in the order asked.

    Raises:
        ValueError: A name is not a :class:`Dimension`.
    """
    dims = tuple(dict.fromkeys(Dimension(d) for d in dimensions))
    passes: list[tuple[Dimension, ...]] = [(d,) for d in dims if d is Dimension.service_field]
    traits = tuple(d for d in dims if d is not Dimension.service_field)
    if traits:
        passes.append(traits)
    parts: dict[Dimension, list[dict[str, tuple[Any, ...]]]] = {}
    for group in passes:
        with_events = Dimension.service_field not in group
        queries: list[Mapping[Key, tuple[Any, ...]]] = [
            _client_parts(session, scope, period, group),
            _opened_by(session, scope, period, group),
            _closure_parts(session, scope, period, group),
            _hours_by(session, scope, period, group),
            _permits_by(session, scope, period, group),
            _referral_parts(session, scope, period, group),
            _events_by(session, scope, period, group) if with_events else {},
            _change_parts(session, scope, period, group),
            _ikm_by(session, scope, period, group),
        ]
        folded = [fold(q, group) for q in queries]
        for dim in group:
            parts[dim] = [f[dim] for f in folded]
    return {dim: _frame(dim, *parts[dim]) for dim in dims}


def _frame(dim: Dimension, *parts: dict[str, tuple[Any, ...]]) -> pd.DataFrame:
    """The tidy table of one dimension from its folded parts (see :func:`indicators_by`)."""
    import pandas as pd

    clients, opened, closure, hours, permits, referrals, events, change, ikm = parts
    rows: list[tuple[str, str, str, float | None, int]] = []
    for grp in group_order(dim, (k for part in parts for k in part)):
        minutes, activities = hours.get(grp, (0, 0))
        registered, attended, sales = events.get(grp, (0, 0, 0))
        values: list[IndicatorValue] = indicator_rows(
            clients=ClientFigures(*clients.get(grp, (0, 0, 0, 0))),
            opened=opened.get(grp, (0,))[0],
            closure=_closure_from(closure.get(grp, (0, 0, 0, []))),
            minutes=minutes,
            activities=activities,
            permits=dict(permits.get(grp, (Counter(),))[0]),
            referrals=ReferralFigures(*referrals.get(grp, (0, 0))),
            registered=registered,
            attended=attended,
            sales=sales,
            change=_change_from(change.get(grp, (0, 0, 0, 0, 0, [], []))),
            ikm=_ikm_from(ikm[grp]) if grp in ikm else None,
        )
        rows += [
            (dim.value, grp, r.indicator, r.value, r.n)
            for r in values
            if not (dim is Dimension.service_field and r.indicator.startswith("event_"))
        ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype({"value": "float64", "n": "int64"})
