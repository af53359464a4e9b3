"""Charts of the research notebooks (matplotlib figures on the Agg canvas, no pyplot).

Show one with ``Image(figure_png(fig))`` (:func:`plut_nb.analytics.charts.figure_png`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from plut_nb.i18n import t
from plut_nb.reference.regions import get_region
from plut_nb.research.impact import ImpactResult

__all__ = ["channel_chart", "event_study_chart", "lq_tile_chart", "representation_chart"]

_BLUE, _ORANGE, _GREY = "#1f4e79", "#e07b24", "#888888"


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _province_name(code: str) -> str:
    region = get_region(code)
    return region.name if region else code


def event_study_chart(results: Sequence[ImpactResult], planted: float | None = None) -> Figure:
    """Event-study coefficients with 95 % intervals, one panel per outcome.

    The dashed line is the TWFE estimate; the dotted one the planted effect (demo data).
    """
    fig = _figure(4.2 * len(results), 3.4)
    axes = fig.subplots(1, len(results), squeeze=False)[0]
    for ax, r in zip(axes, results, strict=True):
        ev = r.event
        ax.axhline(0, color=_GREY, lw=0.8)
        ax.axvline(-0.5, color=_GREY, lw=0.8, ls=":")
        ax.errorbar(ev["event_time"], ev["att"],
                    yerr=[ev["att"] - ev["ci_low"], ev["ci_high"] - ev["att"]],
                    fmt="o", color=_BLUE, capsize=3, label="Callaway–Sant'Anna")  # fmt: skip
        ax.axhline(r.twfe.estimate, color=_ORANGE, ls="--", lw=1, label="TWFE")
        if planted is not None:
            truth = planted if r.outcome == "log_sales" else planted / 2
            ax.axhline(truth, color="black", ls=":", lw=1, label=t("research.chart.planted"))
        ax.set_title(t(f"research.outcome.{r.outcome}"))
        ax.set_xlabel(t("research.chart.event_time"))
        ax.set_ylabel(t("research.chart.effect"))
        ax.set_xticks(ev["event_time"].tolist())
        ax.legend(fontsize=7, loc="lower right")
    return fig


def lq_tile_chart(table: pd.DataFrame, province_code: str, *, measure: str = "lq_sales",
                  top: int = 10) -> Figure:  # fmt: skip
    """A tile map of one province: regencies × its ``top`` sectors, coloured by LQ.

    Blue: the sector weighs more in the regency than in the reference (LQ > 1);
    red: less. Each tile shows the LQ; empty tiles have no enterprise.
    """
    sub = table[table["province_code"] == province_code]
    sectors = sub.groupby("kbli")["enterprises"].sum().nlargest(top).index.tolist()
    grid = sub[sub["kbli"].isin(sectors)].pivot_table(
        index="regency", columns="kbli", values=measure, aggfunc="first"
    ).reindex(columns=sectors)  # fmt: skip
    fig = _figure(max(4.0, 0.75 * len(sectors) + 2.5), max(2.2, 0.42 * len(grid) + 1.4))
    ax = fig.add_subplot()
    values = np.log2(grid.to_numpy(dtype=float))
    finite = values[np.isfinite(values)]
    span = float(np.abs(finite).max()) if finite.size else 1.0
    span = max(span, 0.5)
    image = ax.imshow(np.ma.masked_invalid(values), cmap="RdBu",
                      norm=TwoSlopeNorm(0.0, -span, span), aspect="auto")  # fmt: skip
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v):
            ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7,
                    color="white" if abs(np.log2(v)) > span * 0.6 else "black")  # fmt: skip
    ax.set_xticks(range(len(sectors)), sectors, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(grid)), grid.index.tolist(), fontsize=8)
    ax.set_title(t("research.chart.lq_title", measure=t(f"research.chart.{measure}"),
                   province=_province_name(province_code)), fontsize=9)  # fmt: skip
    fig.colorbar(image, ax=ax, label="log2 LQ", shrink=0.8)
    return fig


def representation_chart(table: pd.DataFrame) -> Figure:
    """Served share (with Wilson interval) against the population share, per group."""
    fig = _figure(6.0, max(2.5, 0.3 * len(table) + 1.0))
    ax = fig.add_subplot()
    labels = [f"{d}: {g}" for d, g in zip(table["dimension"], table["group"], strict=True)]
    pos = np.arange(len(table))[::-1]
    ax.errorbar(table["served_share"], pos,
                xerr=[table["served_share"] - table["served_low"],
                      table["served_high"] - table["served_share"]],
                fmt="o", color=_BLUE, capsize=2, label=t("research.chart.served"))  # fmt: skip
    ax.scatter(table["population_share"], pos, marker="|", s=120, color=_ORANGE,
               label=t("research.chart.population"), zorder=3)  # fmt: skip
    ax.set_yticks(pos, labels, fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("research.chart.share"))
    ax.legend(fontsize=7, loc="lower right")
    return fig


def channel_chart(profile: pd.DataFrame) -> Figure:
    """Per outreach channel: share of enterprises that got a completed case and a permit."""
    fig = _figure(6.0, max(2.5, 0.35 * len(profile) + 1.0))
    ax = fig.add_subplot()
    pos = np.arange(len(profile))[::-1]
    for offset, name, colour in ((0.18, "case_done", _BLUE), (-0.18, "permit_issued", _ORANGE)):
        ax.barh(pos + offset, profile[name], height=0.34, color=colour,
                xerr=[profile[name] - profile[f"{name}_low"], profile[f"{name}_high"] - profile[name]],
                label=t(f"research.chart.{name}"), capsize=2)  # fmt: skip
    ax.set_yticks(pos, profile["channel"].tolist(), fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("research.chart.share"))
    ax.legend(fontsize=7, loc="lower right")
    return fig
