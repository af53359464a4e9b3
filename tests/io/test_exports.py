"""Exports re-read and compared with the database: CSV, Parquet, the reporting workbook."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlmodel import Session

from plut_nb.analytics.scope import Period
from plut_nb.errors import NotFound, ValidationError
from plut_nb.io import export_tables, import_file, write_report_workbook
from plut_nb.io.workbook import REPORT_SHEETS
from plut_nb.models import Case, Centre, Enterprise, Person, Staff
from tests.io._files import nik, write_csv

ON = date(2026, 6, 30)
V = "12.71.01.1001"


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> Engine:
    with Session(engine) as s:
        centre = Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12")
        s.add(centre)
        s.flush()
        s.add(Staff(centre_id=centre.id, username="konsultan", name="Kon Sultan",
                    roles=["consultant"], password_hash="$argon2id$secret"))  # fmt: skip
        s.add(Staff(centre_id=centre.id, username="manajer", name="Man Ajer", roles=["manager"]))
        s.commit()
    ents = [
        ["Nama Usaha", "NIB", "Kode Desa", "Nama Pemilik", "NIK", "No HP", "Omzet", "Kanal Daring"]
    ]
    ents += [[f"Usaha {i}", f"91000000000{i:02d}", V, f"Pemilik {i}", nik(i), f"0812700000{i:02d}",
              f"Rp{i}.000.000", "whatsapp, instagram"] for i in range(1, 8)]  # fmt: skip
    assert (
        import_file(engine, "enterprises", write_csv(tmp_path / "e.csv", ents), on=ON).inserted == 7
    )
    cases = [["NIB", "Layanan", "Tanggal Buka", "Status", "Petugas", "Tanggal Selesai", "Hasil"]]
    cases += [[f"91000000000{i:02d}", "konsultasi_bisnis", f"0{i}/02/2026", "selesai" if i % 2 else "",
               "konsultan" if i % 2 else "", f"1{i}/02/2026" if i % 2 else "",
               "Selesai" if i % 2 else ""] for i in range(1, 6)]  # fmt: skip
    cases.append(["9100000000006", "branding", "15/08/2026", "", "", "", ""])  # outside the period
    imported = import_file(
        engine, "cases", write_csv(tmp_path / "k.csv", cases), on=date(2026, 9, 1)
    )
    assert imported.inserted == 6
    return engine


def _manager(engine: Engine) -> Staff:
    with Session(engine, expire_on_commit=False) as s:
        return s.exec(select(Staff).where(Staff.username == "manajer")).scalars().one()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_reread_equal_the_database(data: Engine, tmp_path: Path, fmt: str) -> None:
    manager = _manager(data)
    paths = export_tables(
        data, tmp_path / "out", actor=manager, tables=["enterprise", "person", "staff"], fmt=fmt
    ).files
    assert [p.name for p in paths] == [f"enterprise.{fmt}", f"person.{fmt}", f"staff.{fmt}"]
    if fmt == "csv":

        def read(p: Path) -> list[dict[str, str]]:
            with p.open(newline="", encoding="utf-8") as fh:
                return list(csv.DictReader(fh))
    else:

        def read(p: Path) -> list[dict[str, object]]:
            return pq.read_table(p).to_pylist()

    ents, people, staff = (read(p) for p in paths)
    with Session(data) as s:
        db = s.exec(select(Enterprise).order_by(Enterprise.id)).scalars().all()
        db_people = s.exec(select(Person).order_by(Person.id)).scalars().all()
    assert len(ents) == len(db) == 7
    for row, ent in zip(ents, db, strict=True):
        assert str(row["id"]) == str(ent.id) and row["name"] == ent.name
        assert str(row["nib"]) == ent.nib and row["village_code"] == ent.village_code
        assert row["online_channels"] == '["whatsapp", "instagram"]'
        if fmt == "parquet":
            assert row["registered_on"] == ent.registered_on
            assert isinstance(row["created_at"], datetime) and row["created_at"].tzinfo is not None
        else:
            assert row["registered_on"] == ent.registered_on.isoformat()
    assert [p["name"] for p in people] == [p.name for p in db_people]
    assert all(
        p["nik"] != q.nik and p["nik"][:4] == q.nik[:4]
        for p, q in zip(people, db_people, strict=True)
    )
    assert "password_hash" not in staff[0] and "secret" not in str(staff)
    full = export_tables(
        data, tmp_path / "full", actor=manager, tables=["person"], fmt=fmt, personal_data=True
    ).files
    assert [str(p["nik"]) for p in read(full[0])] == [q.nik for q in db_people]


def test_unknown_table_is_refused(data: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        export_tables(data, tmp_path, actor=_manager(data), tables=["enterprises"])
    assert "enterprise" in err.value.message


def test_report_workbook_matches_the_database(data: Engine, tmp_path: Path) -> None:
    manager = _manager(data)
    half = Period(date(2026, 1, 1), date(2026, 6, 30))
    report = write_report_workbook(data, "PLUT-SUMUT", half, tmp_path / "lap.xlsx", actor=manager)
    out = report.path
    wb = load_workbook(out)
    assert wb.sheetnames == list(REPORT_SHEETS)
    summary = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert summary["PLUT"] == "PLUT Sumut"
    assert (summary["Kasus dibuka"], summary["Kasus selesai"], summary["UMKM dilayani"]) == (
        5,
        3,
        5,
    )
    cases = list(wb["Kasus"].iter_rows(values_only=True))
    assert cases[0][:3] == ("Nomor Kasus", "Tanggal Buka", "Nama Usaha")
    with Session(data) as s:
        db = (
            s.exec(select(Case).where(Case.opened_on <= date(2026, 6, 30)).order_by(Case.opened_on))
            .scalars()
            .all()
        )
    assert [r[0] for r in cases[1:]] == [c.number for c in db]
    assert all(isinstance(r[1], datetime) for r in cases[1:])  # real Excel dates
    assert wb["Kasus"]["B2"].number_format == "DD/MM/YYYY"
    assert wb["Kasus"].column_dimensions["C"].width == 34
    assert wb["Kasus"].freeze_panes == "A2"
    served = list(wb["UMKM Dilayani"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in served) == [f"Usaha {i}" for i in range(1, 6)]
    assert not any(nik(i) in str(served) for i in range(1, 8))  # no NIK in a report
    assert report.rows["UMKM Dilayani"] == len(served) and report.rows["Kasus"] == len(cases) - 1
    with pytest.raises(NotFound):
        write_report_workbook(data, "PLUT-X", half, out, actor=manager)
