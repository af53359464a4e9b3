"""Events (exhibitions, trainings, socialisation, business matching) and attendance."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from plut_nb.models._base import created_at_field, money_field


class Event(SQLModel, table=True):
    """Something a centre organises for many enterprises at once."""

    id: int | None = Field(default=None, primary_key=True)
    centre_id: int = Field(foreign_key="centre.id", index=True)
    kind: str = Field(max_length=30)  # pameran / pelatihan / sosialisasi / temu_bisnis / promosi
    name: str = Field(max_length=200)
    starts_on: date = Field(index=True)
    ends_on: date
    place: str = Field(default="", max_length=300)
    partner_community: str | None = Field(default=None, max_length=200)
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = created_at_field()


class EventAttendance(SQLModel, table=True):
    """One enterprise's registration, attendance and sales at an event."""

    __tablename__ = "event_attendance"
    __table_args__ = (UniqueConstraint("event_id", "enterprise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    registered_on: date
    attended: bool = False
    sales: int | None = money_field()
