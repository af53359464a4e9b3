"""Outreach and equity: which channels bring which enterprises, and who is served.

:func:`channel_profile` — per outreach channel (how the enterprise heard of the
PLUT): how many enterprises, who they are (women, young, Orang Asli Papua,
with a disability, micro at the first snapshot) and what followed (a case, a
completed case, a permit issued, the change in log sales from the first to the
last snapshot).

:func:`served_vs_population` — the enterprises served in a period (a case
opened in it) against a population, group by group: owner's gender, youth
(≤ 30 years at the extract date), Orang Asli Papua status, disability and
province. The population is every enterprise in the extract registered by the
end of the period, unless external shares are given (e.g. from a census).

Shares carry Wilson 95 % intervals (reliable for small groups and shares near
0 or 1); means carry normal intervals. Groups with fewer than
:data:`SMALL_GROUP` enterprises are flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from plut_nb.reference.regions import get_region
from plut_nb.research.dataset import ResearchExtract

__all__ = ["DIMENSIONS", "SMALL_GROUP", "channel_profile", "outreach_findings", "outreach_metrics",
           "served_vs_population", "wilson"]  # fmt: skip

SMALL_GROUP = 30
DIMENSIONS: tuple[str, ...] = ("gender", "youth", "orang_asli_papua", "disability", "region")
_DONE = ("selesai", "ditutup")


def wilson(count: np.ndarray | pd.Series | int, n: np.ndarray | pd.Series | int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Wilson score 95 % interval of ``count / n`` (``NaN`` where ``n`` is 0)."""
    c = np.asarray(count, dtype=float)
    m = np.asarray(n, dtype=float)
    safe = np.where(m > 0, m, 1.0)
    low, high = proportion_confint(np.minimum(c, safe), safe, alpha=0.05, method="wilson")
    nan = np.where(m > 0, 1.0, np.nan)
    return np.asarray(low) * nan, np.asarray(high) * nan


def _traits(extract: ResearchExtract) -> pd.DataFrame:
    e = extract.enterprises.set_index("enterprise_id")
    names = {c: (r.name if (r := get_region(c)) else c) for c in e["province_code"].unique()}
    gender = e["owner_gender"].map({"P": "perempuan", "L": "laki_laki"})
    yes_no = {True: "ya", False: "tidak"}
    return pd.DataFrame({
        "channel": e["outreach_channel"].fillna("tidak_diketahui"),
        "gender": gender,
        "youth": e["owner_youth"].map({True: "muda", False: "bukan_muda"}),
        "orang_asli_papua": e["owner_oap"].map(yes_no),
        "disability": e["owner_disability"].map(yes_no),
        "region": e["province_code"].map(names),
        "registered_on": e["registered_on"],
    }, index=e.index)  # fmt: skip


def _sales_change(extract: ResearchExtract) -> pd.Series:
    s = extract.snapshots.dropna(subset=["sales_annual"]).sort_values("taken_on")
    s = s[s["sales_annual"] > 0]
    g = s.groupby("enterprise_id")["sales_annual"]
    first, last, n = g.first(), g.last(), g.size()
    return np.log(last.astype(float) / first.astype(float)).where(n >= 2)


def channel_profile(extract: ResearchExtract) -> pd.DataFrame:
    """One row per outreach channel: size, make-up and outcomes (module docstring).

    Columns: ``channel``, ``enterprises``, ``share``; for each of ``women``,
    ``youth``, ``oap``, ``disability``, ``micro``, ``with_case``, ``case_done``,
    ``permit_issued``: the share and its Wilson ``_low`` / ``_high``; then
    ``sales_change`` (mean change in log sales) with ``_low`` / ``_high``, and ``small``.
    """
    tr = _traits(extract)
    cases = extract.cases
    snaps = extract.snapshots.sort_values("taken_on").drop_duplicates("enterprise_id")
    flags = pd.DataFrame({
        "women": tr["gender"] == "perempuan", "youth": tr["youth"] == "muda",
        "oap": tr["orang_asli_papua"] == "ya", "disability": tr["disability"] == "ya",
        "micro": tr.index.map(snaps.set_index("enterprise_id")["size_class"]) == "mikro",
        "with_case": tr.index.isin(cases["enterprise_id"]),
        "case_done": tr.index.isin(cases.loc[cases["status"].isin(_DONE), "enterprise_id"]),
        "permit_issued": tr.index.isin(
            extract.permits.loc[extract.permits["status"] == "terbit", "enterprise_id"]),
    }, index=tr.index).fillna(False).astype(bool)  # fmt: skip
    change = _sales_change(extract).reindex(tr.index)
    rows = []
    total = len(tr)
    for channel, idx in tr.groupby("channel").groups.items():
        n = len(idx)
        row: dict[str, object] = {"channel": channel, "enterprises": n, "share": n / total}
        for name in flags.columns:
            k = int(flags.loc[idx, name].sum())
            low, high = wilson(k, n)
            row.update({name: k / n, f"{name}_low": float(low), f"{name}_high": float(high)})
        ch = change.loc[idx].dropna()
        mean = float(ch.mean()) if len(ch) else np.nan
        half = 1.96 * float(ch.std(ddof=1)) / np.sqrt(len(ch)) if len(ch) > 1 else np.nan
        row.update({"sales_change": mean, "sales_change_low": mean - half,
                    "sales_change_high": mean + half, "small": n < SMALL_GROUP})  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows).sort_values("enterprises", ascending=False).reset_index(drop=True)


def served_vs_population(
    extract: ResearchExtract,
    start: date | str,
    end: date | str,
    *,
    population: Mapping[tuple[str, str], float] | None = None,
) -> pd.DataFrame:
    """Who is served in ``[start, end]`` compared with the population, group by group.

    Args:
        extract: The research extract.
        start: First day of the period.
        end: Last day of the period.
        population: Optional external population shares keyed by ``(dimension, group)``
            (e.g. ``("gender", "perempuan"): 0.64``); default the extract's registry.

    Returns:
        Columns ``dimension``, ``group``, ``served``, ``served_share`` with Wilson
        ``served_low`` / ``served_high``, ``population``, ``population_share``,
        ``gap`` (served − population share, points of share), ``ratio``
        (served ÷ population share: 1 = served in proportion) and ``small``.
        Enterprises whose trait is unknown are left out of that dimension's shares.
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    tr = _traits(extract)
    cases = extract.cases
    in_period = cases[(cases["opened_on"] >= lo) & (cases["opened_on"] <= hi)]
    served = tr.index.isin(in_period["enterprise_id"])
    pop = tr[(tr["registered_on"] <= hi).fillna(False).to_numpy() | served]
    srv = tr[served]
    rows = []
    for dim in DIMENSIONS:
        s_counts = srv[dim].value_counts()
        p_counts = pop[dim].value_counts()
        s_n, p_n = int(s_counts.sum()), int(p_counts.sum())
        for group in sorted(set(p_counts.index) | set(s_counts.index)):
            k = int(s_counts.get(group, 0))
            low, high = wilson(k, s_n)
            p_share = (population or {}).get(
                (dim, group), p_counts.get(group, 0) / p_n if p_n else np.nan
            )
            share = k / s_n if s_n else np.nan
            rows.append({
                "dimension": dim, "group": group, "served": k, "served_share": share,
                "served_low": float(low), "served_high": float(high),
                "population": int(p_counts.get(group, 0)), "population_share": p_share,
                "gap": share - p_share, "ratio": share / p_share if p_share else np.nan,
                "small": k < SMALL_GROUP,
            })  # fmt: skip
    return pd.DataFrame(rows)


def outreach_metrics(profile: pd.DataFrame, served: pd.DataFrame) -> dict[str, float | int | None]:
    """Flat metrics: per channel its size and completion share; per group served vs population."""
    out: dict[str, float | int | None] = {}
    for _, r in profile.iterrows():
        c = r["channel"]
        out.update({f"channel_{c}_enterprises": int(r["enterprises"]),
                    f"channel_{c}_case_done": float(r["case_done"]),
                    f"channel_{c}_sales_change": float(r["sales_change"])})  # fmt: skip
    for _, r in served.iterrows():
        key = f"{r['dimension']}_{r['group']}".replace(" ", "_").lower()
        out.update({f"served_share_{key}": float(r["served_share"]),
                    f"served_low_{key}": float(r["served_low"]),
                    f"served_high_{key}": float(r["served_high"]),
                    f"population_share_{key}": float(r["population_share"])})  # fmt: skip
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def outreach_findings(profile: pd.DataFrame, served: pd.DataFrame) -> str:
    """The findings section (markdown) written from the two tables."""
    from plut_nb.i18n import t

    lines = [f"## {t('research.outreach.findings')}", ""]
    if len(profile):
        top = profile.iloc[0]
        lines.append("- " + t("research.outreach.channel_top", channel=top["channel"],
                              share=_pct(top["share"]), total=int(profile["enterprises"].sum())))  # fmt: skip
        big = profile[~profile["small"]]
        if len(big):
            oap = big.sort_values("oap").iloc[-1]
            lines.append("- " + t("research.outreach.channel_oap", channel=oap["channel"],
                                  share=_pct(oap["oap"]), low=_pct(oap["oap_low"]),
                                  high=_pct(oap["oap_high"])))  # fmt: skip
            done = big.sort_values("case_done")
            lines.append("- " + t("research.outreach.channel_done", best=done.iloc[-1]["channel"],
                                  best_share=_pct(done.iloc[-1]["case_done"]),
                                  worst=done.iloc[0]["channel"],
                                  worst_share=_pct(done.iloc[0]["case_done"])))  # fmt: skip
    for _, r in served.iterrows():
        if r["population_share"] < r["served_low"]:
            verdict = t("research.outreach.over")
        elif r["population_share"] > r["served_high"]:
            verdict = t("research.outreach.under")
        else:
            verdict = t("research.outreach.in_line")
        lines.append("- " + t("research.outreach.gap", dimension=r["dimension"], group=r["group"],
                              served=_pct(r["served_share"]), low=_pct(r["served_low"]),
                              high=_pct(r["served_high"]), population=_pct(r["population_share"]),
                              verdict=verdict))  # fmt: skip
    small = served.loc[served["small"], ["dimension", "group"]]
    if len(small):
        groups = ", ".join(f"{d}: {g}" for d, g in small.itertuples(index=False))
        lines.append("- " + t("research.outreach.small", groups=groups))
    return "\n".join(lines)
