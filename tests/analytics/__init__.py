"""A small hand-built dataset with known key figures, written through the services.

Centre A (PLUT-SUMUT, Medan) and centre B (PLUT-BIAK). The period of interest
is March 2026; "now" is 2026-04-15. Every case, activity, permit, event and
survey below sits on purpose inside, on the edge of, or just outside March:

======  ==========  ===========================  ==========  =====================================
case    enterprise  service (field, SLA days)    opened      what happens
======  ==========  ===========================  ==========  =====================================
C1      E1 (02-10)  konsultasi_bisnis (kel., 14)  02-10       k1; act 03-05 90'; done 03-31; closed;
                                                              survey 03-31 all 4
C2      E2 (03-01)  fasilitasi_izin (kel., 30)    03-01       k2; act 03-02 60', 04-02 45'; NIB terbit
                                                              03-10, halal terbit 04-01, PIRT diajukan;
                                                              in progress, due 03-31 → overdue
C3      E3 (03-31)  fasilitasi_izin (kel., 30)    03-31       baru, due 04-30 (Deli Serdang)
C4      E4 (02-28)  konsultasi_bisnis             02-28       k1; act 02-28 30'; PIRT terbit 02-28;
                                                              done 02-28; survey 03-01 (3×8, 2)
C5      E5 (04-01)  konsultasi_bisnis             04-01       baru, due 04-15 (not overdue on 04-15)
C6      E6 (2025)   konsultasi_bisnis             2025-11-01  k1; act 03-31 30'; done 04-01;
                                                              survey 04-01 all 1
C6b     E6          pelatihan_sdm (sdm, 45)       03-15       k2; cancelled 03-20
C8      E8 (01-05)  rumah_kemasan (produksi, 21)  01-05       k1; act 03-10 45'; merek terbit 03-31;
                                                              waiting for others, due 01-26 → overdue
C7      E7 (03-10)  konsultasi_bisnis  [centre B] 03-10       b1; act 03-11 120'; assigned, due 03-24
======  ==========  ===========================  ==========  =====================================

Events of A: Ev1 pameran 03-01 (E1 attended, sales 1.5 M; E2 attended; E3
registered), Ev2 pelatihan 02-27 (E1 attended, outside), Ev3 sosialisasi 03-31
(nobody). Event of B: Ev4 03-10 (E7 attended, sales 700,000).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.analytics.scope import Period
from plut_nb.models import Case, Centre, Staff, StaffScope
from plut_nb.services.cases import (
    assign_case,
    change_status,
    close_case,
    log_activity,
    open_case,
    record_permit,
    record_survey,
)
from plut_nb.services.events import (
    create_event,
    mark_attendance,
    record_event_sales,
    register_for_event,
)
from plut_nb.services.intake import IntakeForm, register_enterprise

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
AS_OF = date(2026, 4, 15)
MEDAN = "12.71.01.1001"
DELI_SERDANG = "12.07.01.2001"
BIAK = "91.06.01.1001"


@dataclass
class Known:
    """Ids of the hand-built dataset."""

    centre_a: Centre
    centre_b: Centre
    manager: Staff
    k1: Staff
    k2: Staff
    k3: Staff
    cases: dict[str, int]
    enterprises: dict[str, int]


def d(month: int, day: int, year: int = 2026) -> date:
    """A date of 2026 (or ``year``)."""
    return date(year, month, day)


def _staff(s: Session, centre: Centre, username: str, name: str, roles: list[str]) -> Staff:
    staff = Staff(centre_id=centre.id, username=username, name=name, roles=roles)  # type: ignore[arg-type]
    s.add(staff)
    s.flush()
    return staff


def _register(s: Session, actor: Staff, i: int, village: str, service: str, on: date) -> int:
    result = register_enterprise(
        s,
        actor,
        IntakeForm(
            enterprise_name=f"Usaha Uji {i}",
            village_code=village,
            owner_name=f"Pemilik {i}",
            service_code=service,
        ),
        on=on,
    )
    return result.case_id


def _case(s: Session, case_id: int) -> Case:
    case = s.get(Case, case_id)
    assert case is not None
    return case


def _v(s: Session, case_id: int) -> int:
    return _case(s, case_id).version


def _work(s: Session, actor: Staff, case_id: int, assignee: Staff) -> None:
    assert assignee.id is not None
    assign_case(s, actor, case_id, assignee.id, expected_version=_v(s, case_id))
    change_status(s, actor, case_id, "dalam_proses", expected_version=_v(s, case_id))


def _act(s: Session, staff: Staff, case_id: int, on: date, minutes: int) -> None:
    log_activity(s, staff, case_id, held_on=on, minutes=minutes, expected_version=_v(s, case_id))


def _done(s: Session, actor: Staff, case_id: int, on: date) -> None:
    change_status(
        s, actor, case_id, "selesai", resolution="Selesai dilayani", on=on,
        expected_version=_v(s, case_id),
    )  # fmt: skip


def _permit(s: Session, actor: Staff, case_id: int, kind: str, status: str, on: date) -> None:
    issued = status == "terbit"
    record_permit(
        s, actor, case_id, permit_type=kind, status=status, submitted_on=on,
        issued_on=on if issued else None, number=f"{kind}-{case_id}" if issued else None,
        expected_version=_v(s, case_id),
    )  # fmt: skip


def build_known(engine: Engine) -> Known:
    """Write the dataset described in the module docstring; return its ids."""
    with Session(engine, expire_on_commit=False) as s:
        a = Centre(
            code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12"
        )
        b = Centre(code="PLUT-BIAK", name="PLUT Biak Numfor", level="kabupaten_kota", region_code="91.06")  # fmt: skip
        s.add_all([a, b])
        s.flush()
        # Rina assigns and cancels cases below: front office and manager (permissions matrix);
        # Budi's dashboard covers both centres (national scope).
        fo = _staff(s, a, "cs", "Rina Front", ["front_office", "manager"])
        mgr = _staff(s, a, "manajer", "Budi Manajer", ["manager"])
        mgr.scope = StaffScope.national
        k1 = _staff(s, a, "k1", "Ani Konsultan", ["consultant"])
        k2 = _staff(s, a, "k2", "Dedi Konsultan", ["consultant"])
        k3 = _staff(s, a, "k3", "Eko Lapangan", ["field_officer"])
        b1 = _staff(s, b, "b1", "Yohanes Biak", ["consultant"])
        c: dict[str, int] = {}
        c["C1"] = _register(s, fo, 1, MEDAN, "konsultasi_bisnis", d(2, 10))
        c["C2"] = _register(s, fo, 2, MEDAN, "fasilitasi_izin", d(3, 1))
        c["C3"] = _register(s, fo, 3, DELI_SERDANG, "fasilitasi_izin", d(3, 31))
        c["C4"] = _register(s, fo, 4, MEDAN, "konsultasi_bisnis", d(2, 28))
        c["C5"] = _register(s, fo, 5, MEDAN, "konsultasi_bisnis", d(4, 1))
        c["C6"] = _register(s, fo, 6, MEDAN, "konsultasi_bisnis", d(11, 1, 2025))
        c["C8"] = _register(s, fo, 8, MEDAN, "rumah_kemasan", d(1, 5))
        c["C7"] = _register(s, b1, 7, BIAK, "konsultasi_bisnis", d(3, 10))
        ents = {f"E{k[1:]}": _case(s, v).enterprise_id for k, v in c.items()}
        c["C6b"] = open_case(
            s, fo, enterprise_id=ents["E6"], service_code="pelatihan_sdm", on=d(3, 15)
        ).id  # type: ignore[assignment]
        # C1: activity in March, finished on the last day, closed, surveyed
        _work(s, fo, c["C1"], k1)
        _act(s, k1, c["C1"], d(3, 5), 90)
        _done(s, k1, c["C1"], d(3, 31))
        record_survey(s, fo, c["C1"], [4] * 9, on=d(3, 31))
        close_case(s, mgr, c["C1"], expected_version=_v(s, c["C1"]))
        # C2: in progress and overdue; permits inside and outside March
        _work(s, fo, c["C2"], k2)
        _act(s, k2, c["C2"], d(3, 2), 60)
        _act(s, k2, c["C2"], d(4, 2), 45)
        _permit(s, k2, c["C2"], "nib", "terbit", d(3, 10))
        _permit(s, k2, c["C2"], "halal", "terbit", d(4, 1))
        _permit(s, k2, c["C2"], "pirt", "diajukan", d(3, 12))
        # C4: everything the day before March; surveyed on its first day
        _work(s, fo, c["C4"], k1)
        _act(s, k1, c["C4"], d(2, 28), 30)
        _permit(s, k1, c["C4"], "pirt", "terbit", d(2, 28))
        _done(s, k1, c["C4"], d(2, 28))
        record_survey(s, fo, c["C4"], [3] * 8 + [2], on=d(3, 1))
        # C6: activity on March's last day, finished the day after, surveyed after
        _work(s, fo, c["C6"], k1)
        _act(s, k1, c["C6"], d(3, 31), 30)
        _done(s, k1, c["C6"], d(4, 1))
        record_survey(s, fo, c["C6"], [1] * 9, on=d(4, 1))
        # C6b: cancelled in March
        assert k2.id is not None
        assign_case(s, fo, c["C6b"], k2.id, expected_version=_v(s, c["C6b"]))
        change_status(s, fo, c["C6b"], "dibatalkan", on=d(3, 20), expected_version=_v(s, c["C6b"]))
        # C8: waiting for others, overdue since January; an activity and a trademark in March
        _work(s, fo, c["C8"], k1)
        _act(s, k1, c["C8"], d(3, 10), 45)
        _permit(s, k1, c["C8"], "merek", "terbit", d(3, 31))
        change_status(s, k1, c["C8"], "menunggu_pihak_lain", expected_version=_v(s, c["C8"]))
        # C7 at centre B
        assert b1.id is not None
        assign_case(s, b1, c["C7"], b1.id, expected_version=_v(s, c["C7"]))
        _act(s, b1, c["C7"], d(3, 11), 120)
        # events
        ev1 = create_event(s, mgr, kind="pameran", name="Pameran Maret", starts_on=d(3, 1),
                           ends_on=d(3, 3))  # fmt: skip
        ev2 = create_event(s, mgr, kind="pelatihan", name="Pelatihan Februari",
                           starts_on=d(2, 27), ends_on=d(3, 2))  # fmt: skip
        create_event(s, mgr, kind="sosialisasi", name="Sosialisasi", starts_on=d(3, 31))
        ev4 = create_event(s, b1, kind="pameran", name="Pameran Biak", starts_on=d(3, 10))
        for ev, ent in ((ev1, "E1"), (ev1, "E2"), (ev1, "E3"), (ev2, "E1"), (ev4, "E7")):
            assert ev.id is not None
            register_for_event(s, mgr if ev is not ev4 else b1, ev.id, ents[ent], on=d(2, 20))
        assert ev1.id is not None and ev2.id is not None and ev4.id is not None
        record_event_sales(s, mgr, ev1.id, ents["E1"], 1_500_000)
        mark_attendance(s, mgr, ev1.id, ents["E2"])
        mark_attendance(s, mgr, ev2.id, ents["E1"])
        record_event_sales(s, b1, ev4.id, ents["E7"], 700_000)
        s.commit()
    return Known(a, b, mgr, k1, k2, k3, c, ents)
