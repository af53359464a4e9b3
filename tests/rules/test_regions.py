from __future__ import annotations

import pytest

from plut_nb.errors import ValidationError
from plut_nb.rules import validate_region_code


def test_medan_is_a_kota() -> None:
    region = validate_region_code("12.71", level=2)
    assert (region.name, region.kind) == ("Kota Medan", "kota")


def test_biak_numfor() -> None:
    region = validate_region_code("91.06")
    assert (region.name, region.kind, region.level) == ("Kabupaten Biak Numfor", "kabupaten", 2)


@pytest.mark.parametrize(
    ("code", "dotted", "level", "kind"),
    [
        ("32", "32", 1, "provinsi"),
        ("3201", "32.01", 2, "kabupaten"),
        ("320101", "32.01.01", 3, "kecamatan"),
        ("9106", "91.06", 2, "kabupaten"),
        ("91.06.01", "91.06.01", 3, "distrik"),
        ("3201011001", "32.01.01.1001", 4, "kelurahan"),
        (" 32.01.01.1001 ", "32.01.01.1001", 4, "kelurahan"),
    ],
)
def test_valid_codes_are_normalised(code: str, dotted: str, level: int, kind: str) -> None:
    region = validate_region_code(code)
    assert (region.code, region.level, region.kind) == (dotted, level, kind)


def test_a_desa() -> None:
    desa = validate_region_code("32.01.02.2001")
    assert desa.kind == "desa"


@pytest.mark.parametrize(
    ("code", "level", "error"),
    [
        ("32.01", 4, "region.level"),
        ("32.01.01.1001", 3, "region.level"),
        ("32.00", None, "region.regency_range"),
        ("32.70", None, "region.regency_range"),
        ("32.01.01.5001", None, "region.village_kind"),
        ("32.01.01.0001", None, "region.village_kind"),
        ("00", None, "region.unknown"),
        ("32.69", None, "region.unknown"),
        ("32.01.99", None, "region.unknown"),
        ("32.01.01.2999", None, "region.unknown"),
        ("3", None, "region.format"),
        ("32.1", None, "region.format"),
        ("32-01", None, "region.format"),
        ("320101100", None, "region.format"),
        ("٣٢.٠١", None, "region.format"),
        ("<script>", None, "region.format"),
        ("3" * 10_000, None, "region.format"),
        ("", None, "required"),
        (None, None, "required"),
        (32, None, "rules.not_text"),
    ],
)
def test_invalid(code: object, level: int | None, error: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_region_code(code, level=level)
    assert [e.code for e in exc.value.errors] == [error]
    assert exc.value.errors[0].field == "region"


def test_level_message() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_region_code("32.01", level=4, field="village_code")
    assert exc.value.errors[0].field == "village_code"
    assert exc.value.message == (
        "Kode desa/kelurahan '32.01' adalah kode kabupaten/kota, padahal yang diminta kode "
        "desa/kelurahan. Pilih wilayah pada tingkat yang benar."
    )


def test_bad_level_argument() -> None:
    with pytest.raises(ValueError, match="level"):
        validate_region_code("32", level=5)
