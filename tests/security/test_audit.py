"""The audit trail: every change recorded (who, when, what, before/after), read by managers, append-only.

SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlmodel import Session, col

from plut_nb.errors import PermissionDenied
from plut_nb.models import AuditEntry, Person, Staff
from plut_nb.rules import mask_nik, mask_phone
from plut_nb.services.case_history import case_audit
from plut_nb.services.cases import (
    SnapshotInput,
    log_activity,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
    update_referral,
)
from plut_nb.services.events import mark_attendance, record_event_sales, register_for_event
from plut_nb.services.intake import IntakeForm, register_enterprise
from tests.security import OWNERS, World, build_world, version

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        return build_world(s)


def _entries(s: Session) -> list[AuditEntry]:
    return list(s.execute(select(AuditEntry).order_by(col(AuditEntry.id))).scalars())


def test_every_change_is_audited_with_who_when_what_before_and_after(
    engine: Engine, world: World
) -> None:
    with Session(engine, expire_on_commit=False) as s:
        first = len(_entries(s))
        kons = s.get(Staff, world.staff["consultant"].id)
        mgr = s.get(Staff, world.staff["manager"].id)
        fo = s.get(Staff, world.staff["front_office"].id)
        assert kons is not None and mgr is not None and fo is not None
        work, done = world.cases["work"], world.cases["done"]
        nik, phone = "1271010101800199", "081270000199"
        register_enterprise(
            s, fo, IntakeForm(enterprise_name="Usaha Audit", village_code="12.71.01.1001",
                              owner_name="Pemilik Audit", nik=nik, phone=phone,
                              service_code="branding"),
        )  # fmt: skip
        log_activity(s, kons, work, held_on=date(2026, 3, 3), minutes=45, notes="Sesi 1",
                     expected_version=version(s, work))  # fmt: skip
        ref = refer_case(s, kons, work, partner_type="bpom", partner_name="BPOM Medan",
                         follow_up_on=date(2099, 1, 1), expected_version=version(s, work))  # fmt: skip
        assert ref.id is not None
        update_referral(s, kons, ref.id, status="diterima", outcome="Lengkap",
                        expected_version=version(s, work))  # fmt: skip
        record_permit(s, kons, work, permit_type="nib", expected_version=version(s, work))
        record_snapshot(s, kons, world.enterprises["work"], SnapshotInput(date(2026, 3, 4), 9))
        record_survey(s, fo, done, [4] * 9, comment="Baik")
        register_for_event(s, mgr, world.events["a"], world.enterprises["new"])
        mark_attendance(s, mgr, world.events["a"], world.enterprises["new"])
        record_event_sales(s, mgr, world.events["a"], world.enterprises["new"], 100_000)
        s.commit()
        entries = _entries(s)[first:]
    got = [(e.entity, e.action) for e in entries]
    assert got == [
        ("person", "create"), ("enterprise", "create"), ("ownership", "create"),
        ("indicator_snapshot", "create"), ("case", "create"),
        ("activity", "create"), ("referral", "create"), ("referral", "update"),
        ("permit", "create"), ("indicator_snapshot", "create"), ("survey", "create"),
        ("event_attendance", "create"), ("event_attendance", "update"),
        ("event_attendance", "update"),
    ]  # fmt: skip
    for e in entries:
        assert e.actor_id is not None and e.at is not None and e.after, (e.entity, e.action)
        assert (e.before is None) == (e.action == "create"), (e.entity, e.action)
        if e.action == "update":
            assert e.before != e.after
    person = entries[0].after or {}
    assert person["nik"] == mask_nik(nik) and person["phone"] == mask_phone(phone)
    assert "email" not in person and person["name"] == "Pemilik Audit"
    dumped = json.dumps([[e.before, e.after] for e in entries])
    assert nik not in dumped and phone[1:] not in dumped
    referral_update = entries[7]
    assert (referral_update.before or {})["status"] == "dikirim"
    assert (referral_update.after or {})["status"] == "diterima"


def test_case_changes_record_before_and_after(engine: Engine, world: World) -> None:
    with Session(engine) as s:
        rows = s.execute(
            select(AuditEntry)
            .where(col(AuditEntry.entity) == "case", col(AuditEntry.entity_id) == str(world.cases["done"]))
            .order_by(col(AuditEntry.id))
        ).scalars().all()  # fmt: skip
    assert [r.action for r in rows] == ["create", "assign", "status:dalam_proses", "status:selesai"]
    assign = rows[1]
    assert (assign.before or {})["assigned_staff_id"] is None
    assert (assign.after or {})["assigned_staff_id"] == world.staff["consultant"].id
    assert (rows[3].before or {})["status"] == "dalam_proses"
    assert (rows[3].after or {})["resolution"] == "Selesai dibina"


def test_managers_read_a_cases_audit_trail_others_do_not(engine: Engine, world: World) -> None:
    with Session(engine, expire_on_commit=False) as s:
        mgr = s.get(Staff, world.staff["manager"].id)
        kons = s.get(Staff, world.staff["consultant"].id)
        other = s.get(Staff, world.staff["b_manager"].id)
        assert mgr is not None and kons is not None and other is not None
        work = world.cases["work"]
        log_activity(s, kons, work, held_on=date(2026, 3, 3), minutes=30,
                     expected_version=version(s, work))  # fmt: skip
        with pytest.raises(PermissionDenied):
            case_audit(s, kons, work)
        with pytest.raises(PermissionDenied) as info:
            case_audit(s, other, work)
        assert info.value.centre == "PLUT-SUMUT"
        s.commit()  # the activity; the refusals are written after this transaction
        trail = case_audit(s, mgr, work)
    actions = [(r.entity, r.action, r.actor) for r in trail]
    assert actions[:4] == [
        ("case", "create", "Front_Office.A"),
        ("case", "assign", "Manager.A"),
        ("case", "status:dalam_proses", "Consultant.A"),
        ("activity", "create", "Consultant.A"),
    ]
    assert ("case", "denied:read_audit", "Consultant.A") in actions
    assert ("case", "denied:read_audit", "Manajer.B") in actions
    assign = trail[1]
    assert ("assigned_staff_id", "", str(world.staff["consultant"].id)) in assign.changes
    assert ("status", "baru", "ditugaskan") in assign.changes
    assert all(r.at.utcoffset() is not None for r in trail)


# --- append-only ------------------------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_audit_entries(
    engine: Engine, world: World
) -> None:
    with Session(engine) as s:
        before = [(e.id, e.action, e.after) for e in _entries(s)]
    assert before
    for statement in (
        update(AuditEntry).values(action="tampered"),
        update(AuditEntry).where(col(AuditEntry.id) == before[0][0]).values(after=None),
        delete(AuditEntry),
        delete(AuditEntry).where(col(AuditEntry.id) == before[-1][0]),
    ):
        with Session(engine) as s, pytest.raises(DatabaseError, match="append-only"):
            s.execute(statement)
            s.commit()
    if engine.url.get_backend_name() == "postgresql":
        with Session(engine) as s, pytest.raises(DatabaseError, match="append-only"):
            s.execute(text("TRUNCATE audit_entry"))
            s.commit()
    with Session(engine) as s:  # adding stays possible
        s.add(
            AuditEntry(actor_id=world.staff["admin"].id, action="note", entity="x", entity_id="1")
        )
        s.commit()
        after = [(e.id, e.action, e.after) for e in _entries(s)]
    assert after[:-1] == before and after[-1][1] == "note"


def test_no_code_path_changes_or_deletes_audit_rows() -> None:
    pattern = re.compile(
        r"(update|delete)\(\s*AuditEntry|\b(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?audit_entry"
        r"|session\.delete\(\s*(entry|audit)",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("plut_nb", "widgets", "notebooks")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
    # the pattern does find what it looks for
    assert pattern.search("session.execute(delete(AuditEntry))")
    assert pattern.search('conn.exec_driver_sql("UPDATE audit_entry SET x = 1")')


def test_person_rows_hold_what_the_audit_masks(engine: Engine, world: World) -> None:
    nik, phone = OWNERS["work"]
    with Session(engine) as s:
        person = s.execute(select(Person).where(col(Person.nik) == nik)).scalar_one()
        assert person.phone == "+62" + phone[1:]  # stored once, in full (the owner's record)
        audit = s.execute(
            select(AuditEntry).where(
                col(AuditEntry.entity) == "person", col(AuditEntry.entity_id) == str(person.id)
            )
        ).scalar_one()
    assert (audit.after or {})["nik"] == mask_nik(nik)
