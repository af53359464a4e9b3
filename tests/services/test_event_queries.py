"""The events app's queries and form services, on SQLite and PostgreSQL, with known answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, col

from plut_nb.errors import NotFound, PermissionDenied, ValidationError
from plut_nb.models import AuditEntry, Centre, Enterprise, Event, EventAttendance, Staff
from plut_nb.services.event_queries import (
    AttendanceInput,
    EventInput,
    create_event_from_form,
    event_totals,
    find_enterprises_for_event,
    get_event,
    list_events,
    list_registrations,
    parse_sales,
    save_attendance,
)
from plut_nb.services.events import (
    create_event,
    mark_attendance,
    record_event_sales,
    register_for_event,
)


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
def other(session: Session) -> Staff:
    centre = Centre(code="PLUT-BIAK", name="PLUT Biak", level="kabupaten_kota", region_code="91.06")
    session.add(centre)
    session.flush()
    staff = Staff(centre_id=centre.id, username="cs.biak", name="Yuliana", roles=["front_office"])  # type: ignore[arg-type]
    session.add(staff)
    session.commit()
    return staff


@pytest.fixture
def world(session: Session, actor: Staff, other: Staff) -> dict[str, int]:
    """Three events here (one with four registrations), one at another centre."""
    ids = {
        "kopi": _enterprise(session, actor.centre_id, "Kopi Sidikalang", "9120000000001"),
        "ulos": _enterprise(session, actor.centre_id, "Ulos Tarutung", "9120000000002"),
        "bika": _enterprise(session, actor.centre_id, "Bika Ambon Zulaikha", None),
        "andaliman": _enterprise(session, actor.centre_id, "Andaliman Toba", "9120000000003"),
    }
    old = create_event(
        session, actor, kind="pelatihan", name="Pelatihan", starts_on=date(2026, 1, 10)
    )
    expo = create_event(
        session,
        actor,
        kind="pameran",
        name="Pameran Medan",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 3),
        place="Lapangan Merdeka",
        partner_community="IWAPI",
    )
    newest = create_event(session, actor, kind="promosi", name="Bazar", starts_on=date(2026, 5, 2))
    far = create_event(
        session, other, kind="pameran", name="Pameran Biak", starts_on=date(2026, 6, 1)
    )
    for key in ("kopi", "ulos", "bika", "andaliman"):
        register_for_event(session, actor, expo.id, ids[key], on=date(2026, 2, 20))  # type: ignore[arg-type]
    record_event_sales(session, actor, expo.id, ids["kopi"], 1_500_000)  # type: ignore[arg-type]
    record_event_sales(session, actor, expo.id, ids["ulos"], 2_750_000)  # type: ignore[arg-type]
    mark_attendance(session, actor, expo.id, ids["bika"], True)  # type: ignore[arg-type]
    register_for_event(session, actor, old.id, ids["kopi"])  # type: ignore[arg-type]
    session.commit()
    ids |= {"old": old.id, "expo": expo.id, "newest": newest.id, "far": far.id}  # type: ignore[dict-item]
    return ids


def test_list_events_is_the_centres_newest_first_with_counts(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    res = list_events(session, actor)
    assert [r.name for r in res.rows] == ["Bazar", "Pameran Medan", "Pelatihan"]
    assert res.total == 3 and res.pages == 1
    expo = res.rows[1]
    assert (expo.registered, expo.attended) == (4, 3)
    assert (expo.place, expo.partner_community, expo.ends_on) == (
        "Lapangan Merdeka",
        "IWAPI",
        date(2026, 3, 3),
    )
    assert (res.rows[0].registered, res.rows[0].attended) == (0, 0)
    assert (res.rows[2].registered, res.rows[2].attended) == (1, 0)
    page2 = list_events(session, actor, page=2, page_size=2)
    assert [r.name for r in page2.rows] == ["Pelatihan"] and page2.pages == 2


def test_get_event_refuses_another_centres_event(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    assert get_event(session, actor, world["expo"]).name == "Pameran Medan"
    with pytest.raises(PermissionDenied):
        get_event(session, actor, world["far"])
    with pytest.raises(NotFound):
        get_event(session, actor, 99_999)


def test_totals_and_registrations(session: Session, actor: Staff, world: dict[str, int]) -> None:
    tot = event_totals(session, actor, world["expo"])
    assert (tot.registered, tot.attended, tot.sales) == (4, 3, 4_250_000)
    empty = event_totals(session, actor, world["newest"])
    assert (empty.registered, empty.attended, empty.sales) == (0, 0, 0)
    regs = list_registrations(session, actor, world["expo"], page_size=3)
    assert regs.total == 4 and regs.pages == 2
    assert [(r.name, r.nib, r.attended, r.sales) for r in regs.rows] == [
        ("Andaliman Toba", "9120000000003", False, None),
        ("Bika Ambon Zulaikha", None, True, None),
        ("Kopi Sidikalang", "9120000000001", True, 1_500_000),
    ]
    last = list_registrations(session, actor, world["expo"], page=2, page_size=3)
    assert [r.name for r in last.rows] == ["Ulos Tarutung"]
    assert last.rows[0].registered_on == date(2026, 2, 20)


def test_find_enterprises_marks_the_registered(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    by_name = find_enterprises_for_event(session, actor, world["old"], "kopi")
    assert [(r.name, r.registered) for r in by_name.rows] == [("Kopi Sidikalang", True)]
    by_nib = find_enterprises_for_event(session, actor, world["old"], "9120000000002")
    assert [(r.name, r.registered) for r in by_nib.rows] == [("Ulos Tarutung", False)]
    everything = find_enterprises_for_event(session, actor, world["newest"], "", page_size=3)
    assert everything.total == 4 and everything.pages == 2
    assert not any(r.registered for r in everything.rows)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Rp1.500.000", 1_500_000),
        ("1.500.000", 1_500_000),
        (" 250000 ", 250_000),
        ("Rp 0", 0),
        ("Rp1.500.000,-", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("", None),
        ("  ", None),
    ],
)
def test_parse_sales_accepts_rupiah_text(text: str, amount: int | None) -> None:
    assert parse_sales(text) == amount


@pytest.mark.parametrize("text", ["-5000", "Rp1,5", "abc", "1.50.000", "1.500.000,50"])
def test_parse_sales_rejects_what_is_not_a_whole_amount(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_sales(text)
    assert info.value.errors[0].field == "sales_event"
    assert "Penjualan di acara" in info.value.message


def _count(session: Session, model: type) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_create_event_from_form_reports_every_field_and_writes_nothing(
    session: Session, actor: Staff
) -> None:
    with pytest.raises(ValidationError) as info:
        create_event_from_form(session, actor, EventInput(kind="pameran", name=" ", starts_on=None))
    assert set(info.value.by_field) == {"name", "starts_on"}
    assert "Tanggal mulai wajib diisi." in info.value.by_field["starts_on"]
    form = EventInput(
        kind="pameran",
        name="Pameran",
        starts_on=date(2026, 5, 2),
        ends_on=date(2026, 5, 1),
        place="x" * 301,
    )
    with pytest.raises(ValidationError) as info:
        create_event_from_form(session, actor, form)
    assert set(info.value.by_field) == {"ends_on", "place"}
    long_only = EventInput(
        kind="pameran", name="Pameran", starts_on=date(2026, 5, 2), partner_community="y" * 201
    )
    with pytest.raises(ValidationError) as info:
        create_event_from_form(session, actor, long_only)
    assert set(info.value.by_field) == {"partner_community"}
    session.commit()
    assert _count(session, Event) == 0 and _count(session, AuditEntry) == 0


def test_create_event_from_form_saves_and_audits(session: Session, actor: Staff) -> None:
    event = create_event_from_form(
        session,
        actor,
        EventInput(
            kind="temu_bisnis",
            name="  Temu Bisnis Kopi ",
            starts_on=date(2026, 7, 1),
            place="Hotel",
            partner_community="  ",
        ),
    )
    session.commit()
    stored = session.get(Event, event.id)
    assert stored is not None and stored.centre_id == actor.centre_id
    assert (stored.name, stored.ends_on, stored.partner_community) == (
        "Temu Bisnis Kopi",
        date(2026, 7, 1),
        None,
    )
    audit = (
        session.execute(select(AuditEntry).where(col(AuditEntry.entity) == "event")).scalars().all()
    )
    assert [(a.action, a.actor_id) for a in audit] == [("create", actor.id)]


def _attendance(session: Session, event_id: int) -> dict[int, tuple[bool, int | None]]:
    session.expire_all()
    rows = session.execute(select(EventAttendance).where(col(EventAttendance.event_id) == event_id))
    return {a.enterprise_id: (a.attended, a.sales) for a in rows.scalars()}


def test_save_attendance_writes_ticks_and_sales(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    before = _count(session, AuditEntry)
    changed = save_attendance(
        session,
        actor,
        world["expo"],
        [
            AttendanceInput(world["kopi"], True, "Rp1.500.000"),  # unchanged
            AttendanceInput(world["ulos"], True, "Rp3.000.000"),  # new sales
            AttendanceInput(world["bika"], False, ""),  # no longer attended
            AttendanceInput(world["andaliman"], True, "0"),  # attended, no sales
        ],
    )
    session.commit()
    assert changed == 3
    assert _count(session, AuditEntry) == before + 3
    assert _attendance(session, world["expo"]) == {
        world["kopi"]: (True, 1_500_000),
        world["ulos"]: (True, 3_000_000),
        world["bika"]: (False, None),
        world["andaliman"]: (True, 0),
    }
    assert event_totals(session, actor, world["expo"]).sales == 4_500_000


def test_save_attendance_is_all_or_nothing_with_row_errors(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    before = _attendance(session, world["expo"])
    with pytest.raises(ValidationError) as info:
        save_attendance(
            session,
            actor,
            world["expo"],
            [
                AttendanceInput(world["andaliman"], True, "Rp200.000"),  # fine on its own
                AttendanceInput(world["bika"], False, "Rp50.000"),  # sales without attendance
                AttendanceInput(world["kopi"], True, ""),  # blanks recorded sales
                AttendanceInput(world["ulos"], True, "banyak"),  # not an amount
            ],
        )
    by_field = info.value.by_field
    assert set(by_field) == {
        f"sales:{world['bika']}",
        f"sales:{world['kopi']}",
        f"sales:{world['ulos']}",
    }
    assert by_field[f"sales:{world['bika']}"][0].startswith("Bika Ambon Zulaikha:")
    assert "isi 0" in by_field[f"sales:{world['kopi']}"][0]
    assert "banyak" in by_field[f"sales:{world['ulos']}"][0]
    session.rollback()
    assert _attendance(session, world["expo"]) == before


def test_save_attendance_refuses_other_centres_and_unregistered(
    session: Session, actor: Staff, other: Staff, world: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied):
        save_attendance(session, other, world["expo"], [AttendanceInput(world["kopi"], True)])
    with pytest.raises(ValidationError) as info:
        save_attendance(session, actor, world["newest"], [AttendanceInput(world["kopi"], True)])
    assert list(info.value.by_field) == [f"attended:{world['kopi']}"]


def test_recorded_sales_keep_the_enterprise_attended(
    session: Session, actor: Staff, world: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as info:
        save_attendance(
            session, actor, world["expo"], [AttendanceInput(world["kopi"], False, "Rp1.500.000")]
        )
    assert list(info.value.by_field) == [f"attended:{world['kopi']}"]
    assert "centang 'Hadir' kembali" in info.value.message
