"""Pieces the analytics modules share: scope filter of cases, status groups, casting."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import col

from plut_nb.analytics.scope import Scope
from plut_nb.models import Case
from plut_nb.services.workflow import CaseStatus

#: Open statuses in workflow order.
OPEN_ORDER: tuple[str, ...] = ("baru", "ditugaskan", "dalam_proses", "menunggu_pihak_lain")
_FINISHED = (str(CaseStatus.selesai), str(CaseStatus.ditutup))
_CANCELLED = str(CaseStatus.dibatalkan)


def _case_scope(scope: Scope) -> ColumnElement[bool]:
    return scope.where(centre_id=col(Case.centre_id), enterprise_id=col(Case.enterprise_id))


def _int(value: Any) -> int:
    """An aggregate as int (PostgreSQL sums are Decimal; an empty sum is NULL)."""
    return int(value or 0)
