"""Known-answer tests of the key figures on SQLite and PostgreSQL (see tests/analytics)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session, col

from plut_nb.analytics import charts
from plut_nb.analytics.kpis import (
    MonthFlow,
    case_flow,
    cases_by_field,
    consultation_hours,
    dashboard_kpis,
    enterprises_served,
    event_figures,
    ikm_score,
    monthly_case_flow,
    open_cases_by_status,
    permits_obtained,
)
from plut_nb.analytics.operations import StaffLoad, overdue_cases, staff_workload
from plut_nb.analytics.scope import Period, Scope, ScopeKind, list_centres, scope_name
from plut_nb.errors import NotFound, ValidationError
from plut_nb.models import Centre, Staff
from plut_nb.rules import ikm_result
from tests.analytics import AS_OF, MARCH, Known, build_known, d

A = Scope.centre("PLUT-SUMUT")
B = Scope.centre("PLUT-BIAK")


@pytest.fixture
def known(engine: Engine) -> Known:
    return build_known(engine)


@pytest.fixture
def s(engine: Engine, known: Known) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def test_enterprises_served_new_and_returning(s: Session) -> None:
    served = enterprises_served(s, A, MARCH)
    assert (served.total, served.new, served.returning) == (5, 2, 3)  # E1 E2 E3 E6 E8; new E2 E3
    # 2 March on: E2's case (1 March) is out but its activity on 2 March is in; E3 (31 March) out
    inner = enterprises_served(s, A, Period(d(3, 2), d(3, 30)))
    assert (inner.total, inner.new) == (4, 0)
    # February: E1 and E4 opened; E4's activity on 28 February; both registered then
    feb = enterprises_served(s, A, Period(d(2, 1), d(2, 28)))
    assert (feb.total, feb.new) == (2, 2)
    assert enterprises_served(s, B, MARCH).total == 1


def test_case_flow_counts_period_edges(s: Session) -> None:
    flow = case_flow(s, A, MARCH)
    assert (flow.opened, flow.closed, flow.cancelled) == (3, 1, 1)  # C2 C3 C6b; C1; C6b
    # a case opened the day before the period (C4, 28 Feb) is out; so is one finished after (C6)
    after_first = case_flow(s, A, Period(d(3, 2), d(3, 31)))
    assert after_first.opened == 2
    before_last = case_flow(s, A, Period(d(3, 1), d(3, 30)))
    assert (before_last.opened, before_last.closed) == (2, 0)
    feb = case_flow(s, A, Period(d(2, 28), d(2, 28)))
    assert (feb.opened, feb.closed) == (1, 1)  # C4 opened and finished on 28 Feb


def test_open_cases_by_status_now(s: Session) -> None:
    assert open_cases_by_status(s, A) == {
        "baru": 2,  # C3, C5
        "ditugaskan": 0,
        "dalam_proses": 1,  # C2
        "menunggu_pihak_lain": 1,  # C8
    }
    assert open_cases_by_status(s, B) == {
        "baru": 0, "ditugaskan": 1, "dalam_proses": 0, "menunggu_pihak_lain": 0,
    }  # fmt: skip


def test_cases_by_field(s: Session) -> None:
    assert cases_by_field(s, A, MARCH) == {"kelembagaan": 2, "sdm": 1}
    assert list(cases_by_field(s, A, MARCH)) == ["kelembagaan", "sdm"]  # largest first
    assert cases_by_field(s, A, Period(d(1, 1), d(1, 31))) == {"produksi": 1}


def test_overdue_cases_list_and_edges(s: Session, known: Known) -> None:
    page = overdue_cases(s, A, as_of=AS_OF)
    assert page.total == 2
    rows = [(r.case_id, r.days_overdue, r.assignee_name, r.status) for r in page.rows]
    assert rows == [
        (known.cases["C8"], 79, "Ani Konsultan", "menunggu_pihak_lain"),  # due 26 Jan
        (known.cases["C2"], 15, "Dedi Konsultan", "dalam_proses"),  # due 31 Mar
    ]
    assert page.rows[0].enterprise_name == "Usaha Uji 8"
    assert page.rows[0].service_name == "Rumah kemasan"
    # due_on equal to today is not overdue: C5 is due 15 April
    assert known.cases["C5"] not in [r.case_id for r in page.rows]
    later = overdue_cases(s, A, as_of=d(4, 16))
    assert later.total == 3 and later.rows[-1].case_id == known.cases["C5"]
    assert overdue_cases(s, A, as_of=d(3, 31)).total == 1  # C2 due that day: not yet
    second = overdue_cases(s, A, as_of=AS_OF, page=2, page_size=1)
    assert second.pages == 2 and [r.case_id for r in second.rows] == [known.cases["C2"]]
    assert overdue_cases(s, B, as_of=AS_OF).total == 1


def test_overdue_defaults_to_the_centre_clock(s: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    import plut_nb.analytics.operations as operations

    monkeypatch.setattr(operations, "today", lambda: d(3, 31))
    assert overdue_cases(s, A).total == 1
    monkeypatch.setattr(operations, "today", lambda: AS_OF)
    assert overdue_cases(s, A).total == 2


def test_consultation_hours_by_field(s: Session) -> None:
    hours = consultation_hours(s, A, MARCH)
    # C1 90' + C2 60' + C6 30' (31 Mar) kelembagaan; C8 45' produksi; 28 Feb and 2 Apr out
    assert hours.minutes == {"kelembagaan": 180, "produksi": 45}
    assert hours.total_minutes == 225 and hours.hours == 3.75
    assert hours.hours_by_field == {"kelembagaan": 3.0, "produksi": 0.75}
    assert consultation_hours(s, B, MARCH).minutes == {"kelembagaan": 120}


def test_permits_obtained_by_type(s: Session) -> None:
    assert permits_obtained(s, A, MARCH) == {"merek": 1, "nib": 1}  # halal 1 Apr, PIRT 28 Feb out
    assert permits_obtained(s, A, Period(d(2, 1), d(4, 30))) == {
        "halal": 1, "merek": 1, "nib": 1, "pirt": 1,
    }  # fmt: skip
    assert permits_obtained(s, B, MARCH) == {}


def test_event_figures(s: Session) -> None:
    ev = event_figures(s, A, MARCH)
    assert (ev.events, ev.registered, ev.attended, ev.sales) == (2, 3, 2, 1_500_000)
    feb = event_figures(s, A, Period(d(2, 1), d(2, 28)))
    assert (feb.events, feb.registered, feb.attended, feb.sales) == (1, 1, 1, 0)
    biak = event_figures(s, B, MARCH)
    assert (biak.events, biak.registered, biak.attended, biak.sales) == (1, 1, 1, 700_000)


def test_ikm_from_sql_sums_matches_the_rule(s: Session) -> None:
    ikm = ikm_score(s, A, MARCH)
    assert ikm is not None
    expected = ikm_result([[4] * 9, [3] * 8 + [2]])  # submitted 31 Mar and 1 Mar
    assert ikm == expected
    assert (ikm.n_respondents, ikm.score_rounded, ikm.grade) == (2, Decimal("86.11"), "B")
    april = ikm_score(s, A, Period(d(4, 1), d(4, 30)))
    assert april is not None and (april.score_rounded, april.grade) == (Decimal("25.00"), "D")
    assert ikm_score(s, A, Period(d(1, 1), d(2, 28))) is None
    assert ikm_score(s, B, MARCH) is None


def test_staff_workload(s: Session, known: Known) -> None:
    loads = staff_workload(s, A, MARCH)
    assert [(x.name, x.open_cases, x.minutes) for x in loads] == [
        ("Ani Konsultan", 1, 165),  # C8 open; 90 + 30 + 45 minutes
        ("Dedi Konsultan", 1, 60),  # C2 open; 60 (2 Apr out)
        ("Eko Lapangan", 0, 0),  # idle field officer still listed
    ]
    assert loads[0].hours == 2.75
    assert staff_workload(s, B, MARCH) == [
        StaffLoad(loads_b_id(s), "Yohanes Biak", ("consultant",), 1, 120)
    ]


def loads_b_id(s: Session) -> int:
    return int(s.execute(text("SELECT id FROM staff WHERE username = 'b1'")).scalar_one())


def test_monthly_case_flow(s: Session) -> None:
    q1 = monthly_case_flow(s, A, Period.quarter(2026, 1))
    assert q1 == [MonthFlow(2026, 1, 1, 0), MonthFlow(2026, 2, 2, 1), MonthFlow(2026, 3, 3, 1)]
    assert [m.label for m in q1] == ["2026-01", "2026-02", "2026-03"]
    assert monthly_case_flow(s, A, Period(d(12, 20, 2025), d(1, 10))) == [
        MonthFlow(2025, 12, 0, 0), MonthFlow(2026, 1, 1, 0),
    ]  # fmt: skip


def test_region_scopes(s: Session) -> None:
    deli = Scope.regency("1207")
    assert deli.code == "12.07"
    served = enterprises_served(s, deli, MARCH)
    assert (served.total, served.new) == (1, 1)  # E3 only
    assert case_flow(s, deli, MARCH).opened == 1
    ev = event_figures(s, deli, MARCH)
    assert (ev.events, ev.registered, ev.attended, ev.sales) == (1, 1, 0, 0)  # E3 at Ev1
    assert consultation_hours(s, deli, MARCH).minutes == {}
    assert open_cases_by_status(s, deli)["baru"] == 1
    sumut = Scope.province("12")
    assert enterprises_served(s, sumut, MARCH) == enterprises_served(s, A, MARCH)
    assert permits_obtained(s, sumut, MARCH) == {"merek": 1, "nib": 1}
    assert ikm_score(s, sumut, MARCH) == ikm_score(s, A, MARCH)
    papua = Scope.province("91")
    assert enterprises_served(s, papua, MARCH).total == 1
    assert event_figures(s, papua, MARCH).sales == 700_000
    assert [x.name for x in staff_workload(s, papua, MARCH)] == ["Yohanes Biak"]


def test_dashboard_kpis_bundle(s: Session, known: Known) -> None:
    k = dashboard_kpis(s, known.manager, A, MARCH, as_of=AS_OF, overdue_page_size=5)
    assert k.scope_name == "PLUT Sumatera Utara"
    assert (k.served.total, k.flow.opened, k.open_cases, k.overdue.total) == (5, 3, 4, 2)
    assert (k.hours.hours, k.permits_total, k.events.attended) == (3.75, 2, 2)
    assert k.ikm is not None and k.ikm.grade == "B"
    assert len(k.monthly) == 1 and k.monthly[0].opened == 3


def test_unknown_scopes_fail_cleanly(s: Session, known: Known) -> None:
    with pytest.raises(NotFound, match="PLUT-XX"):
        dashboard_kpis(s, known.manager, Scope.centre("PLUT-XX"), MARCH)
    with pytest.raises(ValidationError, match=r"^Kode wilayah '12\.68' tidak ada"):
        scope_name(s, Scope.regency("12.68"))
    assert scope_name(s, Scope.regency("12.71")) == "Kota Medan"
    assert [c.code for c in list_centres(s)] == ["PLUT-BIAK", "PLUT-SUMUT"]


def test_demo_data_cross_checked_with_direct_sql(engine: Engine) -> None:
    from plut_nb.demo import generate_demo

    generate_demo(engine, enterprises=200, seed=5, progress=False)
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    scope = Scope.centre("PLUT-SUMUT")
    args = {"c": "PLUT-SUMUT", "a": period.start, "b": period.end}
    centre = "(SELECT id FROM centre WHERE code = :c)"
    with Session(engine) as s:
        manager = s.execute(
            select(Staff)
            .join(Centre, col(Centre.id) == col(Staff.centre_id))
            .where(col(Centre.code) == "PLUT-SUMUT", col(Staff.username).startswith("manajer."))
        ).scalar_one()
        k = dashboard_kpis(s, manager, scope, period, as_of=date(2026, 11, 27))

        def sql(query: str) -> int:
            return int(s.execute(text(query), args).scalar_one() or 0)

        opened = sql(f"SELECT count(*) FROM service_case WHERE centre_id = {centre} "
                     "AND opened_on BETWEEN :a AND :b")  # fmt: skip
        minutes = sql(
            "SELECT sum(a.minutes) FROM activity a JOIN service_case c ON c.id = a.case_id "
            f"WHERE c.centre_id = {centre} AND a.held_on BETWEEN :a AND :b"
        )
        served = sql(
            "SELECT count(*) FROM (SELECT enterprise_id FROM service_case "
            f"WHERE centre_id = {centre} AND opened_on BETWEEN :a AND :b UNION "
            "SELECT c.enterprise_id FROM activity a JOIN service_case c ON c.id = a.case_id "
            f"WHERE c.centre_id = {centre} AND a.held_on BETWEEN :a AND :b) x"
        )
        open_now = sql(f"SELECT count(*) FROM service_case WHERE centre_id = {centre} AND "
                       "status IN ('baru','ditugaskan','dalam_proses','menunggu_pihak_lain')")  # fmt: skip
    assert opened > 20 and k.flow.opened == opened
    assert minutes > 0 and k.hours.total_minutes == minutes
    assert served > 20 and k.served.total == served
    assert k.open_cases == open_now and sum(k.cases_by_field.values()) == opened
    assert sum(m.opened for m in k.monthly) == opened


# --- scope and period -------------------------------------------------------


def test_scope_normalises_and_rejects() -> None:
    assert Scope("regency", "1271") == Scope.regency("12.71")  # type: ignore[arg-type]
    assert Scope.province(" 12 ").code == "12" and Scope.centre("X").kind is ScopeKind.centre
    for bad in (lambda: Scope("kota", "12"), lambda: Scope.centre("  "),  # type: ignore[arg-type]
                lambda: Scope.province("12.71"), lambda: Scope.regency("12")):  # fmt: skip
        with pytest.raises(ValidationError):
            bad()
    with pytest.raises(ValueError, match="enterprise_id"):
        Scope.regency("12.71").where(centre_id=1)


def test_period_rules() -> None:
    with pytest.raises(ValidationError, match="2026-03-01"):
        Period(d(3, 1), d(2, 1))
    with pytest.raises(ValidationError):
        Period(None, d(2, 1))  # type: ignore[arg-type]
    assert Period.year_to_date(d(4, 15)) == Period(d(1, 1), d(4, 15))
    assert Period.quarter(2026, 2) == Period(d(4, 1), d(6, 30))
    assert Period.quarter(2026, 1).previous() == Period(d(10, 1, 2025), d(12, 31, 2025))
    assert MARCH.previous() == Period(d(2, 1), d(2, 28))
    assert Period(d(3, 5), d(3, 14)).previous() == Period(d(2, 23), d(3, 4))
    assert MARCH.days == 31 and Period(d(11, 15, 2025), d(1, 2)).months() == [
        (2025, 11), (2025, 12), (2026, 1),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        Period.quarter(2026, 5)


# --- charts -----------------------------------------------------------------


def test_charts_are_png_figures_with_one_bar_per_item(s: Session, known: Known) -> None:
    k = dashboard_kpis(s, known.manager, A, Period.quarter(2026, 1), as_of=AS_OF)
    figs = charts.dashboard_charts(k)
    assert set(figs) == {"status", "field", "hours", "permits", "monthly"}
    assert len(figs["status"].axes[0].patches) == 4
    assert len(figs["permits"].axes[0].patches) == len(k.permits) == 3
    assert len(figs["monthly"].axes[0].patches) == 6  # 3 months x opened/closed
    labels = [tl.get_text() for tl in figs["field"].axes[0].get_yticklabels()]
    assert "Kelembagaan" in labels
    png = charts.figure_png(figs["hours"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000


def test_empty_chart_says_no_data() -> None:
    fig = charts.permits_chart({})
    assert not fig.axes[0].patches
    assert [x.get_text() for x in fig.axes[0].texts] == ["tidak ada data"]
    assert charts.status_label("menunggu_pihak_lain") == "Menunggu pihak lain"
    assert charts.field_label("unknown") == "unknown"


def test_open_order_is_the_workflow_open_set() -> None:
    from plut_nb.analytics._common import OPEN_ORDER
    from plut_nb.services.workflow import OPEN_STATUSES

    assert set(OPEN_ORDER) == OPEN_STATUSES and len(OPEN_ORDER) == len(OPEN_STATUSES)
