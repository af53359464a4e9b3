"""The events app in plain pytest: fill the form, click, check the database and what is shown."""

from __future__ import annotations

from datetime import date

import ipywidgets as w
import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from plut_nb.models import Enterprise, Event, EventAttendance, Staff
from plut_nb.services.events import create_event
from tests._seed import XSS_NAME
from widgets.events import EventsApp, rupiah


def _enterprise(session: Session, centre_id: int, name: str, nib: str | None = None) -> int:
    ent = Enterprise(
        name=name,
        name_key=name.lower(),
        nib=nib,
        village_code="12.71.01.1001",
        district_code="12.71.01",
        regency_code="12.71",
        province_code="12",
        registered_centre_id=centre_id,
        registered_on=date(2026, 1, 5),
    )
    session.add(ent)
    session.flush()
    assert ent.id is not None
    return ent.id


@pytest.fixture
def seeded(session: Session, actor: Staff) -> dict[str, int]:
    ids = {
        "kopi": _enterprise(session, actor.centre_id, "Kopi Sidikalang", "9120000000001"),
        "ulos": _enterprise(session, actor.centre_id, "Ulos Tarutung", "9120000000002"),
        "xss": _enterprise(session, actor.centre_id, XSS_NAME),
    }
    expo = create_event(
        session, actor, kind="pameran", name="Pameran Medan", starts_on=date(2026, 3, 1)
    )
    session.commit()
    assert expo.id is not None
    return ids | {"expo": expo.id}


@pytest.fixture
def app(engine: Engine, actor: Staff, seeded: dict[str, int]) -> EventsApp:
    return EventsApp(actor, engine=engine, page_size=5)


def _html(widget: w.Widget) -> str:
    """Every HTML value shown under ``widget``."""
    if isinstance(widget, w.HTML):
        return str(widget.value)
    return "".join(_html(c) for c in getattr(widget, "children", ()))


def _attendance(engine: Engine, event_id: int) -> dict[int, tuple[bool, int | None]]:
    with Session(engine) as s:
        rows = s.execute(select(EventAttendance).where(col(EventAttendance.event_id) == event_id))
        return {a.enterprise_id: (a.attended, a.sales) for a in rows.scalars()}


def _count_events(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.execute(select(func.count()).select_from(Event)).scalar_one())


def test_rupiah_round_trips_through_the_sales_field() -> None:
    assert rupiah(1_500_000) == "Rp1.500.000" and rupiah(0) == "Rp0"


def test_lists_the_centres_events_and_opens_one(app: EventsApp, seeded: dict[str, int]) -> None:
    assert "1 acara" in app.events_status.value
    assert "Pameran Medan" in _html(app.events_box)
    assert app.detail.layout.display == "none"
    app.events_box.children[0].children[0].click()
    assert app.event_id == seeded["expo"] and app.detail.layout.display is None
    assert "Pameran Medan" in app.event_header.value
    assert "Terdaftar: 0 · Hadir: 0 · Penjualan: Rp0" in app.totals.value
    assert "Belum ada peserta" in app.registrations_status.value


def test_create_event_saves_clears_and_opens_it(app: EventsApp, engine: Engine) -> None:
    app.kind.value = "pelatihan"
    app.name.value = XSS_NAME
    app.starts_on.value = date(2026, 8, 17)
    app.ends_on.value = date(2026, 8, 18)
    app.place.value = "<b>Aula</b>"
    app.partner.value = "IWAPI & HIPMI"
    app.create_button.click()
    with Session(engine) as s:
        event = s.execute(select(Event).where(col(Event.kind) == "pelatihan")).scalar_one()
    assert (event.name, event.place, event.partner_community, event.ends_on) == (
        XSS_NAME,
        "<b>Aula</b>",
        "IWAPI & HIPMI",
        date(2026, 8, 18),
    )
    assert "plut-ok" in app.create_message.value
    assert app.name.value == "" and app.starts_on.value is None
    assert app.event_id == event.id
    shown = app.event_header.value + _html(app.events_box) + app.create_message.value
    assert XSS_NAME not in shown and "<b>Aula</b>" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.event_header.value
    assert "&lt;b&gt;Aula&lt;/b&gt;" in app.event_header.value
    assert "IWAPI &amp; HIPMI" in _html(app.events_box)
    assert "2 acara" in app.events_status.value


def test_create_event_errors_per_field_and_input_kept(app: EventsApp, engine: Engine) -> None:
    app.name.value = "   "
    app.place.value = "Lapangan Merdeka"
    app.create_button.click()
    assert "Nama wajib diisi." in app.field_errors["name"].value
    assert "Tanggal mulai wajib diisi." in app.field_errors["starts_on"].value
    assert app.field_errors["place"].value == ""
    assert "plut-error" in app.create_message.value
    assert app.place.value == "Lapangan Merdeka"
    app.name.value = "Pelatihan Kemasan"
    app.starts_on.value = date(2026, 9, 2)
    app.ends_on.value = date(2026, 9, 1)
    app.create_button.click()
    assert app.field_errors["name"].value == "" and app.field_errors["starts_on"].value == ""
    assert "Tanggal selesai" in app.field_errors["ends_on"].value
    assert app.name.value == "Pelatihan Kemasan" and app.ends_on.value == date(2026, 9, 1)
    assert _count_events(engine) == 1


def test_register_mark_attendance_and_sales(
    app: EventsApp, engine: Engine, seeded: dict[str, int]
) -> None:
    app.open_event(seeded["expo"])
    app.query.value = "9120000000001"
    app.search_button.click()
    assert "1 usaha ditemukan" in app.candidates_status.value
    app.candidates_box.children[0].children[0].click()
    assert _attendance(engine, seeded["expo"]) == {seeded["kopi"]: (False, None)}
    assert "Kopi Sidikalang terdaftar" in app.save_message.value
    assert app.candidates_box.children[0].children[0].disabled  # now registered
    assert "sudah terdaftar" in _html(app.candidates_box)
    app.query.value = ""
    app.search_button.click()
    xss_row = next(r for r in app.candidates_box.children if "onerror" in _html(r))
    assert XSS_NAME not in _html(xss_row)
    xss_row.children[0].click()
    assert len(app.rows) == 2 and "Terdaftar: 2" in app.totals.value
    assert XSS_NAME not in _html(app.registrations_box)

    rows = {eid: (tick, sales) for eid, tick, sales, _err in app.rows}
    rows[seeded["kopi"]][0].value = True
    rows[seeded["kopi"]][1].value = "Rp1.500.000"
    rows[seeded["xss"]][0].value = True
    app.save_button.click()
    assert "2 peserta diperbarui" in app.save_message.value
    assert _attendance(engine, seeded["expo"]) == {
        seeded["kopi"]: (True, 1_500_000),
        seeded["xss"]: (True, None),
    }
    assert "Terdaftar: 2 · Hadir: 2 · Penjualan: Rp1.500.000" in app.totals.value
    assert "Hadir: 2" in _html(app.events_box)
    shown = {eid: sales.value for eid, _tick, sales, _err in app.rows}
    assert shown[seeded["kopi"]] == "Rp1.500.000"


def test_bad_sales_shows_row_error_keeps_input_writes_nothing(
    app: EventsApp, engine: Engine, seeded: dict[str, int]
) -> None:
    app.open_event(seeded["expo"])
    app.query.value = "tarutung"
    app.search_button.click()
    app.candidates_box.children[0].children[0].click()
    app.query.value = "sidikalang"
    app.search_button.click()
    app.candidates_box.children[0].children[0].click()
    rows = {eid: (tick, sales, err) for eid, tick, sales, err in app.rows}
    rows[seeded["kopi"]][0].value = True
    rows[seeded["kopi"]][1].value = "Rp2.000.000"
    rows[seeded["ulos"]][1].value = "banyak"  # not an amount, and not ticked
    app.save_button.click()
    assert (
        "banyak" in rows[seeded["ulos"]][2].value
        and "Ulos Tarutung" in rows[seeded["ulos"]][2].value
    )
    assert rows[seeded["kopi"]][2].value == ""
    assert "plut-error" in app.save_message.value
    assert (
        rows[seeded["kopi"]][1].value == "Rp2.000.000" and rows[seeded["ulos"]][1].value == "banyak"
    )
    assert _attendance(engine, seeded["expo"]) == {
        seeded["kopi"]: (False, None),
        seeded["ulos"]: (False, None),
    }
    rows[seeded["ulos"]][1].value = "Rp50.000"  # an amount now, but the box is not ticked
    app.save_button.click()
    assert "centang &#x27;Hadir&#x27;" in rows[seeded["ulos"]][2].value
    assert _attendance(engine, seeded["expo"])[seeded["kopi"]] == (False, None)


def test_registering_keeps_unsaved_ticks(app: EventsApp, seeded: dict[str, int]) -> None:
    app.open_event(seeded["expo"])
    app.query.value = "sidikalang"
    app.search_button.click()
    app.candidates_box.children[0].children[0].click()
    app.rows[0][1].value = True
    app.rows[0][2].value = "Rp75.000"
    app.query.value = "tarutung"
    app.search_button.click()
    app.candidates_box.children[0].children[0].click()
    typed = {eid: (tick.value, sales.value) for eid, tick, sales, _err in app.rows}
    assert typed == {seeded["kopi"]: (True, "Rp75.000"), seeded["ulos"]: (False, "")}


def test_unexpected_failure_is_a_message_not_a_traceback(
    app: EventsApp, seeded: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets.events as mod

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(mod, "save_attendance", boom)
    app.open_event(seeded["expo"])
    app.save_button.click()
    assert "secret internals" not in app.save_message.value
    assert "kesalahan tak terduga" in app.save_message.value
