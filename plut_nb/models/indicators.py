"""Indicator snapshots of enterprises and IKM survey responses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from plut_nb.models._base import created_at_field, json_list_field, money_field


class IndicatorSnapshot(SQLModel, table=True):
    """An enterprise's figures at a date: the baseline at intake, follow-ups later."""

    __tablename__ = "indicator_snapshot"
    __table_args__ = (Index("ix_snapshot_enterprise_date", "enterprise_id", "taken_on"),)

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprise.id")
    taken_on: date = Field(index=True)
    kind: str = Field(default="tindak_lanjut", max_length=20)  # baseline / tindak_lanjut
    sales_annual: int | None = money_field()
    capital: int | None = money_field()
    employees_total: int | None = None
    employees_women: int | None = None
    market_local: bool = False
    market_regional: bool = False
    market_national: bool = False
    market_export: bool = False
    online_channels: list[str] = json_list_field()
    size_class: str | None = Field(default=None, max_length=10)  # derived, never typed
    size_rule_set: str | None = Field(default=None, max_length=20)
    recorded_by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = created_at_field()


class SurveyResponse(SQLModel, table=True):
    """An IKM (PermenPANRB 14/2017) response: nine elements scored 1-4, for a closed case."""

    __tablename__ = "survey_response"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="service_case.id", unique=True)
    centre_id: int = Field(foreign_key="centre.id", index=True)
    submitted_on: date = Field(index=True)
    u1: int
    u2: int
    u3: int
    u4: int
    u5: int
    u6: int
    u7: int
    u8: int
    u9: int
    comment: str | None = Field(default=None, max_length=2000)
    created_at: datetime = created_at_field()

    @property
    def answers(self) -> tuple[int, ...]:
        """The nine answers in element order."""
        return (self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9)
