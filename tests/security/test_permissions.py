"""Every role × action of the permission matrix, through the services, on SQLite and PostgreSQL.

For each action a probe calls the service that does it on centre A's data;
each role of centre A tries it (in a savepoint rolled back afterwards) and must
succeed exactly when the matrix allows the role. ``run_batches``,
``read_deidentified`` and ``manage_users`` have no service in this package yet
(the batch CLI, research extract and account CLI check them), so their probe
is :func:`require` itself; so is the probe of the two export actions, whose
services write files (tested in ``tests/io/test_export_roles.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.analytics.kpis import dashboard_kpis
from plut_nb.analytics.scope import Period, Scope
from plut_nb.errors import PermissionDenied
from plut_nb.models import Role, Staff
from plut_nb.security.permissions import MATRIX, Action, may_open_app, require
from plut_nb.services.board import case_view
from plut_nb.services.case_history import case_audit
from plut_nb.services.cases import (
    SnapshotInput,
    assign_case,
    change_status,
    close_case,
    log_activity,
    open_case,
    record_permit,
    record_snapshot,
    record_survey,
    refer_case,
)
from plut_nb.services.directory import search_enterprises
from plut_nb.services.events import create_event
from plut_nb.services.intake import IntakeForm, register_enterprise
from plut_nb.services.survey_queries import centre_ikm
from tests.security import World, build_world, version

Probe = Callable[[Session, Staff, World], bool | None]
"""Does the action as ``actor``; returns ``None`` (done) or whether it was allowed."""


def _assign(s: Session, actor: Staff, w: World, staff_id: int | None) -> None:
    cid = w.cases["new"]
    assert staff_id is not None
    assign_case(s, actor, cid, staff_id, expected_version=version(s, cid))


def _full_data(s: Session, actor: Staff, w: World) -> bool:
    # the case is given to the actor first (by the manager), as when they work it
    cid = w.cases["new"]
    assert actor.id is not None
    _assign(s, w.staff["manager"], w, actor.id)
    ent = case_view(s, actor, cid).enterprise
    return ent.owner_nik is not None and ent.owner_phone is not None


PROBES: dict[Action, Probe] = {
    Action.register_enterprise: lambda s, a, w: bool(
        register_enterprise(
            s,
            a,
            IntakeForm(
                enterprise_name="Usaha Baru",
                village_code="12.71.01.1001",
                owner_name="Pemilik Baru",
                service_code="branding",
            ),
        )
    ),
    Action.read_personal_data: lambda s, a, w: search_enterprises(s, a, "usaha").total == 3,
    Action.read_personal_data_full: _full_data,
    Action.read_case: lambda s, a, w: case_view(s, a, w.cases["work"]).row.status == "dalam_proses",
    Action.open_case: lambda s, a, w: bool(
        open_case(s, a, enterprise_id=w.enterprises["work"], service_code="branding")
    ),
    Action.assign_case: lambda s, a, w: _assign(s, a, w, w.staff["colleague"].id),
    Action.take_case: lambda s, a, w: _assign(s, a, w, a.id),
    Action.change_status: lambda s, a, w: bool(
        change_status(
            s,
            a,
            w.cases["work"],
            "menunggu_pihak_lain",
            expected_version=version(s, w.cases["work"]),
        )
    ),
    Action.close_reopen: lambda s, a, w: bool(
        close_case(s, a, w.cases["done"], expected_version=version(s, w.cases["done"]))
    ),
    Action.log_activity: lambda s, a, w: bool(
        log_activity(
            s,
            a,
            w.cases["work"],
            held_on=date(2026, 3, 3),
            minutes=60,
            expected_version=version(s, w.cases["work"]),
        )
    ),
    Action.refer: lambda s, a, w: bool(
        refer_case(
            s,
            a,
            w.cases["work"],
            partner_type="bank_kur",
            partner_name="Bank Sumut",
            follow_up_on=date(2099, 1, 1),
            expected_version=version(s, w.cases["work"]),
        )
    ),
    Action.record_permit: lambda s, a, w: bool(
        record_permit(
            s,
            a,
            w.cases["work"],
            permit_type="nib",
            expected_version=version(s, w.cases["work"]),
        )
    ),
    Action.record_indicators: lambda s, a, w: bool(
        record_snapshot(
            s, a, w.enterprises["work"], SnapshotInput(date(2026, 3, 3), sales_annual=1)
        )
    ),
    Action.record_survey: lambda s, a, w: bool(record_survey(s, a, w.cases["done"], [4] * 9)),
    Action.manage_events: lambda s, a, w: bool(
        create_event(s, a, kind="pelatihan", name="Pelatihan", starts_on=date(2026, 4, 1))
    ),
    Action.read_aggregates: lambda s, a, w: centre_ikm(s, a) is None,
    Action.read_dashboard: lambda s, a, w: bool(
        dashboard_kpis(s, a, Scope.centre("PLUT-SUMUT"), Period.year_to_date(date(2026, 3, 31)))
    ),
    Action.run_batches: lambda s, a, w: require(s, a, Action.run_batches),
    Action.read_deidentified: lambda s, a, w: require(s, a, Action.read_deidentified),
    Action.export_tables: lambda s, a, w: require(s, a, Action.export_tables),
    Action.export_personal_data: lambda s, a, w: require(s, a, Action.export_personal_data),
    Action.manage_users: lambda s, a, w: require(s, a, Action.manage_users),
    Action.read_audit: lambda s, a, w: len(case_audit(s, a, w.cases["work"])) > 0,
}


#: The action a refusal names, where the probe needs more than one permission.
REFUSED_AS: dict[Action, set[str]] = {
    Action.take_case: {"take_case", "assign_case"},
    Action.read_personal_data_full: {"read_personal_data_full", "read_case"},
}


def expected_roles(action: Action) -> frozenset[Role]:
    """Who may do ``action`` as users see it: taking a case is also open to assigners."""
    if action is Action.take_case:
        return MATRIX[action] | MATRIX[Action.assign_case]
    return MATRIX[action]


def test_every_action_has_a_probe() -> None:
    assert set(PROBES) == set(Action) == set(MATRIX)
    assert all(roles for roles in MATRIX.values())


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        return build_world(s)


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_role_matrix(engine: Engine, world: World, action: Action) -> None:
    probe = PROBES[action]
    outcome: dict[str, bool] = {}
    with Session(engine, expire_on_commit=False) as s:
        for role in Role:
            actor = s.get(Staff, world.staff[str(role)].id)
            assert actor is not None
            savepoint = s.begin_nested()
            try:
                result = probe(s, actor, world)
            except PermissionDenied as exc:
                assert exc.actor == actor.name
                assert exc.action in REFUSED_AS.get(action, {action.value})
                outcome[str(role)] = False
            else:
                assert result is None or isinstance(result, bool)
                outcome[str(role)] = True if result is None else result
            finally:
                savepoint.rollback()
        s.rollback()
    want = {str(role): role in expected_roles(action) for role in Role}
    assert outcome == want


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_apps_open_for_the_roles_that_use_them(role: Role) -> None:
    member = Staff(id=1, centre_id=1, username="x", name="X", roles=[str(role)])
    opens = {app for app in ("pendaftaran", "kasus", "acara", "survei", "dasbor", "direktori")
             if may_open_app(member, app)}  # fmt: skip
    desk = {"pendaftaran", "kasus", "acara", "survei", "direktori"}
    want = {
        Role.front_office: desk,
        Role.consultant: desk,
        Role.field_officer: desk,
        Role.manager: desk | {"dasbor"},
        Role.evaluator: {"dasbor"},
        Role.researcher: set(),
        Role.admin: set(),
    }[role]
    assert opens == want
    assert may_open_app(member, "beranda") and not may_open_app(member, "tidak-ada")
    member.active = False
    assert not may_open_app(member, "beranda")
