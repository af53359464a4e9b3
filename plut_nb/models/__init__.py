"""SQLModel table models of the PLUT-NB domain (one module per part of the domain)."""

from sqlmodel import SQLModel

from plut_nb.models.audit import AuditEntry
from plut_nb.models.cases import Activity, Case, PermitApplication, Referral
from plut_nb.models.catalogue import ServiceType
from plut_nb.models.events import Event, EventAttendance
from plut_nb.models.indicators import IndicatorSnapshot, SurveyResponse
from plut_nb.models.org import Centre, CentreLevel, Role, Staff, StaffScope
from plut_nb.models.registry import Cooperative, Enterprise, Ownership, Person

__all__ = [
    "Activity",
    "AuditEntry",
    "Case",
    "Centre",
    "CentreLevel",
    "Cooperative",
    "Enterprise",
    "Event",
    "EventAttendance",
    "IndicatorSnapshot",
    "Ownership",
    "PermitApplication",
    "Person",
    "Referral",
    "Role",
    "SQLModel",
    "ServiceType",
    "Staff",
    "StaffScope",
    "SurveyResponse",
]
