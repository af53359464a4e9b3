"""Cell values: dates in the forms spreadsheets use, yes/no, codes written as labels."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from plut_nb.errors import ValidationError
from plut_nb.io.columns import ENTERPRISES, find_header
from plut_nb.io.values import cell_text, code_from_text, codes_from_text, parse_date, parse_yes_no


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)),
        ("05/03/2024", date(2024, 3, 5)),
        ("5-3-2024", date(2024, 3, 5)),
        ("05.03.2024", date(2024, 3, 5)),
        ("05/03/24", date(2024, 3, 5)),
        ("5 Maret 2024", date(2024, 3, 5)),
        ("5 Mar 2024", date(2024, 3, 5)),
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("45356", date(2024, 3, 5)),  # an Excel serial day number
        ("  ", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text, "registered_on") == expected


@pytest.mark.parametrize(
    "text", ["31/02/2024", "13/13/2024", "kemarin", "2024/3", "5 Maretan 2024"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(text, "registered_on")
    assert err.value.errors[0].code == "import.date"
    assert "Tanggal daftar" in err.value.message


def test_yes_no_and_codes() -> None:
    assert [parse_yes_no(v, "disability") for v in ("Ya", "y", "1", "✓", "Tidak", "t", "0", "")] == [
        True, True, True, True, False, False, False, None,
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        parse_yes_no("mungkin", "disability")
    assert code_from_text("Media Sosial", "outreach_channel") == "media_sosial"
    assert code_from_text("Social media", "outreach_channel") == "media_sosial"
    assert code_from_text("PT Perorangan", "legal_form") == "pt_perorangan"
    assert code_from_text("SMA/SMK", "education") == "sma_smk"
    assert code_from_text("tidak ada", "legal_form") == "tidak ada"  # left for the intake to refuse
    assert codes_from_text("WhatsApp, Instagram; whatsapp", "online_channels") == [
        "whatsapp",
        "instagram",
    ]
    with pytest.raises(ValidationError):
        codes_from_text("whatsapp, friendster", "online_channels")


def test_cell_text() -> None:
    assert cell_text(1500000.0) == "1500000"
    assert cell_text(datetime(2024, 3, 5)) == "2024-03-05"
    assert cell_text(None) == "" and cell_text(True) == "ya"


def test_header_found_below_a_title_and_a_group_row() -> None:
    rows = [
        ["REKAP UMKM", "", "", ""],
        ["Usaha", "", "Pemilik", ""],
        ["Nama", "Kode Desa", "Nama", "NIK"],
    ]
    match = find_header(ENTERPRISES, rows)
    assert match.row_index == 2
    assert match.fields == {0: "enterprise_name", 1: "village_code", 2: "owner_name", 3: "nik"}
    assert match.headers[2] == "Pemilik / Nama"
