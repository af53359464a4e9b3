"""Centres (PLUTs) and their staff."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from plut_nb.models._base import created_at_field, json_list_field


class CentreLevel(StrEnum):
    """Administrative level of the government that runs the PLUT."""

    provinsi = "provinsi"
    kabupaten_kota = "kabupaten_kota"


class Role(StrEnum):
    """What a staff member does; one person may hold several roles."""

    front_office = "front_office"
    consultant = "consultant"
    field_officer = "field_officer"
    manager = "manager"
    evaluator = "evaluator"
    researcher = "researcher"
    admin = "admin"


class StaffScope(StrEnum):
    """How far a staff member's work reaches beyond their own centre."""

    centre = "centre"  # the staff member's own centre only
    province = "province"  # every centre in the own centre's province
    national = "national"  # every centre (ministry staff, national evaluators)


class Centre(SQLModel, table=True):
    """A PLUT-KUMKM service centre."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=200)
    level: str = Field(max_length=20)  # a CentreLevel value
    region_code: str = Field(max_length=13, index=True)
    created_at: datetime = created_at_field()


class Staff(SQLModel, table=True):
    """A person who works at a centre; may sign in."""

    id: int | None = Field(default=None, primary_key=True)
    centre_id: int = Field(foreign_key="centre.id", index=True)
    username: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    roles: list[str] = json_list_field()
    service_fields: list[str] = json_list_field()
    active: bool = True
    scope: str = Field(default=StaffScope.centre, max_length=16)  # a StaffScope value
    password_hash: str | None = Field(default=None, max_length=255)
    password_changed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    failed_logins: int = 0  # consecutive failed sign-ins since the last success
    locked_until: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    last_login_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = created_at_field()

    def has_role(self, *roles: Role | str) -> bool:
        """True when the staff member holds any of ``roles``."""
        return any(str(r) in self.roles for r in roles)
