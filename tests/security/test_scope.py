"""Centre scope through the services: another centre's data is refused; province and national reach.

Also: researchers get no personal data from any service, evaluators change no
case, and every refusal is logged and audited. SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.analytics.access import dashboard_centres, dashboard_overdue
from plut_nb.analytics.kpis import dashboard_kpis
from plut_nb.analytics.scope import Period, Scope
from plut_nb.errors import PermissionDenied
from plut_nb.models import AuditEntry, Staff, StaffScope
from plut_nb.services.board import case_view, list_cases
from plut_nb.services.case_history import case_audit
from plut_nb.services.cases import (
    SnapshotInput,
    assign_case,
    change_status,
    complete_case,
    get_case,
    log_activity,
    open_case,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
)
from plut_nb.services.directory import search_enterprises
from plut_nb.services.event_queries import (
    event_totals,
    find_enterprises_for_event,
    list_events,
    list_registrations,
)
from plut_nb.services.events import create_event, get_event, mark_attendance, register_for_event
from plut_nb.services.intake import (
    IntakeForm,
    find_duplicates,
    register_enterprise,
    validate_intake,
)
from plut_nb.services.staff import list_colleagues
from plut_nb.services.survey_queries import centre_ikm, list_survey_eligible
from tests.security import OWNERS, World, build_world, version

PERIOD = Period(date(2026, 1, 1), date(2026, 3, 31))
Call = Callable[[Session, Staff, World], Any]


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        return build_world(s)


def _as(s: Session, world: World, key: str, scope: str | None = None) -> Staff:
    member = s.get(Staff, world.staff[key].id)
    assert member is not None
    if scope is not None:
        member.scope = scope
        s.add(member)
        s.flush()
    return member


def _denied(s: Session, call: Callable[[], Any]) -> PermissionDenied:
    savepoint = s.begin_nested()
    try:
        with pytest.raises(PermissionDenied) as info:
            call()
    finally:
        savepoint.rollback()
    return info.value


def _works(s: Session, call: Callable[[], Any]) -> Any:
    savepoint = s.begin_nested()
    try:
        return call()
    finally:
        savepoint.rollback()


# --- what a consultant of centre A may not do at centre B (another province) -------------

ON_B: dict[str, Call] = {
    "get_case": lambda s, a, w: get_case(s, a, w.cases["b"]),
    "case_view": lambda s, a, w: case_view(s, a, w.cases["b"]),
    "assign_self": lambda s, a, w: assign_case(
        s, a, w.cases["b"], a.id, expected_version=version(s, w.cases["b"])
    ),
    "change_status": lambda s, a, w: change_status(
        s, a, w.cases["b"], "dibatalkan", expected_version=version(s, w.cases["b"])
    ),
    "log_activity": lambda s, a, w: log_activity(
        s,
        a,
        w.cases["b"],
        held_on=date(2026, 3, 3),
        minutes=30,
        expected_version=version(s, w.cases["b"]),
    ),
    "refer": lambda s, a, w: refer_case(
        s,
        a,
        w.cases["b"],
        partner_type="bpom",
        partner_name="BPOM",
        follow_up_on=date(2099, 1, 1),
        expected_version=version(s, w.cases["b"]),
    ),
    "record_permit": lambda s, a, w: record_permit(
        s, a, w.cases["b"], permit_type="nib", expected_version=version(s, w.cases["b"])
    ),
    "record_snapshot": lambda s, a, w: record_snapshot(
        s, a, w.enterprises["b"], SnapshotInput(date(2026, 3, 3), sales_annual=5)
    ),
    "record_survey": lambda s, a, w: record_survey(s, a, w.cases["b"], [4] * 9),
    "open_case_there": lambda s, a, w: open_case(
        s, a, enterprise_id=w.enterprises["b"], service_code="branding", centre_id=w.b.id
    ),
    "register_there": lambda s, a, w: register_enterprise(
        s,
        a,
        IntakeForm(
            enterprise_name="X",
            village_code="91.06.01.1001",
            owner_name="Y",
            service_code="branding",
        ),
        centre_id=w.b.id,
    ),
    "get_event": lambda s, a, w: get_event(s, a, w.events["b"]),
    "event_totals": lambda s, a, w: event_totals(s, a, w.events["b"]),
    "list_registrations": lambda s, a, w: list_registrations(s, a, w.events["b"]),
    "find_for_event": lambda s, a, w: find_enterprises_for_event(s, a, w.events["b"], ""),
    "register_for_event": lambda s, a, w: register_for_event(
        s, a, w.events["b"], w.enterprises["work"]
    ),
    "mark_attendance": lambda s, a, w: mark_attendance(s, a, w.events["b"], w.enterprises["b"]),
    "list_events": lambda s, a, w: list_events(s, a, w.b.id),
    "list_survey_eligible": lambda s, a, w: list_survey_eligible(s, a, centre_id=w.b.id),
    "centre_ikm": lambda s, a, w: centre_ikm(s, a, w.b.id),
    "list_colleagues": lambda s, a, w: list_colleagues(s, a, w.b.id),
}


@pytest.mark.parametrize("name", sorted(ON_B))
def test_another_centres_data_is_refused(engine: Engine, world: World, name: str) -> None:
    with Session(engine, expire_on_commit=False) as s:
        kons = _as(s, world, "consultant")
        err = _denied(s, lambda: ON_B[name](s, kons, world))
        assert err.centre == "PLUT-BIAK" and err.actor == kons.name
        assert "PLUT-BIAK" in err.message and "di luar cakupan" in err.message
        # the same staff member at their own centre is fine (the refusal is about scope)
        assert list_cases(s, kons, scope="centre").total == 3


def test_lists_and_searches_show_only_the_centres_covered(engine: Engine, world: World) -> None:
    with Session(engine, expire_on_commit=False) as s:
        kons = _as(s, world, "consultant")
        mine = {r.case_id for r in list_cases(s, kons, scope="centre").rows}
        assert mine == {world.cases["new"], world.cases["work"], world.cases["done"]}
        found = {r.enterprise_id for r in search_enterprises(s, kons, "usaha").rows}
        assert found == {world.enterprises[k] for k in ("new", "work", "done")}
        assert search_enterprises(s, kons, "usaha b").total == 0  # Biak's enterprise
        assert {e.name for e in list_events(s, kons).rows} == {"Pameran a"}
        # B's consultant opens a case for A's enterprise: A's staff see the enterprise,
        # B's consultant now finds it too (served at B), but not A's other enterprises
        b = _as(s, world, "b")
        open_case(s, b, enterprise_id=world.enterprises["new"], service_code="branding")
        s.flush()
        assert {r.name for r in search_enterprises(s, b, "usaha").rows} == {"Usaha B", "Usaha NEW"}


def test_duplicate_search_spans_centres_but_returns_no_owner_data(
    engine: Engine, world: World
) -> None:
    with Session(engine, expire_on_commit=False) as s:
        fo = _as(s, world, "front_office")
        nik, phone = OWNERS["b"]
        intake = validate_intake(
            IntakeForm(enterprise_name="Lain", village_code="12.71.01.1001", owner_name="Z",
                       nik=nik, service_code="branding"), on=date(2026, 3, 3),
        )  # fmt: skip
        found = find_duplicates(s, fo, intake)
        assert [(c.enterprise_id, c.reason) for c in found] == [(world.enterprises["b"], "nik")]
        assert nik not in repr(found) and phone not in repr(found)
        err = _denied(s, lambda: find_duplicates(s, _as(s, world, "researcher"), intake))
        assert err.action == "register_enterprise"


def test_province_scope_covers_the_province_only(engine: Engine, world: World) -> None:
    with Session(engine, expire_on_commit=False) as s:
        mgr = _as(s, world, "manager", StaffScope.province)
        view = case_view(s, mgr, world.cases["a2"])
        assert view.centre_id == world.a2.id
        # working another centre's case, but not the own one: NIK and phone stay masked
        assert view.enterprise.owner_nik is None and view.enterprise.owner_nik_masked
        a2 = _as(s, world, "a2")
        assert a2.id is not None
        _works(s, lambda: assign_case(s, mgr, world.cases["a2"], a2.id,
                                      expected_version=version(s, world.cases["a2"])))  # fmt: skip
        assert _denied(s, lambda: case_view(s, mgr, world.cases["b"])).centre == "PLUT-BIAK"
        assert [c.code for c in dashboard_centres(s, mgr)] == ["PLUT-MEDAN", "PLUT-SUMUT"]
        assert dashboard_kpis(s, mgr, Scope.centre("PLUT-MEDAN"), PERIOD).flow.opened == 1
        assert dashboard_kpis(s, mgr, Scope.province("12"), PERIOD).flow.opened == 4
        assert dashboard_kpis(s, mgr, Scope.regency("12.71"), PERIOD).flow.opened == 4
        err = _denied(s, lambda: dashboard_kpis(s, mgr, Scope.province("91"), PERIOD))
        assert err.centre == "91"
        _denied(s, lambda: dashboard_overdue(s, mgr, Scope.centre("PLUT-BIAK")))


def test_centre_scope_reaches_no_region_and_national_reaches_all(
    engine: Engine, world: World
) -> None:
    with Session(engine, expire_on_commit=False) as s:
        mgr = _as(s, world, "manager")
        assert [c.code for c in dashboard_centres(s, mgr)] == ["PLUT-SUMUT"]
        _denied(s, lambda: dashboard_kpis(s, mgr, Scope.regency("12.71"), PERIOD))
        _denied(s, lambda: dashboard_kpis(s, mgr, Scope.centre("PLUT-MEDAN"), PERIOD))
        _denied(s, lambda: case_view(s, mgr, world.cases["a2"]))
        ev = _as(s, world, "evaluator", StaffScope.national)
        assert len(dashboard_centres(s, ev)) == 3
        assert dashboard_kpis(s, ev, Scope.province("91"), PERIOD).flow.opened == 1
        assert centre_ikm(s, ev, world.b.id) is None
        nat = _as(s, world, "consultant", StaffScope.national)
        assert case_view(s, nat, world.cases["b"]).row.case_id == world.cases["b"]


# --- researchers and evaluators ------------------------------------------------------------

PERSONAL: dict[str, Call] = {
    "search_enterprises": lambda s, a, w: search_enterprises(s, a, ""),
    "list_cases": lambda s, a, w: list_cases(s, a, scope="centre"),
    "case_view": lambda s, a, w: case_view(s, a, w.cases["work"]),
    "get_case": lambda s, a, w: get_case(s, a, w.cases["work"]),
    "case_audit": lambda s, a, w: case_audit(s, a, w.cases["work"]),
    "find_duplicates": lambda s, a, w: find_duplicates(
        s,
        a,
        validate_intake(
            IntakeForm(
                enterprise_name="Usaha NEW",
                village_code="12.71.01.1001",
                owner_name="Q",
                service_code="branding",
            )
        ),
    ),
    "list_registrations": lambda s, a, w: list_registrations(s, a, w.events["a"]),
    "find_for_event": lambda s, a, w: find_enterprises_for_event(s, a, w.events["a"], "usaha"),
    "list_events": lambda s, a, w: list_events(s, a),
    "list_survey_eligible": lambda s, a, w: list_survey_eligible(s, a),
    "list_colleagues": lambda s, a, w: list_colleagues(s, a),
    "dashboard_kpis": lambda s, a, w: dashboard_kpis(s, a, Scope.centre("PLUT-SUMUT"), PERIOD),
    "dashboard_overdue": lambda s, a, w: dashboard_overdue(s, a, Scope.centre("PLUT-SUMUT")),
    "dashboard_centres": lambda s, a, w: dashboard_centres(s, a),
}


@pytest.mark.parametrize("scope", [StaffScope.centre, StaffScope.national])
def test_researchers_get_no_personal_data_from_any_service(
    engine: Engine, world: World, scope: str
) -> None:
    with Session(engine, expire_on_commit=False) as s:
        res = _as(s, world, "researcher", scope)
        for name, call in PERSONAL.items():
            err = _denied(s, lambda call=call: call(s, res, world))  # type: ignore[misc]
            assert err.actor == res.name, name


EDITS: dict[str, Call] = {
    "register_enterprise": lambda s, a, w: register_enterprise(
        s,
        a,
        IntakeForm(
            enterprise_name="X",
            village_code="12.71.01.1001",
            owner_name="Y",
            service_code="branding",
        ),
    ),
    "open_case": lambda s, a, w: open_case(
        s, a, enterprise_id=w.enterprises["work"], service_code="branding"
    ),
    "assign_case": lambda s, a, w: assign_case(
        s, a, w.cases["new"], w.staff["consultant"].id, expected_version=version(s, w.cases["new"])
    ),
    "change_status": lambda s, a, w: change_status(
        s, a, w.cases["work"], "menunggu_pihak_lain", expected_version=version(s, w.cases["work"])
    ),
    "complete_case": lambda s, a, w: complete_case(
        s, a, w.cases["work"], "Selesai", expected_version=version(s, w.cases["work"])
    ),
    "log_activity": lambda s, a, w: log_activity(
        s,
        a,
        w.cases["work"],
        held_on=date(2026, 3, 3),
        minutes=30,
        expected_version=version(s, w.cases["work"]),
    ),
    "refer": lambda s, a, w: refer_case(
        s,
        a,
        w.cases["work"],
        partner_type="bpom",
        partner_name="BPOM",
        follow_up_on=date(2099, 1, 1),
        expected_version=version(s, w.cases["work"]),
    ),
    "record_permit": lambda s, a, w: record_permit(
        s, a, w.cases["work"], permit_type="nib", expected_version=version(s, w.cases["work"])
    ),
    "record_snapshot": lambda s, a, w: record_snapshot(
        s, a, w.enterprises["work"], SnapshotInput(date(2026, 3, 3), sales_annual=5)
    ),
    "record_survey": lambda s, a, w: record_survey(s, a, w.cases["done"], [4] * 9),
    "create_event": lambda s, a, w: create_event(
        s, a, kind="pameran", name="X", starts_on=date(2026, 4, 1)
    ),
    "register_for_event": lambda s, a, w: register_for_event(
        s, a, w.events["a"], w.enterprises["new"]
    ),
}


@pytest.mark.parametrize("scope", [StaffScope.centre, StaffScope.national])
def test_evaluators_read_figures_but_change_no_case(
    engine: Engine, world: World, scope: str
) -> None:
    with Session(engine, expire_on_commit=False) as s:
        ev = _as(s, world, "evaluator", scope)
        for name, call in EDITS.items():
            err = _denied(s, lambda call=call: call(s, ev, world))  # type: ignore[misc]
            assert err.actor == ev.name, name
        _denied(s, lambda: case_view(s, ev, world.cases["work"]))
        assert dashboard_kpis(s, ev, Scope.centre("PLUT-SUMUT"), PERIOD).flow.opened == 3
        assert centre_ikm(s, ev) is None


# --- refusals are logged and audited ---------------------------------------------------------


def test_a_refusal_is_logged_and_audited_even_when_the_work_is_rolled_back(
    engine: Engine, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="plut_nb.security")
    with Session(engine, expire_on_commit=False) as s:
        kons = _as(s, world, "consultant")
        res = _as(s, world, "researcher")
        kons_id, res_id = kons.id, res.id
        with pytest.raises(PermissionDenied):
            case_view(s, kons, world.cases["b"])
        with pytest.raises(PermissionDenied):
            search_enterprises(s, res, "usaha")
        s.rollback()  # the caller's transaction is undone; the refusals stay recorded
    lines = [r.getMessage() for r in caplog.records if r.name == "plut_nb.security"]
    assert any(
        "action=read_case" in m and "reason=scope" in m and "centre=PLUT-BIAK" in m for m in lines
    )
    assert any("action=read_personal_data" in m and "reason=role" in m for m in lines)
    with Session(engine) as s:
        denied = s.execute(
            select(AuditEntry)
            .where(col(AuditEntry.action).startswith("denied:"))
            .order_by(col(AuditEntry.id))
        ).scalars().all()  # fmt: skip
        got = [(e.actor_id, e.action, e.entity, e.entity_id, (e.after or {}).get("reason"))
               for e in denied]  # fmt: skip
    assert got == [
        (kons_id, "denied:read_case", "case", str(world.cases["b"]), "scope"),
        (res_id, "denied:read_personal_data", "centre", "-", "role"),
    ]
    nik, phone = OWNERS["b"]
    assert all(nik not in m and phone[1:] not in m for m in lines)


def test_a_refusal_outside_a_transaction_is_audited_at_once(engine: Engine, world: World) -> None:
    from plut_nb.security.permissions import Action, require

    with Session(engine, expire_on_commit=False) as s:
        res = s.get(Staff, world.staff["researcher"].id)
        assert res is not None
        s.commit()  # nothing open: the entry is written straight away
        with pytest.raises(PermissionDenied):
            require(s, res, Action.manage_users)
        with Session(engine) as other:
            actions = other.execute(
                select(col(AuditEntry.action)).where(col(AuditEntry.actor_id) == res.id)
            ).scalars().all()  # fmt: skip
    assert actions == ["denied:manage_users"]
