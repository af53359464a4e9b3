"""Candidate flagship commodities (komoditas unggulan): location quotients and shift-share.

Location quotient of sector ``s`` in region ``r`` against a reference area::

    LQ_rs = (v_rs / v_r) / (v_Rs / v_R)

with ``v`` the number of enterprises or their annual sales, ``R`` the reference
(every region in the extract, or the region's province). ``LQ > 1``: the sector
weighs more in the region than in the reference — a "basis" sector.

Shift-share of the change of ``v`` from a start to an end period (Dunn)::

    Δv_rs = v_rs0·g_R            (reference growth)
          + v_rs0·(g_Rs − g_R)   (industry mix)
          + v_rs0·(g_rs − g_Rs)  (regional / competitive shift)

with ``g`` the growth rates of the reference total, the reference sector and
the region's sector. A positive competitive shift: the sector grew faster in the
region than in the reference.

A region-sector is a candidate (``unggulan``) when both LQs exceed 1 and its
competitive shift in sales is not negative (it is exactly 0 where the region
holds the whole sector of the reference); ``basis`` when LQ of sales > 1 only;
``potensial`` when only the shift is not negative. The extract holds enterprises
known to PLUTs, not the whole economy: the LQ compares PLUT clienteles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plut_nb.reference.kbli import get_kbli
from plut_nb.reference.regions import get_region
from plut_nb.research.dataset import ResearchExtract

__all__ = ["CLASSES", "commodity_findings", "commodity_metrics", "commodity_table",
           "location_quotient", "shift_share"]  # fmt: skip

CLASSES: tuple[str, ...] = ("unggulan", "basis", "potensial", "lainnya")
MIN_ENTERPRISES = 5
"""Region-sectors with fewer enterprises are listed but not ranked."""


def location_quotient(
    df: pd.DataFrame, value: str, *, region: str = "region", sector: str = "sector",
    reference: str | None = None,
) -> pd.Series:  # fmt: skip
    """Location quotient of each row (one row per region × sector).

    Args:
        df: Rows with ``region``, ``sector``, ``value`` (and ``reference`` if given).
        value: The column to compare (enterprise count, sales ...).
        region: Region column.
        sector: Sector column.
        reference: Column naming each row's reference area (e.g. the province);
            ``None``: all rows form one reference.

    Returns:
        The LQ per row (``NaN`` where the region or reference sector total is 0).
    """
    ref = df[reference] if reference else pd.Series(0, index=df.index)
    v = df[value].astype(float)
    region_total = v.groupby([ref, df[region]]).transform("sum")
    ref_sector = v.groupby([ref, df[sector]]).transform("sum")
    ref_total = v.groupby(ref).transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = (v / region_total) / (ref_sector / ref_total)
    return lq.replace([np.inf, -np.inf], np.nan)


def shift_share(
    df: pd.DataFrame, start: str, end: str, *, region: str = "region", sector: str = "sector",
    reference: str | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Shift-share components of each row's change from ``start`` to ``end`` (module docstring).

    Returns:
        ``change``, ``reference_growth``, ``industry_mix``, ``competitive`` per row
        (the three components add up to ``change``); ``NaN`` where a start total is 0.
    """
    ref = df[reference] if reference else pd.Series(0, index=df.index)
    v0, v1 = df[start].astype(float), df[end].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        g_ref = v1.groupby(ref).transform("sum") / v0.groupby(ref).transform("sum") - 1
        g_sec = (v1.groupby([ref, df[sector]]).transform("sum")
                 / v0.groupby([ref, df[sector]]).transform("sum") - 1)  # fmt: skip
        g_own = v1 / v0 - 1
    return pd.DataFrame({
        "change": v1 - v0, "reference_growth": v0 * g_ref, "industry_mix": v0 * (g_sec - g_ref),
        "competitive": v0 * (g_own - g_sec), "growth": g_own,
    }, index=df.index)  # fmt: skip


def _classify(lq_n: pd.Series, lq_s: pd.Series, shift: pd.Series) -> pd.Series:
    basis = (lq_s > 1).fillna(False)
    both = basis & (lq_n > 1).fillna(False)
    growing = (shift >= 0).fillna(False)  # 0: the region holds the whole sector
    return pd.Series(np.select([both & growing, basis, growing], CLASSES[:3], CLASSES[3]),
                     index=lq_n.index)  # fmt: skip


def _sales_at(extract: ResearchExtract, period: pd.Period) -> pd.Series:
    """Sales of each enterprise at its last snapshot in ``period``."""
    s = extract.snapshots
    inside = s[s["taken_on"].dt.to_period(period.freqstr) == period]
    last = inside.sort_values("taken_on").drop_duplicates("enterprise_id", keep="last")
    return last.set_index("enterprise_id")["sales_annual"].astype(float)


def commodity_table(
    extract: ResearchExtract, *, digits: int = 5, reference: str = "all", frequency: str = "Q",
    start: str | None = None, end: str | None = None, min_enterprises: int = MIN_ENTERPRISES,
) -> pd.DataFrame:  # fmt: skip
    """Region × KBLI table of LQs, shift-share and the candidate class, ranked per regency.

    Args:
        extract: The research extract.
        digits: KBLI level: 2 (division) or 5 (sub-class, as in OSS).
        reference: ``all`` (every regency in the extract) or ``province``.
        frequency: Period length for the shift-share start and end (pandas alias).
        start: Start period (e.g. ``"2025Q4"``); default the first period with snapshots.
        end: End period; default the last.
        min_enterprises: Smaller region-sectors are listed but not ranked.

    Returns:
        Columns ``province_code``, ``regency_code``, ``regency``, ``kbli``, ``title``,
        ``flagship``, ``enterprises``, ``sales``, ``lq_enterprises``, ``lq_sales``,
        ``sales_start``, ``sales_growth``, ``industry_mix``, ``competitive``, ``class``,
        ``rank`` (1 = strongest candidate in its regency; empty when not ranked).
    """
    if digits not in (2, 3, 4, 5):
        raise ValueError("digits must be 2, 3, 4 or 5")
    periods = extract.snapshots["taken_on"].dt.to_period(frequency)
    p0 = pd.Period(start, frequency) if start else periods.min()
    p1 = pd.Period(end, frequency) if end else periods.max()
    ent = extract.enterprises.dropna(subset=["kbli_code"]).set_index("enterprise_id")
    ent = ent.assign(kbli=ent["kbli_code"].str[:digits],
                     sales0=_sales_at(extract, p0), sales1=_sales_at(extract, p1))  # fmt: skip
    keys = ["province_code", "regency_code", "kbli"]
    flagship = (
        ent.dropna(subset=["flagship_commodity"])
        .groupby(keys)["flagship_commodity"]
        .agg(lambda s: s.mode().iloc[0])
    )
    g = ent.groupby(keys, observed=True).agg(
        enterprises=("kbli", "size"), sales=("sales1", "sum"), sales_start=("sales0", "sum")
    ).reset_index()  # fmt: skip
    ref = "province_code" if reference == "province" else None
    g["lq_enterprises"] = location_quotient(g, "enterprises", region="regency_code",
                                            sector="kbli", reference=ref)  # fmt: skip
    g["lq_sales"] = location_quotient(g, "sales", region="regency_code", sector="kbli",
                                      reference=ref)  # fmt: skip
    ss = shift_share(g, "sales_start", "sales", region="regency_code", sector="kbli",
                     reference=ref)  # fmt: skip
    g["sales_growth"], g["industry_mix"], g["competitive"] = (
        ss["growth"],
        ss["industry_mix"],
        ss["competitive"],
    )
    g["class"] = _classify(g["lq_enterprises"], g["lq_sales"], g["competitive"])
    g["flagship"] = g.set_index(keys).index.map(flagship.to_dict()).to_numpy()
    titles = {k: (c.title if (c := get_kbli(k)) else k) for k in g["kbli"].unique()}
    names = {r: (x.name if (x := get_region(r)) else r) for r in g["regency_code"].unique()}
    g.insert(2, "regency", g["regency_code"].map(names))
    g.insert(4, "title", g["kbli"].map(titles))
    order = pd.Categorical(g["class"], CLASSES, ordered=True)
    g = g.assign(_o=order).sort_values(["regency_code", "_o", "lq_sales"],
                                        ascending=[True, True, False]).drop(columns="_o")  # fmt: skip
    rankable = g["enterprises"] >= min_enterprises
    g["rank"] = pd.Series(pd.NA, index=g.index, dtype="Int64")
    g.loc[rankable, "rank"] = g[rankable].groupby("regency_code").cumcount() + 1
    return g.reset_index(drop=True)


def commodity_metrics(table: pd.DataFrame, digits: int) -> dict[str, float | int | str | None]:
    """Flat metrics: counts per class and each regency's top candidate."""
    ranked = table.dropna(subset=["rank"])
    out: dict[str, float | int | str | None] = {
        f"kbli{digits}_cells": len(ranked),
        **{f"kbli{digits}_{c}": int((ranked["class"] == c).sum()) for c in CLASSES},
    }
    for _, row in ranked[ranked["rank"] == 1].iterrows():
        key = f"kbli{digits}_top_{row['regency_code']}"
        out[key] = row["kbli"]
        out[f"{key}_lq_sales"] = float(row["lq_sales"])
    return out


def commodity_findings(table: pd.DataFrame, digits: int, min_enterprises: int = MIN_ENTERPRISES) -> str:  # fmt: skip
    """The findings section (markdown) written from a :func:`commodity_table`."""
    from plut_nb.i18n import t

    ranked = table.dropna(subset=["rank"])
    candidates = ranked[ranked["class"] == "unggulan"]
    lines = [f"## {t('research.commodity.findings')}", "", t(
        "research.commodity.count", cells=len(ranked), digits=digits, min=min_enterprises,
        candidates=len(candidates)), ""]  # fmt: skip
    for _, rows in ranked.groupby("regency_code", sort=True):
        best = rows[rows["class"] == "unggulan"].sort_values("rank").head(1)
        if best.empty:
            lines.append("- " + t("research.commodity.none", regency=rows["regency"].iloc[0]))
            continue
        b = best.iloc[0]
        flag = b["flagship"]
        lines.append("- " + t(
            "research.commodity.top", regency=b["regency"], kbli=b["kbli"], title=b["title"],
            lq=f"{b['lq_sales']:.2f}", n=int(b["enterprises"]),
            flagship=t("research.commodity.flagship", name=flag) if isinstance(flag, str) else "",
        ))  # fmt: skip
    return "\n".join(lines)
