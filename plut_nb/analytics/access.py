"""Who may see the figures of a scope: the dashboard's guarded entry points.

The indicator functions of this package are building blocks that take a
:class:`Scope` and trust it. The apps reach them through guarded entry points —
:func:`~plut_nb.analytics.kpis.dashboard_kpis`, :func:`dashboard_centres` and
:func:`dashboard_overdue` — which first call :func:`require_scope`:

- a **centre** scope needs the action at that centre, within the actor's scope
  (own centre; every centre of the province; every centre);
- a **regency or province of enterprises** holds work of any centre, so it
  needs national scope, or province scope inside the own province.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from plut_nb.analytics.operations import OverduePage, overdue_cases
from plut_nb.analytics.scope import CentreOption, Scope, ScopeKind, list_centres
from plut_nb.errors import NotFound
from plut_nb.models import Centre, Staff
from plut_nb.security.permissions import (
    Action,
    covered_centre_ids,
    covers_region,
    refuse,
    require,
)

__all__ = ["dashboard_centres", "dashboard_overdue", "require_scope"]


def require_scope(session: Session, actor: Staff, action: Action, scope: Scope) -> None:
    """Refuse unless ``actor`` may do ``action`` for the figures of ``scope``.

    Raises:
        NotFound: A centre scope names no centre.
        PermissionDenied: No role for the action, or a scope outside the actor's reach.
    """
    if scope.kind is ScopeKind.centre:
        centre_id = session.execute(
            select(col(Centre.id)).where(col(Centre.code) == scope.code)
        ).scalar_one_or_none()
        if centre_id is None:
            require(session, actor, action)  # the role first: no probing for centre codes
            raise NotFound("centre", scope.code)
        require(session, actor, action, centre_id=centre_id)
        return
    require(session, actor, action)
    if not covers_region(session, actor, scope.code):
        raise refuse(
            session, actor, action, where=scope.code, entity=scope.kind.value, key=scope.code
        )


def dashboard_centres(session: Session, actor: Staff) -> list[CentreOption]:
    """The centres whose dashboard ``actor`` may open, ordered by name.

    Raises:
        PermissionDenied: ``actor`` may not open the dashboard at all.
    """
    require(session, actor, Action.read_dashboard)
    covered = covered_centre_ids(session, actor)
    return [c for c in list_centres(session) if covered is None or c.centre_id in covered]


def dashboard_overdue(
    session: Session,
    actor: Staff,
    scope: Scope,
    *,
    as_of: date | None = None,
    page: int = 1,
    page_size: int = 10,
) -> OverduePage:
    """A page of :func:`~plut_nb.analytics.operations.overdue_cases`, for the dashboard.

    Raises:
        PermissionDenied: As :func:`require_scope` with ``read_dashboard``.
    """
    require_scope(session, actor, Action.read_dashboard, scope)
    return overdue_cases(session, scope, as_of=as_of, page=page, page_size=page_size)
