"""Batches end to end: real kernels, a failing and a timed-out run, resume, Dask, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from plut_nb.batch.cli import batch_app
from plut_nb.batch.definition import load_definition
from plut_nb.batch.metrics import combine_metrics, read_metrics, record_metrics
from plut_nb.batch.runner import read_batch, run_batch
from plut_nb.db import default_engine
from tests._seed import seed_directory

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "evaluation" / "_batch_smoke.ipynb"
TIMEOUT = 25  # seconds; an ok run of the smoke notebook takes a few


def _cell_of(snippet: str) -> int:
    """Index of the smoke notebook's cell holding ``snippet`` in an executed copy.

    papermill inserts its injected-parameters cell right after the parameters cell.
    """
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    return next(i for i, c in enumerate(cells) if snippet in c.source) + 1


@pytest.fixture
def batch_file(tmp_path: Path) -> Path:
    """A seeded embedded database and a 4-run definition: 2 ok, 1 failing, 1 too slow."""
    seed_directory(default_engine())  # 25 enterprises in 12.71 (Medan), 1 in 91.06 (Biak)
    path = tmp_path / "batch.yaml"
    path.write_text(
        f"""\
title: Uji <script>alert(1)</script> & co
notebook: {NOTEBOOK}
output: out
timeout: 600
parameters:
  period_start: 2000-01-01
  period_end: 2100-12-31
runs:
  - {{region: "12"}}
  - {{region: "12.71"}}
  - {{region: "91.06", fail: true, trouble_file: "{tmp_path / "fail.flag"}"}}
  - {{region: "32", sleep_s: 300, trouble_file: "{tmp_path / "sleep.flag"}"}}
""",
        encoding="utf-8",
    )
    return path


def _statuses(folder: Path) -> dict[str, str]:
    return {r.parameters["region"]: r.status for r in read_batch(folder).runs}


@pytest.mark.slow
def test_batch_with_a_failure_and_a_timeout_then_resume(batch_file: Path, tmp_path: Path) -> None:
    (tmp_path / "fail.flag").touch()
    (tmp_path / "sleep.flag").touch()
    cli = CliRunner()
    res = cli.invoke(
        batch_app, ["run", str(batch_file), "--workers", "2", "--timeout", str(TIMEOUT)]
    )
    assert res.exit_code == 1, res.output
    folder = tmp_path / "out"
    batch = read_batch(folder)
    runs = {r.parameters["region"]: r for r in batch.runs}
    assert _statuses(folder) == {"12": "ok", "12.71": "ok", "91.06": "failed", "32": "timeout"}
    failed, slow = runs["91.06"], runs["32"]
    assert failed.cell_index == _cell_of("raise RuntimeError")
    assert (failed.error_name, failed.error_message) == (
        "RuntimeError",
        "failure requested for region 91.06",
    )
    assert slow.error_name == "Timeout" and slow.cell_index == _cell_of("time.sleep")
    assert slow.duration_s is not None and TIMEOUT <= slow.duration_s < TIMEOUT + 15
    assert all(r.started and r.duration_s for r in batch.runs)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["summary"] == {"total": 4, "ok": 2, "failed": 1, "timeout": 1, "pending": 0}
    assert manifest["snapshot"]["row_counts"]["enterprise"] == 26

    index = (folder / "index.html").read_text()
    for r in batch.runs:
        assert f'href="runs/{r.id}/report.html"' in index
        assert (folder / r.report).is_file()
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert "RuntimeError: failure requested for region 91.06" in index

    expected = {"12": 25, "12.71": 25}
    table = pd.read_csv(folder / "metrics.csv", dtype={"region": str})
    assert dict(zip(table["region"], table["enterprises"], strict=True)) == expected
    book = pd.read_excel(folder / "metrics.xlsx", sheet_name=None, dtype={"region": str})
    assert (
        dict(zip(book["metrics"]["region"], book["metrics"]["enterprises"], strict=True))
        == expected
    )
    assert sorted(book["runs"]["status"]) == ["failed", "ok", "ok", "timeout"]

    html = (folder / runs["12"].report).read_text()
    assert "12, 2000-01-01 – 2100-12-31: 25 enterprises" in html  # outputs are there
    for code in ("record_metrics", "ensure_current", "select_from", "trouble_file"):
        assert code not in html  # inputs (and the injected parameters) are not

    status = cli.invoke(batch_app, ["status", str(folder)])
    assert status.exit_code == 1
    assert "RuntimeError" in status.output and "Timeout" in status.output

    again = cli.invoke(batch_app, ["run", str(batch_file)])
    assert again.exit_code == 2 and "--resume" in again.output

    # Fix the two broken runs without touching the definition, and change the live data:
    # resumed runs must read the batch's snapshot, not the live database.
    (tmp_path / "fail.flag").unlink()
    (tmp_path / "sleep.flag").unlink()
    with default_engine().begin() as conn:
        conn.execute(text("UPDATE enterprise SET province_code = '99', regency_code = '99.01'"))
    kept = {
        r.id: {p.name: p.stat().st_mtime_ns for p in (folder / "runs" / r.id).iterdir()}
        for r in batch.runs
        if r.status == "ok"
    }
    res = cli.invoke(
        batch_app, ["run", str(batch_file), "--resume", "--workers", "2", "--timeout", "120"]
    )
    assert res.exit_code == 0, res.output
    resumed = read_batch(folder)
    assert resumed.succeeded and resumed.counts["ok"] == 4
    for run_id, mtimes in kept.items():
        files = {p.name: p.stat().st_mtime_ns for p in (folder / "runs" / run_id).iterdir()}
        assert files == mtimes
    assert {r.id: r.started for r in resumed.runs if r.id in kept} == {
        r.id: r.started for r in batch.runs if r.id in kept
    }
    table = pd.read_csv(folder / "metrics.csv", dtype={"region": str})
    assert dict(zip(table["region"], table["enterprises"], strict=True)) == {
        "12": 25,
        "12.71": 25,
        "91.06": 1,  # from the snapshot: the live database has no 91.06 enterprise any more
        "32": 0,
    }
    assert json.loads((folder / "manifest.json").read_text())["created"] == manifest["created"]


@pytest.mark.slow
def test_the_same_batch_on_a_dask_cluster(batch_file: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    (tmp_path / "fail.flag").touch()  # the slow run goes through quickly here
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address=":0"
        ) as cluster,
    ):
        result = run_batch(
            load_definition(batch_file), scheduler=cluster.scheduler_address, timeout=120
        )
    assert not result.succeeded
    assert _statuses(result.folder) == {"12": "ok", "12.71": "ok", "91.06": "failed", "32": "ok"}
    failed = next(r for r in result.runs if r.status == "failed")
    assert (failed.cell_index, failed.error_name) == (
        _cell_of("raise RuntimeError"),
        "RuntimeError",
    )
    assert result.manifest["executor"].startswith("dask tcp://")
    metrics = {r.parameters["region"]: read_metrics(result.folder / r.metrics) for r in result.runs}
    assert metrics == {
        "12": {"enterprises": 25},
        "12.71": {"enterprises": 25},
        "91.06": {},
        "32": {"enterprises": 0},
    }
    # the same parameters give the same run ids on either executor
    assert [r.id for r in result.runs] == [s.run_id for s in load_definition(batch_file).expand()]


def test_record_metrics_is_a_no_op_outside_a_batch_and_merges_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLUT_METRICS_PATH", raising=False)
    assert record_metrics({"a": 1}) is None
    target = tmp_path / "runs" / "x" / "metrics.json"
    monkeypatch.setenv("PLUT_METRICS_PATH", str(target))
    assert record_metrics({"a": np.int64(3), "b": np.float64("nan"), "c": "teks"}) == target
    record_metrics({"a": 4, "d": True}, path=target)
    assert read_metrics(target) == {"a": 4, "b": None, "c": "teks", "d": True}
    with pytest.raises(TypeError, match="'e'"):
        record_metrics({"e": [1, 2]})
    assert read_metrics(target)["a"] == 4  # a refused call writes nothing


def test_combined_table_puts_parameters_before_metrics_and_keeps_names_apart() -> None:
    table = combine_metrics(
        [
            ("r1", {"region": "12", "tags": ["a"]}, {"served": 10, "region": 1}),
            ("r2", {"region": "91.06"}, {"served": 3, "share": 0.5}),
        ]
    )
    assert list(table.columns) == ["run", "region", "tags", "served", "region (metric)", "share"]
    first = table.to_dict("records")[0]
    assert pd.isna(first.pop("share"))
    assert first == {
        "run": "r1",
        "region": "12",
        "tags": '["a"]',
        "served": 10,
        "region (metric)": 1,
    }
    assert table.loc[1, "served"] == 3 and table.loc[1, "share"] == 0.5


def test_resume_refuses_a_batch_whose_snapshot_is_gone(batch_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    spec = load_definition(batch_file).expand()[0]
    record = {"id": spec.run_id, "parameters": spec.parameters, "status": "ok"}
    (folder / "manifest.json").write_text(json.dumps({"runs": [record]}))
    res = CliRunner().invoke(batch_app, ["run", str(batch_file), "--resume"])
    assert res.exit_code == 2 and "snapshot" in res.output
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]
