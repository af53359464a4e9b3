"""Staff lookups for the apps (who is signed in, whom to assign)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from plut_nb.errors import NotFound
from plut_nb.models import Centre, Staff

__all__ = ["get_staff", "list_staff", "staff_centre"]


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
