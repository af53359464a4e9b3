"""The audit trail of what a browser test changed, read straight from the served database.

Shared by the apps' browser tests: each notes :func:`last_audit_id` before it
starts clicking, then checks with :func:`audit_trail` (or :func:`audit_of`)
that every change it made is recorded under the staff member who made it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, and_, func, or_, select
from sqlmodel import Session, col

from plut_nb.models import AuditEntry


def last_audit_id(engine: Engine) -> int:
    """Id of the newest audit entry (0 when there is none): later ones are this test's."""
    with Session(engine) as s:
        return int(s.execute(select(func.coalesce(func.max(col(AuditEntry.id)), 0))).scalar_one())


def audit_trail(
    engine: Engine, rows: Iterable[tuple[str, int | None]], *, since: int = 0
) -> list[AuditEntry]:
    """Audit entries on the given (entity, id) rows newer than entry ``since``, oldest first."""
    wanted = [
        and_(col(AuditEntry.entity) == entity, col(AuditEntry.entity_id) == str(key))
        for entity, key in rows
    ]
    if not wanted:
        return []
    with Session(engine) as s:
        return list(
            s.execute(
                select(AuditEntry)
                .where(col(AuditEntry.id) > since, or_(*wanted))
                .order_by(col(AuditEntry.id))
            ).scalars()
        )


def audit_of(
    engine: Engine, actor_id: int | None, rows: list[tuple[str, int | None]], *, since: int = 0
) -> list[tuple[str, str]]:
    """(entity, action) of the entries by ``actor_id`` on the given (entity, id) rows, in order."""
    return [
        (e.entity, e.action)
        for e in audit_trail(engine, rows, since=since)
        if e.actor_id == actor_id
    ]
