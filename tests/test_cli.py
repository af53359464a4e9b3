"""The ``plut`` command end to end on the embedded database of the test's data folder."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope
from plut_nb.models import Case, Centre, Enterprise


def test_demo_creates_data_once_and_if_absent_is_a_no_op() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["demo", "--enterprises", "120", "--seed", "5"])
    assert res.exit_code == 0, res.output
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 120
        assert s.execute(select(func.count()).select_from(Centre)).scalar_one() >= 3
        cases = s.execute(select(func.count()).select_from(Case)).scalar_one()
    res = runner.invoke(app, ["demo", "--if-absent"])
    assert res.exit_code == 0 and "already present" in res.output
    res = runner.invoke(app, ["demo", "--enterprises", "10"])
    assert res.exit_code == 1
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Case)).scalar_one() == cases


def test_version_names_the_reference_tables() -> None:
    res = CliRunner().invoke(app, ["version"])
    assert res.exit_code == 0
    assert "KBLI 2020" in res.output and "Kepmendagri" in res.output
