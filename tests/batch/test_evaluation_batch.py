"""The shipped evaluation batch definitions, and the evaluation report run as a batch on demo data."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from sqlmodel import Session

from plut_nb.analytics.evaluation import evaluation_indicators
from plut_nb.analytics.scope import Period, Scope
from plut_nb.batch.definition import load_definition
from plut_nb.batch.runner import read_batch, run_batch
from plut_nb.db import default_engine, make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.demo.profiles import CENTRES
from plut_nb.services import sync_reference_data

ROOT = Path(__file__).resolve().parents[2]
QUARTERS = ROOT / "parameters" / "evaluasi_kuartal_2026.yaml"
CENTRES_FILE = ROOT / "parameters" / "evaluasi_pusat_2026.yaml"
NOTEBOOK = ROOT / "notebooks" / "evaluation" / "laporan_evaluasi.ipynb"


def _periods(runs: list[dict[str, Any]]) -> list[tuple[date, date]]:
    return sorted(
        {(date.fromisoformat(r["period_start"]), date.fromisoformat(r["period_end"])) for r in runs}
    )


def _covers_2026(periods: list[tuple[date, date]]) -> bool:
    """Contiguous, non-overlapping, from 1 January to 31 December 2026."""
    ends = [date(2025, 12, 31)] + [end for _, end in periods]
    starts = [start for start, _ in periods]
    return ends[-1] == date(2026, 12, 31) and all(
        start == end + timedelta(days=1) for start, end in zip(starts, ends, strict=False)
    )


def test_quarterly_definition_lists_every_demo_regency_for_each_quarter() -> None:
    definition = load_definition(QUARTERS)
    assert definition.notebook_path == NOTEBOOK
    runs = [spec.parameters for spec in definition.expand()]
    regencies = {r.code for c in CENTRES for r in c.regencies}
    assert len(regencies) == 11 and len(runs) == 11 * 4
    assert {r["scope_code"] for r in runs} == regencies
    assert {r["scope_kind"] for r in runs} == {"regency"}
    for code in regencies:
        mine = [r for r in runs if r["scope_code"] == code]
        assert len(_periods(mine)) == 4 and _covers_2026(_periods(mine)), code
    for r in runs:  # each run is one calendar quarter
        start, end = date.fromisoformat(r["period_start"]), date.fromisoformat(r["period_end"])
        assert Period(start, end) == Period.quarter(2026, (start.month + 2) // 3)


def test_centre_definition_lists_every_demo_centre_for_each_half_year() -> None:
    definition = load_definition(CENTRES_FILE)
    assert definition.notebook_path == NOTEBOOK
    runs = [spec.parameters for spec in definition.expand()]
    assert sorted((r["scope_code"], r["period_start"]) for r in runs) == sorted(
        (c.code, start) for c in CENTRES for start in ("2026-01-01", "2026-07-01")
    )
    assert {r["scope_kind"] for r in runs} == {"centre"}
    assert _covers_2026(_periods([r for r in runs if r["scope_code"] == "PLUT-BIAK"]))


def _demo_database() -> None:
    """The demo data (300 enterprises, seed 11) in the test's embedded database."""
    engine = default_engine()
    upgrade(engine)
    with Session(engine) as session:
        sync_reference_data(session)
        session.commit()
    generate_demo(engine, enterprises=300, seed=11, progress=False)


def _same(recorded: Any, expected: Any) -> bool:
    if expected is None:
        return bool(pd.isna(recorded))
    if isinstance(expected, str):
        return bool(recorded == expected)
    return bool(recorded == pytest.approx(expected, rel=1e-12, abs=1e-12))


@pytest.mark.slow
def test_centre_batch_on_demo_data(tmp_path: Path) -> None:
    _demo_database()
    folder = tmp_path / "batch"
    result = run_batch(load_definition(CENTRES_FILE), workers=2, output=folder)
    assert result.counts == {"ok": 6, "failed": 0, "timeout": 0, "pending": 0}, [
        (r.id, r.error_name, r.error_message) for r in result.runs
    ]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in manifest["runs"]] == ["ok"] * 6
    table = pd.read_csv(folder / "metrics.csv")
    assert len(table) == 6
    snapshot = make_engine(f"sqlite:///{folder / 'snapshot.sqlite'}")
    with Session(snapshot) as session:
        for row in table.to_dict("records"):
            period = Period(
                date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
            )
            expected = evaluation_indicators(
                session, Scope.centre(row["scope_code"]), period
            ).metrics()
            wrong = {k: (row[k], v) for k, v in expected.items() if not _same(row[k], v)}
            assert not wrong, (row["scope_code"], row["period_start"], wrong)
            assert row["umkm_served"] > 0, row["scope_code"]
    snapshot.dispose()
    index = (folder / "index.html").read_text(encoding="utf-8")
    for run in result.runs:
        assert f'href="runs/{run.id}/report.html"' in index
        page = (folder / run.report).read_text(encoding="utf-8")
        assert "Laporan Evaluasi: PLUT-KUMKM" in page and "Traceback" not in page


@pytest.mark.slow
def test_a_scope_that_does_not_exist_fails_cleanly(tmp_path: Path) -> None:
    _demo_database()
    definition = tmp_path / "batch.yaml"
    definition.write_text(
        f"""\
notebook: {NOTEBOOK}
output: out
parameters:
  period_start: 2026-04-01
  period_end: 2026-06-30
runs:
  - {{scope_kind: centre, scope_code: PLUT-TIDAK-ADA}}
  - {{scope_kind: province, scope_code: "91", lang: en}}
""",
        encoding="utf-8",
    )
    run_batch(load_definition(definition), workers=2)
    batch = read_batch(tmp_path / "out")
    runs = {r.parameters["scope_code"]: r for r in batch.runs}
    assert (runs["PLUT-TIDAK-ADA"].status, runs["91"].status) == ("failed", "ok")
    failed = runs["PLUT-TIDAK-ADA"]
    assert failed.error_name == "NotFound" and "PLUT-TIDAK-ADA" in (failed.error_message or "")
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    build = next(i for i, c in enumerate(cells) if "build_report" in c.source)
    assert failed.cell_index == build + 1  # after papermill's injected-parameters cell
    table = pd.read_csv(tmp_path / "out" / "metrics.csv", dtype={"scope_code": str})
    assert list(table["scope_code"]) == ["91"] and table.loc[0, "scope_name"] == "Papua"
    page = (tmp_path / "out" / runs["91"].report).read_text(encoding="utf-8")
    assert "Evaluation Report: Papua" in page
