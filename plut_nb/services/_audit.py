"""Writing audit entries and turning rows into JSON-safe dicts.

Audit entries are only ever added (see :mod:`plut_nb.services.case_history`);
who may act at all is checked by :func:`plut_nb.security.permissions.require`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from plut_nb.models import AuditEntry, Person, Staff
from plut_nb.rules.masking import mask_nik, mask_phone


def row_dict(obj: SQLModel, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A JSON-safe copy of a row's columns (dates as ISO text)."""
    out: dict[str, Any] = {}
    for key, value in obj.model_dump().items():
        if key in exclude:
            continue
        out[key] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return out


def person_dict(person: Person) -> dict[str, Any]:
    """A person's columns for the audit trail, NIK and phone masked, email left out.

    The audit trail is read by managers and copied into batch snapshots, so it
    never holds a full NIK or phone number (UU 27/2022).
    """
    out = row_dict(person, exclude=frozenset({"email"}))
    out["nik"] = mask_nik(person.nik) if person.nik else None
    out["phone"] = mask_phone(person.phone) if person.phone else None
    out["has_email"] = bool(person.email)
    return out


def record(
    session: Session,
    actor: Staff,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry for a change made by ``actor`` (in the caller's transaction)."""
    entry = AuditEntry(
        actor_id=actor.id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
