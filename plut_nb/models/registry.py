"""Enterprises (UMKM), cooperatives, the people who own them, and ownership links."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from plut_nb.models._base import created_at_field, json_list_field, money_field


class Enterprise(SQLModel, table=True):
    """A micro, small or medium enterprise known to a PLUT.

    The size class is never typed: it is derived from capital or sales by
    :func:`plut_nb.rules.size_class` and stored on indicator snapshots.
    """

    __table_args__ = (
        # Duplicate search reads (id, name_sorted) in name order from these
        # indexes alone (covering: no table lookups), see services.intake.
        Index("ix_enterprise_village_name", "village_code", "name_key", "name_sorted"),
        Index("ix_enterprise_district_name", "district_code", "name_key", "name_sorted"),
        Index("ix_enterprise_village_sorted", "village_code", "name_sorted"),
        Index("ix_enterprise_district_sorted", "district_code", "name_sorted"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, index=True)  # normalised for search and matching
    name_sorted: str = Field(default="", max_length=200)  # name_key, words sorted (matching)
    nib: str | None = Field(default=None, max_length=13, unique=True)
    legal_form: str = Field(default="perorangan", max_length=40)
    kbli_code: str | None = Field(default=None, max_length=5, index=True)
    kbli_codes: list[str] = json_list_field()
    products: str | None = Field(default=None, max_length=500)
    flagship_commodity: str | None = Field(default=None, max_length=100)
    street_address: str | None = Field(default=None, max_length=300)
    village_code: str = Field(max_length=13)
    district_code: str = Field(max_length=8)
    regency_code: str = Field(max_length=5, index=True)
    province_code: str = Field(max_length=2, index=True)
    founding_year: int | None = None
    online_channels: list[str] = json_list_field()
    outreach_channel: str | None = Field(default=None, max_length=40, index=True)
    registered_centre_id: int = Field(foreign_key="centre.id", index=True)
    registered_on: date = Field(index=True)
    capital_at_registration: int | None = money_field()
    source_key: str | None = Field(default=None, max_length=120, unique=True)
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = created_at_field()


class Cooperative(SQLModel, table=True):
    """A cooperative (koperasi) served by a PLUT."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, index=True)
    legal_entity_number: str | None = Field(default=None, max_length=60, unique=True)
    nib: str | None = Field(default=None, max_length=13, unique=True)
    kbli_code: str | None = Field(default=None, max_length=5)
    cooperative_type: str | None = Field(default=None, max_length=60)
    members: int | None = None
    village_code: str = Field(max_length=13, index=True)
    regency_code: str = Field(max_length=5, index=True)
    founding_year: int | None = None
    registered_centre_id: int = Field(foreign_key="centre.id", index=True)
    created_at: datetime = created_at_field()


class Person(SQLModel, table=True):
    """An owner or contact person. NIK and phone are personal data (UU 27/2022)."""

    id: int | None = Field(default=None, primary_key=True)
    nik: str | None = Field(default=None, max_length=16, unique=True)
    name: str = Field(max_length=200)
    gender: str | None = Field(default=None, max_length=1)  # 'L' or 'P'
    birth_date: date | None = None
    phone: str | None = Field(default=None, max_length=20, index=True)  # E.164
    email: str | None = Field(default=None, max_length=200)
    education: str | None = Field(default=None, max_length=40)
    disability: bool = False
    orang_asli_papua: bool = False
    created_at: datetime = created_at_field()


class Ownership(SQLModel, table=True):
    """Links a person to an enterprise: one person may own several enterprises."""

    __table_args__ = (UniqueConstraint("enterprise_id", "person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(default="pemilik", max_length=20)  # pemilik / kontak
