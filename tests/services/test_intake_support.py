"""Read-side helpers of the intake form: parsing, choices, KBLI search, live facts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from plut_nb.errors import ValidationError
from plut_nb.models import ServiceType, Staff
from plut_nb.services.intake_support import (
    check_intake,
    derived_facts,
    education_choices,
    field_messages,
    home_region,
    kbli_code_from_label,
    legal_form_choices,
    online_channel_choices,
    outreach_choices,
    parse_amount,
    parse_whole_number,
    priority_choices,
    province_choices,
    region_choices,
    region_path,
    search_kbli,
    service_choices,
)
from plut_nb.settings import reset_settings

ON = date(2026, 11, 1)
VILLAGE = "12.71.01.1001"


def values(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "enterprise_name": "Keripik Sanjai Bu Rina",
        "owner_name": "Rina Siregar",
        "nik": "1271015205900001",
        "phone": "0812 3456 7890",
        "village_code": VILLAGE,
        "kbli": "10792 — INDUSTRI KUE-KUE BASAH",
        "capital": "Rp1.500.000",
        "sales": "",
        "employees": "4",
        "employees_women": "3",
        "founding_year": "2019",
        "service_code": "konsultasi_bisnis",
    }
    base.update(over)
    return base


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Rp1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("2 miliar", 2_000_000_000),
        ("1.500.000,00", 1_500_000),
        ("0", 0),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_amount_reads_how_staff_write_money(text: str | None, amount: int | None) -> None:
    assert parse_amount(text, "capital") == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5000", "size.negative"),  # lokal would read 5000: the minus must not vanish
        ("abc", "money.not_amount"),
        ("12a", "money.not_amount"),
        ("1.500.000,50", "money.not_whole"),
        ("9" * 80, "money.not_amount"),
    ],
)
def test_parse_amount_rejects_with_a_field_message(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_amount(text, "sales")
    [err] = exc.value.errors
    assert err.field == "sales" and err.code == code
    assert "Omzet tahunan" in err.message


def test_parse_whole_number() -> None:
    assert parse_whole_number(" 12 ", "employees") == 12
    assert parse_whole_number("1.200", "employees") == 1200
    assert parse_whole_number("", "employees") is None
    for bad in ("4,5", "empat", "-3", "1" * 13):
        with pytest.raises(ValidationError) as exc:
            parse_whole_number(bad, "employees")
        assert exc.value.errors[0].field == "employees"


def test_check_intake_parses_and_validates() -> None:
    valid = check_intake(values(), on=ON)
    form = valid.form
    assert form.capital == 1_500_000 and form.sales is None
    assert (form.employees, form.employees_women, form.founding_year) == (4, 3, 2019)
    assert form.kbli == "10792" and valid.kbli == "10792"
    assert valid.gender == "P" and valid.size_class == "mikro"
    assert valid.village_path.startswith("Pasar Baru")


def test_check_intake_reports_parse_and_rule_errors_together() -> None:
    with pytest.raises(ValidationError) as exc:
        check_intake(
            values(capital="banyak", employees="4,5", nik="123", phone="12345", village_code=""),
            on=ON,
        )
    by_field = exc.value.by_field
    assert set(by_field) == {"capital", "employees", "nik", "phone", "village_code"}
    assert len(by_field["capital"]) == 1 and "banyak" in by_field["capital"][0]


def test_check_intake_rule_errors_of_a_parsed_field_are_not_doubled() -> None:
    with pytest.raises(ValidationError) as exc:
        check_intake(values(employees="2", employees_women="3"), on=ON)
    assert list(exc.value.by_field) == ["employees_women"]


def test_field_messages_reports_only_the_fields_asked() -> None:
    vals = values(nik="12710152059", phone="12345", enterprise_name="")
    msgs = field_messages(vals, ["nik"], on=ON)
    assert list(msgs) == ["nik"] and "16 digit" in msgs["nik"][0]
    assert field_messages(values(), ["nik", "phone"], on=ON) == {}


def test_derived_facts_each_on_its_own() -> None:
    facts = derived_facts(values(), on=ON)
    assert facts.gender == "Perempuan" and facts.birth_date == date(1990, 5, 12)
    assert facts.size is not None and facts.size.startswith("mikro (dari modal Rp1.500.000")
    assert "PP 7/2021" in facts.size
    assert facts.region == "Pasar Baru, Medan Kota, Kota Medan, Sumatera Utara"
    assert facts.kbli is not None and facts.kbli.startswith("10792 — ")
    partial = derived_facts(
        values(nik="bad", capital="", sales="Rp20.000.000.000", village_code="12.71"), on=ON
    )
    assert partial.gender is None and partial.birth_date is None
    assert partial.size is not None and partial.size.startswith("menengah (dari omzet")
    assert partial.region is None  # a regency is not a village
    unreadable = derived_facts(values(capital="abc", sales="Rp1.000.000"), on=ON)
    assert unreadable.size is None  # never falls back to sales when capital is unreadable


def test_search_kbli_by_code_prefix_and_words() -> None:
    by_code = search_kbli("1071")
    assert by_code and all(k.code.startswith("1071") for k in by_code)
    assert all(len(k.code) == 5 for k in search_kbli("10", limit=50))
    assert len(search_kbli("1", limit=7)) == 7
    by_words = search_kbli("roti kue")
    assert "10710" in [k.code for k in by_words]
    assert all("roti" in k.title.lower() and "kue" in k.title.lower() for k in by_words)
    assert search_kbli("") == [] and search_kbli("zzzqqq") == []
    assert kbli_code_from_label("10710 — INDUSTRI PRODUK ROTI DAN KUE") == "10710"
    assert kbli_code_from_label(" roti ") == "roti"


def test_region_choices_cascade_and_home_province_first() -> None:
    provinces = province_choices("12.71")
    assert len(provinces) == 38
    assert provinces[0] == ("Sumatera Utara", "12")
    assert [c for _, c in province_choices()][:2] == ["11", "12"]
    regencies = dict((code, name) for name, code in region_choices("12"))
    assert regencies["12.71"] == "Kota Medan"
    assert ("Pasar Baru", VILLAGE) in region_choices("12.71.01")
    assert region_choices("") == [] and region_choices(VILLAGE) == []
    assert region_path(VILLAGE).startswith("Pasar Baru, Medan Kota")
    assert region_path("99.99") == "99.99"


def test_code_choices_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ("Perorangan", "perorangan") in legal_form_choices()
    assert ("Datang langsung", "datang_langsung") in outreach_choices()
    assert education_choices()[0][1] == ""
    assert [c for _, c in priority_choices()] == ["rendah", "normal", "tinggi", "mendesak"]
    assert ("Situs web", "website") in online_channel_choices()
    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    assert ("Walk-in", "datang_langsung") in outreach_choices()
    assert ("Urgent", "mendesak") in priority_choices()


def test_service_choices_and_home_region(session: Session, actor: Staff) -> None:
    choices = service_choices(session)
    codes = [c for _, c in choices]
    assert "konsultasi_bisnis" in codes and "rumah_kemasan" in codes
    assert [label for label, _ in choices] == sorted(label for label, _ in choices)
    retired = session.get(ServiceType, "pameran")
    assert retired is not None
    retired.active = False
    session.commit()
    assert "pameran" not in [c for _, c in service_choices(session)]
    assert home_region(session, actor) == "12.71"
