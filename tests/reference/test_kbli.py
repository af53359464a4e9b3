from __future__ import annotations

from pathlib import Path

import pytest

from plut_nb.reference import kbli
from plut_nb.reference.kbli import KBLI_VERSION, KbliCode, get_kbli, kbli_codes, section_of
from tests.reference.kbli_fixture import KBLI_SAMPLE, use_sample


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_sample(tmp_path, monkeypatch)


def test_version_names_the_regulation() -> None:
    assert KBLI_VERSION == "KBLI 2020 (Peraturan BPS No. 2 Tahun 2020)"


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("01", "A"),
        ("03", "A"),
        ("05", "B"),
        ("09", "B"),
        ("10", "C"),
        ("33", "C"),
        ("35", "D"),
        ("36", "E"),
        ("39", "E"),
        ("41", "F"),
        ("43", "F"),
        ("45", "G"),
        ("47111", "G"),
        ("49", "H"),
        ("53", "H"),
        ("55", "I"),
        ("56", "I"),
        ("58", "J"),
        ("63", "J"),
        ("64", "K"),
        ("66", "K"),
        ("68", "L"),
        ("69", "M"),
        ("75", "M"),
        ("77", "N"),
        ("82", "N"),
        ("84", "O"),
        ("85", "P"),
        ("86", "Q"),
        ("88", "Q"),
        ("90", "R"),
        ("93", "R"),
        ("94", "S"),
        ("96", "S"),
        ("97", "T"),
        ("98", "T"),
        ("99", "U"),
        ("G", "G"),
    ],
)
def test_section_of_known_divisions(code: str, section: str) -> None:
    assert section_of(code) == section


@pytest.mark.parametrize(
    "code",
    ["00", "04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89", "V", "1", "", "١٠"],
)
def test_section_of_gaps_and_garbage(code: str) -> None:
    assert section_of(code) is None


def test_get_kbli_reads_leading_zeros_and_levels(sample: Path) -> None:
    entry = get_kbli("01111")
    assert entry == KbliCode("01111", 5, "A", "Pertanian Jagung")
    assert get_kbli("1111") is None
    assert get_kbli("G") == KbliCode(
        "G", 1, "G", "Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor"
    )
    assert get_kbli("x" * 10_000) is None
    assert get_kbli(None) is None  # type: ignore[arg-type]


def test_kbli_codes_by_level(sample: Path) -> None:
    assert [e.code for e in kbli_codes(1)] == ["A", "C", "G", "U"]
    assert [e.code for e in kbli_codes(5)] == ["01111", "10710", "47111"]
    assert len(kbli_codes()) == len(KBLI_SAMPLE.strip().splitlines()) - 1


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("47111,5,C,Wrong section", "section"),
        ("4711,5,G,Too short for level 5", "level"),
        ("04,2,A,Division 04 does not exist", "section"),
        ("V,1,V,No section V", "section"),
        ("47111,x,G,Level not a number", "malformed"),
        ("01111,5,A,Duplicate", "duplicate"),
    ],
)
def test_malformed_data_file_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, problem: str
) -> None:
    use_sample(tmp_path, monkeypatch, KBLI_SAMPLE + row + "\n")
    with pytest.raises(ValueError, match=problem) as info:
        get_kbli("47111")
    assert ":19:" in str(info.value)


def test_wrong_header_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_sample(tmp_path, monkeypatch, "kode,tingkat,kategori,judul\n")
    with pytest.raises(ValueError, match="header"):
        kbli_codes()


@pytest.mark.skipif(not kbli.DATA_PATH.exists(), reason="KBLI data file not generated yet")
def test_real_data_file_has_the_kbli_2020_structure() -> None:
    assert [e.code for e in kbli_codes(1)] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert len(kbli_codes(2)) == 88
    assert get_kbli("47111") is not None
    assert get_kbli("01111") is not None
    assert all(len(e.code) == 5 for e in kbli_codes(5))
