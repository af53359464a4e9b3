"""The intake widget in plain pytest (SQLite and PostgreSQL): fill, click, check the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.db import read_scope, session_scope
from plut_nb.errors import Conflict
from plut_nb.models import AuditEntry, Case, Enterprise, IndicatorSnapshot, Person, Staff
from plut_nb.services import IntakeForm, register_enterprise
from tests._seed import XSS_NAME
from widgets.intake import IntakeApp

VILLAGE = "12.71.01.1001"  # Pasar Baru, Medan Kota, Kota Medan
NIK_WOMAN = "1271015205900001"  # born 12 May 1990
XSS_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def make_app(engine: Engine, actor: Staff) -> Callable[[], IntakeApp]:
    def build() -> IntakeApp:
        return IntakeApp(
            actor, sessions=lambda: read_scope(engine), writes=lambda: session_scope(engine)
        )

    return build


@pytest.fixture
def app(make_app: Callable[[], IntakeApp]) -> IntakeApp:
    return make_app()


def fill(app: IntakeApp, **over: object) -> None:
    values: dict[str, object] = {
        "enterprise_name": "Keripik Sanjai Bu Rina",
        "nib": "1234567890123",
        "legal_form": "cv",
        "kbli": "10792",
        "products": "keripik balado",
        "street_address": "Jl. Sisingamangaraja 12",
        "founding_year": "2019",
        "outreach_channel": "media_sosial",
        "owner_name": "Rina Siregar",
        "nik": NIK_WOMAN,
        "phone": "0812 3456 7890",
        "email": "rina@contoh.id",
        "education": "sma_smk",
        "capital": "Rp1.500.000",
        "sales": "120 jt",
        "employees": "4",
        "employees_women": "3",
        "market_regional": True,
        "service_code": "konsultasi_bisnis",
        "description": "Ingin memperluas pemasaran",
        "priority": "tinggi",
    }
    village = str(over.pop("village", VILLAGE))
    values.update(over)
    for name, value in values.items():
        app.fields.inputs[name].value = value
    app.fields.online["whatsapp"].value = True
    app.fields.online["shopee"].value = True
    if village:
        app.fields.set_village(village)


def count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_form_starts_at_the_centres_region_with_the_catalogue(app: IntakeApp) -> None:
    f = app.fields
    assert f.province.options[1] == ("Sumatera Utara", "12")  # the centre's province first
    assert (f.province.value, f.regency.value, f.district.value) == ("12", "12.71", "")
    assert ("Medan Kota", "12.71.01") in f.district.options
    services = dict(f.inputs["service_code"].options)
    assert services["Konsultasi bisnis"] == "konsultasi_bisnis"
    assert f.inputs["service_code"].value == "" and f.inputs["priority"].value == "normal"
    assert "Skala usaha" in app.facts.value and app.status.value == ""


def test_live_checks_and_derived_facts(app: IntakeApp) -> None:
    f = app.fields
    f.inputs["nik"].value = "12710152059"
    assert "16 digit" in f.messages["nik"].value
    f.inputs["nik"].value = NIK_WOMAN
    assert f.messages["nik"].value == ""
    assert "Perempuan" in app.facts.value and "12-05-1990" in app.facts.value
    f.inputs["phone"].value = "12345"
    assert "Nomor HP" in f.messages["phone"].value
    f.inputs["nib"].value = "12ab"
    assert "NIB" in f.messages["nib"].value
    f.inputs["capital"].value = "banyak"
    assert "banyak" in f.messages["capital"].value
    f.inputs["capital"].value = "Rp6.000.000.000"
    assert f.messages["capital"].value == ""
    assert "menengah (dari modal Rp6.000.000.000" in app.facts.value
    f.kbli.value = "roti"
    assert "10710 — INDUSTRI PRODUK ROTI DAN KUE" in f.kbli.options
    f.kbli.value = "10710 — INDUSTRI PRODUK ROTI DAN KUE"
    assert "10710 — INDUSTRI PRODUK ROTI DAN KUE" in app.facts.value
    f.set_village(VILLAGE)
    assert "Pasar Baru, Medan Kota, Kota Medan, Sumatera Utara" in app.facts.value
    f.province.value = "91"  # another province empties the lower levels
    assert (f.regency.value, f.district.value, f.village.value) == ("", "", "")
    assert len(f.district.options) == 1 and "Pasar Baru" not in app.facts.value


def test_valid_save_writes_everything_shows_case_number_and_clears(
    app: IntakeApp, engine: Engine, actor: Staff
) -> None:
    fill(app)
    app.save_button.click()
    assert app.result is not None and app.result.created_enterprise
    number = app.result.case_number
    assert number in app.status.value and "plut-ok" in app.status.value
    assert "Keripik Sanjai Bu Rina" in app.status.value and "Konsultasi bisnis" in app.status.value
    with Session(engine) as s:
        ent = s.get(Enterprise, app.result.enterprise_id)
        assert ent is not None and ent.name == "Keripik Sanjai Bu Rina"
        assert (ent.nib, ent.kbli_code, ent.legal_form) == ("1234567890123", "10792", "cv")
        assert ent.village_code == VILLAGE and ent.registered_centre_id == actor.centre_id
        assert ent.online_channels == ["whatsapp", "shopee"] and ent.founding_year == 2019
        person = s.get(Person, app.result.person_id)
        assert person is not None and person.gender == "P" and person.phone == "+6281234567890"
        assert person.education == "sma_smk"
        case = s.get(Case, app.result.case_id)
        assert case is not None and case.number == number and case.priority == "tinggi"
        assert case.centre_id == actor.centre_id and case.channel == "media_sosial"
        snap = s.execute(select(IndicatorSnapshot)).scalar_one()
        assert (snap.capital, snap.sales_annual) == (1_500_000, 120_000_000)
        assert (snap.employees_total, snap.employees_women) == (4, 3)
        assert snap.market_regional and snap.size_class == "mikro"
        assert s.execute(select(func.count()).select_from(AuditEntry)).scalar_one() >= 3
    f = app.fields
    assert all(f.inputs[n].value == "" for n in ("enterprise_name", "nik", "phone", "capital"))
    assert f.inputs["legal_form"].value == "perorangan" and not f.online["whatsapp"].value
    assert (f.province.value, f.regency.value, f.village.value) == ("12", "12.71", "")
    assert "Perempuan" not in app.facts.value


def test_invalid_fields_get_messages_nothing_written_values_kept(
    app: IntakeApp, engine: Engine
) -> None:
    fill(app, nik="1271019999900001", phone="12345", village="")
    app.save_button.click()
    f = app.fields
    assert "NIK" in f.messages["nik"].value
    assert "Nomor HP" in f.messages["phone"].value
    assert "wajib diisi" in f.messages["village_code"].value
    assert f.messages["enterprise_name"].value == ""
    assert "Periksa kembali" in app.status.value and app.result is None
    assert count(engine, Enterprise) == 0 and count(engine, Case) == 0
    assert f.inputs["enterprise_name"].value == "Keripik Sanjai Bu Rina"
    assert (
        f.inputs["nik"].value == "1271019999900001" and f.inputs["capital"].value == "Rp1.500.000"
    )
    assert f.online["shopee"].value and f.province.value == "12"
    # fixing the fields and saving again works, and the old messages go away
    f.inputs["nik"].value = NIK_WOMAN
    f.inputs["phone"].value = "0812 3456 7890"
    f.set_village(VILLAGE)
    app.save_button.click()
    assert app.result is not None and f.messages["phone"].value == ""
    assert count(engine, Enterprise) == 1


def test_required_fields_on_an_empty_form(app: IntakeApp, engine: Engine) -> None:
    app.save_button.click()
    for name in ("enterprise_name", "owner_name", "village_code", "service_code"):
        assert "wajib diisi" in app.fields.messages[name].value, name
    assert count(engine, Enterprise) == 0


def _existing(engine: Engine, actor: Staff, name: str = "Keripik Sanjai Bu Rina") -> int:
    with session_scope(engine) as s:
        form = IntakeForm(
            enterprise_name=name,
            nib="1234567890123",
            village_code=VILLAGE,
            owner_name="Rina Siregar",
            nik=NIK_WOMAN,
            service_code="branding",
        )
        return register_enterprise(s, actor, form).enterprise_id


def test_duplicate_same_enterprise_opens_a_new_case(
    app: IntakeApp, engine: Engine, actor: Staff
) -> None:
    existing = _existing(engine, actor)
    fill(app)
    app.save_button.click()
    assert [c.enterprise_id for c in app.candidates] == [existing]
    assert app.result is None and count(engine, Case) == 1  # nothing saved yet
    shown = "".join(getattr(c, "value", "") for c in _leaves(app.duplicates))
    assert "Keripik Sanjai Bu Rina" in shown and "NIB sama" in shown
    app.same_buttons[0].click()
    assert app.result is not None and not app.result.created_enterprise
    assert app.result.enterprise_id == existing
    assert count(engine, Enterprise) == 1 and count(engine, Case) == 2
    assert app.result.case_number in app.status.value and app.duplicates.children == ()
    assert app.fields.inputs["enterprise_name"].value == ""


def test_duplicate_new_enterprise_registers_another(
    app: IntakeApp, engine: Engine, actor: Staff
) -> None:
    existing = _existing(engine, actor, name="Keripik Sanjai Ibu Rina")
    fill(app, nib="", nik="1271010101800002", phone="0813 1111 2222")  # only the name is alike
    app.save_button.click()
    assert [(c.enterprise_id, c.reason) for c in app.candidates] == [(existing, "nama_mirip")]
    app.new_button.click()
    assert app.result is not None and app.result.created_enterprise
    assert app.result.enterprise_id != existing
    assert count(engine, Enterprise) == 2 and count(engine, Person) == 2


def test_choosing_new_with_a_taken_nib_keeps_values_and_marks_the_field(
    app: IntakeApp, engine: Engine, actor: Staff
) -> None:
    _existing(engine, actor)
    fill(app, nik="1271010101800002")
    app.save_button.click()
    app.new_button.click()
    assert app.result is None and "sudah terdaftar" in app.fields.messages["nib"].value
    assert app.fields.inputs["enterprise_name"].value == "Keripik Sanjai Bu Rina"
    assert count(engine, Enterprise) == 1 and count(engine, Case) == 1


def test_duplicate_list_escapes_names(app: IntakeApp, engine: Engine, actor: Staff) -> None:
    _existing(engine, actor, name=XSS_NAME)
    fill(app, enterprise_name=XSS_NAME, nib="", nik="", phone="")
    app.save_button.click()
    html = "".join(getattr(c, "value", "") for c in _leaves(app.duplicates))
    assert XSS_ESCAPED in html and XSS_NAME not in html
    app.new_button.click()
    assert XSS_ESCAPED in app.status.value and XSS_NAME not in app.status.value


def test_unexpected_failure_keeps_values_and_shows_no_internals(
    app: IntakeApp, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets.intake as mod

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals at /srv/plut")

    monkeypatch.setattr(mod, "register_enterprise", boom)
    fill(app)
    app.save_button.click()
    assert "kesalahan tak terduga" in app.status.value
    assert "secret" not in app.status.value and "Traceback" not in app.status.value
    assert app.result is None and count(engine, Enterprise) == 0
    assert app.fields.inputs["description"].value == "Ingin memperluas pemasaran"
    assert app.fields.village.value == VILLAGE and app.fields.inputs["sales"].value == "120 jt"


def test_conflict_is_shown_at_its_field(app: IntakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    import widgets.intake as mod

    def taken(*_a: object, **_k: object) -> None:
        raise Conflict("NIK 1271********0001 sudah terdaftar", entity="nik", key="x")

    monkeypatch.setattr(mod, "register_enterprise", taken)
    fill(app)
    app.save_button.click()
    assert "sudah terdaftar" in app.status.value
    assert "sudah terdaftar" in app.fields.messages["nik"].value
    assert app.fields.inputs["nik"].value == NIK_WOMAN


def test_english_labels(make_app: Callable[[], IntakeApp], monkeypatch: pytest.MonkeyPatch) -> None:
    from plut_nb.settings import reset_settings

    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    app = make_app()
    assert app.save_button.description == "Save"
    assert app.fields.inputs["enterprise_name"].description == "Enterprise name"
    assert app.fields.province.description == "Province"
    app.save_button.click()
    assert "Owner name is required." in app.fields.messages["owner_name"].value


def _leaves(widget: object) -> list[object]:
    kids = getattr(widget, "children", None)
    if not kids:
        return [widget]
    return [leaf for k in kids for leaf in _leaves(k)]


def test_prefetch_loads_reference_tables_in_the_background() -> None:
    from plut_nb.reference.regions import _children
    from widgets.intake import prefetch_reference_data

    worker = prefetch_reference_data()
    worker.join(timeout=60)
    assert not worker.is_alive() and worker.daemon
    assert _children.cache_info().currsize >= 1  # the province list is cached
