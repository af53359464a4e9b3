"""Case board queries on SQLite and PostgreSQL: scopes, filters, paging, flags, case view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from plut_nb.clock import today
from plut_nb.errors import NotFound, ValidationError
from plut_nb.models import Case, Centre, Staff
from plut_nb.services.board import case_view, list_cases, snapshot_from_text
from plut_nb.services.cases import (
    SnapshotInput,
    assign_case,
    change_status,
    close_case,
    complete_case,
    log_activity,
    open_case,
    record_permit,
    record_snapshot,
    refer_case,
    update_referral,
)
from plut_nb.services.intake import IntakeForm, register_enterprise
from plut_nb.services.workflow import OPEN_STATUSES
from tests._seed import nik

AS_OF = date(2026, 3, 20)
MARCH = date(2026, 3, 1)


@dataclass
class Board:
    rina: Staff
    budi: Staff
    other: Staff
    c1: int  # konsultasi_bisnis, due 03-15, Budi, dalam_proses: overdue
    c2: int  # fasilitasi_izin, due 03-31, Budi, activity follow-up 03-10: follow-up due
    c3: int  # pendampingan, due 05-30, Rina, follow-up done by a later activity
    c4: int  # branding, due 04-09, new, referral follow-up 03-18: follow-up due
    c5: int  # konsultasi_bisnis, due 02-15, selesai: neither flag
    c7: int  # another centre's case


def _intake(session: Session, actor: Staff, i: int, name: str, service: str, on: date) -> int:
    form = IntakeForm(
        enterprise_name=name,
        kbli="10710",
        village_code="12.71.01.1001",
        owner_name=f"Pemilik {i}",
        nik=nik(i),
        phone=f"0812{7000000 + i}",
        service_code=service,
        sales=300_000_000,
    )
    return register_enterprise(session, actor, form, on=on).case_id


def _version(session: Session, case_id: int) -> int:
    session.expire_all()
    case = session.get(Case, case_id)
    assert case is not None
    return case.version


@pytest.fixture
def board(session: Session, centre: Centre, actor: Staff) -> Board:
    budi = Staff(centre_id=centre.id, username="kons", name="Budi Nainggolan", roles=["consultant"])  # type: ignore[arg-type]
    far = Centre(code="PLUT-PAPUA", name="PLUT Papua", level="provinsi", region_code="91")
    session.add_all([budi, far])
    session.flush()
    other = Staff(centre_id=far.id, username="cs.papua", name="Yosina", roles=["consultant"])  # type: ignore[arg-type]
    session.add(other)
    session.flush()
    c1 = _intake(session, actor, 0, "Kopi Sidikalang", "konsultasi_bisnis", MARCH)
    c2 = _intake(session, actor, 1, "Bika Ambon Zulaikha", "fasilitasi_izin", MARCH)
    c3 = _intake(session, actor, 2, "Ulos Tarutung", "pendampingan", MARCH)
    c4 = _intake(session, actor, 3, "Sirup Markisa", "branding", date(2026, 3, 10))
    c5 = _intake(session, actor, 4, "Dodol Garut Medan", "konsultasi_bisnis", date(2026, 2, 1))
    assert other.id is not None and budi.id is not None and actor.id is not None
    ent = session.get(Case, c1)
    assert ent is not None
    c7 = open_case(
        session, other, enterprise_id=ent.enterprise_id, service_code="branding", on=MARCH
    ).id
    assert c7 is not None
    for cid, who in ((c1, budi.id), (c2, budi.id), (c3, actor.id), (c5, budi.id)):
        assign_case(session, actor, cid, who, expected_version=1)
        change_status(session, actor, cid, "dalam_proses", expected_version=2)
    log_activity(session, budi, c2, held_on=date(2026, 3, 5), minutes=60,
                 follow_up_on=date(2026, 3, 10), expected_version=3)  # fmt: skip
    log_activity(session, actor, c3, held_on=date(2026, 3, 5), minutes=60,
                 follow_up_on=date(2026, 3, 10), expected_version=3)  # fmt: skip
    log_activity(session, actor, c3, held_on=date(2026, 3, 12), minutes=30, expected_version=4)
    ref = refer_case(session, actor, c3, partner_type="bank_kur", partner_name="Bank Sumut",
                     follow_up_on=date(2026, 3, 15), referred_on=MARCH, expected_version=5)  # fmt: skip
    assert ref.id is not None
    update_referral(session, actor, ref.id, status="selesai", expected_version=6)
    refer_case(session, actor, c4, partner_type="bpom", partner_name="BPOM Medan",
               follow_up_on=date(2026, 3, 18), referred_on=date(2026, 3, 10), expected_version=1)  # fmt: skip
    refer_case(session, budi, c5, partner_type="bpom", partner_name="BPOM Medan",
               follow_up_on=date(2026, 2, 20), referred_on=date(2026, 2, 5), expected_version=3)  # fmt: skip
    complete_case(session, budi, c5, "Konsultasi selesai", expected_version=4)
    session.commit()
    return Board(actor, budi, other, c1, c2, c3, c4, c5, c7)


def numbers(session: Session, ids: list[int]) -> list[str]:
    by_id = {c.id: c.number for c in session.execute(select(Case)).scalars()}
    return [by_id[i] for i in ids]


def test_centre_scope_sorted_by_due_date_with_flags(session: Session, board: Board) -> None:
    page = list_cases(session, board.rina, scope="centre", as_of=AS_OF)
    assert page.total == 5
    assert [r.case_id for r in page.rows] == [board.c5, board.c1, board.c2, board.c4, board.c3]
    flags = {r.case_id: (r.overdue, r.follow_up_due) for r in page.rows}
    assert flags == {
        board.c5: (False, False),  # finished: neither flag even though due and a referral is open
        board.c1: (True, False),
        board.c2: (False, True),
        board.c4: (False, True),
        board.c3: (False, False),  # follow-up done by a later activity; referral completed
    }
    c1 = page.rows[1]
    assert (c1.enterprise_name, c1.service_code, c1.service_field) == (
        "Kopi Sidikalang", "konsultasi_bisnis", "kelembagaan",
    )  # fmt: skip
    assert c1.service_name == "Konsultasi bisnis" and c1.assignee_name == "Budi Nainggolan"
    assert (c1.status, c1.opened_on, c1.due_on, c1.version) == (
        "dalam_proses", MARCH, date(2026, 3, 15), 3,
    )  # fmt: skip
    new = page.rows[3]
    assert new.status == "baru" and new.assignee_id is None and new.assignee_name is None


def test_flags_move_with_the_day(session: Session, board: Board) -> None:
    early = {r.case_id: r for r in list_cases(session, board.rina, scope="centre",
                                               as_of=date(2026, 3, 9)).rows}  # fmt: skip
    assert not early[board.c1].overdue and not early[board.c2].follow_up_due
    assert not early[board.c4].follow_up_due
    on_due = {r.case_id: r for r in list_cases(session, board.rina, scope="centre",
                                                as_of=date(2026, 3, 15)).rows}  # fmt: skip
    assert not on_due[board.c1].overdue  # due today is not yet late
    assert on_due[board.c2].follow_up_due and not on_due[board.c4].follow_up_due


def test_mine_is_what_is_assigned_to_me(session: Session, board: Board) -> None:
    mine = list_cases(session, board.budi, scope="mine", as_of=AS_OF)
    assert [r.case_id for r in mine.rows] == [board.c5, board.c1, board.c2]
    assert [r.case_id for r in list_cases(session, board.rina, as_of=AS_OF).rows] == [board.c3]
    theirs = list_cases(session, board.other, scope="centre", as_of=AS_OF)
    assert [r.case_id for r in theirs.rows] == [board.c7]
    assert list_cases(session, board.other, scope="mine").total == 0


def test_filters(session: Session, board: Board) -> None:
    def ids(**kw: object) -> list[int]:
        page = list_cases(session, board.rina, scope="centre", as_of=AS_OF, **kw)  # type: ignore[arg-type]
        return [r.case_id for r in page.rows]

    assert ids(status=OPEN_STATUSES) == [board.c1, board.c2, board.c4, board.c3]
    assert ids(status="selesai") == [board.c5]
    assert ids(status=["baru", "selesai"]) == [board.c5, board.c4]
    assert ids(service_field="pemasaran") == [board.c4]
    assert ids(assignee_id=board.budi.id) == [board.c5, board.c1, board.c2]
    assert ids(overdue_only=True) == [board.c1]
    assert ids(follow_up_only=True) == [board.c2, board.c4]
    assert ids(overdue_only=True, service_field="pemasaran") == []
    assert ids(query="ulos") == [board.c3]
    assert ids(query="  BIKA ambon ") == [board.c2]
    number = numbers(session, [board.c4])[0]
    assert ids(query=number.lower()) == [board.c4]
    assert ids(query="100%") == []  # LIKE wildcards are escaped
    with pytest.raises(ValueError, match="status"):
        ids(status="tidak_ada")
    with pytest.raises(ValueError, match="scope"):
        list_cases(session, board.rina, scope="semua")  # type: ignore[arg-type]


def test_paging(session: Session, board: Board) -> None:
    seen: list[int] = []
    for n in (1, 2, 3):
        page = list_cases(session, board.rina, scope="centre", page=n, page_size=2, as_of=AS_OF)
        assert (page.total, page.pages, page.page) == (5, 3, n)
        seen += [r.case_id for r in page.rows]
    assert seen == [board.c5, board.c1, board.c2, board.c4, board.c3]
    last = list_cases(session, board.rina, scope="centre", page=9, page_size=2, as_of=AS_OF)
    assert last.page == 3 and [r.case_id for r in last.rows] == [board.c3]
    empty = list_cases(session, board.rina, scope="centre", status="ditutup", page=4)
    assert (empty.total, empty.page, empty.pages, empty.rows) == (0, 1, 1, [])


def test_default_day_is_the_centres_today(session: Session, board: Board) -> None:
    cid = open_case(
        session, board.rina, enterprise_id=1, service_code="penggunaan_fasilitas",
        on=today() - timedelta(days=8),
    ).id  # fmt: skip
    session.commit()
    row = next(r for r in list_cases(session, board.rina, scope="centre").rows if r.case_id == cid)
    assert row.overdue and row.due_on == today() - timedelta(days=1)


def test_case_view_history_newest_first(session: Session, board: Board) -> None:
    cid, budi, rina = board.c2, board.budi, board.rina
    v = _version(session, cid)
    ref = refer_case(session, budi, cid, partner_type="lembaga_halal", partner_name="LPH Medan",
                     follow_up_on=date(2026, 3, 20), referred_on=date(2026, 3, 6),
                     expected_version=v)  # fmt: skip
    assert ref.id is not None
    update_referral(session, rina, ref.id, status="diterima", outcome="Berkas lengkap",
                    expected_version=v + 1)  # fmt: skip
    record_permit(session, budi, cid, permit_type="halal", status="terbit", number="ID123",
                  issued_on=date(2026, 3, 18), expected_version=v + 2)  # fmt: skip
    complete_case(session, budi, cid, "Sertifikat halal terbit", expected_version=v + 3)
    session.commit()
    view = case_view(session, rina, cid, as_of=AS_OF)
    kinds = [(h.kind, h.actor) for h in view.history]
    assert kinds == [
        ("status", "Budi Nainggolan"),  # recorded today, last
        ("permit", "Budi Nainggolan"),
        ("referral_update", "Rina Siregar"),
        ("status", "Rina Siregar"),  # dalam_proses
        ("assign", "Rina Siregar"),
        ("referral", "Budi Nainggolan"),  # referred 03-06
        ("activity", "Budi Nainggolan"),  # held 03-05
        ("create", "Rina Siregar"),  # opened 03-01
    ]
    done, permit, upd, started, assigned, referral, activity, created = view.history
    assert done.title == "Status: Dalam proses → Selesai"
    assert done.details == (("Hasil penyelesaian", "Sertifikat halal terbit"),)
    assert started.title == "Status: Ditugaskan → Dalam proses"
    assert assigned.title == "Ditugaskan kepada Budi Nainggolan"
    assert permit.title == "Izin Sertifikat halal: Terbit"
    assert ("Nomor", "ID123") in permit.details and ("Terbit", "2026-03-18") in permit.details
    assert upd.title == "Rujukan ke LPH Medan: Diterima"
    assert upd.details == (("Hasil rujukan", "Berkas lengkap"),)
    assert referral.title == "Dirujuk ke LPH Medan (Lembaga halal (BPJPH/LPH))"
    assert ("Tindak lanjut", "2026-03-20") in referral.details
    assert activity.title == "Sesi konsultasi (Tatap muka, 60 menit)" and activity.on == date(
        2026, 3, 5
    )
    assert created.on == MARCH and created.title == "Kasus dibuka"
    assert all(h.at.utcoffset() == timedelta(hours=7) for h in view.history)  # WIB
    assert view.row.status == "selesai" and view.resolution == "Sertifikat halal terbit"
    assert view.next_statuses == ("dalam_proses", "ditutup") and view.can_assign
    assert [r.partner_name for r in view.referrals] == ["LPH Medan"]
    assert [p.number for p in view.permits] == ["ID123"]


def test_case_view_enterprise_is_masked_and_snapshot_is_latest(
    session: Session, board: Board
) -> None:
    view = case_view(session, board.rina, board.c1, as_of=AS_OF)
    ent = view.enterprise
    assert (ent.name, ent.kbli_code, ent.owner_name) == ("Kopi Sidikalang", "10710", "Pemilik 0")
    assert ent.owner_nik_masked == "1271********0001"
    assert ent.owner_phone_masked == "+62812***0000"
    assert "Medan" in ent.region
    assert nik(0) not in repr(view) and "8127000000" not in repr(view)
    assert view.snapshot is not None and view.snapshot.kind == "baseline"
    record_snapshot(session, board.budi, ent.enterprise_id,
                    SnapshotInput(taken_on=date(2026, 3, 19), sales_annual=450_000_000,
                                  employees_total=4))  # fmt: skip
    session.commit()
    later = case_view(session, board.rina, board.c1, as_of=AS_OF)
    assert later.snapshot is not None
    assert (later.snapshot.sales_annual, later.snapshot.kind) == (450_000_000, "tindak_lanjut")
    assert later.row.overdue and not later.row.follow_up_due
    assert later.next_statuses == ("menunggu_pihak_lain", "selesai", "dibatalkan")


def test_next_statuses_follow_the_workflow(session: Session, board: Board) -> None:
    new = case_view(session, board.rina, board.c4)
    assert new.next_statuses == ("dibatalkan",) and new.can_assign  # ditugaskan only via assign
    close_case(session, board.rina, board.c5, expected_version=_version(session, board.c5))
    session.commit()
    closed = case_view(session, board.rina, board.c5)
    assert closed.next_statuses == () and not closed.can_assign
    assert closed.history[0].title == "Status: Selesai → Ditutup"
    with pytest.raises(NotFound):
        case_view(session, board.rina, 99_999)


def test_history_of_a_case_without_audit_entries_starts_with_its_opening(
    session: Session, board: Board
) -> None:
    # An imported case, written straight to the tables: no audit entry names it.
    # (Deleting audit entries to get one is refused by the database: migration 0004.)
    from plut_nb.models import Referral

    source = session.get(Case, board.c4)
    assert source is not None and board.rina.id is not None
    imported = Case(
        number="IMPOR-2026-000001", enterprise_id=source.enterprise_id,
        centre_id=source.centre_id, service_code="branding", status="baru",
        opened_on=date(2026, 3, 10), due_on=date(2026, 4, 9),
        created_by_id=board.rina.id, updated_by_id=board.rina.id,
    )  # fmt: skip
    session.add(imported)
    session.flush()
    assert imported.id is not None
    referral = Referral(
        case_id=imported.id, partner_type="bpom", partner_name="BPOM Medan",
        referred_on=date(2026, 3, 10), follow_up_on=date(2026, 3, 18),
        created_by_id=board.rina.id,
    )  # fmt: skip
    session.add(referral)
    session.commit()
    view = case_view(session, board.rina, imported.id)
    assert [(h.kind, h.actor) for h in view.history] == [
        ("referral", "Rina Siregar"),
        ("create", "Rina Siregar"),
    ]


def test_snapshot_from_text() -> None:
    snap = snapshot_from_text(
        date(2026, 3, 1), sales_annual="Rp1.500.000", capital=" 250000 ", employees_total="3",
        markets=["local", "export"], online_channels=["whatsapp"],
    )  # fmt: skip
    assert (snap.sales_annual, snap.capital, snap.employees_total, snap.employees_women) == (
        1_500_000, 250_000, 3, None,
    )  # fmt: skip
    assert snap.market_local and snap.market_export and not snap.market_regional
    assert snap.online_channels == ("whatsapp",)
    with pytest.raises(ValidationError) as err:
        snapshot_from_text(None, sales_annual="banyak sekali", employees_total="-2",
                           employees_women="2,5")  # fmt: skip
    assert set(err.value.by_field) == {"date", "sales_annual", "employees_total", "employees_women"}
    assert "banyak sekali" in err.value.by_field["sales_annual"][0]
