"""Cases (service requests) and what happens on them: activities, referrals, permits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index
from sqlmodel import Field, SQLModel

from plut_nb.models._base import created_at_field, utcnow


class Case(SQLModel, table=True):
    """A service request of an enterprise at a centre, moved through the workflow.

    ``version`` is bumped on every change; a write from an older version is
    refused (optimistic concurrency), see :mod:`plut_nb.services.cases`.
    """

    __tablename__ = "service_case"
    __table_args__ = (
        Index("ix_case_centre_status_due", "centre_id", "status", "due_on"),
        Index("ix_case_assignee_status", "assigned_staff_id", "status"),
        # a centre's cases of a period, for evaluation reports (migration 0005)
        Index("ix_case_centre_opened", "centre_id", "opened_on"),
        Index("ix_case_centre_closed", "centre_id", "closed_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=40, unique=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    centre_id: int = Field(foreign_key="centre.id")
    service_code: str = Field(foreign_key="service_type.code", max_length=40, index=True)
    channel: str = Field(default="datang_langsung", max_length=40)
    description: str = Field(default="", max_length=4000)
    priority: str = Field(default="normal", max_length=10)
    status: str = Field(default="baru", max_length=30, index=True)
    assigned_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    opened_on: date = Field(index=True)
    due_on: date
    closed_on: date | None = None
    resolution: str | None = Field(default=None, max_length=4000)
    version: int = 1
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    updated_by_id: int | None = Field(default=None, foreign_key="staff.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    created_at: datetime = created_at_field()


class Activity(SQLModel, table=True):
    """A session, visit, call, training attendance or document step on a case."""

    # a case's activities of a period and their minutes from the index alone (0005)
    __table_args__ = (Index("ix_activity_case_held", "case_id", "held_on", "minutes"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="service_case.id")
    staff_id: int = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=20)  # sesi / kunjungan / telepon / pelatihan / dokumen
    mode: str = Field(max_length=20)  # tatap_muka / daring / kunjungan_lapangan
    held_on: date = Field(index=True)
    minutes: int
    notes: str = Field(default="", max_length=4000)
    next_step: str | None = Field(default=None, max_length=1000)
    follow_up_on: date | None = Field(default=None, index=True)
    created_at: datetime = created_at_field()


class Referral(SQLModel, table=True):
    """A referral to an outside partner, with its own status loop and a follow-up."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="service_case.id", index=True)
    partner_type: str = Field(max_length=40)
    partner_name: str = Field(max_length=200)
    status: str = Field(default="dikirim", max_length=20, index=True)
    referred_on: date
    follow_up_on: date = Field(index=True)
    outcome: str | None = Field(default=None, max_length=1000)
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = created_at_field()


class PermitApplication(SQLModel, table=True):
    """A business permit (NIB, PIRT, halal, BPOM MD, trademark, SNI …) facilitated by a case."""

    __tablename__ = "permit_application"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="service_case.id", index=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    permit_type: str = Field(max_length=20, index=True)
    status: str = Field(default="disiapkan", max_length=20, index=True)
    submitted_on: date | None = None
    issued_on: date | None = Field(default=None, index=True)
    expires_on: date | None = None
    number: str | None = Field(default=None, max_length=80)
    created_at: datetime = created_at_field()
