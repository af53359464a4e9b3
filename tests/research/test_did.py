"""Staggered DiD: hand-computed ATTs, TWFE against statsmodels/linearmodels, planted effects."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from linearmodels.panel import PanelOLS

from plut_nb.research import did
from plut_nb.research.dataset import ResearchExtract
from plut_nb.research.impact import analyse_impact, impact_findings, impact_metrics
from plut_nb.research.panel import Panel, build_panel

WAVES = (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30))


def _panel(y: list[list[float]], cohort: list[int], waves: tuple[date, ...] = WAVES) -> Panel:
    return Panel("log_sales", np.array([f"e{i}" for i in range(len(y))], dtype=object), waves,
                 np.array(y, dtype=float), np.array(cohort))  # fmt: skip


def test_group_time_atts_match_a_hand_computation() -> None:
    # Waves 0..2. A, B first assisted at wave 1; C at wave 2; D, E not in the window (3).
    p = _panel([[1, 3, 4], [2, 4, 4], [1, 1.5, 3], [0, 0.5, 1], [3, 3.5, 5]], [1, 1, 2, 3, 3])
    gt = did.group_time_att(p, min_group=1)
    cells = gt.cells.set_index(["cohort", "wave"])["att"]
    # ATT(1,1): treated A,B change 2, 2 -> 2; controls C,D,E change 0.5 each -> 0.5.
    assert cells[(1, 1)] == pytest.approx(2 - 0.5)
    # ATT(1,2): A,B change 3, 2 -> 2.5; controls D,E (cohort > 2) change 1, 2 -> 1.5.
    assert cells[(1, 2)] == pytest.approx(2.5 - 1.5)
    # ATT(2,2) base wave 1: C changes 1.5; D,E change 0.5, 1.5 -> 1.0.
    assert cells[(2, 2)] == pytest.approx(1.5 - 1.0)
    # ATT(2,0) placebo, base wave 1: C changes -0.5; D,E change -0.5, -0.5.
    assert cells[(2, 0)] == pytest.approx(0.0)
    # Overall: cells (1,1), (1,2), (2,2) weighted by cohort size 2, 2, 1.
    overall = did.aggregate(gt)
    assert overall.estimate == pytest.approx((2 * 1.5 + 2 * 1.0 + 1 * 0.5) / 5)
    # A single cell's SE is the two-sample one: sqrt(var_t/n_t + var_c/n_c) (population variances).
    se_11 = np.sqrt(np.var([2.0, 2.0]) / 2 + np.var([0.5, 0.5, 0.5]) / 3)
    assert gt.cells.set_index(["cohort", "wave"]).loc[(1, 1), "se"] == pytest.approx(se_11)
    se_22 = np.sqrt(np.var([1.5]) / 1 + np.var([0.5, 1.5]) / 2)
    assert gt.cells.set_index(["cohort", "wave"]).loc[(2, 2), "se"] == pytest.approx(se_22)


def _simulate(
    rng: np.random.Generator, n: int, effect: np.ndarray | float, pre_trend: float = 0.0
) -> Panel:
    """The demo's data-generating process (four waves, cohorts 25/25/25/25 %)."""
    cohort = rng.choice([1, 2, 3, 4], n)
    t = np.arange(4)[None, :]
    y = (rng.normal(0, 0.8, n)[:, None] + np.array([0, 0.03, 0.02, 0.05])
         + np.asarray(effect).reshape(-1, 1) * (t >= cohort[:, None])
         + pre_trend * (cohort[:, None] == 3) * t + rng.normal(0, 0.1, (n, 4)))  # fmt: skip
    return _panel(y.tolist(), cohort.tolist(), (*WAVES, date(2026, 9, 30)))


def test_pretrend_test_flags_a_cohort_on_its_own_trend() -> None:
    rng = np.random.default_rng(3)
    clean = did.pretrend_test(did.group_time_att(_simulate(rng, 4000, 0.1)))
    bent = did.pretrend_test(did.group_time_att(_simulate(rng, 4000, 0.1, pre_trend=0.03)))
    assert clean[1] == bent[1] == 2  # e = -2 and e = -3
    assert clean[2] > 0.01 and bent[2] < 1e-6


def test_eligible_mask_splits_the_assisted_only() -> None:
    rng = np.random.default_rng(4)
    group_b = rng.random(6000) < 0.5
    panel = _simulate(rng, 6000, np.where(group_b, 0.30, 0.10))
    a = did.aggregate(did.group_time_att(panel, eligible=~group_b))
    b = did.aggregate(did.group_time_att(panel, eligible=group_b))
    assert a.covers(0.10) and b.covers(0.30)
    # Without the mask both effects mix; the controls are the same enterprises either way.
    both = did.aggregate(did.group_time_att(panel))
    assert a.estimate < both.estimate < b.estimate


def test_twfe_equals_statsmodels_and_linearmodels(demo_extract: ResearchExtract) -> None:
    panel = build_panel(demo_extract, "log_sales")
    small = panel.subset(np.arange(panel.n) < 400)
    small.y[::7, 2] = np.nan  # unbalanced: some waves missing
    ours = did.twfe(small)
    long = small.long()
    # statsmodels: OLS with enterprise and wave dummies.
    dummies = pd.get_dummies(long[["enterprise"]].astype(str), drop_first=False, dtype=float)
    waves = pd.get_dummies(long["wave"], prefix="w", drop_first=True, dtype=float)
    x = pd.concat([long[["assisted"]].astype(float), waves, dummies], axis=1)
    full = sm.OLS(long["y"], x).fit()
    assert abs(ours.estimate - full.params["assisted"]) < 1e-8
    # linearmodels: PanelOLS with entity and time effects.
    indexed = long.set_index(["enterprise", "wave"])
    lm = PanelOLS(indexed["y"], indexed[["assisted"]].astype(float), entity_effects=True,
                  time_effects=True).fit(cov_type="clustered", cluster_entity=True)  # fmt: skip
    assert abs(ours.estimate - lm.params["assisted"]) < 1e-8
    # Clustered SE: statsmodels' cluster-robust OLS on the same demeaned design.
    y, design, entity = did.twfe_design(small)
    clustered = sm.OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": entity})
    assert abs(ours.estimate - clustered.params[0]) < 1e-8
    assert abs(ours.se - clustered.bse[0]) < 1e-8


@pytest.mark.slow
@pytest.mark.parametrize(("effect", "seed"), [(0.12, 7), (0.30, 11), (0.0, 3)])
def test_planted_effect_is_recovered(
    demo_extract_factory: Callable[[float, int], ResearchExtract], effect: float, seed: int
) -> None:
    extract = demo_extract_factory(effect, seed)
    result = analyse_impact(extract, "log_sales", heterogeneity=())
    assert result.att.covers(effect), (result.att, effect)
    assert result.twfe.covers(effect), (result.twfe, effect)
    assert result.att.se < 0.006  # an honest but informative interval at 2,000 enterprises
    assert result.pretrend[1] == 2 and result.pretrend[2] > 0.05
    # Cohorts as planted: ~25 % each of waves 1-3, ~25 % not assisted within the window.
    shares = np.array([result.cohorts[g] for g in (1, 2, 3, 4)]) / result.n_enterprises
    assert np.all(np.abs(shares - 0.25) < 0.04)
    employment = analyse_impact(extract, "log_employment", heterogeneity=())
    if effect > 0:  # attenuated by rounding to whole employees, but clearly positive
        assert employment.att.ci_low > 0 and employment.att.estimate < effect / 2 + 0.02


def test_heterogeneity_findings_and_metrics(demo_extract: ResearchExtract) -> None:
    result = analyse_impact(demo_extract, "log_sales")
    het = result.heterogeneity
    assert set(het["dimension"]) == {"service_field", "size_class", "gender", "region"}
    assert set(het.loc[het["dimension"] == "gender", "group"]) == {"perempuan", "laki_laki"}
    assert {"Sumatera Utara", "Papua", "Jawa Barat"} <= set(het["group"])
    # The demo effect is the same for everyone: every sizeable subgroup covers it.
    sizeable = het[~het["small"]]
    covered = (sizeable["ci_low"] <= 0.12) & (sizeable["ci_high"] >= 0.12)
    assert len(sizeable) >= 10 and covered.mean() >= 0.8
    metrics = impact_metrics([result])
    assert metrics["log_sales_att_ci_low"] <= 0.12 <= metrics["log_sales_att_ci_high"]
    text = impact_findings([result], planted=0.12)
    assert f"{result.att.estimate:.3f}" in text and "di dalam interval 95 %" in text
