"""Where and when an indicator is measured: a :class:`Scope` and a :class:`Period`.

A scope is either a **centre** — what that PLUT did: its cases (and their
activities, permits and surveys) and its events — or a **regency** or
**province of the enterprises** — what any centre did for enterprises located
there. The same indicator function serves the manager's dashboard (one centre)
and the evaluator's reports (a centre, regency or province), because it only
ever asks the scope for a SQL condition::

    cond = scope.where(centre_id=Case.centre_id, enterprise_id=Case.enterprise_id)

A centre scope compares ``centre_id`` with the centre's id (a scalar subquery
on its code); a region scope keeps rows whose ``enterprise_id`` belongs to an
enterprise of that regency or province. Periods are closed date ranges
(both ends included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import Session, col

from plut_nb.clock import today
from plut_nb.errors import FieldError, NotFound, ValidationError
from plut_nb.i18n import t
from plut_nb.models import Centre, Enterprise
from plut_nb.reference.regions import normalize_region_code
from plut_nb.rules import validate_region_code

__all__ = [
    "CentreOption",
    "Period",
    "Scope",
    "ScopeKind",
    "list_centres",
    "scope_name",
]


class ScopeKind(StrEnum):
    """What a scope's code names."""

    centre = "centre"
    regency = "regency"
    province = "province"


_REGION_LEVEL = {ScopeKind.regency: 2, ScopeKind.province: 1}


def _invalid(field: str, key: str, **params: object) -> ValidationError:
    return ValidationError([FieldError(field, key, t(key, **params))])


@dataclass(frozen=True)
class Scope:
    """A centre (by code, e.g. ``PLUT-SUMUT``) or a regency/province (``12.71`` / ``12``).

    Region codes are normalised to the dotted form (``"1271"`` → ``"12.71"``).
    Whether the centre or region exists is checked by :func:`scope_name`.

    Raises:
        ValidationError: Unknown kind, empty code, or a region code of the wrong shape.
    """

    kind: ScopeKind
    code: str

    def __post_init__(self) -> None:
        try:
            kind = ScopeKind(self.kind)
        except ValueError:
            raise _invalid("scope", "kpi.scope.kind", kind=self.kind) from None
        code = (self.code or "").strip() if isinstance(self.code, str) else ""
        if not code:
            raise _invalid("scope", "kpi.scope.code_empty")
        if kind in _REGION_LEVEL:
            norm = normalize_region_code(code)
            if norm is None or norm.count(".") + 1 != _REGION_LEVEL[kind]:
                raise _invalid("scope", "kpi.scope.region_shape", code=code, kind=kind.value)
            code = norm
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "code", code)

    @classmethod
    def centre(cls, code: str) -> Scope:
        """The scope of one centre, by its code."""
        return cls(ScopeKind.centre, code)

    @classmethod
    def regency(cls, code: str) -> Scope:
        """Enterprises located in a regency/city (``PP.RR``)."""
        return cls(ScopeKind.regency, code)

    @classmethod
    def province(cls, code: str) -> Scope:
        """Enterprises located in a province (``PP``)."""
        return cls(ScopeKind.province, code)

    def where(self, *, centre_id: Any = None, enterprise_id: Any = None) -> ColumnElement[bool]:
        """The SQL condition that keeps rows of this scope.

        Args:
            centre_id: The column holding the row's centre (needed for a centre scope).
            enterprise_id: The column holding the row's enterprise (needed for a region scope).

        Returns:
            A boolean SQL expression to put in a ``where``.

        Raises:
            ValueError: The column the scope needs was not given (a programming error).
        """
        if self.kind is ScopeKind.centre:
            if centre_id is None:
                raise ValueError("a centre scope needs the centre_id column")
            centre = select(col(Centre.id)).where(col(Centre.code) == self.code)
            return centre_id == centre.scalar_subquery()  # type: ignore[no-any-return]
        if enterprise_id is None:
            raise ValueError("a region scope needs the enterprise_id column")
        region = (
            col(Enterprise.regency_code)
            if self.kind is ScopeKind.regency
            else col(Enterprise.province_code)
        )
        members = select(col(Enterprise.id)).where(region == self.code)
        return enterprise_id.in_(members)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Period:
    """A closed range of dates, ``start`` and ``end`` both included.

    Raises:
        ValidationError: A bound is missing or ``end`` is before ``start``.
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if not isinstance(self.start, date):
            raise _invalid("start", "kpi.period.missing", which=t("kpi.period.start"))
        if not isinstance(self.end, date):
            raise _invalid("end", "kpi.period.missing", which=t("kpi.period.end"))
        if self.end < self.start:
            raise _invalid(
                "end", "kpi.period.order", start=self.start.isoformat(), end=self.end.isoformat()
            )

    @classmethod
    def year_to_date(cls, on: date | None = None) -> Period:
        """1 January of ``on``'s year up to ``on`` (default: today on the centre's clock)."""
        on = on or today()
        return cls(date(on.year, 1, 1), on)

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        """Calendar quarter ``number`` (1-4) of ``year``."""
        if number not in (1, 2, 3, 4):
            raise _invalid("quarter", "kpi.period.quarter", number=number)
        first = date(year, 3 * number - 2, 1)
        return cls(first, _month_end(year, 3 * number))

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, column: Any) -> ColumnElement[bool]:
        """SQL condition: ``column`` (a date) lies within the period."""
        return column.between(self.start, self.end)  # type: ignore[no-any-return]

    def months(self) -> list[tuple[int, int]]:
        """The calendar months the period touches, as ``(year, month)`` in order."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def previous(self) -> Period:
        """The comparable period just before this one.

        Whole calendar months (start on a 1st, end on a month's last day) step
        back by the same number of months, so Q2 compares with Q1; any other
        period steps back by the same number of days.
        """
        if self.start.day == 1 and self.end == _month_end(self.end.year, self.end.month):
            n = len(self.months())
            y, m = divmod(self.start.year * 12 + self.start.month - 1 - n, 12)
            start = date(y, m + 1, 1)
            end = self.start - timedelta(days=1)
            return Period(start, end)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)


def scope_name(session: Session, scope: Scope) -> str:
    """The display name of a scope, checking that it exists.

    Raises:
        NotFound: No centre has the scope's code.
        ValidationError: The region code is not in the Kemendagri table.
    """
    if scope.kind is ScopeKind.centre:
        name = session.execute(
            select(col(Centre.name)).where(col(Centre.code) == scope.code)
        ).scalar_one_or_none()
        if name is None:
            raise NotFound("centre", scope.code)
        return str(name)
    return validate_region_code(scope.code, _REGION_LEVEL[scope.kind], field="region").name


@dataclass(frozen=True)
class CentreOption:
    """A centre as a scope to choose from."""

    code: str
    name: str
    centre_id: int


def list_centres(session: Session) -> list[CentreOption]:
    """Every centre, ordered by name (for scope pickers)."""
    rows = session.execute(
        select(col(Centre.code), col(Centre.name), col(Centre.id)).order_by(col(Centre.name))
    ).all()
    return [CentreOption(code, name, cid) for code, name, cid in rows]
