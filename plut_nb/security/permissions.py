"""Who may do what, and where: the role × action matrix and the centre scope.

The services call :func:`require` before they read or change a centre's data,
so the rules hold for every caller (the Voila apps, the CLI, a notebook), not
only for what a form offers. A refusal raises
:class:`~plut_nb.errors.PermissionDenied` (fields ``action``, ``actor``,
``centre``), is logged on the ``plut_nb.security`` logger (ids and codes only,
never personal data) and is written to the audit trail as ``denied:<action>``.

The matrix (``x``: the role may do the action at the centres it covers)::

    action                    front  consul- field    mana-  evalu-  resear-  admin
                              office tant    officer  ger    ator    cher
    register_enterprise         x      x       x       x
    read_personal_data          x      x       x       x
    read_personal_data_full            x*      x*      x*
    read_case                   x      x       x       x
    open_case                   x      x       x       x
    assign_case                 x                      x
    take_case                          x       x
    change_status                      x       x       x
    close_reopen                       x       x       x
    log_activity                       x       x       x
    refer                              x       x       x
    record_permit                      x       x       x
    record_indicators                  x       x       x
    record_survey               x      x       x       x
    manage_events               x      x       x       x
    read_aggregates             x      x       x       x       x
    read_dashboard                                     x       x
    run_batches                                        x       x
    read_deidentified                                          x       x
    export_tables               x      x       x       x                         x
    export_personal_data                               x                         x
    manage_users                                                                 x
    read_audit                                         x                         x

- **Front office** registers UMKM, opens cases, routes a new case to the
  consultant on duty (``assign_case``), records IKM surveys and events; it does
  not work cases (status, activities, referrals, permits, figures).
- **Consultants and field officers** work every case of their centre; they may
  take a case themselves (``take_case``: assign it to oneself) but only a
  manager or the front office hands a case to somebody else.
- **Managers** do all case work of their centre, assign, open the dashboard
  and read a case's audit trail.
- **Evaluators** read aggregates (dashboard, IKM, batches) and the research
  extract; they never read or change a case or an owner's data.
- **Researchers** get the de-identified extract only: every service that
  returns names, NIK, phone numbers or case records refuses them.
- **Admins** manage accounts and read the audit trail; case work needs a
  case-work role as well (one person may hold several roles).
- **Exports** (``plut export csv|parquet|excel``, :mod:`plut_nb.io.tables`,
  :mod:`plut_nb.io.workbook`) hold only the rows of the centres the actor
  covers. ``export_tables`` writes them with NIK and phone masked and e-mail
  hidden (the audit trail only for ``read_audit``); ``export_personal_data``
  (``--personal-data``: full NIK, phone and e-mail, in bulk) is for the data
  stewards only — managers and admins. Evaluators and researchers get neither:
  they have the dashboard, batches and the de-identified research extract.

Scope (``Staff.scope``, a :class:`~plut_nb.models.StaffScope`) says which
centres an actor covers: ``centre`` — their own; ``province`` — every centre
whose ``region_code`` starts with the own centre's two province digits;
``national`` — all. An enterprise is covered when it was registered at a
covered centre or has a case at one.

Personal data (UU 27/2022). Lists, reports, history and the audit view show NIK
and phone masked (:mod:`plut_nb.rules.masking`). ``x*`` above: the full values
appear only in the case view, and only for staff of the case's own centre who
work it — a manager of that centre, or the consultant or field officer the
case is assigned to (they call and visit the owner). See
:func:`may_see_full_personal_data`. Nothing here ever logs a NIK or a phone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, event, or_, select
from sqlmodel import Session, col

from plut_nb.errors import NotFound, PermissionDenied
from plut_nb.models import AuditEntry, Case, Centre, Enterprise, Role, Staff, StaffScope

__all__ = [
    "APP_ACTIONS",
    "MATRIX",
    "Action",
    "allowed",
    "covered_centre_ids",
    "covers",
    "covers_region",
    "enterprise_scope",
    "enterprises_of_centres",
    "may_open_app",
    "may_see_full_personal_data",
    "refuse",
    "require",
    "require_enterprise",
]

log = logging.getLogger("plut_nb.security")


class Action(StrEnum):
    """Everything the matrix rules on (see the module docstring)."""

    register_enterprise = "register_enterprise"
    read_personal_data = "read_personal_data"
    read_personal_data_full = "read_personal_data_full"
    read_case = "read_case"
    open_case = "open_case"
    assign_case = "assign_case"
    take_case = "take_case"
    change_status = "change_status"
    close_reopen = "close_reopen"
    log_activity = "log_activity"
    refer = "refer"
    record_permit = "record_permit"
    record_indicators = "record_indicators"
    record_survey = "record_survey"
    manage_events = "manage_events"
    read_aggregates = "read_aggregates"
    read_dashboard = "read_dashboard"
    run_batches = "run_batches"
    read_deidentified = "read_deidentified"
    export_tables = "export_tables"
    export_personal_data = "export_personal_data"
    manage_users = "manage_users"
    read_audit = "read_audit"


_R = Role
_DESK = frozenset({_R.front_office, _R.consultant, _R.field_officer, _R.manager})
_WORK = frozenset({_R.consultant, _R.field_officer, _R.manager})

MATRIX: Mapping[Action, frozenset[Role]] = {
    Action.register_enterprise: _DESK,
    Action.read_personal_data: _DESK,
    Action.read_personal_data_full: _WORK,
    Action.read_case: _DESK,
    Action.open_case: _DESK,
    Action.assign_case: frozenset({_R.front_office, _R.manager}),
    Action.take_case: frozenset({_R.consultant, _R.field_officer}),
    Action.change_status: _WORK,
    Action.close_reopen: _WORK,
    Action.log_activity: _WORK,
    Action.refer: _WORK,
    Action.record_permit: _WORK,
    Action.record_indicators: _WORK,
    Action.record_survey: _DESK,
    Action.manage_events: _DESK,
    Action.read_aggregates: _DESK | {_R.evaluator},
    Action.read_dashboard: frozenset({_R.manager, _R.evaluator}),
    Action.run_batches: frozenset({_R.manager, _R.evaluator}),
    Action.read_deidentified: frozenset({_R.evaluator, _R.researcher}),
    Action.export_tables: _DESK | {_R.admin},
    Action.export_personal_data: frozenset({_R.manager, _R.admin}),
    Action.manage_users: frozenset({_R.admin}),
    Action.read_audit: frozenset({_R.manager, _R.admin}),
}
"""Roles allowed each action, at the centres the actor covers."""

APP_ACTIONS: Mapping[str, Action | None] = {
    "beranda": None,
    "pendaftaran": Action.register_enterprise,
    "kasus": Action.read_case,
    "acara": Action.manage_events,
    "survei": Action.record_survey,
    "dasbor": Action.read_dashboard,
    "direktori": Action.read_personal_data,
}
"""The action an app needs (``None``: any active staff member), for sign-in to check."""


def _active(actor: Staff) -> bool:
    return actor.id is not None and bool(actor.active)


def allowed(actor: Staff, action: Action | str) -> bool:
    """True when ``actor`` is active and holds a role the matrix allows for ``action``.

    Scope is not checked here (see :func:`require`).
    """
    roles = MATRIX.get(Action(action), frozenset())
    return _active(actor) and any(str(r) in actor.roles for r in roles)


def may_open_app(actor: Staff, app: str) -> bool:
    """Whether ``actor`` may open the staff app ``app`` (notebook name without ``.ipynb``)."""
    if app not in APP_ACTIONS:
        return False
    action = APP_ACTIONS[app]
    return _active(actor) if action is None else allowed(actor, action)


def _centre(session: Session, centre_id: int) -> Centre | None:
    return session.get(Centre, centre_id)


def _province(session: Session, centre_id: int) -> str | None:
    centre = _centre(session, centre_id)
    return centre.region_code[:2] if centre and centre.region_code else None


def covered_centre_ids(session: Session, actor: Staff) -> frozenset[int] | None:
    """Ids of the centres ``actor`` covers; ``None`` means every centre (national scope)."""
    if actor.scope == StaffScope.national:
        return None
    if actor.scope == StaffScope.province:
        province = _province(session, actor.centre_id)
        if province:
            ids = session.execute(
                select(col(Centre.id)).where(col(Centre.region_code).startswith(province))
            ).scalars()
            return frozenset(int(i) for i in ids) | {actor.centre_id}
    return frozenset({actor.centre_id})


def covers(session: Session, actor: Staff, centre_id: int) -> bool:
    """Whether ``centre_id`` lies within ``actor``'s scope."""
    if actor.scope == StaffScope.national or centre_id == actor.centre_id:
        return True
    if actor.scope == StaffScope.province:
        own = _province(session, actor.centre_id)
        return own is not None and own == _province(session, centre_id)
    return False


def covers_region(session: Session, actor: Staff, region_code: str) -> bool:
    """Whether ``actor`` may see figures of enterprises located in ``region_code``.

    A region holds enterprises served by any centre, so only national scope, or
    province scope inside the own province, covers one.
    """
    if actor.scope == StaffScope.national:
        return True
    if actor.scope == StaffScope.province:
        own = _province(session, actor.centre_id)
        return own is not None and region_code[:2] == own
    return False


def enterprise_scope(session: Session, actor: Staff) -> ColumnElement[bool] | None:
    """SQL condition on :class:`Enterprise` rows ``actor`` covers (``None``: all of them)."""
    covered = covered_centre_ids(session, actor)
    return None if covered is None else enterprises_of_centres(covered)


def enterprises_of_centres(centre_ids: Iterable[int]) -> ColumnElement[bool]:
    """SQL condition on :class:`Enterprise` rows registered or served at ``centre_ids``."""
    ids = sorted(centre_ids)
    has_case = (
        select(col(Case.id))
        .where(col(Case.enterprise_id) == col(Enterprise.id), col(Case.centre_id).in_(ids))
        .exists()
    )
    return or_(col(Enterprise.registered_centre_id).in_(ids), has_case)


def may_see_full_personal_data(session: Session, actor: Staff, case: Case) -> bool:
    """Whether the case view may show ``actor`` the owner's full NIK and phone.

    Only staff of the case's own centre who work it: a manager of that centre,
    or the consultant or field officer the case is assigned to.
    """
    if not allowed(actor, Action.read_personal_data_full) or actor.centre_id != case.centre_id:
        return False
    return actor.has_role(Role.manager) or (
        case.assigned_staff_id is not None and case.assigned_staff_id == actor.id
    )


def require(
    session: Session,
    actor: Staff,
    *actions: Action,
    centre_id: int | None = None,
    entity: str | None = None,
    key: object = None,
) -> None:
    """Refuse unless ``actor`` may do one of ``actions`` at ``centre_id``.

    Args:
        session: The caller's session (reads the centres for the scope check).
        actor: The acting staff member.
        *actions: The action; several mean "any of these" (the first is named
            in a refusal).
        centre_id: The centre whose data the action reads or changes; ``None``
            for actions not tied to one centre.
        entity: What the action concerns, for the audit entry (e.g. ``"case"``).
        key: Its id.

    Raises:
        PermissionDenied: Inactive account, no role for the action, or a centre
            outside the actor's scope. The refusal is logged and audited.
    """
    assert actions, "require() needs at least one action"
    if not _active(actor):
        raise _deny(session, actor, actions[0], centre_id, entity, key, "inactive")
    if not any(allowed(actor, a) for a in actions):
        raise _deny(session, actor, actions[0], centre_id, entity, key, "role")
    if centre_id is not None and not covers(session, actor, centre_id):
        raise _deny(session, actor, actions[0], centre_id, entity, key, "scope")


def require_enterprise(session: Session, actor: Staff, action: Action, enterprise_id: int) -> None:
    """:func:`require` for an enterprise: covered when registered or served at a covered centre.

    Raises:
        NotFound: No such enterprise.
        PermissionDenied: As :func:`require`.
    """
    ent = session.get(Enterprise, enterprise_id)
    if ent is None:
        raise NotFound("enterprise", enterprise_id)
    centre_id = ent.registered_centre_id
    covered = covered_centre_ids(session, actor)
    if covered is not None and centre_id not in covered:
        served_here = session.execute(
            select(col(Case.centre_id))
            .where(col(Case.enterprise_id) == enterprise_id, col(Case.centre_id).in_(covered))
            .limit(1)
        ).scalar_one_or_none()
        centre_id = served_here if served_here is not None else centre_id
    require(session, actor, action, centre_id=centre_id, entity="enterprise", key=enterprise_id)


# --- refusals: log, audit, raise ------------------------------------------------------

_PENDING = "plut_denied_attempts"
_HOOKED = "plut_denied_hook"


def refuse(
    session: Session, actor: Staff, action: Action, *, where: str, entity: str, key: object
) -> PermissionDenied:
    """A scope refusal for something that is not one centre (e.g. a region), logged and audited.

    Args:
        session: The caller's session.
        actor: The acting staff member.
        action: The action refused.
        where: What lies outside the actor's scope, as shown (e.g. a region code).
        entity: What the action concerned, for the audit entry.
        key: Its id.

    Returns:
        The :class:`PermissionDenied` for the caller to raise.
    """
    return _deny(session, actor, action, None, entity, key, "scope", where=where)


def _deny(
    session: Session,
    actor: Staff,
    action: Action,
    centre_id: int | None,
    entity: str | None,
    key: object,
    reason: str,
    *,
    where: str | None = None,
) -> PermissionDenied:
    centre = _centre(session, centre_id) if centre_id is not None else None
    centre_code = centre.code if centre else (str(centre_id) if centre_id is not None else where)
    log.warning(
        "permission denied: staff id=%s username=%s action=%s reason=%s centre=%s entity=%s key=%s",
        actor.id,
        actor.username,
        action.value,
        reason,
        centre_code,
        entity or "-",
        key if key is not None else "-",
    )
    if actor.id is not None:
        _queue(
            session,
            {
                "actor_id": actor.id,
                "action": f"denied:{action.value}"[:40],
                "entity": (entity or "centre")[:40],
                "entity_id": str(key if key is not None else centre_id if centre_id else "-")[:40],
                "before": None,
                "after": {"action": action.value, "reason": reason, "centre": centre_code},
            },
        )
    shown = centre_code if reason == "scope" else None
    return PermissionDenied(action.value, actor.name or actor.username or "?", shown)


def _queue(session: Session, values: dict[str, Any]) -> None:
    """Write a denied attempt once the caller's transaction is over.

    The caller's transaction usually rolls back because of the refusal (and on
    SQLite it holds the write lock), so the entry is written in a transaction
    of its own right after the caller's one ends, committed or not.
    """
    if not session.in_transaction():
        _write(session, [values])
        return
    session.info.setdefault(_PENDING, []).append(values)
    if not session.info.get(_HOOKED):
        event.listen(session, "after_transaction_end", _after_transaction_end)
        session.info[_HOOKED] = True


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is not None:  # a savepoint or inner transaction
        return
    pending = session.info.pop(_PENDING, None)
    if pending:
        _write(session, pending)


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    try:
        with Session(engine.execution_options(plut_read_only=False)) as own:
            own.add_all(AuditEntry(**row) for row in rows)
            own.commit()
    except Exception:  # the refusal stands; only its audit entry is missing
        log.exception("denied attempts could not be written to the audit trail")
