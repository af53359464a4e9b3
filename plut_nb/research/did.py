"""Difference-in-differences estimators for staggered assistance.

:func:`group_time_att` — Callaway & Sant'Anna (2021), no covariates, not-yet-assisted
controls: for cohort ``g`` (first assisted at wave ``g``) and wave ``t``,

    ATT(g, t) = mean(Y_t - Y_{g-1} | cohort g) - mean(Y_t - Y_{g-1} | cohort > max(t, g-1), ≠ g)

over enterprises observed at both waves. Waves ``t < g - 1`` give placebo
("pre-trend") cells against the same base wave. :func:`aggregate` averages cells
with weights proportional to cohort size: all cells with ``t ≥ g`` (the overall
ATT, CS "simple" aggregation) or the cells ``t - g = e`` (event study).

Inference uses each cell's influence function (one value per enterprise), so
standard errors are clustered by enterprise — or by any coarser ``cluster``
label — and the estimated cohort weights are accounted for. Intervals are
pointwise normal.

:func:`twfe` — the classic two-way fixed-effects regression
``y_it = a_i + l_t + b·assisted_it + e_it`` by the within transformation (no
enterprise dummies: memory grows with the rows only), standard errors clustered
by enterprise with the usual small-sample factor ``G/(G-1)·(N-1)/(N-K)``
(``K`` = regressors after absorbing the enterprise effects; statsmodels' default
for clustered OLS on the demeaned design). With effects that change over time
or across cohorts its weights can be negative; it is shown for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from plut_nb.research.panel import Panel

__all__ = ["Estimate", "GroupTimeATT", "aggregate", "event_study", "group_time_att",
           "pretrend_test", "twfe", "twfe_design"]  # fmt: skip

Z95 = float(stats.norm.ppf(0.975))


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its clustered standard error and 95 % interval."""

    estimate: float
    se: float
    n: int = 0

    @property
    def ci_low(self) -> float:
        """Lower end of the 95 % interval."""
        return self.estimate - Z95 * self.se

    @property
    def ci_high(self) -> float:
        """Upper end of the 95 % interval."""
        return self.estimate + Z95 * self.se

    @property
    def p_value(self) -> float:
        """Two-sided p-value of estimate = 0."""
        return float(2 * stats.norm.sf(abs(self.estimate / self.se))) if self.se > 0 else 0.0

    def covers(self, value: float) -> bool:
        """True when ``value`` lies in the 95 % interval."""
        return self.ci_low <= value <= self.ci_high


@dataclass(frozen=True)
class GroupTimeATT:
    """The group-time ATTs of a panel with their influence functions.

    Attributes:
        cells: One row per (cohort, wave): ``cohort``, ``wave``, ``event_time``,
            ``att``, ``se``, ``n_treated``, ``n_control``.
        influence: Influence function of each cell, shape ``(n, cells)``.
        cohort: Cohort of each enterprise that may count as treated, else -1 (for the weights).
        clusters: Cluster code of each enterprise.
    """

    cells: pd.DataFrame
    influence: np.ndarray
    cohort: np.ndarray
    clusters: np.ndarray

    @property
    def n(self) -> int:
        """Number of enterprises."""
        return int(self.influence.shape[0])


def _se(influence: np.ndarray, clusters: np.ndarray, n: int) -> np.ndarray:
    """Clustered standard errors of estimates with influence functions in columns."""
    if influence.ndim == 1:
        influence = influence[:, None]
    sums = np.stack([np.bincount(clusters, weights=influence[:, k])
                     for k in range(influence.shape[1])], axis=1)  # fmt: skip
    return np.sqrt((sums**2).sum(axis=0)) / n


def group_time_att(
    panel: Panel,
    *,
    cluster: np.ndarray | None = None,
    eligible: np.ndarray | None = None,
    min_group: int = 2,
) -> GroupTimeATT:
    """Callaway–Sant'Anna ATT(g, t) with not-yet-assisted controls (module docstring).

    Args:
        panel: The wide panel.
        cluster: Optional cluster label of each enterprise (default: the enterprise).
        eligible: Optional mask of enterprises that may count as treated (e.g. those
            whose first case was in one service field); the others serve only as
            not-yet-assisted controls. Default: all.
        min_group: Cells with fewer treated or control enterprises are skipped.

    Returns:
        The :class:`GroupTimeATT`.
    """
    y, g_of, n = panel.y, panel.cohort, panel.n
    # Cohort as seen by the weights: -1 for enterprises that are never "treated" here.
    g_treat = g_of if eligible is None else np.where(eligible, g_of, -1)
    clusters = np.arange(n) if cluster is None else pd.factorize(np.asarray(cluster))[0]
    rows: list[dict[str, float | int]] = []
    columns: list[np.ndarray] = []
    for g in range(1, panel.n_waves):
        if not (g_treat == g).any():
            continue
        base = g - 1
        seen_base = ~np.isnan(y[:, base])
        for t in range(panel.n_waves):
            if t == base:
                continue
            seen = seen_base & ~np.isnan(y[:, t])
            treated = seen & (g_treat == g)
            control = seen & (g_of > max(t, base)) & (g_of != g)
            n_tr, n_co = int(treated.sum()), int(control.sum())
            if n_tr < min_group or n_co < min_group:
                continue
            change = y[:, t] - y[:, base]
            m_tr, m_co = change[treated].mean(), change[control].mean()
            psi = np.zeros(n)
            psi[treated] = (change[treated] - m_tr) * (n / n_tr)
            psi[control] = -(change[control] - m_co) * (n / n_co)
            columns.append(psi)
            rows.append({"cohort": g, "wave": t, "event_time": t - g, "att": m_tr - m_co,
                         "n_treated": n_tr, "n_control": n_co})  # fmt: skip
    influence = np.stack(columns, axis=1) if columns else np.zeros((n, 0))
    cells = pd.DataFrame(rows, columns=["cohort", "wave", "event_time", "att", "n_treated",
                                        "n_control"])  # fmt: skip
    cells.insert(4, "se", _se(influence, clusters, n) if columns else [])
    return GroupTimeATT(cells, influence, g_treat, clusters)


def _weighted(gt: GroupTimeATT, chosen: np.ndarray) -> tuple[float, np.ndarray]:
    """Cohort-size-weighted mean of the chosen cells and its influence function."""
    cells = gt.cells[chosen]
    share = {g: float((gt.cohort == g).mean()) for g in cells["cohort"].unique()}
    p = cells["cohort"].map(share).to_numpy()
    total = p.sum()
    w = p / total
    att = cells["att"].to_numpy()
    theta = float(w @ att)
    psi = gt.influence[:, np.flatnonzero(chosen)] @ w
    # The weights are estimated cohort shares: add their influence (1{G=g} - p_g).
    for g_value, a in zip(cells["cohort"].to_numpy(), att, strict=True):
        psi += (a - theta) * ((gt.cohort == g_value) - share[int(g_value)]) / total
    return theta, psi


def aggregate(gt: GroupTimeATT) -> Estimate:
    """The overall ATT: every assisted cell (``t ≥ g``) weighted by cohort size.

    Raises:
        ValueError: No assisted cell could be estimated.
    """
    chosen = (gt.cells["event_time"] >= 0).to_numpy()
    if not chosen.any():
        raise ValueError("no assisted cohort with controls: the ATT cannot be estimated")
    theta, psi = _weighted(gt, chosen)
    n_treated = int(np.isin(gt.cohort, gt.cells.loc[chosen, "cohort"].unique()).sum())
    return Estimate(theta, float(_se(psi, gt.clusters, gt.n)[0]), n_treated)


def event_study(gt: GroupTimeATT) -> tuple[pd.DataFrame, np.ndarray]:
    """Event-study coefficients by event time ``e = t - g`` (``e = -1`` is the 0 reference).

    Returns:
        A table ``event_time``, ``att``, ``se``, ``ci_low``, ``ci_high``, ``cohorts``
        and the influence functions of its rows (``NaN`` column for the reference).
    """
    rows, psis = [], []
    for e in sorted({*gt.cells["event_time"].tolist(), -1}):
        if e == -1:
            rows.append({"event_time": -1, "att": 0.0, "se": 0.0, "cohorts": 0})
            psis.append(np.full(gt.n, np.nan))
            continue
        chosen = (gt.cells["event_time"] == e).to_numpy()
        theta, psi = _weighted(gt, chosen)
        rows.append({"event_time": e, "att": theta, "se": float(_se(psi, gt.clusters, gt.n)[0]),
                     "cohorts": int(chosen.sum())})  # fmt: skip
        psis.append(psi)
    table = pd.DataFrame(rows)
    table["ci_low"] = table["att"] - Z95 * table["se"]
    table["ci_high"] = table["att"] + Z95 * table["se"]
    return table, np.stack(psis, axis=1)


def pretrend_test(gt: GroupTimeATT) -> tuple[float, int, float]:
    """Joint Wald test that every placebo event-study coefficient (``e ≤ -2``) is zero.

    Returns:
        ``(chi2, degrees of freedom, p-value)``; ``(nan, 0, nan)`` when there is no
        placebo coefficient (fewer than three waves before the last cohort).
    """
    table, psi = event_study(gt)
    pre = (table["event_time"] <= -2).to_numpy()
    if not pre.any():
        return float("nan"), 0, float("nan")
    b = table.loc[pre, "att"].to_numpy()
    sums = np.stack([np.bincount(gt.clusters, weights=psi[:, k]) for k in np.flatnonzero(pre)], 1)
    vcov = sums.T @ sums / gt.n**2
    chi2 = float(b @ np.linalg.solve(vcov, b))
    return chi2, int(pre.sum()), float(stats.chi2.sf(chi2, int(pre.sum())))


def _demean(values: np.ndarray, entity: np.ndarray, counts: np.ndarray) -> np.ndarray:
    return values - (np.bincount(entity, weights=values) / counts)[entity]


def twfe_design(panel: Panel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The demeaned design of :func:`twfe`: ``(y, X, enterprise code)``.

    ``X`` holds the assisted indicator, then one dummy per wave after the first,
    each minus its enterprise mean (so the time effects stay in the regression).
    """
    row, wave = np.nonzero(~np.isnan(panel.y))
    entity = pd.factorize(row)[0]
    counts = np.bincount(entity).astype(float)
    x = np.empty((len(row), panel.n_waves))
    x[:, 0] = _demean((wave >= panel.cohort[row]).astype(float), entity, counts)
    for t in range(1, panel.n_waves):
        x[:, t] = _demean((wave == t).astype(float), entity, counts)
    return _demean(panel.y[row, wave], entity, counts), x, entity


def twfe(panel: Panel) -> Estimate:
    """Two-way fixed-effects DiD (module docstring) on the observed cells of ``panel``."""
    yd, x, entity = twfe_design(panel)
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ (x.T @ yd)
    resid = yd - x @ beta
    scores = np.stack([np.bincount(entity, weights=x[:, k] * resid) for k in range(x.shape[1])], 1)
    n_obs, k, n_groups = len(yd), x.shape[1], int(entity.max()) + 1
    factor = n_groups / (n_groups - 1) * (n_obs - 1) / (n_obs - k)
    vcov = factor * xtx_inv @ (scores.T @ scores) @ xtx_inv
    return Estimate(float(beta[0]), float(np.sqrt(vcov[0, 0])), int(n_obs))
