"""Property tests: arbitrary text gives a result or a ValidationError, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plut_nb.errors import ValidationError
from plut_nb.rules import (
    classify_by_capital,
    classify_by_sales,
    mask_nik,
    mask_phone,
    normalize_nib,
    normalize_phone,
    parse_nik,
    validate_ikm_answers,
    validate_kbli,
    validate_region_code,
)
from tests.reference.kbli_fixture import write_sample

FUZZ = settings(
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Text that looks like the real thing as well as anything at all.
NOISY = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 .-+()", max_size=30),
    st.from_regex(r"(\+62|62|0)?8[0-9]{7,12}", fullmatch=True),
    st.from_regex(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[12][0-9]{3})?)?)?", fullmatch=True),
)


@pytest.fixture
def kbli_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plut_nb.reference import kbli

    monkeypatch.setattr(kbli, "DATA_PATH", write_sample(tmp_path))


def _result_or_validation_error(fn: Callable[[str], object], value: str) -> object:
    try:
        return fn(value)
    except ValidationError as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        return None


@FUZZ
@given(NOISY)
def test_nik_never_crashes_and_round_trips(value: str) -> None:
    facts = _result_or_validation_error(parse_nik, value)
    if facts is not None:
        assert parse_nik(facts.nik) == facts  # type: ignore[attr-defined]


@FUZZ
@given(NOISY)
def test_phone_never_crashes_and_round_trips(value: str) -> None:
    e164 = _result_or_validation_error(normalize_phone, value)
    if e164 is not None:
        assert isinstance(e164, str) and e164.startswith("+62") and e164[1:].isdigit()
        assert normalize_phone(e164) == e164
        assert mask_phone(e164).endswith(e164[-4:])


@FUZZ
@given(NOISY)
def test_nib_never_crashes(value: str) -> None:
    nib = _result_or_validation_error(normalize_nib, value)
    if nib is not None:
        assert normalize_nib(nib) == nib and len(nib) == 13  # type: ignore[arg-type]


@FUZZ
@given(NOISY)
def test_region_never_crashes(value: str) -> None:
    region = _result_or_validation_error(validate_region_code, value)
    if region is not None:
        assert validate_region_code(region.code) == region  # type: ignore[attr-defined]


@FUZZ
@given(st.one_of(st.text(), st.from_regex(r"[0-9A-Za-z.]{1,6}", fullmatch=True)))
def test_kbli_never_crashes(kbli_sample: None, value: str) -> None:
    for level in (None, 1, 2, 3, 4, 5):
        _result_or_validation_error(lambda v, lv=level: validate_kbli(v, level=lv), value)


@FUZZ
@given(NOISY)
def test_amounts_never_crash(value: str) -> None:
    _result_or_validation_error(classify_by_capital, value)
    _result_or_validation_error(classify_by_sales, value)


@FUZZ
@given(st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none(), st.floats())))
def test_ikm_answers_never_crash(answers: list[object]) -> None:
    _result_or_validation_error(validate_ikm_answers, answers)  # type: ignore[arg-type]


@FUZZ
@given(st.text())
def test_masks_never_crash(value: str) -> None:
    assert isinstance(mask_nik(value), str)
    assert isinstance(mask_phone(value), str)


@FUZZ
@given(
    district=st.sampled_from(["32.01.01", "12.71.01", "91.06.01", "31.71.01", "73.71.01"]),
    born=st.dates(min_value=date(1927, 1, 1), max_value=date(2026, 11, 28)),
    woman=st.booleans(),
    serial=st.integers(min_value=1, max_value=9999),
)
def test_constructed_niks_decode(district: str, born: date, woman: bool, serial: int) -> None:
    today = date(2026, 11, 28)
    day = born.day + (40 if woman else 0)
    nik = f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    facts = parse_nik(nik, today=today)
    assert facts.birth_date == born
    assert facts.gender == ("P" if woman else "L")
    assert facts.district_code == district
    assert facts.serial == f"{serial:04d}"
    assert mask_nik(nik) == nik[:4] + "*" * 8 + nik[-4:]
