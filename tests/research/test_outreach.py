"""Outreach and equity: Wilson intervals, channel profiles, served vs population."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from plut_nb.research.dataset import ResearchExtract
from plut_nb.research.outreach import (
    channel_profile,
    outreach_findings,
    outreach_metrics,
    served_vs_population,
    wilson,
)


def _wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(5, 10), (0, 10), (10, 10), (1, 3), (37, 120)])
def test_wilson_interval_by_hand(k: int, n: int) -> None:
    low, high = wilson(k, n)
    assert (float(low), float(high)) == pytest.approx(_wilson_by_hand(k, n), abs=1e-12)
    assert 0 <= float(low) <= k / n <= float(high) <= 1


def test_wilson_of_an_empty_group_is_nan() -> None:
    low, high = wilson([0, 3], [0, 4])
    assert math.isnan(low[0]) and math.isnan(high[0]) and 0 < low[1] < 0.75 < high[1]


def _small_extract(tmp_path: Path) -> ResearchExtract:
    """Ten enterprises: 6 women; channels media_sosial (4) and petugas_lapangan (6)."""
    ent = pd.DataFrame({
        "enterprise_id": [f"e{i}" for i in range(10)],
        "province_code": ["12"] * 6 + ["91"] * 4,
        "outreach_channel": ["media_sosial"] * 4 + ["petugas_lapangan"] * 6,
        "owner_gender": ["P", "P", "L", "L", "P", "P", "P", "P", "L", "L"],
        "owner_youth": [True, False, True, False, False, False, True, True, False, False],
        "owner_oap": [False] * 6 + [True] * 4,
        "owner_disability": [False] * 9 + [True],
        "registered_on": pd.to_datetime(["2026-01-05"] * 9 + ["2026-08-01"]),
    })  # fmt: skip
    cases = pd.DataFrame({
        "case_id": ["c0", "c1", "c4", "c6", "c7", "c9"],
        "enterprise_id": ["e0", "e1", "e4", "e6", "e7", "e9"],
        "status": ["selesai", "dalam_proses", "ditutup", "ditutup", "dibatalkan", "selesai"],
        "opened_on": pd.to_datetime(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01",
                                     "2026-06-01", "2026-08-02"]),
    })  # fmt: skip
    permits = pd.DataFrame({"enterprise_id": ["e4"], "status": ["terbit"]})
    snaps = pd.DataFrame({
        "enterprise_id": ["e0", "e0", "e4", "e4"], "size_class": ["mikro"] * 4,
        "taken_on": pd.to_datetime(["2025-12-31", "2026-09-30"] * 2),
        "sales_annual": [100.0, 110.0, 100.0, 121.0],
    })  # fmt: skip
    tables = {"enterprises": ent, "cases": cases, "permits": permits, "snapshots": snaps}
    return ResearchExtract(tmp_path, {"as_of": "2026-11-27"}, tables)


def test_channel_profile_counts(tmp_path: Path) -> None:
    prof = channel_profile(_small_extract(tmp_path)).set_index("channel")
    social, field = prof.loc["media_sosial"], prof.loc["petugas_lapangan"]
    assert (social["enterprises"], field["enterprises"]) == (4, 6)
    assert social["women"] == pytest.approx(2 / 4) and field["women"] == pytest.approx(4 / 6)
    assert field["oap"] == pytest.approx(4 / 6) and social["oap"] == 0
    assert social["with_case"] == pytest.approx(2 / 4)  # e0, e1
    assert social["case_done"] == pytest.approx(1 / 4)  # e0 selesai
    assert field["case_done"] == pytest.approx(3 / 6)  # e4, e6 ditutup; e9 selesai
    assert field["permit_issued"] == pytest.approx(1 / 6)
    assert field["sales_change"] == pytest.approx(math.log(1.21))  # e4 only
    assert social["sales_change"] == pytest.approx(math.log(1.10))
    assert (social["women_low"], social["women_high"]) == pytest.approx(_wilson_by_hand(2, 4))
    assert bool(social["small"]) and bool(field["small"])


def test_served_vs_population(tmp_path: Path) -> None:
    table = served_vs_population(_small_extract(tmp_path), "2026-01-01", "2026-06-30")
    row = table.set_index(["dimension", "group"])
    # Served in the period: e0, e1, e4, e6, e7 (all women; e9's case is in August).
    # Population: registered by 30 June (e0-e8; e9 registered in August): 6 women of 9.
    women, men = row.loc[("gender", "perempuan")], row.loc[("gender", "laki_laki")]
    assert (women["served"], women["population"], men["served"], men["population"]) == (5, 6, 0, 3)
    assert women["served_share"] == 1.0 and men["served_share"] == 0.0
    assert women["population_share"] == pytest.approx(6 / 9)
    assert women["gap"] == pytest.approx(1 - 6 / 9)
    assert women["ratio"] == pytest.approx(1 / (6 / 9))
    assert (women["served_low"], women["served_high"]) == pytest.approx(_wilson_by_hand(5, 5))
    assert (men["served_low"], men["served_high"]) == pytest.approx(_wilson_by_hand(0, 5))
    assert row.loc[("youth", "muda"), "served"] == 3  # e0, e6, e7
    assert row.loc[("orang_asli_papua", "ya"), "served"] == 2  # e6, e7
    assert row.loc[("region", "Papua"), "population"] == 3
    external = served_vs_population(_small_extract(tmp_path), "2026-01-01", "2026-06-30",
                                    population={("gender", "perempuan"): 0.5})  # fmt: skip
    assert external.set_index(["dimension", "group"]).loc[("gender", "perempuan"), "population_share"] == 0.5  # fmt: skip


def test_demo_outreach_findings(demo_extract: ResearchExtract) -> None:
    profile = channel_profile(demo_extract)
    served = served_vs_population(demo_extract, "2026-01-01", "2026-06-30")
    by = profile.set_index("channel")
    # Planted: Biak (80 % OAP owners) brings 38 % of its UMKM through field officers.
    assert by.loc["petugas_lapangan", "oap_low"] > by.loc["media_sosial", "oap_high"]
    # Events-only enterprises (channel "acara") are the only ones without cases.
    assert by.loc["acara", "with_case"] < 0.8 and (by.drop("acara")["with_case"] == 1).all()
    assert set(served["dimension"]) == {
        "gender",
        "youth",
        "orang_asli_papua",
        "disability",
        "region",
    }
    text = outreach_findings(profile, served)
    assert "petugas_lapangan" in text and "perempuan" in text
    metrics = outreach_metrics(profile, served)
    assert 0 < metrics["served_share_gender_perempuan"] < 1
    assert metrics["channel_acara_enterprises"] == int(by.loc["acara", "enterprises"])
