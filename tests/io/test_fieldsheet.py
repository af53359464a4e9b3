"""The offline field sheet: written with drop-downs, filled, imported through the same path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.io import import_file, write_field_sheet
from plut_nb.models import Centre, Enterprise
from tests.io._files import nik

ON = date(2026, 6, 30)


@pytest.fixture
def centre(engine: Engine) -> Engine:
    with Session(engine) as s:
        s.add(
            Centre(code="PLUT-BIAK", name="PLUT Biak", level="kabupaten_kota", region_code="91.06")
        )
        s.commit()
    return engine


def test_field_sheet_round_trip(centre: Engine, tmp_path: Path) -> None:
    path = write_field_sheet(centre, tmp_path / "lembar.xlsx", centre_code="PLUT-BIAK", rows=50)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Isian", "Petunjuk", "Kode"]
    assert wb["Kode"].sheet_state == "hidden"
    ws = wb["Isian"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Kode Sumber", "Nama Usaha", "NIB"]
    col = {name: i + 1 for i, name in enumerate(header)}
    validated = {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation}
    assert {
        "D2",
        "H2",
        "J2",
        "P2",
        "Q2",
    } <= validated  # legal form, village, channel, education, yes/no
    villages = [
        r[0] for r in wb["Kode"].iter_rows(min_row=2, min_col=5, max_col=5, values_only=True)
    ]
    assert villages and all(str(v).startswith("91.06.") for v in villages if v)
    assert ws.cell(row=2, column=col["NIK"]).number_format == "@"
    key = ws.cell(row=2, column=1).value
    assert key.endswith("-0001")

    ws.cell(row=2, column=col["Nama Usaha"], value="Noken Biak")
    ws.cell(row=2, column=col["Kode Desa"], value=villages[0])
    ws.cell(row=2, column=col["Nama Pemilik"], value="Yohana Rumbiak")
    ws.cell(row=2, column=col["NIK"], value=nik(3, woman=True))
    ws.cell(row=2, column=col["Orang Asli Papua"], value="ya")
    ws.cell(row=2, column=col["Sumber Informasi"], value="Petugas lapangan")
    ws.cell(row=3, column=col["Nama Usaha"], value="Ikan Asar")
    ws.cell(row=3, column=col["Kode Desa"], value=villages[0])
    ws.cell(row=3, column=col["Nama Pemilik"], value="Markus")
    ws.cell(row=3, column=col["Bentuk Usaha"], value="Perorangan")
    ws.cell(row=3, column=col["Omzet"], value="Rp 60 juta")
    wb.save(path)

    first = import_file(centre, "enterprises", path, on=ON)
    assert (first.inserted, first.rejected, first.blank, first.read) == (2, 0, 48, 2)
    ws.cell(row=3, column=col["Nama Usaha"], value="Ikan Asar Mama Markus")  # corrected offline
    wb.save(path)
    second = import_file(centre, "enterprises", path, on=ON)
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 1)
    with Session(centre) as s:
        assert s.execute(select(func.count()).select_from(Enterprise)).scalar_one() == 2
        noken = s.exec(select(Enterprise).where(Enterprise.name == "Noken Biak")).scalars().one()
        assert noken.source_key == key and noken.outreach_channel == "petugas_lapangan"
        assert s.exec(select(Enterprise).where(Enterprise.name == "Ikan Asar Mama Markus")).first()
