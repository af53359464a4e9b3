"""Offline field sheets: an Excel template a field officer fills without a connection.

``plut fieldsheet new`` writes a workbook with three sheets:

- **Isian** — one row per enterprise visited, under the same headers
  ``plut import enterprises`` reads. Every row carries a pre-filled
  ``Kode Sumber`` (the sheet's id and the row number), so re-importing a sheet
  after corrections updates the same enterprises instead of adding new ones;
  a row with nothing but its code counts as empty. Drop-down lists hold the
  codes (legal form, outreach channel, education, yes/no, KBLI 2020 sub-classes
  and the villages of the centre's region); NIK, NIB, phone and code columns
  are formatted as text so Excel keeps every digit.
- **Petunjuk** — instructions in Indonesian.
- **Kode** (hidden) — the lists behind the drop-downs.

The filled sheet is imported like any other file, through the same validated,
idempotent path: ``plut import enterprises lembar.xlsx``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from plut_nb.errors import NotFound
from plut_nb.i18n import t
from plut_nb.io.columns import ENTERPRISES
from plut_nb.models import Centre
from plut_nb.reference.codes import EDUCATION_LEVELS, LEGAL_FORMS, OUTREACH_CHANNELS
from plut_nb.reference.kbli import kbli_codes
from plut_nb.reference.regions import children, get_region

__all__ = ["FIELD_SHEET_COLUMNS", "write_field_sheet"]

#: The enterprise-import fields a field sheet asks for, in sheet order.
FIELD_SHEET_COLUMNS = (
    "source_key", "enterprise_name", "nib", "legal_form", "kbli", "products",
    "street_address", "village_code", "founding_year", "outreach_channel", "registered_on",
    "owner_name", "nik", "phone", "email", "education", "disability", "orang_asli_papua",
    "capital", "sales", "employees", "employees_women", "market_local", "market_regional",
    "market_national", "market_export", "online_channels",
)  # fmt: skip
_TEXT_COLUMNS = frozenset({"source_key", "nib", "kbli", "village_code", "nik", "phone"})
_YES_NO: tuple[str, ...] = ("disability", "orang_asli_papua", "market_local", "market_regional")
_YES_NO += ("market_national", "market_export")

_INSTRUCTIONS = (
    "LEMBAR ISIAN LAPANGAN PLUT-KUMKM",
    "",
    "1. Isi satu baris per usaha pada lembar 'Isian'. Jangan ubah judul kolom dan Kode Sumber.",
    "2. Kolom wajib: Nama Usaha, Kode Desa, Nama Pemilik.",
    "3. Pilih kode dari daftar (panah di sel): Bentuk Usaha, Sumber Informasi, Pendidikan,",
    "   KBLI (5 digit), Kode Desa, dan ya/tidak.",
    "4. NIK 16 digit, NIB 13 digit, No HP seperti 0812xxxxxxx: kolomnya sudah berformat Teks.",
    "5. Modal dan Omzet dalam Rupiah: 1500000, 1.500.000, Rp1.500.000 atau 1,5 jt.",
    "6. Tanggal: 31/12/2025 atau 2025-12-31.",
    "7. Kanal Daring: pisahkan dengan koma, mis. whatsapp, instagram.",
    "8. Setelah ada koneksi: plut import enterprises NAMA_BERKAS.xlsx",
    "   Baris yang ditolak ada di NAMA_BERKAS.galat.xlsx beserta alasannya;",
    "   perbaiki di sana lalu impor berkas galat itu. Impor ulang tidak membuat data ganda.",
)


def _villages(region_code: str | None) -> list[str]:
    """Village codes (level 4) under ``region_code`` (a province or regency code)."""
    region = get_region(region_code) if region_code else None
    if region is None:
        return []
    out: list[str] = []
    stack = [region.code]
    while stack:
        code = stack.pop()
        for child in children(code):
            if child.level == 4:
                out.append(child.code)
            else:
                stack.append(child.code)
    return sorted(out)


def _list_column(ws: object, col: int, title: str, values: Sequence[str]) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    ws.cell(row=1, column=col, value=title)  # type: ignore[attr-defined]
    for i, v in enumerate(values, start=2):
        ws.cell(row=i, column=col, value=v)  # type: ignore[attr-defined]
    return f"Kode!${letter}$2:${letter}${max(len(values) + 1, 2)}"


def write_field_sheet(
    engine: Engine, out: Path, *, centre_code: str | None = None, rows: int = 200
) -> Path:
    """Write an offline field sheet for enterprises to ``out``.

    Args:
        engine: The database (for the centre's region).
        out: The ``.xlsx`` file.
        centre_code: The centre whose region's villages fill the village list
            (default: every village of the first centre's region, or none).
        rows: Pre-numbered rows.

    Returns:
        ``out``.

    Raises:
        NotFound: No centre has ``centre_code``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    with Session(engine.execution_options(plut_read_only=True)) as session:
        query = select(Centre).order_by(col(Centre.id))
        if centre_code:
            query = query.where(Centre.code == centre_code)
        centre = session.exec(query).first()
    if centre_code and centre is None:
        raise NotFound("centre", centre_code)
    sheet_id = f"LP-{secrets.token_hex(3).upper()}"
    wb = Workbook()
    ws = wb.active
    ws.title = "Isian"
    guide = wb.create_sheet("Petunjuk")
    lists = wb.create_sheet("Kode")
    lists.sheet_state = "hidden"
    for line in _INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 100
    if centre is not None:
        guide.append([])
        guide.append([f"PLUT: {centre.name} ({centre.code}); lembar {sheet_id}"])
    label = {c.field: c.title for c in ENTERPRISES.columns}
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, name in enumerate(FIELD_SHEET_COLUMNS, start=1):
        cell = ws.cell(row=1, column=i, value=label[name])
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(label[name]) + 4)
    ws.freeze_panes = "C2"
    for r in range(2, rows + 2):
        ws.cell(row=r, column=1, value=f"{sheet_id}-{r - 1:04d}")
        for i, name in enumerate(FIELD_SHEET_COLUMNS, start=1):
            if name in _TEXT_COLUMNS:
                ws.cell(row=r, column=i).number_format = "@"
    by_lang = {code: t(f"ui.intake.legal.{code}", "id") for code in LEGAL_FORMS}
    edu = {code: t(f"ui.intake.edu.{code}", "id") for code in EDUCATION_LEVELS}
    ranges = {
        "legal_form": _list_column(lists, 1, "Bentuk Usaha", list(by_lang.values())),
        "outreach_channel": _list_column(
            lists, 2, "Sumber Informasi", [v[0] for v in OUTREACH_CHANNELS.values()]
        ),
        "education": _list_column(lists, 3, "Pendidikan", list(edu.values())),
        "kbli": _list_column(lists, 4, "KBLI", [k.code for k in kbli_codes(level=5)]),
        "village_code": _list_column(
            lists, 5, "Kode Desa", _villages(centre.region_code if centre else None)
        ),
    }
    yes_no = '"ya,tidak"'
    for i, name in enumerate(FIELD_SHEET_COLUMNS, start=1):
        formula = ranges.get(name) or (yes_no if name in _YES_NO else None)
        if formula is None or (name == "village_code" and formula.endswith("$2")):
            continue
        letter = get_column_letter(i)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = "Pilih dari daftar (lihat lembar Petunjuk)."
        dv.errorTitle = label[name]
        dv.showErrorMessage = name not in ("kbli",)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{rows + 1}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="1")
    dates.error = "Tulis tanggal, mis. 31/12/2025."
    ws.add_data_validation(dates)
    reg = get_column_letter(FIELD_SHEET_COLUMNS.index("registered_on") + 1)
    dates.add(f"{reg}2:{reg}{rows + 1}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
