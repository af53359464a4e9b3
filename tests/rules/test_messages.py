"""Messages are Indonesian by default and English with PLUT_LANG=en."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from plut_nb.errors import ValidationError
from plut_nb.messages.rules import MESSAGES
from plut_nb.rules import (
    ikm_result,
    normalize_nib,
    normalize_phone,
    parse_nik,
    size_class,
    validate_region_code,
)
from plut_nb.settings import reset_settings


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    reset_settings()
    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    yield
    monkeypatch.undo()
    reset_settings()


def message(call: Callable[[], object]) -> str:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message


CASES: list[tuple[Callable[[], object], str, str]] = [
    (
        lambda: parse_nik("320101550895000"),
        "NIK harus 16 digit angka; yang diisi 15 digit.",
        "NIK must be 16 digits; 15 digits were entered.",
    ),
    (
        lambda: parse_nik("3201015508950000", today=date(2026, 1, 1)),
        "NIK: nomor urut (4 digit terakhir) tidak boleh 0000. Periksa NIK pada KTP.",
        "NIK: the serial number (last 4 digits) cannot be 0000. Check the NIK on the ID card.",
    ),
    (
        lambda: normalize_nib("12"),
        "NIB harus 13 digit angka; yang diisi 2 digit.",
        "NIB must be 13 digits; 2 digits were entered.",
    ),
    (
        lambda: normalize_phone(""),
        "Nomor HP wajib diisi.",
        "Phone number is required.",
    ),
    (
        lambda: validate_region_code("32.70"),
        "Kode wilayah '32.70': nomor kabupaten/kota '70' harus 01–69 (kabupaten) "
        "atau 71–99 (kota).",
        "Region code '32.70': regency/city number '70' must be 01–69 (regency) or 71–99 (city).",
    ),
    (
        lambda: size_class(capital=-1),
        "Modal usaha tidak boleh negatif; yang diisi -1. Isi 0 bila belum ada.",
        "Business capital cannot be negative; got -1. Enter 0 if there is none.",
    ),
    (
        lambda: ikm_result([[4] * 9], [0.1] * 9),
        "Bobot IKM harus berjumlah 1; jumlahnya 0.9. Sesuaikan bobot (bawaan 1/9 per unsur).",
        "IKM weights must add up to 1; they add up to 0.9. Adjust the weights (default 1/9 each).",
    ),
]


@pytest.mark.parametrize(("call", "indonesian", "english_text"), CASES)
def test_indonesian_by_default(
    call: Callable[[], object], indonesian: str, english_text: str
) -> None:
    assert message(call) == indonesian


@pytest.mark.parametrize(("call", "indonesian", "english_text"), CASES)
def test_english_with_plut_lang_en(
    english: None, call: Callable[[], object], indonesian: str, english_text: str
) -> None:
    assert message(call) == english_text


def test_ikm_element_label_follows_language(english: None) -> None:
    text = message(lambda: ikm_result([[4, 0, 4, 4, 4, 4, 4, 4, 4]]))
    assert "element 'Procedure'" in text
    assert "of respondent 1" in text


def test_every_message_has_both_languages_and_names_the_field() -> None:
    fragments = {"ikm.this_response", "ikm.respondent"}
    for key, entry in MESSAGES.items():
        assert set(entry) == {"id", "en"}, key
        if key.startswith(("field.", "region.level_name.")) or key in fragments:
            continue
        assert "{field}" in entry["id"] and "{field}" in entry["en"], key
