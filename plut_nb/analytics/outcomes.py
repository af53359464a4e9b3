"""Outcomes of served enterprises: change in sales, employment and size class from baseline.

Per served enterprise (as in :func:`plut_nb.analytics.indicators.served_enterprises`):

- its **baseline** is its earliest ``baseline`` indicator snapshot taken on or
  before the period's last day;
- its **follow-up** is its latest other snapshot taken on or before that day
  and not before the baseline.

*Sales change %* = (follow-up − baseline) / baseline × 100, for enterprises
with both figures and baseline sales above 0; the same for total employees.
Means and medians are over enterprises; ``n`` counts the enterprises with both.
*Moves up a size class*: the follow-up class is above the baseline class in
:data:`SIZE_ORDER`, among enterprises with both classes. The counts are SQL
aggregates; for the medians only the per-enterprise percentages of the scope
and period (one bounded column) are read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean, median
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from plut_nb.analytics._common import _int
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
from plut_nb.analytics.indicators import served_enterprises
from plut_nb.analytics.scope import Period, Scope
from plut_nb.models import IndicatorSnapshot

__all__ = ["SIZE_ORDER", "BaselineChange", "baseline_change", "baseline_change_by"]

SIZE_ORDER: tuple[str, ...] = ("mikro", "kecil", "menengah", "besar")
"""Size classes from smallest to largest (PP 7/2021)."""


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class BaselineChange:
    """Served enterprises' sales, employment and size class: follow-up vs baseline."""

    served: int
    with_baseline: int
    with_followup: int
    sales_n: int
    sales_mean_pct: float | None
    sales_median_pct: float | None
    employment_n: int
    employment_mean_pct: float | None
    employment_median_pct: float | None
    size_n: int
    size_up: int

    @property
    def without_baseline(self) -> int:
        """Served enterprises without a baseline snapshot (by the period's end)."""
        return self.served - self.with_baseline

    @property
    def without_followup(self) -> int:
        """Served enterprises with a baseline but no follow-up snapshot (by the period's end)."""
        return self.with_baseline - self.with_followup

    @property
    def share_size_up(self) -> float | None:
        """Enterprises moving up a size class, of those with both classes (0–1)."""
        return _share(self.size_up, self.size_n)


def _rank(size: Any) -> Any:
    return case({name: i for i, name in enumerate(SIZE_ORDER, start=1)}, value=size, else_=None)


def _pct(last: Any, base: Any) -> Any:
    ok = and_(base > 0, last.isnot(None))
    return case((ok, (cast(last, Float) - cast(base, Float)) * 100.0 / cast(base, Float)))


def _pick(eid: Any, period: Period, *, baseline: bool) -> Any:
    """Id of the enterprise's baseline (earliest) or follow-up (latest) snapshot by the period's end.

    A correlated ``LIMIT 1`` on the (enterprise, date) index: one short index walk
    per served enterprise, whatever the size of the snapshot table.
    """
    snap = aliased(IndicatorSnapshot, name="pick_base" if baseline else "pick_followup")
    taken, sid = col(snap.taken_on), col(snap.id)
    kind = col(snap.kind) == "baseline" if baseline else col(snap.kind) != "baseline"
    order = (taken, sid) if baseline else (taken.desc(), sid.desc())
    return (
        select(sid)
        .where(col(snap.enterprise_id) == eid, kind, taken <= period.end)
        .order_by(*order)
        .limit(1)
        .scalar_subquery()
    )


_ChangeParts = tuple[int, int, int, int, int, list[float], list[float]]


def _change_parts(
    session: Session, scope: Scope, period: Period, dimensions: Dimensions
) -> dict[Key, _ChangeParts]:
    """Served, with baseline, with follow-up, with both sizes, moved up, and the sales and
    employment changes (%) of each enterprise, per group (additive parts)."""
    by_field = Dimension.service_field in as_dimensions(dimensions)
    served = served_enterprises(scope, period, by_field=by_field)
    extra = [served.c.field] if by_field else []
    pairs = select(
        served.c.eid,
        *extra,
        _pick(served.c.eid, period, baseline=True).label("base_id"),
        _pick(served.c.eid, period, baseline=False).label("last_id"),
    ).subquery("pairs")
    g = grouping(
        dimensions,
        period.end,
        enterprise_id=pairs.c.eid,
        field=pairs.c.field if by_field else None,
    )
    base = aliased(IndicatorSnapshot, name="base")
    last = aliased(IndicatorSnapshot, name="followup")
    b_size, l_size = _rank(col(base.size_class)), _rank(col(last.size_class))
    both_sizes = and_(b_size.isnot(None), l_size.isnot(None))
    up = and_(both_sizes, l_size > b_size)

    def frame(stmt: Any) -> Any:
        return (
            stmt.select_from(pairs)
            .outerjoin(base, col(base.id) == pairs.c.base_id)
            .outerjoin(
                last,
                and_(col(last.id) == pairs.c.last_id, col(last.taken_on) >= col(base.taken_on)),
            )
        )

    counts = select_grouped(
        g,
        func.count(),
        func.count(col(base.id)),
        func.count(col(last.id)),
        func.sum(case((both_sizes, 1), else_=0)),
        func.sum(case((up, 1), else_=0)),
    )
    rows = session.execute(finish(g, frame(counts))).all()
    values = select_grouped(
        g,
        _pct(col(last.sales_annual), col(base.sales_annual)),
        _pct(col(last.employees_total), col(base.employees_total)),
    )
    values = finish(g, frame(values).where(col(last.id).isnot(None)), aggregate=False)
    sales: dict[Key, list[float]] = defaultdict(list)
    employment: dict[Key, list[float]] = defaultdict(list)
    for grp, (s_pct, e_pct) in split_rows(g, session.execute(values).all()):
        if s_pct is not None:
            sales[grp].append(float(s_pct))
        if e_pct is not None:
            employment[grp].append(float(e_pct))
    return {
        grp: (_int(n), _int(n_base), _int(n_last), _int(n_size), _int(n_up), sales[grp],
              employment[grp])
        for grp, (n, n_base, n_last, n_size, n_up) in split_rows(g, rows)
    }  # fmt: skip


def _change_from(part: _ChangeParts) -> BaselineChange:
    n, n_base, n_last, n_size, n_up, sales, employment = part
    s, e = sorted(sales), sorted(employment)
    return BaselineChange(
        served=n,
        with_baseline=n_base,
        with_followup=n_last,
        sales_n=len(s),
        sales_mean_pct=fmean(s) if s else None,
        sales_median_pct=float(median(s)) if s else None,
        employment_n=len(e),
        employment_mean_pct=fmean(e) if e else None,
        employment_median_pct=float(median(e)) if e else None,
        size_n=n_size,
        size_up=n_up,
    )


def baseline_change_by(
    session: Session, scope: Scope, period: Period, dimension: Dimension | None
) -> dict[str, BaselineChange]:
    """Change in sales, employment and size class from baseline, per group."""
    parts = _change_parts(session, scope, period, dimension)
    return {str(k): _change_from(p) for k, p in parts.items()}


def baseline_change(session: Session, scope: Scope, period: Period) -> BaselineChange:
    """Change from baseline of the whole scope."""
    empty = BaselineChange(0, 0, 0, 0, None, None, 0, None, None, 0, 0)
    return baseline_change_by(session, scope, period, None).get(TOTAL, empty)
