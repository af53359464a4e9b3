"""People, indicators and cases imports: validation, matching, idempotence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.io import import_file
from plut_nb.models import Case, Centre, IndicatorSnapshot, Ownership, Person, Staff
from tests.io._files import nik, read_errors, write_csv

ON = date(2026, 6, 30)
V = "12.71.01.1001"


@pytest.fixture
def registry(engine: Engine, tmp_path: Path) -> Engine:
    """A centre with a consultant and two enterprises (NIB 9100000000001, source key K-2)."""
    with Session(engine) as s:
        centre = Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12")
        s.add(centre)
        s.flush()
        s.add(Staff(centre_id=centre.id, username="konsultan", name="K", roles=["consultant"]))
        s.commit()
    rows = [["Kode Sumber", "Nama Usaha", "NIB", "Kode Desa", "Nama Pemilik", "NIK"],
            ["K-1", "Roti Medan", "9100000000001", V, "Budi", nik(0)],
            ["K-2", "Kopi Karo", "", V, "Sari", ""]]  # fmt: skip
    assert (
        import_file(engine, "enterprises", write_csv(tmp_path / "e.csv", rows), on=ON).inserted == 2
    )
    return engine


def test_people_are_matched_by_nik_or_by_enterprise_and_name(
    registry: Engine, tmp_path: Path
) -> None:
    rows = [["Nama", "NIK", "No HP", "Tanggal Lahir", "Jenis Kelamin", "NIB Usaha",
             "Kode Sumber Usaha", "Peran"],
            ["Budi", nik(0), "081211112222", "01/01/1980", "L", "", "", ""],
            ["Maria", nik(5, woman=True), "", "", "P", "9100000000001", "", "kontak"],
            ["Tono", "", "081233334444", "", "", "", "K-2", "kontak"],
            ["Salah Lahir", nik(6), "", "02/02/1990", "", "", "", ""],
            ["Tanpa Kunci", "", "081255556666", "", "", "", "", ""],
            ["Usaha Hilang", "", "", "", "", "9199999999999", "", ""]]  # fmt: skip
    path = write_csv(tmp_path / "orang.csv", rows)
    first = import_file(registry, "people", path, on=ON)
    assert (first.inserted, first.updated, first.rejected) == (2, 1, 3)
    errors = read_errors(first.error_file)
    assert {k: v["kolom_bermasalah"] for k, v in errors.items()} == {
        5: "Tanggal Lahir", 6: "NIK", 7: "NIB Usaha"
    }  # fmt: skip
    assert "belum terdaftar" in errors[7]["alasan"]
    again = import_file(registry, "people", path, on=ON)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    with Session(registry) as s:
        budi = s.exec(select(Person).where(Person.nik == nik(0))).scalars().one()
        assert budi.phone == "+6281211112222"
        links = s.execute(select(func.count()).select_from(Ownership)).scalar_one()
        assert links == 4  # two owners from the enterprise import, Maria and Tono as contacts


def test_indicators_are_recorded_then_updated(registry: Engine, tmp_path: Path) -> None:
    rows = [["NIB", "Kode Sumber", "Tanggal", "Omzet", "Tenaga Kerja", "Tenaga Kerja Perempuan",
             "Pasar Ekspor"],
            ["9100000000001", "", "31/03/2026", "Rp 3,5 M", "12", "5", "ya"],
            ["", "K-2", "2026-03-31", "Rp500.000.000", "4", "", "tidak"],
            ["", "K-2", "31/03/2026", "Rp1", "", "", ""],
            ["", "K-9", "31/03/2026", "Rp1", "", "", ""],
            ["9100000000001", "", "31/04/2026", "Rp1", "", "", ""],
            ["9100000000001", "", "30/06/2025", "", "3", "7", ""],
            ["9100000000001", "", "30/06/2025", "", "", "", "mungkin"]]  # fmt: skip
    path = write_csv(tmp_path / "angka.csv", rows)
    first = import_file(registry, "indicators", path, on=ON, username="konsultan")
    assert (first.inserted, first.rejected) == (2, 5)
    errors = read_errors(first.error_file)
    assert {k: v["kolom_bermasalah"] for k, v in errors.items()} == {
        4: "", 5: "Kode Sumber", 6: "Tanggal", 7: "Tenaga Kerja Perempuan", 8: "Pasar Ekspor"
    }  # fmt: skip
    assert "baris 3" in errors[4]["alasan"]
    rows[1][3] = "Rp 4 M"
    write_csv(path, rows)
    second = import_file(registry, "indicators", path, on=ON, username="konsultan")
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 1)
    with Session(registry) as s:
        snaps = s.exec(select(IndicatorSnapshot).order_by(IndicatorSnapshot.id)).scalars().all()
    assert [(x.sales_annual, x.size_class, x.market_export) for x in snaps] == [
        (4_000_000_000, "kecil", True),
        (500_000_000, "mikro", False),
    ]


def test_cases_are_opened_and_moved_through_the_workflow(registry: Engine, tmp_path: Path) -> None:
    rows = [["NIB", "Kode Sumber", "Layanan", "Tanggal Buka", "Status", "Petugas",
             "Tanggal Selesai", "Hasil", "Uraian"],
            ["9100000000001", "", "konsultasi_bisnis", "02/01/2026", "ditutup", "konsultan",
             "20/01/2026", "Rencana usaha selesai", "Konsultasi awal"],
            ["", "K-2", "konsultasi_bisnis", "2026-02-03", "", "", "", "", ""],
            ["", "K-2", "layanan_tidak_ada", "2026-02-03", "", "", "", "", ""],
            ["", "K-2", "konsultasi_bisnis", "2026-02-04", "selesai", "", "", "", ""]]  # fmt: skip
    path = write_csv(tmp_path / "kasus.csv", rows)
    first = import_file(registry, "cases", path, on=ON)
    assert (first.inserted, first.rejected) == (2, 2)
    errors = read_errors(first.error_file)
    assert errors[4]["kolom_bermasalah"] == "Layanan"
    assert set(errors[5]["kolom_bermasalah"].split(", ")) == {"Hasil", "Petugas"}
    rows[2][4], rows[2][5] = "dalam_proses", "konsultan"
    write_csv(path, rows)
    second = import_file(registry, "cases", path, on=ON)
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 1)
    with Session(registry) as s:
        cases = s.exec(select(Case).order_by(Case.id)).scalars().all()
    assert [(c.status, c.closed_on) for c in cases] == [
        ("ditutup", date(2026, 1, 20)),
        ("dalam_proses", None),
    ]
