"""The three research notebooks run under papermill in a real kernel on a demo extract."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill
import pytest

from plut_nb.research.dataset import ResearchExtract

ROOT = Path(__file__).resolve().parents[2] / "notebooks" / "research"
NOTEBOOKS = ("dampak", "komoditas_unggulan", "jangkauan")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_thin_parameterised_and_clean(name: str) -> None:
    nb = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown"
    intro = nb.cells[0].source
    for heading in ("**Pertanyaan.**", "**Data.**", "**Metode.**", "**Keterbatasan.**"):
        assert heading in intro
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "metrics_path = None" in params[0].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert not any("def " in c.source or "import *" in c.source for c in code)
    assert "record_metrics(" in code[-1].source and "_findings(" in code[-1].source


def _run(name: str, tmp_path: Path, **parameters: object) -> tuple[nbformat.NotebookNode, dict]:
    metrics = tmp_path / f"{name}.json"
    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(ROOT / f"{name}.ipynb"), str(out), parameters={**parameters, "metrics_path": str(metrics)},
        kernel_name="python3", cwd=str(ROOT), progress_bar=False, log_output=False,
    )  # fmt: skip
    return nbformat.read(out, as_version=4), json.loads(metrics.read_text())


def _markdown_outputs(nb: nbformat.NotebookNode) -> str:
    return "\n".join(
        o.get("data", {}).get("text/markdown", "")
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )  # fmt: skip


def _images(nb: nbformat.NotebookNode) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)  # fmt: skip


@pytest.mark.notebook
@pytest.mark.slow
def test_dampak_recovers_the_planted_effect(demo_extract: ResearchExtract, tmp_path: Path) -> None:
    nb, metrics = _run(
        "dampak", tmp_path, extract_dir=str(demo_extract.folder), planted_effect=0.12
    )
    assert metrics["log_sales_att_ci_low"] <= 0.12 <= metrics["log_sales_att_ci_high"]
    assert metrics["log_sales_twfe_ci_low"] <= 0.12 <= metrics["log_sales_twfe_ci_high"]
    assert metrics["log_employment_att_ci_low"] > 0 and metrics["planted_effect"] == 0.12
    text = _markdown_outputs(nb)
    assert "## Temuan" in text and f"{metrics['log_sales_att']:.3f}" in text
    assert "di dalam interval 95 %" in text
    assert _images(nb) == 1


@pytest.mark.notebook
@pytest.mark.slow
def test_komoditas_unggulan_ranks_per_regency(demo_extract: ResearchExtract, tmp_path: Path) -> None:  # fmt: skip
    nb, metrics = _run("komoditas_unggulan", tmp_path, extract_dir=str(demo_extract.folder), lang="en")  # fmt: skip
    assert metrics["kbli5_top_91.06"] in ("03111", "10212")  # Biak's planted fish sectors
    assert metrics["kbli5_unggulan"] > 0 and metrics["kbli2_cells"] > 0
    text = _markdown_outputs(nb)
    assert "## Findings" in text and "Kabupaten Biak Numfor" in text
    assert _images(nb) == 3  # one tile map per province: Sumatera Utara, Jawa Barat, Papua


@pytest.mark.notebook
@pytest.mark.slow
def test_jangkauan_compares_served_and_population(demo_extract: ResearchExtract, tmp_path: Path) -> None:  # fmt: skip
    nb, metrics = _run("jangkauan", tmp_path, extract_dir=str(demo_extract.folder),
                       population_shares={"gender:perempuan": 0.5})  # fmt: skip
    assert metrics["population_share_gender_perempuan"] == 0.5
    low, high = metrics["served_low_gender_perempuan"], metrics["served_high_gender_perempuan"]
    assert low < metrics["served_share_gender_perempuan"] < high
    text = _markdown_outputs(nb)
    assert "## Temuan" in text and "perempuan" in text
    assert _images(nb) == 2
