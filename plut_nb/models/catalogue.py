"""The service catalogue: data, editable, seeded from :mod:`plut_nb.reference`."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ServiceType(SQLModel, table=True):
    """A service a PLUT offers, with its field (bidang), delivery mode and SLA."""

    __tablename__ = "service_type"

    code: str = Field(primary_key=True, max_length=40)
    name_id: str = Field(max_length=120)
    name_en: str = Field(max_length=120)
    field: str = Field(max_length=40, index=True)  # bidang
    delivery_mode: str = Field(max_length=20)
    default_sla_days: int
    active: bool = True
