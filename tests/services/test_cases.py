"""Case workflow, optimistic versioning, activities, referrals, permits, surveys, events."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import Session

from plut_nb import clock
from plut_nb.errors import Conflict, NotFound, TransitionNotAllowed, ValidationError
from plut_nb.models import AuditEntry, Enterprise, Staff
from plut_nb.services import (
    CaseStatus,
    SnapshotInput,
    assign_case,
    change_status,
    close_case,
    complete_case,
    create_event,
    get_case,
    log_activity,
    mark_attendance,
    open_case,
    record_event_sales,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
    register_for_event,
    reopen_case,
    update_referral,
)
from plut_nb.services.workflow import TRANSITIONS


@pytest.fixture
def enterprise(session: Session, actor: Staff) -> Enterprise:
    ent = Enterprise(
        name="Kopi Wamena Sejahtera",
        name_key="kopi wamena sejahtera",
        village_code="12.71.01.1001",
        district_code="12.71.01",
        regency_code="12.71",
        province_code="12",
        registered_centre_id=actor.centre_id,
        registered_on=date(2026, 1, 5),
    )
    session.add(ent)
    session.commit()
    return ent


@pytest.fixture
def consultant(session: Session, actor: Staff) -> Staff:
    s = Staff(
        centre_id=actor.centre_id,
        username="kons.medan",
        name="Budi Nainggolan",
        roles=["consultant"],
    )
    session.add(s)
    session.commit()
    return s


def new_case(session: Session, actor: Staff, enterprise: Enterprise) -> int:
    case = open_case(
        session,
        actor,
        enterprise_id=enterprise.id,
        service_code="fasilitasi_izin",
        on=date(2026, 3, 1),
    )  # type: ignore[arg-type]
    session.commit()
    assert case.id is not None
    return case.id


def test_full_happy_path_through_the_workflow(
    session: Session, actor: Staff, consultant: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    c = assign_case(session, actor, cid, consultant.id, expected_version=1)  # type: ignore[arg-type]
    assert (c.status, c.assigned_staff_id, c.version) == ("ditugaskan", consultant.id, 2)
    c = change_status(session, consultant, cid, "dalam_proses", expected_version=2)
    c = change_status(session, consultant, cid, "menunggu_pihak_lain", expected_version=3)
    c = change_status(session, consultant, cid, "dalam_proses", expected_version=4)
    c = complete_case(session, consultant, cid, "NIB terbit", expected_version=5)
    assert c.status == "selesai" and c.closed_on == clock.today() and c.resolution == "NIB terbit"
    c = reopen_case(session, consultant, cid, expected_version=6)
    assert c.status == "dalam_proses" and c.closed_on is None
    c = complete_case(session, consultant, cid, "NIB dan PIRT terbit", expected_version=7)
    c = close_case(session, actor, cid, expected_version=8)
    session.commit()
    assert get_case(session, actor, cid).status == "ditutup"
    statuses = [
        a.action
        for a in session.execute(
            select(AuditEntry).where(AuditEntry.entity == "case").order_by(AuditEntry.id)  # type: ignore[arg-type]
        ).scalars()
    ]
    assert statuses == [
        "create", "assign", "status:dalam_proses", "status:menunggu_pihak_lain", "status:dalam_proses",
        "status:selesai", "status:dalam_proses", "status:selesai", "status:ditutup",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "start,target",
    [(s, t) for s in CaseStatus for t in CaseStatus if t not in TRANSITIONS[s]],
)
def test_illegal_transitions_name_the_allowed_ones(
    session: Session, actor: Staff, enterprise: Enterprise, start: str, target: str
) -> None:
    cid = new_case(session, actor, enterprise)
    case = get_case(session, actor, cid)
    case.status = start
    session.add(case)
    session.commit()
    with pytest.raises(TransitionNotAllowed) as exc:
        change_status(session, actor, cid, target, expected_version=1, resolution="x")
    assert exc.value.allowed == sorted(TRANSITIONS[start])
    assert f"'{start}'" in exc.value.message and f"'{target}'" in exc.value.message


def test_cancel_from_every_open_state(
    session: Session, actor: Staff, enterprise: Enterprise
) -> None:
    for start in ("baru", "ditugaskan", "dalam_proses", "menunggu_pihak_lain"):
        cid = new_case(session, actor, enterprise)
        case = get_case(session, actor, cid)
        case.status = start
        session.add(case)
        session.commit()
        assert (
            change_status(session, actor, cid, "dibatalkan", expected_version=1).status
            == "dibatalkan"
        )


def test_stale_save_is_refused_and_names_who_changed_it(
    session: Session, actor: Staff, consultant: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    assign_case(session, consultant, cid, consultant.id, expected_version=1)  # type: ignore[arg-type]
    session.commit()
    with pytest.raises(Conflict) as exc:  # actor still holds version 1
        change_status(session, actor, cid, "dibatalkan", expected_version=1)
    assert exc.value.changed_by == "Budi Nainggolan"
    assert "Budi Nainggolan" in exc.value.message
    session.rollback()
    assert get_case(session, actor, cid).status == "ditugaskan"


def test_completing_needs_a_resolution(
    session: Session, actor: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    case = get_case(session, actor, cid)
    case.status = "dalam_proses"
    session.add(case)
    session.commit()
    with pytest.raises(ValidationError) as exc:
        complete_case(session, actor, cid, "  ", expected_version=1)
    assert "resolution" in exc.value.by_field


def test_activity_referral_permit_snapshot(
    session: Session, actor: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    act = log_activity(
        session, actor, cid, held_on=date(2026, 3, 2), minutes=90, mode="kunjungan_lapangan",
        kind="kunjungan", notes="Cek dapur produksi", next_step="Siapkan dokumen PIRT",
        follow_up_on=date(2026, 3, 9), expected_version=1,
    )  # fmt: skip
    assert act.minutes == 90 and get_case(session, actor, cid).version == 2
    session.commit()
    with pytest.raises(ValidationError) as exc:
        log_activity(
            session, actor, cid, held_on=date(2026, 3, 2), minutes=0, mode="teleport",
            expected_version=2,
        )  # fmt: skip
    assert set(exc.value.by_field) == {"minutes", "mode"}
    with pytest.raises(Conflict):  # a screen still showing version 1
        log_activity(session, actor, cid, held_on=date(2026, 3, 3), minutes=30, expected_version=1)
    session.rollback()
    ref = refer_case(
        session, actor, cid, partner_type="bank_kur", partner_name="BRI Unit Medan Kota",
        follow_up_on=date(2026, 3, 16), referred_on=date(2026, 3, 2), expected_version=2,
    )  # fmt: skip
    ref = update_referral(
        session, actor, ref.id, status="selesai", outcome="KUR Rp25 juta cair", expected_version=3
    )  # type: ignore[arg-type]
    assert ref.status == "selesai" and ref.outcome == "KUR Rp25 juta cair"
    session.commit()
    with pytest.raises(Conflict):
        update_referral(session, actor, ref.id, status="ditolak", expected_version=3)  # type: ignore[arg-type]
    session.rollback()
    with pytest.raises(ValidationError):
        record_permit(session, actor, cid, permit_type="pirt", status="terbit", expected_version=4)
    permit = record_permit(
        session, actor, cid, permit_type="pirt", status="terbit", number="P-IRT 2061271010001-26",
        issued_on=date(2026, 4, 1), expires_on=date(2031, 4, 1), expected_version=4,
    )  # fmt: skip
    assert permit.enterprise_id == enterprise.id
    snap = record_snapshot(
        session,
        actor,
        enterprise.id,
        SnapshotInput(taken_on=date(2026, 6, 30), sales_annual=2_000_000_001),  # type: ignore[arg-type]
    )
    assert snap.size_class == "kecil" and snap.size_rule_set == "PP 7/2021 Pasal 35"
    with pytest.raises(NotFound):
        record_snapshot(session, actor, 999_999, SnapshotInput(taken_on=date(2026, 6, 30)))
    session.commit()
    assert get_case(session, actor, cid).version == 5


def test_no_work_starts_without_an_assignee(
    session: Session, actor: Staff, consultant: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    with pytest.raises(ValidationError) as exc:  # ditugaskan only through assign_case
        change_status(session, actor, cid, "ditugaskan", expected_version=1)
    assert "assigned_staff_id" in exc.value.by_field
    case = get_case(session, actor, cid)
    case.status = "ditugaskan"  # e.g. an imported record without an assignee
    session.add(case)
    session.commit()
    with pytest.raises(ValidationError):
        change_status(session, actor, cid, "dalam_proses", expected_version=1)
    assign_case(session, actor, cid, consultant.id, expected_version=1)  # type: ignore[arg-type]
    assert (
        change_status(session, actor, cid, "dalam_proses", expected_version=2).status
        == "dalam_proses"
    )


def test_survey_only_for_closed_cases_and_once(
    session: Session, actor: Staff, enterprise: Enterprise
) -> None:
    cid = new_case(session, actor, enterprise)
    with pytest.raises(ValidationError):
        record_survey(session, actor, cid, [4] * 9)
    case = get_case(session, actor, cid)
    case.status = "selesai"
    session.add(case)
    session.commit()
    with pytest.raises(ValidationError):
        record_survey(session, actor, cid, [4, 4, 4, 4, 4, 4, 4, 4, 5])
    with pytest.raises(ValidationError) as exc:  # the table holds 2,000 characters
        record_survey(session, actor, cid, [4] * 9, comment="x" * 2001)
    assert [e.code for e in exc.value.errors] == ["text.too_long"]
    resp = record_survey(session, actor, cid, [4, 3, 4, 3, 4, 4, 4, 3, 2])
    assert resp.answers == (4, 3, 4, 3, 4, 4, 4, 3, 2)
    with pytest.raises(Conflict):
        record_survey(session, actor, cid, [4] * 9)


def test_event_registration_attendance_sales(
    session: Session, actor: Staff, enterprise: Enterprise
) -> None:
    ev = create_event(
        session, actor, kind="pameran", name="Pameran UMKM Medan Fair", starts_on=date(2026, 8, 1)
    )
    register_for_event(session, actor, ev.id, enterprise.id)  # type: ignore[arg-type]
    with pytest.raises(Conflict):
        register_for_event(session, actor, ev.id, enterprise.id)  # type: ignore[arg-type]
    row = mark_attendance(session, actor, ev.id, enterprise.id)  # type: ignore[arg-type]
    assert row.attended
    row = record_event_sales(session, actor, ev.id, enterprise.id, 3_500_000)  # type: ignore[arg-type]
    assert row.sales == 3_500_000
    with pytest.raises(ValidationError):
        record_event_sales(session, actor, ev.id, enterprise.id, -1)  # type: ignore[arg-type]
    session.commit()


def test_create_event_refuses_texts_wider_than_their_columns(
    session: Session, actor: Staff
) -> None:
    # SQLite would store them; PostgreSQL would fail mid-transaction: the service checks first.
    with pytest.raises(ValidationError) as exc:
        create_event(
            session,
            actor,
            kind="pelatihan",
            name="n" * 201,
            starts_on=date(2026, 8, 1),
            place="p" * 301,
            partner_community="c" * 201,
        )
    assert {e.field: e.code for e in exc.value.errors} == {
        "name": "text.too_long",
        "place": "text.too_long",
        "partner_community": "text.too_long",
    }
