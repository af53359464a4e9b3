"""Every notebook under notebooks/ runs top to bottom in a real kernel on seeded data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from plut_nb.db import default_engine
from tests._seed import seed_directory

ROOT = Path(__file__).resolve().parents[2] / "notebooks"
# Research notebooks read a de-identified extract, not the database: tests/research runs them.
NOTEBOOKS = sorted(
    p
    for p in ROOT.rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts and p.parent.name != "research"
)


def test_there_are_notebooks_to_run() -> None:
    assert any(p.parent.name == "apps" for p in NOTEBOOKS)


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_notebook_executes(path: Path) -> None:
    seed_directory(default_engine())  # the kernel inherits PLUT_DATA_DIR from this test
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit without outputs"
    )
    NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    if path.parent.name == "apps":
        views = [
            o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        ]
        assert views, "an app notebook must end by displaying its widget"
