"""Known-answer tests of the evaluation indicators, whole scope and per group, on both databases.

The dataset (:func:`build_evaluation`) is written through the services. The
period is Q2 2026 (1 April – 30 June); the previous period is Q1. Centre A is
PLUT-SUMUT, centre B PLUT-BIAK.

===  ==========================  ===================  ===========================================
ent  owner (NIK → gender, birth)  village / channel    story
===  ==========================  ===================  ===========================================
E1   P 1995-07-01 (30 on 06-30)   Medan / media_sosial  NIB at intake; reg. 2025-10-01; C1 konsultasi
                                                      (kelembagaan) opened then: acts 2025-10-05 120',
                                                      04-10 120', 06-30 60' (window 300' = long-term);
                                                      PIRT terbit 04-01; referral 04-15 diproses;
                                                      finished 04-20 (201 days, late), survey all 4,
                                                      closed. C1b pendampingan_milenial (sdm) 05-02
                                                      baru. Baseline 1.0 bn / 4 emp; follow-ups 03-31
                                                      1.05 bn, 06-30 1.1 bn / 5 emp (+10 %, +25 %).
E2   L 1995-06-30 (31 on 06-30)   Medan / petugas_l.    reg. 04-01; C2 fasilitasi_izin (kel.): acts 04-02
                                                      60', 04-28 90'; referral 04-05 → selesai; NIB
                                                      terbit 04-30, halal terbit 07-01; finished 05-01
                                                      = due (30 days, on time); survey 06-30 all 3.
                                                      C2b konsultasi (kel.) 06-01: act 06-10 30';
                                                      finished 06-30 (29 days, late). Baseline 1.5 bn
                                                      / 2; follow-ups 06-15 2.4 bn / 2 (+60 %, mikro
                                                      → kecil), 07-15 3 bn (after the period).
E3   P 1980, OAP, disability      Deli Serdang / acara  reg. 05-15; C3 pelatihan_sdm (sdm) baru; baseline
                                                      sales 0; follow-up dated 05-01, before baseline.
E4   no NIK                       Medan / walk-in       reg. 01-10; C4 rumah_kemasan: act 02-01 45';
                                                      referral 03-01 → selesai; cancelled 04-05.
E5   L 1990, OAP                  Biak / walk-in        centre B: reg. 04-15; C5 konsultasi: act 04-16
                                                      30'; finished 04-20 (5 days); survey all 2.
E6   no NIK                       Medan / teman         reg. 06-20; C6 branding (pemasaran) baru; no
                                                      baseline figures.
===  ==========================  ===================  ===========================================

Events of A: Ev1 pameran 05-20 (E1 sales 2 M, E3 sales 0.5 M, E2 registered only),
Ev2 pelatihan 03-15 (E4 attended), Ev3 sosialisasi 06-30 (nobody). Event of B:
Ev4 04-20 (E5 sales 0.3 M).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.analytics._groups import UNKNOWN, Dimension, youth_cutoff
from plut_nb.analytics.disaggregation import (
    group_order,
    indicators_by,
    indicators_by_dimensions,
)
from plut_nb.analytics.evaluation import INDICATORS, evaluation_indicators
from plut_nb.analytics.indicators import (
    client_figures,
    closure_times,
    long_term_window,
    referral_figures,
)
from plut_nb.analytics.kpis import enterprises_served
from plut_nb.analytics.outcomes import baseline_change
from plut_nb.analytics.scope import Period, Scope
from plut_nb.models import Centre, Staff
from plut_nb.services.cases import (
    SnapshotInput,
    change_status,
    close_case,
    open_case,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
    update_referral,
)
from plut_nb.services.events import (
    create_event,
    mark_attendance,
    record_event_sales,
    register_for_event,
)
from plut_nb.services.intake import IntakeForm, register_enterprise
from tests.analytics import _act, _v, _work

Q2 = Period(date(2026, 4, 1), date(2026, 6, 30))
Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
A = Scope.centre("PLUT-SUMUT")
B = Scope.centre("PLUT-BIAK")
MEDAN, DELI, BIAK = "12.71.01.1001", "12.07.01.2001", "91.06.01.1001"
BN = 1_000_000_000


def d(month: int, day: int, year: int = 2026) -> date:
    """A date of 2026 (or ``year``)."""
    return date(year, month, day)


@dataclass
class Ids:
    """Ids of the evaluation dataset."""

    cases: dict[str, int]
    enterprises: dict[str, int]


def _register(s: Session, actor: Staff, on: date, **form: object) -> tuple[int, int]:
    result = register_enterprise(s, actor, IntakeForm(**form), on=on)  # type: ignore[arg-type]
    return result.enterprise_id, result.case_id


def _done(s: Session, actor: Staff, case_id: int, on: date) -> None:
    change_status(
        s, actor, case_id, "selesai", resolution="Selesai", on=on, expected_version=_v(s, case_id)
    )


def _permit(s: Session, actor: Staff, case_id: int, kind: str, on: date) -> None:
    record_permit(
        s, actor, case_id, permit_type=kind, status="terbit", submitted_on=on, issued_on=on,
        number=f"{kind}-{case_id}", expected_version=_v(s, case_id),
    )  # fmt: skip


def _snap(s: Session, actor: Staff, eid: int, on: date, sales: int, employees: int) -> None:
    record_snapshot(s, actor, eid, SnapshotInput(on, sales_annual=sales, employees_total=employees))


def _refer(s: Session, actor: Staff, case_id: int, on: date) -> int:
    ref = refer_case(
        s, actor, case_id, partner_type="bank_kur", partner_name="Bank Sumut", referred_on=on,
        follow_up_on=on, expected_version=_v(s, case_id),
    )  # fmt: skip
    assert ref.id is not None
    return ref.id


def build_evaluation(engine: Engine) -> Ids:
    """Write the dataset of the module docstring; return its ids."""
    with Session(engine, expire_on_commit=False) as s:
        a = Centre(
            code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12"
        )
        b = Centre(code="PLUT-BIAK", name="PLUT Biak", level="kabupaten_kota", region_code="91.06")
        s.add_all([a, b])
        s.flush()
        staff = [
            # assigns and cancels cases below: front office and manager (permissions matrix)
            Staff(centre_id=a.id, username="fo", name="Rina", roles=["front_office", "manager"]),
            Staff(centre_id=a.id, username="mgr", name="Budi", roles=["manager"]),
            Staff(centre_id=a.id, username="k1", name="Ani", roles=["consultant"]),
            Staff(centre_id=b.id, username="b1", name="Yohanes", roles=["consultant"]),
        ]  # type: ignore[arg-type]
        s.add_all(staff)
        s.flush()
        fo, mgr, k1, b1 = staff
        e: dict[str, int] = {}
        c: dict[str, int] = {}
        e["E1"], c["C1"] = _register(
            s, fo, d(10, 1, 2025), enterprise_name="Bika Ambon Rina", village_code=MEDAN,
            owner_name="Rina", nik="1271014107950001", nib="9120000000001",
            outreach_channel="media_sosial", service_code="konsultasi_bisnis",
            sales=BN, employees=4,
        )  # fmt: skip
        e["E2"], c["C2"] = _register(
            s, fo, d(4, 1), enterprise_name="Kopi Dedi", village_code=MEDAN, owner_name="Dedi",
            nik="1271013006950002", outreach_channel="petugas_lapangan",
            service_code="fasilitasi_izin", sales=1_500_000_000, employees=2,
        )  # fmt: skip
        e["E3"], c["C3"] = _register(
            s, fo, d(5, 15), enterprise_name="Tenun Maria", village_code=DELI, owner_name="Maria",
            nik="1271014101800003", orang_asli_papua=True, disability=True,
            outreach_channel="acara", service_code="pelatihan_sdm", sales=0, employees=1,
        )  # fmt: skip
        e["E4"], c["C4"] = _register(
            s, fo, d(1, 10), enterprise_name="Kemasan Joko", village_code=MEDAN,
            owner_name="Joko", service_code="rumah_kemasan", sales=500_000_000, employees=1,
        )  # fmt: skip
        e["E5"], c["C5"] = _register(
            s, b1, d(4, 15), enterprise_name="Ikan Asar Biak", village_code=BIAK,
            owner_name="Yan", nik="1271010101900004", orang_asli_papua=True,
            service_code="konsultasi_bisnis",
        )  # fmt: skip
        e["E6"], c["C6"] = _register(
            s, fo, d(6, 20), enterprise_name="Desain Sari", village_code=MEDAN,
            owner_name="Sari", outreach_channel="teman", service_code="branding",
        )  # fmt: skip
        # E1
        _work(s, fo, c["C1"], k1)
        _act(s, k1, c["C1"], d(10, 5, 2025), 120)
        _act(s, k1, c["C1"], d(4, 10), 120)
        _permit(s, k1, c["C1"], "pirt", d(4, 1))
        _refer(s, k1, c["C1"], d(4, 15))
        _done(s, k1, c["C1"], d(4, 20))
        record_survey(s, fo, c["C1"], [4] * 9, on=d(4, 21))
        close_case(s, mgr, c["C1"], expected_version=_v(s, c["C1"]))
        _act(s, k1, c["C1"], d(6, 30), 60)
        c1b = open_case(
            s, fo, enterprise_id=e["E1"], service_code="pendampingan_milenial", on=d(5, 2)
        )
        _snap(s, k1, e["E1"], d(3, 31), 1_050_000_000, 4)
        _snap(s, k1, e["E1"], d(6, 30), 1_100_000_000, 5)
        # E2
        _work(s, fo, c["C2"], k1)
        _act(s, k1, c["C2"], d(4, 2), 60)
        ref = _refer(s, k1, c["C2"], d(4, 5))
        update_referral(s, k1, ref, status="selesai", expected_version=_v(s, c["C2"]))
        _act(s, k1, c["C2"], d(4, 28), 90)
        _permit(s, k1, c["C2"], "nib", d(4, 30))
        _done(s, k1, c["C2"], d(5, 1))
        record_survey(s, fo, c["C2"], [3] * 9, on=d(6, 30))
        _permit(s, k1, c["C2"], "halal", d(7, 1))
        c2b = open_case(s, fo, enterprise_id=e["E2"], service_code="konsultasi_bisnis", on=d(6, 1))
        assert c1b.id is not None and c2b.id is not None
        c["C1b"], c["C2b"] = c1b.id, c2b.id
        _work(s, fo, c["C2b"], k1)
        _act(s, k1, c["C2b"], d(6, 10), 30)
        _done(s, k1, c["C2b"], d(6, 30))
        _snap(s, k1, e["E2"], d(6, 15), 2_400_000_000, 2)
        _snap(s, k1, e["E2"], d(7, 15), 3 * BN, 3)
        # E3: a follow-up dated before its baseline does not count
        _snap(s, k1, e["E3"], d(5, 1), 100_000_000, 2)
        # E4: Q1 only, cancelled in Q2
        _work(s, fo, c["C4"], k1)
        _act(s, k1, c["C4"], d(2, 1), 45)
        ref = _refer(s, k1, c["C4"], d(3, 1))
        update_referral(s, k1, ref, status="selesai", expected_version=_v(s, c["C4"]))
        change_status(s, fo, c["C4"], "dibatalkan", on=d(4, 5), expected_version=_v(s, c["C4"]))
        # E5 at centre B
        _work(s, b1, c["C5"], b1)
        _act(s, b1, c["C5"], d(4, 16), 30)
        _done(s, b1, c["C5"], d(4, 20))
        record_survey(s, b1, c["C5"], [2] * 9, on=d(4, 21))
        # events
        ev1 = create_event(s, mgr, kind="pameran", name="Pameran Mei", starts_on=d(5, 20))
        ev2 = create_event(s, mgr, kind="pelatihan", name="Pelatihan Maret", starts_on=d(3, 15))
        create_event(s, mgr, kind="sosialisasi", name="Sosialisasi", starts_on=d(6, 30))
        ev4 = create_event(s, b1, kind="pameran", name="Pameran Biak", starts_on=d(4, 20))
        assert ev1.id and ev2.id and ev4.id
        for ent in ("E1", "E2", "E3"):
            register_for_event(s, mgr, ev1.id, e[ent], on=d(5, 1))
        record_event_sales(s, mgr, ev1.id, e["E1"], 2_000_000)
        record_event_sales(s, mgr, ev1.id, e["E3"], 500_000)
        register_for_event(s, mgr, ev2.id, e["E4"], on=d(3, 1))
        mark_attendance(s, mgr, ev2.id, e["E4"])
        register_for_event(s, b1, ev4.id, e["E5"], on=d(4, 1))
        record_event_sales(s, b1, ev4.id, e["E5"], 300_000)
        s.commit()
    return Ids(c, e)


@pytest.fixture
def s(engine: Engine) -> Iterator[Session]:
    build_evaluation(engine)
    with Session(engine) as session:
        yield session


def _by(frame: pd.DataFrame, indicator: str) -> dict[str, float]:
    rows = frame[frame["indicator"] == indicator]
    return {
        g: (None if pd.isna(v) else v) for g, v in zip(rows["group"], rows["value"], strict=True)
    }


# --- pure helpers ---------------------------------------------------------------------------


def test_youth_cutoff_and_long_term_window() -> None:
    assert youth_cutoff(date(2026, 6, 30)) == date(1995, 6, 30)  # born after: at most 30
    assert youth_cutoff(date(2028, 2, 29)) == date(1997, 2, 28)
    assert long_term_window(Q2) == Period(date(2025, 7, 1), date(2026, 6, 30))
    assert long_term_window(Period(date(2028, 1, 1), date(2028, 2, 29))) == Period(
        date(2027, 3, 1), date(2028, 2, 29)
    )


def test_group_order_puts_code_lists_first_and_unknown_last() -> None:
    assert group_order(Dimension.gender, {UNKNOWN, "laki_laki"}) == [
        "perempuan", "laki_laki", UNKNOWN,
    ]  # fmt: skip
    assert group_order(Dimension.service_field, {"sdm", "kelembagaan", "zz"}) == [
        "kelembagaan", "sdm", "zz",
    ]  # fmt: skip


# --- whole scope ----------------------------------------------------------------------------


def test_closure_times_median_and_sla(s: Session) -> None:
    ct = closure_times(s, A, Q2)
    # C1 201 days (late), C2 30 days (closed on its due day: on time), C2b 29 days (late)
    assert (ct.closed, ct.within_sla, ct.surveyed, ct.median_days) == (3, 1, 2, 30.0)
    assert ct.share_within_sla == pytest.approx(1 / 3)
    assert closure_times(s, A, Period(d(4, 1), d(4, 30))).median_days == 201.0
    may = closure_times(s, A, Period(d(4, 21), d(6, 30)))
    assert (may.closed, may.median_days) == (2, 29.5)  # even count: mean of the middle two
    empty = closure_times(s, A, Q1)
    assert (empty.closed, empty.median_days, empty.share_within_sla) == (0, None, None)
    b = closure_times(s, B, Q2)
    assert (b.closed, b.within_sla, b.median_days) == (1, 1, 5.0)


def test_client_figures_long_term_and_nib(s: Session) -> None:
    cf = client_figures(s, A, Q2)
    # served E1 E2 E3 E6; new E2 E3 E6; long-term E1 (exactly 300' in the window);
    # NIB: E1 at intake, E2 by a permit issued 04-30
    assert (cf.served, cf.new, cf.returning, cf.long_term, cf.with_nib) == (4, 3, 1, 1, 2)
    assert (cf.share_long_term, cf.share_with_nib) == (0.25, 0.5)
    served = enterprises_served(s, A, Q2)
    assert (served.total, served.new) == (cf.served, cf.new)
    # a period ending 29 June drops E1's 60' of 30 June: no long-term client
    assert client_figures(s, A, Period(d(4, 1), d(6, 29))).long_term == 0
    # ending 30 April: E2's NIB (issued 04-30) counts, its served status too
    april = client_figures(s, A, Period(d(4, 1), d(4, 30)))
    assert (april.served, april.with_nib) == (2, 2)
    assert client_figures(s, A, Period(d(4, 1), d(4, 29))).with_nib == 1


def test_referrals_made_and_completed(s: Session) -> None:
    assert referral_figures(s, A, Q2) == referral_figures(s, Scope.province("12"), Q2)
    r = referral_figures(s, A, Q2)
    assert (r.made, r.completed, r.share_completed) == (2, 1, 0.5)
    q1 = referral_figures(s, A, Q1)
    assert (q1.made, q1.completed) == (1, 1)
    assert referral_figures(s, B, Q2).share_completed is None


def test_baseline_change(s: Session) -> None:
    ch = baseline_change(s, A, Q2)
    assert (ch.served, ch.with_baseline, ch.with_followup) == (4, 4, 2)  # E3, E6: no follow-up
    assert (ch.without_baseline, ch.without_followup) == (0, 2)
    assert (ch.sales_n, ch.sales_mean_pct, ch.sales_median_pct) == (2, 35.0, 35.0)  # +10, +60
    assert (ch.employment_n, ch.employment_mean_pct, ch.employment_median_pct) == (2, 12.5, 12.5)
    assert (ch.size_n, ch.size_up, ch.share_size_up) == (2, 1, 0.5)  # E2 mikro → kecil
    # ending 29 June: E1's follow-up is the one of 31 March (+5 %); E2's of 15 June
    june = baseline_change(s, A, Period(d(4, 1), d(6, 29)))
    assert june.sales_median_pct == pytest.approx(32.5)
    # ending 14 June: only E1 has a follow-up
    mid = baseline_change(s, A, Period(d(4, 1), d(6, 14)))
    assert (mid.served, mid.with_followup, mid.sales_n, mid.size_n) == (3, 1, 1, 1)


def test_evaluation_indicators_whole_scope(s: Session) -> None:
    ev = evaluation_indicators(s, A, Q2)
    m = ev.metrics()
    expected = {
        "scope_name": "PLUT Sumatera Utara", "umkm_served": 4, "umkm_new": 3, "umkm_returning": 1,
        "cases_opened": 5, "cases_closed": 3, "cases_cancelled": 1, "median_days_to_close": 30.0,
        "consultation_hours": 6.0, "long_term_clients": 1, "share_long_term_clients": 0.25,
        "permits_obtained": 2, "permits_nib": 1, "permits_pirt": 1, "permits_halal": 0,
        "referrals_made": 2, "referrals_completed": 1, "share_referrals_completed": 0.5,
        "events_held": 2, "event_registrations": 3, "event_participants": 2,
        "event_sales": 2_500_000, "sales_change_mean_pct": 35.0, "sales_change_median_pct": 35.0,
        "sales_change_n": 2, "employment_change_mean_pct": 12.5,
        "employment_change_median_pct": 12.5, "size_class_up": 1, "share_size_class_up": 0.5,
        "ikm_score": 87.5, "ikm_grade": "B", "ikm_respondents": 2, "share_with_nib": 0.5,
        "cases_closed_surveyed": 2, "enterprises_without_baseline": 0,
        "enterprises_without_followup": 2,
    }  # fmt: skip
    assert {k: m[k] for k in expected} == expected
    assert m["share_within_sla"] == pytest.approx(1 / 3)
    assert set(INDICATORS) <= set(m)
    frame = ev.frame()
    assert list(frame["indicator"]) == list(INDICATORS)
    assert frame.set_index("indicator").loc["consultation_hours", "n"] == 5  # activities
    assert ev.value("ikm_score") == 87.5
    with pytest.raises(KeyError):
        ev.value("no_such_indicator")


def test_region_scopes_and_the_other_centre(s: Session) -> None:
    medan = evaluation_indicators(s, Scope.regency("12.71"), Q2).metrics()
    # E3 lives in Deli Serdang; Ev1 counts once, with E1 (attended) and E2 (registered)
    assert (medan["umkm_served"], medan["cases_opened"], medan["cases_closed"]) == (3, 4, 3)
    assert (medan["events_held"], medan["event_registrations"], medan["event_sales"]) == (
        1, 2, 2_000_000,
    )  # fmt: skip
    assert medan["enterprises_without_followup"] == 1  # E6
    biak = evaluation_indicators(s, B, Q2).metrics()
    assert (biak["umkm_served"], biak["median_days_to_close"], biak["share_within_sla"]) == (
        1, 5.0, 1.0,
    )  # fmt: skip
    assert (biak["ikm_score"], biak["ikm_grade"], biak["event_sales"]) == (50.0, "D", 300_000)
    assert (biak["sales_change_n"], biak["sales_change_median_pct"]) == (0, None)
    q1 = evaluation_indicators(s, A, Q1).metrics()
    assert (q1["umkm_served"], q1["consultation_hours"], q1["events_held"]) == (1, 0.75, 1)
    assert (q1["cases_closed"], q1["median_days_to_close"], q1["ikm_score"]) == (0, None, None)


# --- per group ----------------------------------------------------------------------------


def test_by_gender(s: Session) -> None:
    f = indicators_by(s, A, Q2, "gender")
    assert list(f.columns) == ["dimension", "group", "indicator", "value", "n"]
    assert list(dict.fromkeys(f["group"])) == ["perempuan", "laki_laki", UNKNOWN]
    assert _by(f, "umkm_served") == {"perempuan": 2, "laki_laki": 1, UNKNOWN: 1}
    assert _by(f, "cases_opened") == {"perempuan": 2, "laki_laki": 2, UNKNOWN: 1}
    assert _by(f, "median_days_to_close") == {"perempuan": 201, "laki_laki": 29.5, UNKNOWN: None}
    assert _by(f, "share_within_sla") == {"perempuan": 0, "laki_laki": 0.5, UNKNOWN: None}
    assert _by(f, "consultation_hours") == {"perempuan": 3, "laki_laki": 3, UNKNOWN: 0}
    assert _by(f, "long_term_clients") == {"perempuan": 1, "laki_laki": 0, UNKNOWN: 0}
    assert _by(f, "permits_nib") == {"perempuan": 0, "laki_laki": 1, UNKNOWN: 0}
    assert _by(f, "referrals_completed") == {"perempuan": 0, "laki_laki": 1, UNKNOWN: 0}
    assert _by(f, "event_participants") == {"perempuan": 2, "laki_laki": 0, UNKNOWN: 0}
    assert _by(f, "event_sales") == {"perempuan": 2_500_000, "laki_laki": 0, UNKNOWN: 0}
    assert _by(f, "sales_change_median_pct") == {"perempuan": 10, "laki_laki": 60, UNKNOWN: None}
    assert _by(f, "share_size_class_up") == {"perempuan": 0, "laki_laki": 1, UNKNOWN: None}
    assert _by(f, "ikm_score") == {"perempuan": 100, "laki_laki": 75, UNKNOWN: None}
    assert _by(f, "share_with_nib") == {"perempuan": 0.5, "laki_laki": 1, UNKNOWN: 0}
    n = f.set_index(["group", "indicator"])["n"]
    assert (n["laki_laki", "median_days_to_close"], n["perempuan", "event_sales"]) == (2, 2)


def test_by_youth_is_measured_at_the_period_end(s: Session) -> None:
    f = indicators_by(s, A, Q2, Dimension.youth)
    # E1 is 30 on 30 June (young); E2 turned 31 that day; E3 born 1980; E6 has no NIK
    assert _by(f, "umkm_served") == {"muda": 1, "bukan_muda": 2, UNKNOWN: 1}
    later = indicators_by(s, A, Period(d(4, 1), d(7, 1)), Dimension.youth)
    assert _by(later, "umkm_served") == {"muda": 0, "bukan_muda": 3, UNKNOWN: 1}


def test_by_owner_traits_and_channel(s: Session) -> None:
    oap = indicators_by(s, A, Q2, Dimension.orang_asli_papua)
    assert _by(oap, "umkm_served") == {"oap": 1, "bukan_oap": 3}
    assert _by(oap, "event_sales") == {"oap": 500_000, "bukan_oap": 2_000_000}
    dis = indicators_by(s, A, Q2, Dimension.disability)
    assert _by(dis, "cases_opened") == {"disabilitas": 1, "non_disabilitas": 4}
    ch = indicators_by(s, A, Q2, Dimension.outreach_channel)
    assert list(dict.fromkeys(ch["group"])) == [
        "media_sosial",
        "petugas_lapangan",
        "acara",
        "teman",
    ]
    assert _by(ch, "consultation_hours") == {
        "media_sosial": 3, "petugas_lapangan": 3, "acara": 0, "teman": 0,
    }  # fmt: skip
    biak = indicators_by(s, B, Q2, Dimension.orang_asli_papua)
    assert _by(biak, "ikm_score") == {"oap": 50, "bukan_oap": None}


def test_by_service_field(s: Session) -> None:
    f = indicators_by(s, A, Q2, Dimension.service_field)
    assert list(dict.fromkeys(f["group"])) == ["kelembagaan", "sdm", "pemasaran"]
    # E1 was served in kelembagaan (C1 activity) and sdm (C1b): counted in both
    assert _by(f, "umkm_served") == {"kelembagaan": 2, "sdm": 2, "pemasaran": 1}
    assert _by(f, "cases_opened") == {"kelembagaan": 2, "sdm": 2, "pemasaran": 1}
    assert _by(f, "median_days_to_close") == {"kelembagaan": 30, "sdm": None, "pemasaran": None}
    assert _by(f, "permits_obtained") == {"kelembagaan": 2, "sdm": 0, "pemasaran": 0}
    assert _by(f, "ikm_score") == {"kelembagaan": 87.5, "sdm": None, "pemasaran": None}
    assert _by(f, "sales_change_mean_pct") == {"kelembagaan": 35, "sdm": 10, "pemasaran": None}
    assert not f["indicator"].str.startswith("event").any()  # events have no service field


_ADDITIVE = (
    "umkm_served", "umkm_new", "cases_opened", "cases_closed", "consultation_hours",
    "long_term_clients", "permits_obtained", "referrals_made", "referrals_completed",
    "event_registrations", "event_participants", "event_sales", "size_class_up",
)  # fmt: skip


@pytest.mark.parametrize("scope", [A, Scope.regency("12.71"), Scope.province("12")], ids=str)
def test_owner_and_channel_groups_add_up_to_the_total(s: Session, scope: Scope) -> None:
    total = evaluation_indicators(s, scope, Q2).metrics()
    for dim in Dimension:
        if dim is Dimension.service_field:
            continue
        f = indicators_by(s, scope, Q2, dim)
        sums = f.groupby("indicator")["value"].sum()
        for name in _ADDITIVE:
            assert sums[name] == pytest.approx(total[name]), (dim, name)


@pytest.mark.parametrize("scope", [A, Scope.regency("12.71"), Scope.province("12")], ids=str)
def test_every_breakdown_in_one_pass_equals_each_breakdown_alone(s: Session, scope: Scope) -> None:
    # The owner and channel dimensions are grouped by together and folded per dimension:
    # counts add up, medians and means are taken over the folded values.
    together = indicators_by_dimensions(s, scope, Q2, [*Dimension, Dimension.gender])
    assert list(together) == list(Dimension)  # in the order asked, each once
    for dim in Dimension:
        pd.testing.assert_frame_equal(together[dim], indicators_by(s, scope, Q2, dim))
    if scope == A:  # the known answers of test_by_gender, through the one-pass path
        gender = together[Dimension.gender]
        assert _by(gender, "median_days_to_close") == {
            "perempuan": 201,
            "laki_laki": 29.5,
            UNKNOWN: None,
        }
        assert _by(gender, "sales_change_median_pct") == {
            "perempuan": 10,
            "laki_laki": 60,
            UNKNOWN: None,
        }
