"""Events: create, register enterprises, take attendance, record sales.

Each function checks that the actor may manage events at the event's centre
(:func:`plut_nb.security.permissions.require`); a new event belongs to the
actor's own centre.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from plut_nb.clock import today
from plut_nb.errors import Conflict, NotFound, ValidationError
from plut_nb.models import Enterprise, Event, EventAttendance, Staff
from plut_nb.reference.codes import EVENT_KINDS
from plut_nb.security.permissions import Action, require
from plut_nb.services import _audit
from plut_nb.services._validate import ErrorCollector, unique_or_conflict

__all__ = [
    "create_event",
    "get_event",
    "mark_attendance",
    "record_event_sales",
    "register_for_event",
]


def create_event(
    session: Session,
    actor: Staff,
    *,
    kind: str,
    name: str,
    starts_on: date,
    ends_on: date | None = None,
    place: str = "",
    partner_community: str | None = None,
) -> Event:
    """Create an exhibition, training, socialisation, promotion or business matching."""
    require(session, actor, Action.manage_events, centre_id=actor.centre_id)
    errs = ErrorCollector()
    if kind not in EVENT_KINDS:
        errs.add("kind", "code.unknown", value=kind)
    errs.require("name", name)
    errs.fits("name", name, Event, "name")
    errs.fits("place", place, Event, "place")
    errs.fits("partner_community", partner_community, Event, "partner_community")
    if ends_on is not None and ends_on < starts_on:
        errs.add("ends_on", "date.before", other=starts_on.isoformat())
    errs.raise_if_any()
    event = Event(
        centre_id=actor.centre_id,
        kind=kind,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        place=place.strip(),
        partner_community=partner_community,
        created_by_id=actor.id,
    )
    session.add(event)
    session.flush()
    _audit.record(session, actor, "create", "event", event.id, after=_audit.row_dict(event))
    return event


def get_event(session: Session, actor: Staff, event_id: int) -> Event:
    """An event ``actor`` may manage (its centre within their scope).

    Raises:
        NotFound: No such event.
        PermissionDenied: No event role, or another centre's event.
    """
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("event", event_id)
    require(
        session,
        actor,
        Action.manage_events,
        centre_id=event.centre_id,
        entity="event",
        key=event_id,
    )
    return event


def _attendance(session: Session, event_id: int, enterprise_id: int) -> EventAttendance:
    row = session.execute(
        select(EventAttendance).where(
            col(EventAttendance.event_id) == event_id,
            col(EventAttendance.enterprise_id) == enterprise_id,
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFound("registration", f"{event_id}/{enterprise_id}")
    return row


def register_for_event(
    session: Session, actor: Staff, event_id: int, enterprise_id: int, *, on: date | None = None
) -> EventAttendance:
    """Register an enterprise for an event (once)."""
    get_event(session, actor, event_id)
    if session.get(Enterprise, enterprise_id) is None:
        raise NotFound("enterprise", enterprise_id)
    try:
        _attendance(session, event_id, enterprise_id)
    except NotFound:
        pass
    else:
        raise Conflict(
            ValidationError.single("enterprise", "event.already_registered").message,
            entity="event",
            key=event_id,
        )
    row = EventAttendance(
        event_id=event_id, enterprise_id=enterprise_id, registered_on=on or today()
    )
    with unique_or_conflict(session, "enterprise", enterprise_id, "event.already_registered"):
        session.add(row)
    _audit.record(session, actor, "create", "event_attendance", row.id, after=_audit.row_dict(row))
    return row


def mark_attendance(
    session: Session, actor: Staff, event_id: int, enterprise_id: int, attended: bool = True
) -> EventAttendance:
    """Record whether a registered enterprise attended."""
    get_event(session, actor, event_id)
    row = _attendance(session, event_id, enterprise_id)
    before = _audit.row_dict(row)
    row.attended = attended
    session.add(row)
    session.flush()
    _audit.record(
        session, actor, "update", "event_attendance", row.id, before, _audit.row_dict(row)
    )
    return row


def record_event_sales(
    session: Session, actor: Staff, event_id: int, enterprise_id: int, sales: int
) -> EventAttendance:
    """Record an enterprise's sales at the event (Rupiah); implies attendance."""
    get_event(session, actor, event_id)
    if sales < 0:
        raise ValidationError.single("sales_event", "number.negative")
    row = _attendance(session, event_id, enterprise_id)
    before = _audit.row_dict(row)
    row.sales = sales
    row.attended = True
    session.add(row)
    session.flush()
    _audit.record(
        session, actor, "update", "event_attendance", row.id, before, _audit.row_dict(row)
    )
    return row
