"""The events app's side of the services: a centre's events, registrations, totals, form input.

Reads are paged and aggregate in SQL; each one checks, like the writes, that
the actor may manage events at the event's (or the listed) centre. The two form functions turn what staff
typed into calls of :mod:`plut_nb.services.events` (which audit every write):
:func:`create_event_from_form` adds the checks a form needs on top of
:func:`~plut_nb.services.events.create_event` (a missing start date, text
lengths), and :func:`save_attendance` saves a page of attendance ticks and
sales amounts all together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import t
from plut_nb.models import Enterprise, Event, EventAttendance, Staff
from plut_nb.rules.money import parse_rupiah_amount
from plut_nb.security.permissions import Action, require
from plut_nb.services.directory import search_enterprises
from plut_nb.services.events import create_event, get_event, mark_attendance, record_event_sales

__all__ = [
    "AttendanceInput",
    "CandidatePage",
    "CandidateRow",
    "EventInput",
    "EventPage",
    "EventRow",
    "EventTotals",
    "Page",
    "RegistrationPage",
    "RegistrationRow",
    "create_event_from_form",
    "event_totals",
    "find_enterprises_for_event",
    "get_event",
    "list_events",
    "list_registrations",
    "parse_sales",
    "save_attendance",
]

_TEXT_LIMITS = (("name", 200), ("place", 300), ("partner_community", 200))
_LABELS = {
    "name": "field.name",
    "place": "ui.events.place",
    "partner_community": "ui.events.partner",
    "starts_on": "ui.events.starts_on",
}


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """A page of rows and where it sits in the whole."""

    rows: list[RowT]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def _clamp(page: int, page_size: int) -> tuple[int, int]:
    return max(1, page), min(max(1, page_size), 200)


@dataclass(frozen=True)
class EventRow:
    """One event in a centre's list, with its registration counts."""

    event_id: int
    kind: str
    name: str
    starts_on: date
    ends_on: date
    place: str
    partner_community: str | None
    registered: int
    attended: int


@dataclass(frozen=True)
class EventTotals:
    """How many enterprises registered and attended, and their sales (Rupiah)."""

    registered: int
    attended: int
    sales: int


@dataclass(frozen=True)
class RegistrationRow:
    """One registered enterprise with its attendance and sales."""

    enterprise_id: int
    name: str
    nib: str | None
    registered_on: date
    attended: bool
    sales: int | None


@dataclass(frozen=True)
class CandidateRow:
    """An enterprise found for registration; ``registered`` if it already is."""

    enterprise_id: int
    name: str
    nib: str | None
    region: str
    owner_name: str | None
    registered: bool


EventPage = Page[EventRow]
"""A page of a centre's events, newest first."""
RegistrationPage = Page[RegistrationRow]
"""A page of an event's registrations, by enterprise name."""
CandidatePage = Page[CandidateRow]
"""A page of enterprises found by name or NIB."""


@dataclass(frozen=True)
class EventInput:
    """What the new-event form holds (``starts_on`` is ``None`` until picked)."""

    kind: str
    name: str
    starts_on: date | None
    ends_on: date | None = None
    place: str = ""
    partner_community: str = ""


@dataclass(frozen=True)
class AttendanceInput:
    """One registration row as the form holds it: the tick and the sales text."""

    enterprise_id: int
    attended: bool
    sales_text: str = ""


def list_events(
    session: Session,
    actor: Staff,
    centre_id: int | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
) -> EventPage:
    """A centre's events, newest start date first, with registered/attended counts.

    Args:
        session: Open session.
        actor: The acting staff member.
        centre_id: The centre whose events to list (default: the actor's).
        page: 1-based page number.
        page_size: Rows per page (1-200).

    Returns:
        The requested :class:`EventPage`.

    Raises:
        PermissionDenied: No event role, or a centre outside the actor's scope.
    """
    centre_id = actor.centre_id if centre_id is None else centre_id
    require(session, actor, Action.manage_events, centre_id=centre_id)
    page, page_size = _clamp(page, page_size)
    counts = (
        select(
            col(EventAttendance.event_id).label("event_id"),
            func.count().label("registered"),
            func.sum(case((col(EventAttendance.attended).is_(True), 1), else_=0)).label("attended"),
        )
        .group_by(col(EventAttendance.event_id))
        .subquery()
    )
    where = col(Event.centre_id) == centre_id
    total = session.execute(select(func.count()).select_from(Event).where(where)).scalar_one()
    result = session.execute(
        select(Event, counts.c.registered, counts.c.attended)
        .outerjoin(counts, counts.c.event_id == col(Event.id))
        .where(where)
        .order_by(col(Event.starts_on).desc(), col(Event.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    rows = []
    for event, registered, attended in result:
        assert event.id is not None
        rows.append(
            EventRow(
                event_id=event.id,
                kind=event.kind,
                name=event.name,
                starts_on=event.starts_on,
                ends_on=event.ends_on,
                place=event.place,
                partner_community=event.partner_community,
                registered=int(registered or 0),
                attended=int(attended or 0),
            )
        )
    return EventPage(rows=rows, total=int(total), page=page, page_size=page_size)


def event_totals(session: Session, actor: Staff, event_id: int) -> EventTotals:
    """Registered and attending enterprises and their total sales, summed in SQL."""
    get_event(session, actor, event_id)
    registered, attended, sales = session.execute(
        select(
            func.count(),
            func.sum(case((col(EventAttendance.attended).is_(True), 1), else_=0)),
            func.sum(col(EventAttendance.sales)),
        ).where(col(EventAttendance.event_id) == event_id)
    ).one()
    return EventTotals(int(registered), int(attended or 0), int(sales or 0))


def list_registrations(
    session: Session, actor: Staff, event_id: int, *, page: int = 1, page_size: int = 20
) -> RegistrationPage:
    """An event's registered enterprises (name, NIB, attendance, sales), by name.

    Args:
        session: Open session.
        actor: The acting staff member (may manage events at the event's centre).
        event_id: The event.
        page: 1-based page number.
        page_size: Rows per page (1-200).

    Returns:
        The requested :class:`RegistrationPage`.
    """
    get_event(session, actor, event_id)
    page, page_size = _clamp(page, page_size)
    where = col(EventAttendance.event_id) == event_id
    total = session.execute(
        select(func.count()).select_from(EventAttendance).where(where)
    ).scalar_one()
    result = session.execute(
        select(EventAttendance, Enterprise)
        .join(Enterprise, col(Enterprise.id) == col(EventAttendance.enterprise_id))
        .where(where)
        .order_by(col(Enterprise.name_key), col(Enterprise.id))
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    rows = [
        RegistrationRow(
            enterprise_id=att.enterprise_id,
            name=ent.name,
            nib=ent.nib,
            registered_on=att.registered_on,
            attended=bool(att.attended),
            sales=att.sales,
        )
        for att, ent in result
    ]
    return RegistrationPage(rows=rows, total=int(total), page=page, page_size=page_size)


def find_enterprises_for_event(
    session: Session,
    actor: Staff,
    event_id: int,
    query: str,
    *,
    page: int = 1,
    page_size: int = 10,
) -> CandidatePage:
    """Enterprises the actor covers matching a name fragment or NIB, marked when registered.

    Args:
        session: Open session.
        actor: The acting staff member (may manage events at the event's centre).
        event_id: The event to register for.
        query: Name fragment or 13-digit NIB (see
            :func:`~plut_nb.services.directory.search_enterprises`).
        page: 1-based page number.
        page_size: Rows per page (1-200).

    Returns:
        The requested :class:`CandidatePage`.
    """
    get_event(session, actor, event_id)
    found = search_enterprises(session, actor, query, page=page, page_size=page_size)
    ids = [r.enterprise_id for r in found.rows]
    taken: set[int] = set()
    if ids:
        taken = set(
            session.execute(
                select(col(EventAttendance.enterprise_id)).where(
                    col(EventAttendance.event_id) == event_id,
                    col(EventAttendance.enterprise_id).in_(ids),
                )
            ).scalars()
        )
    rows = [
        CandidateRow(
            enterprise_id=r.enterprise_id,
            name=r.name,
            nib=r.nib,
            region=r.region,
            owner_name=r.owner_name,
            registered=r.enterprise_id in taken,
        )
        for r in found.rows
    ]
    return CandidatePage(rows=rows, total=found.total, page=found.page, page_size=found.page_size)


def parse_sales(text: str, field: str = "sales_event") -> int | None:
    """A sales amount typed as ``"Rp1.500.000"``, ``"1500000"`` or ``"1,5 jt"``.

    Args:
        text: What staff typed; blank means "not recorded".
        field: Field name used in the error.

    Returns:
        Whole Rupiah, or ``None`` for blank text.

    Raises:
        ValidationError: Not a whole Rupiah amount, or negative.
    """
    return parse_rupiah_amount(text, field)


def _field_error(field: str, key: str, **params: object) -> FieldError:
    return FieldError(field, key, t(key, field=t(_LABELS[field]), **params))


def create_event_from_form(session: Session, actor: Staff, form: EventInput) -> Event:
    """Create an event from the new-event form, reporting every field's problem at once.

    Besides the checks of :func:`~plut_nb.services.events.create_event` (kind,
    name, end not before start), the start date must be picked and the texts
    must fit their columns. The service's own checks run in a savepoint (with
    the texts cut to fit) that is rolled back when anything is wrong, so the
    rules live in one place and nothing is written from a bad form.

    Raises:
        ValidationError: One entry per bad field (``kind``, ``name``,
            ``starts_on``, ``ends_on``, ``place``, ``partner_community``).
    """
    texts = {field: str(getattr(form, field) or "").strip() for field, _ in _TEXT_LIMITS}
    errors = [
        _field_error(field, "text.too_long", max=limit)
        for field, limit in _TEXT_LIMITS
        if len(texts[field]) > limit
    ]
    if form.starts_on is None:
        missing = [_field_error("starts_on", "required")]
        if not texts["name"]:
            missing.insert(0, _field_error("name", "required"))
        raise ValidationError([*missing, *errors])
    fitted = {field: texts[field][:limit] for field, limit in _TEXT_LIMITS}
    savepoint = session.begin_nested()
    try:
        event = create_event(
            session,
            actor,
            kind=form.kind,
            name=fitted["name"],
            starts_on=form.starts_on,
            ends_on=form.ends_on,
            place=fitted["place"],
            partner_community=fitted["partner_community"] or None,
        )
    except ValidationError as exc:
        savepoint.rollback()
        raise ValidationError([*exc.errors, *errors]) from None
    if errors:
        savepoint.rollback()
        raise ValidationError(errors)
    savepoint.commit()
    return event


def save_attendance(
    session: Session, actor: Staff, event_id: int, rows: Sequence[AttendanceInput]
) -> int:
    """Save the attendance ticks and sales of some registrations, all or nothing.

    A sales amount is only taken for an enterprise that attended, and sales
    once recorded cannot be blanked (enter 0). Unchanged rows are not written.

    Args:
        session: Open session (the caller commits).
        actor: The acting staff member; the event must be within their scope.
        event_id: The event.
        rows: The registrations as shown in the form.

    Returns:
        How many registrations changed.

    Raises:
        NotFound: No such event.
        PermissionDenied: The event's centre is outside the actor's scope.
        ValidationError: One entry per bad row, field ``sales:<enterprise id>``
            or ``attended:<enterprise id>``, naming the enterprise.
    """
    get_event(session, actor, event_id)
    ids = [r.enterprise_id for r in rows]
    current = {
        att.enterprise_id: (att, name)
        for att, name in session.execute(
            select(EventAttendance, col(Enterprise.name))
            .join(Enterprise, col(Enterprise.id) == col(EventAttendance.enterprise_id))
            .where(
                col(EventAttendance.event_id) == event_id,
                col(EventAttendance.enterprise_id).in_(ids),
            )
        ).all()
    }
    errors: list[FieldError] = []

    def problem(field: str, eid: int, key: str, **params: object) -> None:
        errors.append(FieldError(f"{field}:{eid}", key, t(key, **params)))

    plan: list[tuple[int, bool, int | None]] = []  # enterprise, attended, new sales
    for row in rows:
        eid = row.enterprise_id
        if eid not in current:
            problem("attended", eid, "ui.events.not_registered", name=eid)
            continue
        att, name = current[eid]
        try:
            sales = parse_sales(row.sales_text)
        except ValidationError as exc:
            problem("sales", eid, "ui.events.sales_invalid", name=name, message=exc.message)
            continue
        if sales is None and att.sales is not None:
            problem("sales", eid, "ui.events.sales_cannot_clear", name=name)
        elif sales is not None and not row.attended:
            recorded = att.sales is not None
            key = "ui.events.sales_recorded" if recorded else "ui.events.sales_needs_attendance"
            problem("attended" if recorded else "sales", eid, key, name=name)
        elif row.attended != att.attended or (sales is not None and sales != att.sales):
            plan.append((eid, row.attended, sales if sales != att.sales else None))
    if errors:
        raise ValidationError(errors)
    for eid, attended, sales in plan:
        if sales is not None:
            record_event_sales(session, actor, event_id, eid, sales)  # implies attended
        else:
            mark_attendance(session, actor, event_id, eid, attended)
    return len(plan)
