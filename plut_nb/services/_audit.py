"""Writing audit entries and turning rows into JSON-safe dicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from plut_nb.errors import PermissionDenied
from plut_nb.models import AuditEntry, Staff


def row_dict(obj: SQLModel, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A JSON-safe copy of a row's columns (dates as ISO text)."""
    out: dict[str, Any] = {}
    for key, value in obj.model_dump().items():
        if key in exclude:
            continue
        out[key] = value.isoformat() if isinstance(value, (date, datetime)) else value
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


def require_active(actor: Staff, action: str) -> None:
    """Refuse work by an unknown or deactivated staff account."""
    if actor.id is None or not actor.active:
        raise PermissionDenied(action, actor.name or "?")
