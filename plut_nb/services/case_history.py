"""A case's history: audit entries, activities, referrals and permits on one timeline.

Read by the case board's case view (:func:`plut_nb.services.board.case_view`).
Status changes and assignments come from the audit trail; the work done comes
from the activity, referral and permit rows; times are in the centre's zone.

:func:`case_audit` is the raw audit trail of a case for managers (the
``read_audit`` permission): every entry on the case and its activities,
referrals, permits and survey — who, when, what, each changed field before and
after — including refused attempts (``denied:<action>``). Audit entries are
only ever added: no service changes or deletes one, and the database refuses
UPDATE and DELETE on ``audit_entry`` (migration 0004).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session, col

from plut_nb.clock import local_time
from plut_nb.errors import NotFound
from plut_nb.i18n import current_lang, t
from plut_nb.models import (
    Activity,
    AuditEntry,
    Case,
    PermitApplication,
    Referral,
    Staff,
    SurveyResponse,
)
from plut_nb.reference.codes import PARTNER_TYPES, PERMIT_TYPES
from plut_nb.rules.masking import mask_nik, mask_phone
from plut_nb.security.permissions import Action, require

__all__ = ["AuditRecord", "HistoryItem", "case_audit", "case_history"]


@dataclass(frozen=True)
class HistoryItem:
    """One line of a case's history.

    Attributes:
        on: The business day (day held, referred, opened; else the local day recorded).
        at: When it was recorded, in the centre's time zone.
        kind: ``create``, ``assign``, ``status``, ``activity``, ``referral``,
            ``referral_update`` or ``permit``.
        actor: Name of the staff member who did it, if known.
        title: One line in the configured language.
        details: (label, value) pairs, e.g. notes and next step; values are user text.
    """

    on: date
    at: datetime
    kind: str
    actor: str | None
    title: str
    details: tuple[tuple[str, str], ...] = ()


def _label(codes: dict[str, tuple[str, str]], code: str) -> str:
    names = codes.get(code)
    return (names[1] if current_lang() == "en" else names[0]) if names else code


def _details(*pairs: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple((t(key), str(value)) for key, value in pairs if value not in (None, ""))


def case_history(
    session: Session,
    case: Case,
    referrals: Sequence[Referral],
    permits: Sequence[PermitApplication],
) -> list[HistoryItem]:
    """Case audit entries, activities, referrals (with their updates) and permits, newest first."""
    acts = list(session.execute(select(Activity).where(col(Activity.case_id) == case.id)).scalars())
    entity, key = col(AuditEntry.entity), col(AuditEntry.entity_id)
    wanted = [and_(entity == "case", key == str(case.id))]
    if referrals:
        wanted.append(and_(entity == "referral", key.in_([str(r.id) for r in referrals])))
    if permits:
        wanted.append(and_(entity == "permit", key.in_([str(p.id) for p in permits])))
    entries = list(
        session.execute(
            select(AuditEntry).where(or_(*wanted)).order_by(col(AuditEntry.id))
        ).scalars()
    )
    staff_ids = {e.actor_id for e in entries} | {a.staff_id for a in acts} | {case.created_by_id}
    staff_ids |= {r.created_by_id for r in referrals}
    staff_ids |= {(e.after or {}).get("assigned_staff_id") for e in entries}
    found = session.execute(
        select(col(Staff.id), col(Staff.name)).where(col(Staff.id).in_([i for i in staff_ids if i]))
    )
    names = {int(sid): str(name) for sid, name in found.all()}
    items = _audit_items(case, entries, names)
    items += _work_items(acts, referrals, permits, entries, names)
    return sorted(items, key=lambda i: (i.on, i.at), reverse=True)


def _audit_items(case: Case, entries: list[AuditEntry], names: dict[int, str]) -> list[HistoryItem]:
    """Opening, assignments and status changes of the case; updates of its referrals."""
    items: list[HistoryItem] = []
    for e in entries:
        who = names.get(e.actor_id) if e.actor_id else None
        at = local_time(e.at)
        after, before = e.after or {}, e.before or {}
        if e.entity == "referral" and e.action == "update":
            title = t(
                "board.history.referral_update",
                partner=after.get("partner_name", ""),
                status=t(f"board.referral_status.{after.get('status')}"),
            )
            changed = after.get("outcome") != before.get("outcome")
            details = _details(("board.detail.outcome", after.get("outcome") if changed else None))
            items.append(HistoryItem(at.date(), at, "referral_update", who, title, details))
        elif e.entity != "case":
            continue
        elif e.action == "create":
            items.append(HistoryItem(case.opened_on, at, "create", who, t("board.history.create")))
        elif e.action == "assign":
            title = t(
                "board.history.assign", who=names.get(after.get("assigned_staff_id") or 0, "?")
            )
            items.append(HistoryItem(at.date(), at, "assign", who, title))
        elif e.action.startswith("status:"):
            new = e.action.removeprefix("status:")
            title = t(
                "board.history.status",
                old=t(f"board.status.{before.get('status')}"),
                new=t(f"board.status.{new}"),
            )
            resolution = after.get("resolution") if new in ("selesai", "dibatalkan") else None
            details = _details(("board.detail.resolution", resolution))
            items.append(HistoryItem(at.date(), at, "status", who, title, details))
    if not any(i.kind == "create" for i in items):  # e.g. imported cases, no audit entry
        who = names.get(case.created_by_id) if case.created_by_id else None
        at = local_time(case.created_at)
        items.append(HistoryItem(case.opened_on, at, "create", who, t("board.history.create")))
    return items


def _work_items(
    acts: list[Activity],
    referrals: Sequence[Referral],
    permits: Sequence[PermitApplication],
    entries: list[AuditEntry],
    names: dict[int, str],
) -> list[HistoryItem]:
    """Activities, referrals and permits (a permit's author from its audit entry)."""
    items: list[HistoryItem] = []
    for a in acts:
        title = t(
            "board.history.activity",
            kind=t(f"board.kind.{a.kind}"),
            mode=t(f"board.mode.{a.mode}"),
            minutes=a.minutes,
        )
        details = _details(
            ("board.detail.notes", a.notes),
            ("board.detail.next_step", a.next_step),
            ("board.detail.follow_up", a.follow_up_on),
        )
        at = local_time(a.created_at)
        items.append(HistoryItem(a.held_on, at, "activity", names.get(a.staff_id), title, details))
    for r in referrals:
        title = t(
            "board.history.referral",
            partner=r.partner_name,
            type=_label(PARTNER_TYPES, r.partner_type),
        )
        details = _details(
            ("board.detail.status", t(f"board.referral_status.{r.status}")),
            ("board.detail.follow_up", r.follow_up_on),
            ("board.detail.outcome", r.outcome),
        )
        who = names.get(r.created_by_id) if r.created_by_id else None
        items.append(
            HistoryItem(r.referred_on, local_time(r.created_at), "referral", who, title, details)
        )
    created = {e.entity_id: e for e in entries if e.entity == "permit" and e.action == "create"}
    for p in permits:
        entry = created.get(str(p.id))
        at = local_time(entry.at if entry else p.created_at)
        who = names.get(entry.actor_id) if entry and entry.actor_id else None
        title = t(
            "board.history.permit",
            type=_label(PERMIT_TYPES, p.permit_type),
            status=t(f"board.permit_status.{p.status}"),
        )
        details = _details(
            ("board.detail.number", p.number),
            ("board.detail.submitted", p.submitted_on),
            ("board.detail.issued", p.issued_on),
            ("board.detail.expires", p.expires_on),
        )
        items.append(HistoryItem(at.date(), at, "permit", who, title, details))
    return items


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry of a case, as the manager's audit view shows it.

    Attributes:
        at: When it was recorded, in the centre's time zone.
        actor: Name of the staff member, if known.
        action: ``create``, ``update``, ``assign``, ``status:<new>`` or ``denied:<action>``.
        entity: ``case``, ``activity``, ``referral``, ``permit`` or ``survey``.
        entity_id: The row's id.
        changes: (field, before, after) for each field that changed, as text;
            NIK and phone masked.
    """

    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: str
    changes: tuple[tuple[str, str, str], ...]


_QUIET = frozenset({"created_at", "updated_at"})
_SHOWN_MAX = 200


def _text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field == "nik" and isinstance(value, str):
        return mask_nik(value)
    if field == "phone" and isinstance(value, str):
        return mask_phone(value)
    text = str(value)
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    fields = sorted((set(before) | set(after)) - _QUIET)
    return tuple(
        (f, _text(f, before.get(f)), _text(f, after.get(f)))
        for f in fields
        if before.get(f) != after.get(f)
    )


def case_audit(session: Session, actor: Staff, case_id: int) -> list[AuditRecord]:
    """Every audit entry of a case and its activities, referrals, permits and survey, oldest first.

    Args:
        session: Open session.
        actor: The acting staff member (a manager or admin covering the case's centre).
        case_id: The case.

    Raises:
        NotFound: No such case.
        PermissionDenied: ``actor`` may not read the audit trail of that centre.
    """
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    require(session, actor, Action.read_audit, centre_id=case.centre_id, entity="case", key=case_id)
    children = {
        "activity": select(col(Activity.id)).where(col(Activity.case_id) == case_id),
        "referral": select(col(Referral.id)).where(col(Referral.case_id) == case_id),
        "permit": select(col(PermitApplication.id)).where(
            col(PermitApplication.case_id) == case_id
        ),
        "survey": select(col(SurveyResponse.id)).where(col(SurveyResponse.case_id) == case_id),
    }
    entity, key = col(AuditEntry.entity), col(AuditEntry.entity_id)
    wanted = [and_(entity == "case", key == str(case_id))]
    for name, ids in children.items():
        found = [str(i) for i in session.execute(ids).scalars()]
        if found:
            wanted.append(and_(entity == name, key.in_(found)))
    rows = session.execute(
        select(AuditEntry, col(Staff.name))
        .outerjoin(Staff, col(Staff.id) == col(AuditEntry.actor_id))
        .where(or_(*wanted))
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
    ).all()
    return [
        AuditRecord(
            at=local_time(e.at),
            actor=name,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            changes=_changes(e.before or {}, e.after or {}),
        )
        for e, name in rows
    ]
