"""Case work: open, assign, move through the workflow, log what was done.

Every change takes the acting staff member and the case ``version`` the caller
last read. The version is checked and bumped in the same UPDATE, so a save from
a stale screen raises :class:`Conflict` naming who changed the case and when,
instead of overwriting their work. Every change writes an audit entry.

Every function checks first, through :func:`plut_nb.security.permissions.require`,
that the actor's role allows the action and that the case's centre is within
their scope; a refusal is :class:`~plut_nb.errors.PermissionDenied`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col

from plut_nb.clock import today
from plut_nb.errors import Conflict, NotFound, TransitionNotAllowed, ValidationError
from plut_nb.models import (
    Activity,
    Case,
    Centre,
    Enterprise,
    IndicatorSnapshot,
    PermitApplication,
    Referral,
    ServiceType,
    Staff,
    SurveyResponse,
)
from plut_nb.models._base import utcnow
from plut_nb.reference.codes import (
    ACTIVITY_KINDS,
    ACTIVITY_MODES,
    PARTNER_TYPES,
    PERMIT_STATUSES,
    PERMIT_TYPES,
    REFERRAL_STATUSES,
)
from plut_nb.rules import classify_by_sales, validate_ikm_answers
from plut_nb.rules.size import rule_set_on
from plut_nb.security.permissions import Action, require, require_enterprise
from plut_nb.services import _audit
from plut_nb.services._validate import ErrorCollector, unique_or_conflict
from plut_nb.services.workflow import CaseStatus, allowed_next

__all__ = [
    "SnapshotInput",
    "assign_case",
    "change_status",
    "close_case",
    "complete_case",
    "get_case",
    "log_activity",
    "open_case",
    "record_permit",
    "record_snapshot",
    "record_survey",
    "refer_case",
    "reopen_case",
    "update_referral",
]


def _load(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    return case


def _case_for(session: Session, actor: Staff, case_id: int, *actions: Action) -> Case:
    """Load a case and check that ``actor`` may do one of ``actions`` at its centre."""
    case = _load(session, case_id)
    require(session, actor, *actions, centre_id=case.centre_id, entity="case", key=case.id)
    return case


def get_case(session: Session, actor: Staff, case_id: int) -> Case:
    """A case ``actor`` may read (its centre within their scope).

    Raises:
        NotFound: No such case.
        PermissionDenied: No case-reading role, or another centre's case.
    """
    return _case_for(session, actor, case_id, Action.read_case)


def open_case(
    session: Session,
    actor: Staff,
    *,
    enterprise_id: int,
    service_code: str,
    centre_id: int | None = None,
    channel: str = "datang_langsung",
    description: str = "",
    priority: str = "normal",
    on: date | None = None,
) -> Case:
    """Open a new case (status ``baru``), due after the service's default SLA."""
    target = centre_id or actor.centre_id
    require(session, actor, Action.open_case, centre_id=target, entity="centre", key=target)
    if session.get(Enterprise, enterprise_id) is None:
        raise NotFound("enterprise", enterprise_id)
    service = session.get(ServiceType, service_code) if service_code else None
    if service is None or not service.active:
        raise ValidationError.single("service_code", "code.unknown", value=service_code)
    centre = session.get(Centre, centre_id or actor.centre_id)
    if centre is None:
        raise NotFound("centre", centre_id)
    on = on or today()
    assert centre.id is not None
    case = Case(
        number=f"tmp-{uuid4().hex}",
        enterprise_id=enterprise_id,
        centre_id=centre.id,
        service_code=service.code,
        channel=channel,
        description=description.strip(),
        priority=priority,
        status=CaseStatus.baru,
        opened_on=on,
        due_on=on + timedelta(days=service.default_sla_days),
        created_by_id=actor.id,
        updated_by_id=actor.id,
    )
    session.add(case)
    session.flush()
    case.number = f"{centre.code}-{on.year}-{case.id:06d}"
    session.flush()
    _audit.record(session, actor, "create", "case", case.id, after=_audit.row_dict(case))
    return case


def _bump(session: Session, actor: Staff, case: Case, expected_version: int) -> None:
    """Check-and-increment the version in one UPDATE (no lost updates)."""
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Case)
        .where(col(Case.id) == case.id, col(Case.version) == expected_version)
        .values(version=expected_version + 1, updated_by_id=actor.id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(case)
        who = session.get(Staff, case.updated_by_id) if case.updated_by_id else None
        raise Conflict.stale("case", case.number, who.name if who else None, case.updated_at)
    session.refresh(case)


def _change(
    session: Session,
    actor: Staff,
    case_id: int,
    expected_version: int,
    action: str,
    **values: object,
) -> Case:
    case = _load(session, case_id)
    before = _audit.row_dict(case)
    _bump(session, actor, case, expected_version)
    for key, value in values.items():
        setattr(case, key, value)
    session.add(case)
    session.flush()
    _audit.record(session, actor, action, "case", case.id, before, _audit.row_dict(case))
    return case


def change_status(
    session: Session,
    actor: Staff,
    case_id: int,
    target: str,
    *,
    expected_version: int,
    resolution: str | None = None,
    on: date | None = None,
) -> Case:
    """Move a case to ``target`` if the workflow allows it.

    Raises:
        TransitionNotAllowed: Naming the statuses that are allowed from here.
        Conflict: The case changed since ``expected_version``.
    """
    case = _load(session, case_id)
    closing = target == CaseStatus.ditutup or (
        case.status == CaseStatus.selesai and target == CaseStatus.dalam_proses
    )
    action = Action.close_reopen if closing else Action.change_status
    require(session, actor, action, centre_id=case.centre_id, entity="case", key=case.id)
    allowed = allowed_next(case.status)
    if target not in allowed:
        raise TransitionNotAllowed(case.number, case.status, target, allowed)
    if target == CaseStatus.ditugaskan:
        # Only assign_case sets ditugaskan, so a case never counts as assigned to nobody.
        raise ValidationError.single("assigned_staff_id", "case.assign_via_assign")
    if target == CaseStatus.dalam_proses and case.assigned_staff_id is None:
        raise ValidationError.single("assigned_staff_id", "case.needs_assignee")
    values: dict[str, object] = {"status": target}
    if target == CaseStatus.selesai:
        if not (resolution or "").strip():
            raise ValidationError.single("resolution", "required")
        values |= {"resolution": (resolution or "").strip(), "closed_on": on or today()}
    elif target == CaseStatus.dalam_proses and case.status == CaseStatus.selesai:
        values["closed_on"] = None
    elif target == CaseStatus.dibatalkan:
        values["closed_on"] = on or today()
        if resolution:
            values["resolution"] = resolution.strip()
    return _change(session, actor, case_id, expected_version, f"status:{target}", **values)


def assign_case(
    session: Session, actor: Staff, case_id: int, staff_id: int, *, expected_version: int
) -> Case:
    """Assign a case to a staff member; a new case moves to ``ditugaskan``."""
    # assigning oneself is "taking" a case (consultants, field officers); others need assign
    actions = [Action.assign_case] + ([Action.take_case] if staff_id == actor.id else [])
    case = _case_for(session, actor, case_id, *actions)
    assignee = session.get(Staff, staff_id)
    if assignee is None or not assignee.active:
        raise NotFound("staff", staff_id)
    if assignee.centre_id != case.centre_id:
        raise ValidationError.single("assigned_staff_id", "case.assignee_other_centre")
    if case.status in (CaseStatus.ditutup, CaseStatus.dibatalkan):
        raise TransitionNotAllowed(
            case.number, case.status, "ditugaskan", allowed_next(case.status)
        )
    values: dict[str, object] = {"assigned_staff_id": staff_id}
    if case.status == CaseStatus.baru:
        values["status"] = CaseStatus.ditugaskan
    return _change(session, actor, case_id, expected_version, "assign", **values)


def complete_case(
    session: Session, actor: Staff, case_id: int, resolution: str, *, expected_version: int
) -> Case:
    """Mark the work done (``selesai``) with its resolution."""
    return change_status(
        session,
        actor,
        case_id,
        CaseStatus.selesai,
        expected_version=expected_version,
        resolution=resolution,
    )


def close_case(session: Session, actor: Staff, case_id: int, *, expected_version: int) -> Case:
    """Close a finished case (``selesai`` → ``ditutup``)."""
    return change_status(
        session, actor, case_id, CaseStatus.ditutup, expected_version=expected_version
    )


def reopen_case(session: Session, actor: Staff, case_id: int, *, expected_version: int) -> Case:
    """Reopen a finished case (``selesai`` → ``dalam_proses``)."""
    return change_status(
        session, actor, case_id, CaseStatus.dalam_proses, expected_version=expected_version
    )


def _touch(session: Session, actor: Staff, case_id: int, expected_version: int) -> Case:
    """Check and bump a case's version for a change to one of its child records."""
    case = _load(session, case_id)
    _bump(session, actor, case, expected_version)
    return case


def log_activity(
    session: Session,
    actor: Staff,
    case_id: int,
    *,
    held_on: date,
    minutes: int,
    kind: str = "sesi",
    mode: str = "tatap_muka",
    notes: str = "",
    next_step: str | None = None,
    follow_up_on: date | None = None,
    expected_version: int,
) -> Activity:
    """Record a session, visit, call, training or document step on a case."""
    _case_for(session, actor, case_id, Action.log_activity)
    errs = ErrorCollector()
    if kind not in ACTIVITY_KINDS:
        errs.add("kind", "code.unknown", value=kind)
    if mode not in ACTIVITY_MODES:
        errs.add("mode", "code.unknown", value=mode)
    if not 1 <= minutes <= 24 * 60:
        errs.add("minutes", "minutes.range")
    if follow_up_on is not None and follow_up_on < held_on:
        errs.add("follow_up_on", "date.before", other=held_on.isoformat())
    errs.raise_if_any()
    _touch(session, actor, case_id, expected_version)
    assert actor.id is not None
    act = Activity(
        case_id=case_id,
        staff_id=actor.id,
        kind=kind,
        mode=mode,
        held_on=held_on,
        minutes=minutes,
        notes=notes.strip(),
        next_step=next_step,
        follow_up_on=follow_up_on,
    )
    session.add(act)
    session.flush()
    _audit.record(session, actor, "create", "activity", act.id, after=_audit.row_dict(act))
    return act


def refer_case(
    session: Session,
    actor: Staff,
    case_id: int,
    *,
    partner_type: str,
    partner_name: str,
    follow_up_on: date,
    referred_on: date | None = None,
    expected_version: int,
) -> Referral:
    """Refer the enterprise to an outside partner; a follow-up date is required."""
    _case_for(session, actor, case_id, Action.refer)
    referred_on = referred_on or today()
    errs = ErrorCollector()
    if partner_type not in PARTNER_TYPES:
        errs.add("partner_type", "code.unknown", value=partner_type)
    errs.require("partner_name", partner_name)
    if follow_up_on < referred_on:
        errs.add("follow_up_on", "date.before", other=referred_on.isoformat())
    errs.raise_if_any()
    _touch(session, actor, case_id, expected_version)
    ref = Referral(
        case_id=case_id,
        partner_type=partner_type,
        partner_name=partner_name.strip(),
        referred_on=referred_on,
        follow_up_on=follow_up_on,
        created_by_id=actor.id,
    )
    session.add(ref)
    session.flush()
    _audit.record(session, actor, "create", "referral", ref.id, after=_audit.row_dict(ref))
    return ref


def update_referral(
    session: Session,
    actor: Staff,
    referral_id: int,
    *,
    status: str,
    expected_version: int,
    outcome: str | None = None,
    follow_up_on: date | None = None,
) -> Referral:
    """Move a referral through its loop (dikirim → diterima → diproses → selesai/ditolak).

    ``expected_version`` is the version of the referral's case the caller read:
    a referral changes with its case, so two staff cannot overwrite each other.
    """
    ref = session.get(Referral, referral_id)
    if ref is None:
        raise NotFound("referral", referral_id)
    _case_for(session, actor, ref.case_id, Action.refer)
    if status not in REFERRAL_STATUSES:
        raise ValidationError.single("status", "code.unknown", value=status)
    before = _audit.row_dict(ref)
    _touch(session, actor, ref.case_id, expected_version)
    ref.status = status
    ref.outcome = outcome if outcome is not None else ref.outcome
    if follow_up_on is not None:
        ref.follow_up_on = follow_up_on
    session.add(ref)
    session.flush()
    _audit.record(session, actor, "update", "referral", ref.id, before, _audit.row_dict(ref))
    return ref


def record_permit(
    session: Session,
    actor: Staff,
    case_id: int,
    *,
    permit_type: str,
    status: str = "disiapkan",
    number: str | None = None,
    submitted_on: date | None = None,
    issued_on: date | None = None,
    expires_on: date | None = None,
    expected_version: int,
) -> PermitApplication:
    """Record a permit application facilitated by a case."""
    _case_for(session, actor, case_id, Action.record_permit)
    errs = ErrorCollector()
    if permit_type not in PERMIT_TYPES:
        errs.add("permit_type", "code.unknown", value=permit_type)
    if status not in PERMIT_STATUSES:
        errs.add("status", "code.unknown", value=status)
    if status == "terbit" and (issued_on is None or not (number or "").strip()):
        errs.add("number", "permit.issued_needs_number")
    if issued_on and expires_on and expires_on <= issued_on:
        errs.add("expires_on", "date.before", other=issued_on.isoformat())
    errs.raise_if_any()
    case = _touch(session, actor, case_id, expected_version)
    permit = PermitApplication(
        case_id=case_id,
        enterprise_id=case.enterprise_id,
        permit_type=permit_type,
        status=status,
        number=(number or "").strip() or None,
        submitted_on=submitted_on,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    session.add(permit)
    session.flush()
    _audit.record(session, actor, "create", "permit", permit.id, after=_audit.row_dict(permit))
    return permit


@dataclass(frozen=True)
class SnapshotInput:
    """Figures of an enterprise at a date (a follow-up indicator snapshot)."""

    taken_on: date
    sales_annual: int | None = None
    capital: int | None = None
    employees_total: int | None = None
    employees_women: int | None = None
    market_local: bool = False
    market_regional: bool = False
    market_national: bool = False
    market_export: bool = False
    online_channels: tuple[str, ...] = ()


def record_snapshot(
    session: Session,
    actor: Staff,
    enterprise_id: int,
    figures: SnapshotInput,
    *,
    kind: str = "tindak_lanjut",
) -> IndicatorSnapshot:
    """Record an enterprise's figures; the size class is derived from annual sales."""
    require_enterprise(session, actor, Action.record_indicators, enterprise_id)
    errs = ErrorCollector()
    for name in ("sales_annual", "capital", "employees_total", "employees_women"):
        value = getattr(figures, name)
        if value is not None and value < 0:
            errs.add(name, "number.negative")
    if (
        figures.employees_total is not None
        and figures.employees_women is not None
        and figures.employees_women > figures.employees_total
    ):
        errs.add("employees_women", "employees.women_gt_total")
    errs.raise_if_any()
    size = (
        str(classify_by_sales(figures.sales_annual, figures.taken_on))
        if figures.sales_annual is not None
        else None
    )
    snap = IndicatorSnapshot(
        enterprise_id=enterprise_id,
        kind=kind,
        size_class=size,
        size_rule_set=rule_set_on(figures.taken_on).name if size else None,
        recorded_by_id=actor.id,
        taken_on=figures.taken_on,
        sales_annual=figures.sales_annual,
        capital=figures.capital,
        employees_total=figures.employees_total,
        employees_women=figures.employees_women,
        market_local=figures.market_local,
        market_regional=figures.market_regional,
        market_national=figures.market_national,
        market_export=figures.market_export,
        online_channels=list(figures.online_channels),
    )
    session.add(snap)
    session.flush()
    _audit.record(
        session, actor, "create", "indicator_snapshot", snap.id, after=_audit.row_dict(snap)
    )
    return snap


def record_survey(
    session: Session,
    actor: Staff,
    case_id: int,
    answers: list[int],
    *,
    comment: str | None = None,
    on: date | None = None,
) -> SurveyResponse:
    """Record an IKM response (nine answers 1-4) for a finished or closed case."""
    case = _case_for(session, actor, case_id, Action.record_survey)
    validate_ikm_answers(answers)
    too_long = ErrorCollector()
    too_long.fits("comment", comment, SurveyResponse, "comment")
    too_long.raise_if_any()
    if case.status not in (CaseStatus.selesai, CaseStatus.ditutup):
        raise ValidationError.single("case", "survey.case_not_closed", status=case.status)
    taken = select(col(SurveyResponse.id)).where(col(SurveyResponse.case_id) == case_id)
    if session.execute(taken).first() is not None:
        raise Conflict(
            ValidationError.single("case", "survey.exists").message,
            entity="survey",
            key=case.number,
        )
    u = [int(a) for a in answers]
    resp = SurveyResponse(
        case_id=case_id,
        centre_id=case.centre_id,
        submitted_on=on or today(),
        comment=comment,
        u1=u[0], u2=u[1], u3=u[2], u4=u[3], u5=u[4], u6=u[5], u7=u[6], u8=u[7], u9=u[8],
    )  # fmt: skip
    with unique_or_conflict(session, "survey", case.number, "survey.exists"):
        session.add(resp)
    _audit.record(session, actor, "create", "survey", resp.id, after=_audit.row_dict(resp))
    return resp
