"""``plut import|export|fieldsheet|backup|restore`` end to end on the test's embedded database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope, upgrade
from plut_nb.models import Centre, Enterprise
from plut_nb.services import sync_reference_data
from tests.io._files import write_csv


def _prepare() -> None:
    engine = default_engine()
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.add(Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12"))
        s.commit()


def test_import_export_fieldsheet_backup_restore(tmp_path: Path) -> None:
    _prepare()
    runner = CliRunner()
    path = write_csv(
        tmp_path / "u.csv",
        [["Nama Usaha", "Kode Desa", "Nama Pemilik", "NIK"],
         ["Roti Medan", "12.71.01.1001", "Budi", ""],
         ["Salah", "12.71.01.1001", "Andi", "123"]],
    )  # fmt: skip
    res = runner.invoke(app, ["import", "enterprises", str(path), "--dry-run"])
    assert res.exit_code == 1 and "Uji coba" in res.output and "1 akan baru" in res.output
    res = runner.invoke(app, ["import", "enterprises", str(path)])
    assert res.exit_code == 1, res.output  # a row was rejected
    assert "1 baru" in res.output and "1 ditolak" in res.output and "u.galat.csv" in res.output
    res = runner.invoke(app, ["import", "enterprises", str(path), "--as", "tidak.ada"])
    assert res.exit_code == 2 and "tidak.ada" in res.output
    res = runner.invoke(app, ["import", "orang", str(path)])
    assert res.exit_code == 2
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 1

    out = tmp_path / "laporan.xlsx"
    res = runner.invoke(
        app, ["export", "excel", str(out), "--centre", "PLUT-SUMUT", "--from", "01/01/2026",
              "--to", "2026-12-31"],
    )  # fmt: skip
    assert res.exit_code == 0 and out.is_file(), res.output
    res = runner.invoke(app, ["export", "csv", str(tmp_path / "csv"), "--table", "enterprise"])
    assert res.exit_code == 0 and (tmp_path / "csv" / "enterprise.csv").is_file()
    res = runner.invoke(app, ["export", "parquet", str(tmp_path / "pq"), "--table", "nope"])
    assert res.exit_code == 2 and "nope" in res.output
    res = runner.invoke(app, ["fieldsheet", "new", str(tmp_path / "lembar.xlsx")])
    assert res.exit_code == 0 and (tmp_path / "lembar.xlsx").is_file()

    backup = tmp_path / "cadangan.db"
    res = runner.invoke(app, ["backup", str(backup)])
    assert res.exit_code == 0 and "1 usaha" in res.output
    res = runner.invoke(app, ["restore", str(backup)])
    assert res.exit_code == 2 and "--force" in res.output
    res = runner.invoke(app, ["restore", str(backup), "--force"])
    assert res.exit_code == 0 and "Dipulihkan" in res.output
