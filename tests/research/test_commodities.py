"""Location quotients and shift-share: a hand-computed example, then the demo's planted regions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from plut_nb.demo.profiles import CENTRES
from plut_nb.research.commodities import (
    commodity_findings,
    commodity_metrics,
    commodity_table,
    location_quotient,
    shift_share,
)
from plut_nb.research.dataset import ResearchExtract

# Two regions x two sectors. Start: R1 A=30 B=10, R2 A=20 B=40 (total 100).
# End: R1 A=36 B=10, R2 A=22 B=52 (total 120).
HAND = pd.DataFrame({
    "region": ["R1", "R1", "R2", "R2"], "sector": ["A", "B", "A", "B"],
    "v0": [30, 10, 20, 40], "v1": [36, 10, 22, 52],
})  # fmt: skip


def test_location_quotient_by_hand() -> None:
    lq = location_quotient(HAND, "v0")
    # R1/A: (30/40) / (50/100) = 1.5; R1/B: (10/40)/0.5 = 0.5; R2/A: (20/60)/0.5; R2/B: (40/60)/0.5.
    assert lq.tolist() == pytest.approx([1.5, 0.5, 2 / 3, 4 / 3])


def test_shift_share_by_hand() -> None:
    ss = shift_share(HAND, "v0", "v1")
    # g_total = 0.2, g_A = 8/50 = 0.16, g_B = 12/50 = 0.24.
    assert ss["reference_growth"].tolist() == pytest.approx([6.0, 2.0, 4.0, 8.0])
    assert ss["industry_mix"].tolist() == pytest.approx([-1.2, 0.4, -0.8, 1.6])
    assert ss["competitive"].tolist() == pytest.approx([1.2, -2.4, -1.2, 2.4])
    parts = ss[["reference_growth", "industry_mix", "competitive"]].sum(axis=1)
    assert parts.tolist() == pytest.approx(ss["change"].tolist())
    assert ss["change"].tolist() == [6.0, 0.0, 2.0, 12.0]


def test_reference_per_province() -> None:
    two = pd.concat([HAND.assign(prov="11"), HAND.assign(prov="12", v0=HAND["v0"] * 3)])
    lq = location_quotient(two.reset_index(drop=True), "v0", reference="prov")
    assert lq.tolist() == pytest.approx([1.5, 0.5, 2 / 3, 4 / 3] * 2)


def _hand_extract(tmp_path: Path) -> ResearchExtract:
    """The hand example as an extract: R1 = Kota Medan, R2 = Deli Serdang; counts as enterprises."""
    rows, snaps = [], []
    plan = [("12.71", "10792", 3, 10.0, 12.0), ("12.71", "56102", 1, 10.0, 10.0),
            ("12.07", "10792", 2, 10.0, 11.0), ("12.07", "56102", 4, 10.0, 13.0)]  # fmt: skip
    for regency, kbli, count, s0, s1 in plan:
        for k in range(count):
            eid = f"{regency}-{kbli}-{k}"
            rows.append({"enterprise_id": eid, "province_code": "12", "regency_code": regency,
                         "kbli_code": kbli, "flagship_commodity": "Bika Ambon" if kbli == "10792" else None})  # fmt: skip
            snaps += [{"enterprise_id": eid, "taken_on": pd.Timestamp("2025-12-31"), "sales_annual": s0},
                      {"enterprise_id": eid, "taken_on": pd.Timestamp("2026-09-30"), "sales_annual": s1}]  # fmt: skip
    return ResearchExtract(tmp_path, {}, {"enterprises": pd.DataFrame(rows),
                                          "snapshots": pd.DataFrame(snaps)})  # fmt: skip


def test_commodity_table_by_hand(tmp_path: Path) -> None:
    table = commodity_table(_hand_extract(tmp_path), min_enterprises=1).set_index(["regency_code", "kbli"])  # fmt: skip
    medan_bika = table.loc[("12.71", "10792")]
    # Enterprises: Medan 3 of 4 bika ambon, all regions 5 of 10 -> LQ 1.5.
    assert medan_bika["lq_enterprises"] == pytest.approx(1.5)
    # Sales at the end: Medan bika 36 of 46; all bika 58 of 120 -> (36/46)/(58/120).
    assert medan_bika["lq_sales"] == pytest.approx((36 / 46) / (58 / 120))
    # Competitive shift of Medan bika: 30 * (0.2 - 0.16) = 1.2 (the hand shift-share).
    assert medan_bika["competitive"] == pytest.approx(1.2)
    assert medan_bika["class"] == "unggulan" and medan_bika["rank"] == 1
    assert medan_bika["regency"] == "Kota Medan" and medan_bika["flagship"] == "Bika Ambon"
    assert table.loc[("12.71", "56102"), "class"] == "lainnya"  # LQ 0.5, shift -2.4
    deli_warung = table.loc[("12.07", "56102")]
    assert deli_warung["class"] == "unggulan" and deli_warung["competitive"] == pytest.approx(2.4)
    assert table.loc[("12.07", "10792"), "class"] == "lainnya"  # LQ 2/3, shift -1.2
    two = commodity_table(_hand_extract(tmp_path), digits=2, min_enterprises=1)
    assert set(two["kbli"]) == {"10", "56"}


def test_demo_regions_show_their_planted_commodities(demo_extract: ResearchExtract) -> None:
    table = commodity_table(demo_extract)
    dominant = {r.code: r.dominant_kbli for c in CENTRES for r in c.regencies}
    for regency in ("12.71", "91.06", "32.01", "12.16", "12.18"):
        rows = table[table["regency_code"] == regency]
        top = rows.sort_values("lq_enterprises", ascending=False).iloc[0]
        assert top["kbli"] in dominant[regency], (regency, top["kbli"])
        assert top["lq_enterprises"] > 1
    biak = table[(table["regency_code"] == "91.06") & (table["rank"] == 1)].iloc[0]
    flagships = {"03111": "Ikan Tuna Biak", "10212": "Ikan Asar Biak"}  # profiles: PLUT-BIAK
    assert biak["class"] == "unggulan" and biak["flagship"] == flagships[biak["kbli"]]
    text = commodity_findings(table, 5)
    assert "Kabupaten Biak Numfor" in text and flagships[biak["kbli"]] in text
    metrics = commodity_metrics(table, 5)
    assert metrics["kbli5_top_91.06"] == biak["kbli"]
    assert sum(metrics[f"kbli5_{c}"] for c in ("unggulan", "basis", "potensial", "lainnya")) == metrics["kbli5_cells"]  # fmt: skip
