"""``import_file(..., "enterprises", ...)``: every kind of bad row, idempotence, updates."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from plut_nb.io import import_file
from plut_nb.io.importing import SYSTEM_IMPORT_USER
from plut_nb.models import (
    AuditEntry,
    Centre,
    Enterprise,
    IndicatorSnapshot,
    Ownership,
    Person,
    Staff,
)
from tests.io._files import nik, read_errors, write_csv

ON = date(2026, 6, 30)
HEADER = ["No", "Nama Usaha", "NIB", "KBLI", "Kode Desa", "Nama Pemilik", "NIK", "No HP",
          "Omzet", "Modal", "Tenaga Kerja", "Tanggal Daftar", "Catatan Petugas"]  # fmt: skip
V = "12.71.01.1001"


def _row(n: str, name: str, nib: str = "", kbli: str = "10710", village: str = V,
         owner: str = "Budi", nik_: str = "", phone: str = "", sales: str = "",
         capital: str = "", staff: str = "", day: str = "") -> list[str]:  # fmt: skip
    return [n, name, nib, kbli, village, owner, nik_, phone, sales, capital, staff, day, "-"]


@pytest.fixture
def centre(engine: Engine) -> Centre:
    with Session(engine, expire_on_commit=False) as s:
        c = Centre(
            code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12"
        )
        s.add(c)
        s.commit()
        return c


def _bad_file(tmp_path: Path) -> Path:
    rows = [
        HEADER,
        _row("1", "Roti Bakar Medan", "9100000000001", nik_=nik(0), phone="0812-7000-0001",
             sales="Rp25.000.000", capital="Rp 1.500.000", staff="3", day="05/03/2024"),
        _row("2", "Kopi Sidikalang", owner="Sari", nik_=nik(1, woman=True), sales="25.000.000",
             capital="1,5 jt", staff="1.200", day="5 Maret 2024"),
        _row("3", "Salah NIK", nik_="1234"),
        _row("4", "Salah NIB", nib="12345"),
        _row("5", "Salah HP", phone="0812"),
        _row("6", "Salah Desa", village="99.99.99.9999"),
        _row("7", "Salah KBLI", kbli="99999"),
        _row("8", ""),
        ["", "", "", "", "", "", "", "", "", "", "", "", ""],
        _row("9", "Roti Bakar Medan Lagi", "9100000000001", owner="Andi"),
        _row("10", "Salah Tanggal", day="31/02/2024"),
        _row("11", "Salah Omzet", sales="Rp abc"),
        _row("12", "Tenun Ulos", owner="Rina", day="2024-03-07", sales="Rp2.000.000.000"),
        _row("13", "Tenun Ulos", owner="Rina"),
    ]  # fmt: skip
    return write_csv(tmp_path / "umkm.csv", rows, delimiter=";", bom=True)


def test_each_bad_row_is_rejected_with_its_column_and_reason(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    summary = import_file(engine, "enterprises", _bad_file(tmp_path), on=ON)

    assert (summary.read, summary.inserted, summary.rejected, summary.blank) == (13, 3, 10, 1)
    assert summary.extra_columns == ["Catatan Petugas"]
    assert summary.error_file == tmp_path / "umkm.galat.csv"
    errors = read_errors(summary.error_file, delimiter=";")
    columns = {line: e["kolom_bermasalah"] for line, e in errors.items()}
    assert columns == {
        4: "NIK",
        5: "NIB",
        6: "No HP",
        7: "Kode Desa",
        8: "KBLI",
        9: "Nama Usaha",
        11: "",
        12: "Tanggal Daftar",
        13: "Omzet",
        15: "",
    }
    assert "16 digit" in errors[4]["alasan"]
    assert "Baris ganda" in errors[11]["alasan"] and "baris 2" in errors[11]["alasan"]
    assert "NIB 9100000000001" in errors[11]["alasan"]
    assert "bukan tanggal" in errors[12]["alasan"]
    assert "Baris ganda" in errors[15]["alasan"] and "baris 14" in errors[15]["alasan"]
    assert errors[5]["Nama Usaha"] == "Salah NIB"  # the original row is kept as it was
    assert errors[5]["NIB"] == "12345"
    with Session(engine) as s:
        ents = {e.name: e for e in s.exec(select(Enterprise)).scalars()}
        assert set(ents) == {"Roti Bakar Medan", "Kopi Sidikalang", "Tenun Ulos"}
        assert ents["Roti Bakar Medan"].registered_on == date(2024, 3, 5)
        assert ents["Kopi Sidikalang"].registered_on == date(2024, 3, 5)
        assert ents["Tenun Ulos"].registered_on == date(2024, 3, 7)
        assert ents["Roti Bakar Medan"].capital_at_registration == 1_500_000
        assert ents["Kopi Sidikalang"].capital_at_registration == 1_500_000
        snaps = {sn.enterprise_id: sn for sn in s.exec(select(IndicatorSnapshot)).scalars()}
        assert snaps[ents["Roti Bakar Medan"].id].sales_annual == 25_000_000
        assert snaps[ents["Kopi Sidikalang"].id].employees_total == 1200
        assert snaps[ents["Tenun Ulos"].id].size_class == "mikro"
        budi = s.exec(select(Person).where(Person.nik == nik(0))).scalars().one()
        assert budi.phone == "+6281270000001"
        sari = s.exec(select(Person).where(Person.nik == nik(1, woman=True))).scalars().one()
        assert sari.gender == "P"
        assert s.execute(select(func.count()).select_from(Ownership)).scalar_one() == 3


def test_double_import_creates_nothing_and_changes_are_updated_and_audited(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    rows = [HEADER] + [
        _row(str(i), f"Usaha {i}", f"91000000000{i:02d}", owner=f"Pemilik {i}", nik_=nik(i),
             phone=f"08127000{i:04d}", sales="Rp10.000.000", day="01/02/2025")
        for i in range(1, 6)
    ]  # fmt: skip
    path = write_csv(tmp_path / "data.csv", rows)
    first = import_file(engine, "enterprises", path, on=ON)
    again = import_file(engine, "enterprises", path, on=ON)
    assert (first.inserted, first.updated, first.error_file) == (5, 0, None)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)

    rows[3][8] = "Rp12.500.000"  # row of "Usaha 3": new sales
    rows[3][7] = "081299990000"  # and a new phone
    rows[4][1] = "Usaha Empat Baru"  # "Usaha 4" renamed (matched by its NIB)
    write_csv(path, rows)
    third = import_file(engine, "enterprises", path, on=ON)
    assert (third.inserted, third.updated, third.unchanged) == (0, 2, 3)
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 5
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 5
        e3 = s.exec(select(Enterprise).where(Enterprise.nib == "9100000000003")).scalars().one()
        snap = (
            s.exec(select(IndicatorSnapshot).where(IndicatorSnapshot.enterprise_id == e3.id))
            .scalars()
            .one()
        )
        assert snap.sales_annual == 12_500_000
        e4 = s.exec(select(Enterprise).where(Enterprise.nib == "9100000000004")).scalars().one()
        assert e4.name == "Usaha Empat Baru"
        updates = (
            s.exec(
                select(AuditEntry).where(AuditEntry.action == "update").order_by(col(AuditEntry.id))
            )
            .scalars()
            .all()
        )
        by_entity = {(u.entity, u.entity_id): u for u in updates}
        assert by_entity[("indicator_snapshot", str(snap.id))].before == {
            "sales_annual": 10_000_000
        }
        assert by_entity[("indicator_snapshot", str(snap.id))].after["sales_annual"] == 12_500_000
        person = [u for u in updates if u.entity == "person"]
        assert len(person) == 1 and "9990000" not in str(person[0].after)  # phone masked
        assert by_entity[("enterprise", str(e4.id))].before["name"] == "Usaha 4"
        actor = {u.actor_id for u in updates}
        assert len(actor) == 1
        progress = s.exec(select(AuditEntry).where(AuditEntry.entity == "import")).scalars().all()
        assert progress and progress[-1].after["status"] == "selesai"


def test_dry_run_reports_and_writes_nothing(engine: Engine, centre: Centre, tmp_path: Path) -> None:
    summary = import_file(engine, "enterprises", _bad_file(tmp_path), on=ON, dry_run=True)
    assert (summary.inserted, summary.rejected, summary.dry_run) == (3, 10, True)
    assert summary.error_file is not None and summary.error_file.is_file()
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 0
        assert s.exec(select(Staff).where(Staff.username == SYSTEM_IMPORT_USER)).first() is None
    assert not list(tmp_path.glob(".umkm.csv.impor*"))


def test_a_row_in_another_encoding_is_rejected_not_the_file(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    path = tmp_path / "ansi.csv"
    lines = [
        "Nama Usaha,Kode Desa,Nama Pemilik",
        f"Kopi Medan,{V},Budi",
        f"Kafé Sederhana,{V},Andre",  # this line is saved as Windows-1252
        f"Roti Enak,{V},Sari",
    ]
    path.write_bytes(b"".join(
        (ln + "\r\n").encode("cp1252" if "é" in ln else "utf-8") for ln in lines
    ))  # fmt: skip
    summary = import_file(engine, "enterprises", path, on=ON)
    assert (summary.inserted, summary.rejected) == (2, 1)
    errors = read_errors(summary.error_file)
    assert list(errors) == [3] and "UTF-8" in errors[3]["alasan"]
    again = import_file(engine, "enterprises", path, on=ON, encoding="cp1252")
    assert (again.inserted, again.unchanged) == (1, 2)
    with Session(engine) as s:
        names = set(s.exec(select(col(Enterprise.name))).scalars())
    assert "Kafé Sederhana" in names


def test_xlsx_with_merged_group_headers_and_a_nik_typed_as_number(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["DATA UMKM BINAAN PLUT 2025"])
    ws.merge_cells("A1:G1")
    ws.append(["Usaha", None, None, "Pemilik", None, None, "Omzet"])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:F2")
    ws.merge_cells("G2:G3")
    ws.append(["Nama", "NIB", "Kode Desa", "Nama", "NIK", "No HP"])
    ws.append(["Bika Ambon Zulaikha", "9100000000011", V, "Zulaikha", nik(7, woman=True),
               "081234567890", 150_000_000])  # fmt: skip
    ws.append(["Sate Padang", None, V, "Rahmat", 1271010101800009, None, "Rp5.000.000"])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["Dodol Garut", None, V, "Asep", None, None, None])
    path = tmp_path / "rekap.xlsx"
    wb.save(path)

    summary = import_file(engine, "enterprises", path, on=ON)

    assert (summary.inserted, summary.rejected, summary.blank) == (2, 1, 1)
    assert summary.error_file == tmp_path / "rekap.galat.xlsx"
    sheet = load_workbook(summary.error_file).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-3:] == ("baris_asal", "kolom_bermasalah", "alasan")
    assert rows[1][0] == "Sate Padang" and rows[1][-3] == "5"
    assert rows[1][-2] == "Pemilik / NIK" and "15 digit" in rows[1][-1]
    with Session(engine) as s:
        owner = s.exec(select(Person).where(Person.name == "Zulaikha")).scalars().one()
        ent = (
            s.exec(select(Enterprise).where(Enterprise.name == "Bika Ambon Zulaikha"))
            .scalars()
            .one()
        )
        snap = s.exec(select(IndicatorSnapshot)).scalars().one()
    assert owner.nik == nik(7, woman=True) and ent.nib == "9100000000011"
    assert snap.sales_annual == 150_000_000


def test_missing_required_column_stops_before_any_row(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    from plut_nb.errors import ValidationError

    path = write_csv(tmp_path / "x.csv", [["Nama Usaha", "NIB"], ["A", ""]])
    with pytest.raises(ValidationError) as err:
        import_file(engine, "enterprises", path, on=ON)
    assert "Kode Desa" in err.value.message and "Nama Pemilik" in err.value.message


def test_import_acts_as_the_named_staff_member(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    from plut_nb.errors import PermissionDenied

    with Session(engine) as s:
        s.add(Staff(centre_id=centre.id, username="fo", name="Front", roles=["front_office"]))
        s.add(Staff(centre_id=centre.id, username="peneliti", name="R", roles=["researcher"]))
        s.commit()
    path = write_csv(tmp_path / "a.csv", [["Nama Usaha", "Kode Desa", "Nama Pemilik"],
                                           ["Keripik Balado", V, "Uni"]])  # fmt: skip
    with pytest.raises(PermissionDenied):
        import_file(engine, "enterprises", path, on=ON, username="peneliti")
    summary = import_file(engine, "enterprises", path, on=ON, username="fo")
    assert summary.inserted == 1
    with Session(engine) as s:
        ent = s.exec(select(Enterprise)).scalars().one()
        creator = s.get(Staff, ent.created_by_id)
        assert creator.username == "fo"
        assert s.exec(select(Staff).where(Staff.username == SYSTEM_IMPORT_USER)).first() is None


def test_rows_checked_in_a_worker_process_give_the_same_result(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    path = _bad_file(tmp_path)
    in_process = import_file(engine, "enterprises", path, on=ON, dry_run=True, chunk_size=3)
    assert in_process.error_file is not None
    expected = in_process.error_file.read_text(encoding="utf-8-sig")
    summary = import_file(engine, "enterprises", path, on=ON, chunk_size=3, workers=1)
    assert (summary.read, summary.inserted, summary.rejected) == (13, 3, 10)
    assert summary.error_file is not None
    assert summary.error_file.read_text(encoding="utf-8-sig") == expected


def test_the_corrected_error_file_is_imported_as_it_is(
    engine: Engine, centre: Centre, tmp_path: Path
) -> None:
    first = import_file(engine, "enterprises", _bad_file(tmp_path), on=ON)
    assert first.error_file is not None
    with first.error_file.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    fixed = tmp_path / "perbaikan.csv"
    for row in rows:
        if row[1] == "Salah NIK":
            row[6] = nik(20)  # the steward corrects the NIK
    write_csv(fixed, rows, delimiter=";")
    second = import_file(engine, "enterprises", fixed, on=ON)
    assert second.extra_columns == ["Catatan Petugas"]  # the error columns are not "extra"
    # the two "duplicate row" lines now stand alone: they match the enterprises saved from
    # their first rows (by NIB; by name, village and owner) instead of creating new ones
    assert (second.inserted, second.updated, second.unchanged, second.rejected) == (1, 1, 1, 7)
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 4
