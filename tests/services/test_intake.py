"""Intake on a real database (SQLite and PostgreSQL): one transaction, duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.errors import Conflict, ValidationError
from plut_nb.models import AuditEntry, Case, Enterprise, IndicatorSnapshot, Ownership, Person, Staff
from plut_nb.services import IntakeForm, find_duplicates, register_enterprise, validate_intake

VILLAGE = "12.71.01.1001"  # Pasar Baru, Medan Kota, Kota Medan
NIK_WOMAN = "1271015205900001"  # born 1990-05-12 (day 12 + 40)


def form(**over: object) -> IntakeForm:
    base: dict[str, object] = dict(
        enterprise_name="Keripik Sanjai Bu Rina",
        nib="1234567890123",
        kbli="10792",
        village_code=VILLAGE,
        owner_name="Rina Siregar",
        nik=NIK_WOMAN,
        phone="0812 3456 7890",
        capital=1_000_000_000,
        sales=800_000_000,
        employees=4,
        employees_women=3,
        service_code="konsultasi_bisnis",
        description="Ingin memperluas pemasaran",
        outreach_channel="media_sosial",
    )
    base.update(over)
    return IntakeForm(**base)  # type: ignore[arg-type]


def count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_validate_derives_facts_staff_confirm() -> None:
    v = validate_intake(form(), on=date(2026, 11, 1))
    assert v.gender == "P"
    assert v.birth_date == date(1990, 5, 12)
    assert v.phone == "+6281234567890"
    assert v.regency_code == "12.71" and v.district_code == "12.71.01"
    assert "Medan" in v.village_path
    assert v.size_class == "mikro"  # Rp1,000,000,000 capital is still mikro
    assert validate_intake(form(capital=1_000_000_001), on=date(2026, 11, 1)).size_class == "kecil"


def test_validate_reports_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_intake(
            form(
                nik="123",
                nib="12ab",
                phone="12345",
                village_code="99.99.99.9999",
                enterprise_name="",
            )
        )
    fields = set(exc.value.by_field)
    assert {"nik", "nib", "phone", "village_code", "enterprise_name"} <= fields
    assert "NIK" in exc.value.by_field["nik"][0]


def test_register_writes_everything_and_audits(session: Session, actor: Staff) -> None:
    result = register_enterprise(session, actor, form(), on=date(2026, 11, 2))
    session.commit()
    ent = session.get(Enterprise, result.enterprise_id)
    assert ent is not None and ent.nib == "1234567890123" and ent.regency_code == "12.71"
    person = session.get(Person, result.person_id)
    assert person is not None and person.gender == "P" and person.phone == "+6281234567890"
    case = session.get(Case, result.case_id)
    assert case is not None and case.status == "baru"
    assert case.number == result.case_number and case.number.startswith("PLUT-SUMUT-2026-")
    assert case.due_on == date(2026, 11, 16)  # konsultasi_bisnis SLA 14 days
    snap = session.execute(select(IndicatorSnapshot)).scalar_one()
    assert (
        snap.kind == "baseline" and snap.sales_annual == 800_000_000 and snap.size_class == "mikro"
    )
    assert count(session, Ownership) == 1
    actions = {(a.entity, a.action) for a in session.execute(select(AuditEntry)).scalars()}
    assert {("enterprise", "create"), ("case", "create"), ("person", "create")} <= actions
    assert all(a.actor_id == actor.id for a in session.execute(select(AuditEntry)).scalars())


def test_failed_registration_leaves_nothing(session: Session, actor: Staff) -> None:
    with pytest.raises(ValidationError):
        register_enterprise(session, actor, form(service_code="tidak_ada"))
    session.commit()
    for model in (Enterprise, Person, Case, IndicatorSnapshot, AuditEntry):
        assert count(session, model) == 0, model


def test_duplicates_found_by_nik_nib_phone_and_similar_name(session: Session, actor: Staff) -> None:
    first = register_enterprise(session, actor, form())
    session.commit()
    same_nib = validate_intake(form(nik="", phone=""))
    assert [(c.enterprise_id, c.reason) for c in find_duplicates(session, actor, same_nib)] == [
        (first.enterprise_id, "nib")
    ]
    by_phone = validate_intake(form(nib="", nik="", enterprise_name="Toko Lain Sekali"))
    assert [c.reason for c in find_duplicates(session, actor, by_phone)] == ["phone"]
    similar = validate_intake(
        form(nib="", nik="", phone="", enterprise_name="Keripik Sanjai Ibu Rina")
    )
    cands = find_duplicates(session, actor, similar)
    assert [c.reason for c in cands] == ["nama_mirip"] and cands[0].score >= 85
    elsewhere = validate_intake(
        form(
            nib="",
            nik="",
            phone="",
            enterprise_name="Keripik Sanjai Bu Rina",
            village_code="91.06.01.1001",
        )
    )
    assert find_duplicates(session, actor, elsewhere) == []


def test_same_enterprise_gets_a_new_case_not_a_new_record(session: Session, actor: Staff) -> None:
    first = register_enterprise(session, actor, form())
    again = register_enterprise(
        session,
        actor,
        form(service_code="fasilitasi_izin"),
        same_as_enterprise_id=first.enterprise_id,
    )
    session.commit()
    assert again.enterprise_id == first.enterprise_id and not again.created_enterprise
    assert count(session, Enterprise) == 1 and count(session, Case) == 2


def test_same_owner_two_enterprises_shares_the_person(session: Session, actor: Staff) -> None:
    register_enterprise(session, actor, form())
    register_enterprise(
        session, actor, form(enterprise_name="Warung Kopi Rina", nib="9876543210123")
    )
    session.commit()
    assert count(session, Person) == 1 and count(session, Enterprise) == 2


def test_size_class_from_sales_when_capital_is_unknown() -> None:
    v = validate_intake(form(capital=None, sales=2_000_000_001), on=date(2026, 11, 1))
    assert v.size_class == "kecil"
    assert validate_intake(form(capital=None, sales=None)).size_class is None


def test_lengths_email_and_priority_are_checked_before_the_database() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_intake(
            form(owner_name="x" * 201, email="<script>", priority="x" * 50, description="d" * 4001)
        )
    assert set(exc.value.by_field) == {"owner_name", "email", "priority", "description"}
    assert "200" in exc.value.by_field["owner_name"][0]


def test_similar_name_in_another_village_of_the_same_district(
    session: Session, actor: Staff
) -> None:
    first = register_enterprise(session, actor, form(nib="", nik="", phone=""))
    session.commit()
    # 12.71.01.1002 is another kelurahan of Medan Kota (district 12.71.01)
    other = validate_intake(
        form(
            nib="",
            nik="",
            phone="",
            village_code="12.71.01.1002",
            enterprise_name="Keripik Sanjai Bu Rina",
        )
    )
    assert [(c.enterprise_id, c.reason) for c in find_duplicates(session, actor, other)] == [
        (first.enterprise_id, "nama_mirip")
    ]


def test_a_second_registration_with_a_taken_nib_is_refused(
    session: Session, actor: Staff, engine: Engine
) -> None:
    register_enterprise(session, actor, form())
    session.commit()
    with Session(engine) as other:
        staff = other.get(Staff, actor.id)
        assert staff is not None
        # the intake screen checked before the first save landed; the database decides
        with pytest.raises((Conflict, ValidationError)):
            register_enterprise(other, staff, form(nik="", phone="", enterprise_name="Lain"))
        other.rollback()
    assert count(session, Enterprise) == 1


def test_unique_constraint_is_mapped_to_conflict(session: Session, actor: Staff) -> None:
    from plut_nb.services._validate import unique_or_conflict

    register_enterprise(session, actor, form())
    session.commit()
    dup = Enterprise(
        name="X", name_key="x", nib="1234567890123", village_code=VILLAGE, district_code="12.71.01",
        regency_code="12.71", province_code="12", registered_centre_id=actor.centre_id,
        registered_on=date(2026, 1, 1),
    )  # fmt: skip
    with pytest.raises(Conflict) as exc, unique_or_conflict(session, "nib", dup.nib, "nib.taken"):
        session.add(dup)
    assert "1234567890123" in exc.value.message
    session.rollback()
    assert count(session, Enterprise) == 1
