"""Staff lookups for the apps (who is signed in, whom to assign).

:func:`get_staff`, :func:`staff_centre` and :func:`list_staff` find *who* is
acting (sign-in, the development-mode picker, the admin CLI), so they run
before there is an actor to check. App bodies list a centre's staff with
:func:`list_colleagues`, which checks the actor's role and scope.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from plut_nb.errors import NotFound
from plut_nb.models import Centre, Staff
from plut_nb.security.permissions import Action, require

__all__ = ["get_staff", "list_colleagues", "list_staff", "staff_centre"]


def list_staff(
    session: Session, centre_id: int | None = None, *, active_only: bool = True
) -> list[Staff]:
    """Staff members ordered by centre and name, optionally of one centre only."""
    query = select(Staff)
    if centre_id is not None:
        query = query.where(Staff.centre_id == centre_id)
    if active_only:
        query = query.where(col(Staff.active).is_(True))
    return list(session.exec(query.order_by(col(Staff.centre_id), col(Staff.name))))


def list_colleagues(session: Session, actor: Staff, centre_id: int | None = None) -> list[Staff]:
    """Active staff of a centre (default: the actor's), by name, e.g. to assign a case to.

    Raises:
        PermissionDenied: ``actor`` may not read cases, or the centre is outside their scope.
    """
    centre_id = actor.centre_id if centre_id is None else centre_id
    require(session, actor, Action.read_case, centre_id=centre_id)
    return list_staff(session, centre_id)


def get_staff(session: Session, staff_id: int) -> Staff:
    """A staff member by id, or :class:`NotFound`."""
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff", staff_id)
    return staff


def staff_centre(session: Session, staff: Staff) -> Centre:
    """The centre a staff member works at."""
    centre = session.get(Centre, staff.centre_id)
    if centre is None:
        raise NotFound("centre", staff.centre_id)
    return centre
