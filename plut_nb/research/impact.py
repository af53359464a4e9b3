"""Programme impact on an extract: the estimates, heterogeneity, metrics and findings.

:func:`analyse_impact` runs, for one outcome, the staggered DiD of
:mod:`plut_nb.research.did` (Callaway–Sant'Anna overall ATT and event study,
the pre-trend test, classic TWFE) and the ATT by service field of the first
case, size class at the first wave, owner's gender and province.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plut_nb.i18n import t
from plut_nb.reference.regions import get_region
from plut_nb.research.dataset import ResearchExtract
from plut_nb.research.did import (
    Estimate,
    aggregate,
    event_study,
    group_time_att,
    pretrend_test,
    twfe,
)
from plut_nb.research.panel import Panel, build_panel

__all__ = ["HETEROGENEITY", "ImpactResult", "analyse_impact", "impact_findings",
           "impact_metrics", "impact_table"]  # fmt: skip

#: Dimensions of the heterogeneity table. ``service_field`` splits the assisted
#: only (every not-yet-assisted enterprise stays a control); the others are
#: traits fixed before assistance, so treated and controls are split alike.
HETEROGENEITY: tuple[str, ...] = ("service_field", "size_class", "gender", "region")
SMALL_GROUP = 30
"""Subgroups with fewer assisted enterprises are flagged as imprecise."""


@dataclass(frozen=True)
class ImpactResult:
    """Everything the impact notebook shows for one outcome.

    Attributes:
        outcome: ``log_sales`` or ``log_employment``.
        att: Callaway–Sant'Anna overall ATT (log points).
        twfe: Two-way fixed-effects estimate (log points).
        event: Event-study table (see :func:`~plut_nb.research.did.event_study`).
        cells: The group-time ATTs.
        pretrend: ``(chi2, df, p)`` of the joint placebo test.
        heterogeneity: ``dimension``, ``group``, ``att``, ``se``, ``ci_low``,
            ``ci_high``, ``n_assisted``, ``small``.
        n_enterprises: Enterprises in the panel.
        cohorts: Enterprises per cohort (wave first assisted; ``T`` = not in the window).
        waves: The wave dates.
        dropped_always_assisted: Left out: assisted before the first wave.
    """

    outcome: str
    att: Estimate
    twfe: Estimate
    event: pd.DataFrame
    cells: pd.DataFrame
    pretrend: tuple[float, int, float]
    heterogeneity: pd.DataFrame
    n_enterprises: int
    cohorts: dict[int, int] = field(default_factory=dict)
    waves: tuple[str, ...] = ()
    dropped_always_assisted: int = 0


def _first(table: pd.DataFrame, order: list[str], column: str) -> pd.Series:
    """``column`` of each enterprise's first row in ``order`` (only the needed columns copied)."""
    rows = table[["enterprise_id", *order, column]].sort_values(order, kind="stable")
    return rows.drop_duplicates("enterprise_id").set_index("enterprise_id")[column]


def _labels(extract: ResearchExtract, panel: Panel, dimension: str) -> np.ndarray:
    if dimension == "service_field":
        label = _first(extract.cases, ["opened_on", "case_id"], "service_field")
    elif dimension == "size_class":
        label = _first(extract.snapshots, ["taken_on"], "size_class")
    elif dimension == "gender":
        ent = extract.enterprises.set_index("enterprise_id")["owner_gender"]
        label = ent.map({"P": "perempuan", "L": "laki_laki"})
    elif dimension == "region":
        ent = extract.enterprises.set_index("enterprise_id")["province_code"]
        names = {c: (r.name if (r := get_region(c)) else c) for c in ent.dropna().unique()}
        label = ent.map(names)
    else:
        raise ValueError(f"unknown heterogeneity dimension {dimension!r}")
    return label.reindex(pd.Index(panel.enterprise_ids)).to_numpy(dtype=object, na_value=None)


def _heterogeneity(extract: ResearchExtract, panel: Panel, dims: Sequence[str]) -> pd.DataFrame:
    rows = []
    for dim in dims:
        labels = _labels(extract, panel, dim)
        for group in sorted({v for v in labels if v is not None}):
            mine = labels == group
            if dim == "service_field":
                gt = group_time_att(panel, eligible=mine)
            else:
                gt = group_time_att(panel.subset(mine))
            try:
                est = aggregate(gt)
            except ValueError:
                continue
            rows.append({"dimension": dim, "group": group, "att": est.estimate, "se": est.se,
                         "ci_low": est.ci_low, "ci_high": est.ci_high, "n_assisted": est.n,
                         "small": est.n < SMALL_GROUP})  # fmt: skip
    return pd.DataFrame(rows, columns=["dimension", "group", "att", "se", "ci_low", "ci_high",
                                       "n_assisted", "small"])  # fmt: skip


def analyse_impact(
    extract: ResearchExtract,
    outcome: str = "log_sales",
    *,
    heterogeneity: Sequence[str] = HETEROGENEITY,
    frequency: str = "Q",
    exclude_cancelled: bool = False,
) -> ImpactResult:
    """Estimate the effect of assistance on ``outcome`` (see the module docstring).

    Args:
        extract: The research extract.
        outcome: ``log_sales`` or ``log_employment``.
        heterogeneity: Dimensions for the heterogeneity table (subset of :data:`HETEROGENEITY`).
        frequency: Wave length (pandas period alias).
        exclude_cancelled: Count only cases that were not cancelled as assistance.

    Returns:
        The :class:`ImpactResult`.
    """
    panel = build_panel(extract, outcome, frequency=frequency, exclude_cancelled=exclude_cancelled)
    gt = group_time_att(panel)
    event, _ = event_study(gt)
    counts = np.bincount(panel.cohort, minlength=panel.n_waves + 1)
    return ImpactResult(
        outcome=outcome,
        att=aggregate(gt),
        twfe=twfe(panel),
        event=event,
        cells=gt.cells,
        pretrend=pretrend_test(gt),
        heterogeneity=_heterogeneity(extract, panel, heterogeneity),
        n_enterprises=panel.n,
        cohorts={int(g): int(c) for g, c in enumerate(counts) if g > 0},
        waves=tuple(w.isoformat() for w in panel.waves),
        dropped_always_assisted=panel.dropped_always_assisted,
    )


def impact_table(results: Sequence[ImpactResult]) -> pd.DataFrame:
    """One row per outcome and estimator: estimate, SE, 95 % interval, p-value."""
    rows = []
    for r in results:
        for name, est in (("callaway_santanna", r.att), ("twfe", r.twfe)):
            rows.append({"outcome": r.outcome, "estimator": name, "estimate": est.estimate,
                         "se": est.se, "ci_low": est.ci_low, "ci_high": est.ci_high,
                         "p_value": est.p_value,
                         "percent": 100 * (np.exp(est.estimate) - 1)})  # fmt: skip
    return pd.DataFrame(rows)


def impact_metrics(results: Sequence[ImpactResult]) -> dict[str, float | int | None]:
    """Flat metrics for :func:`~plut_nb.batch.metrics.record_metrics`."""
    out: dict[str, float | int | None] = {}
    for r in results:
        o = r.outcome
        out.update({
            f"{o}_att": r.att.estimate, f"{o}_att_se": r.att.se, f"{o}_att_ci_low": r.att.ci_low,
            f"{o}_att_ci_high": r.att.ci_high, f"{o}_twfe": r.twfe.estimate,
            f"{o}_twfe_se": r.twfe.se, f"{o}_twfe_ci_low": r.twfe.ci_low,
            f"{o}_twfe_ci_high": r.twfe.ci_high, f"{o}_pretrend_chi2": r.pretrend[0],
            f"{o}_pretrend_p": r.pretrend[2], f"{o}_n_enterprises": r.n_enterprises,
            f"{o}_n_assisted": r.att.n,
        })  # fmt: skip
    return out


def _num(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}"


def impact_findings(results: Sequence[ImpactResult], planted: float | None = None) -> str:
    """The findings section (markdown), written from the numbers.

    Args:
        results: Results of :func:`analyse_impact`, log sales first.
        planted: The effect planted in demo data (log sales), if known; employment's
            planted effect is half of it.
    """
    lines = [f"## {t('research.impact.findings')}", ""]
    for r in results:
        est = r.att
        significant = est.ci_low > 0 or est.ci_high < 0
        lines.append("- " + t(
            "research.impact.finding", outcome=t(f"research.outcome.{r.outcome}"),
            att=_num(est.estimate), low=_num(est.ci_low), high=_num(est.ci_high),
            percent=f"{100 * (np.exp(est.estimate) - 1):.1f}", n=est.n, total=r.n_enterprises,
            verdict=t("research.impact.significant" if significant else "research.impact.not_significant"),
        ))  # fmt: skip
        lines.append("  " + t("research.impact.twfe", twfe=_num(r.twfe.estimate),
                              low=_num(r.twfe.ci_low), high=_num(r.twfe.ci_high)))  # fmt: skip
        chi2, df, p = r.pretrend
        if df:
            key = "research.impact.pretrend_ok" if p >= 0.05 else "research.impact.pretrend_bad"
            lines.append("  " + t(key, chi2=_num(chi2, 2), df=df, p=_num(p)))
        if planted is not None:
            truth = planted if r.outcome == "log_sales" else planted / 2
            key = (
                "research.impact.planted_in" if est.covers(truth) else "research.impact.planted_out"
            )
            lines.append("  " + t(key, planted=_num(truth)))
            if r.outcome == "log_employment":
                lines.append("  " + t("research.impact.planted_rounded"))
        het = r.heterogeneity
        if len(het):
            top = het.loc[~het["small"]].sort_values("att")
            if len(top) >= 2:
                lo, hi = top.iloc[0], top.iloc[-1]
                lines.append("  " + t("research.impact.spread", high=f"{hi['group']}",
                                      high_att=_num(hi["att"]), low=f"{lo['group']}",
                                      low_att=_num(lo["att"])))  # fmt: skip
    return "\n".join(lines)
