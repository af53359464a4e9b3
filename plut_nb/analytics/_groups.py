"""How evaluation indicators are disaggregated: the dimensions and their SQL group keys.

A :class:`Dimension` names a way to split an indicator: the service field
(bidang) of the case, or a trait of the enterprise or of its owner. For a
query whose rows carry an enterprise id (and, for the service field, a
service code or field), :func:`grouping` gives the SQL expression of the
group — a short code such as ``perempuan`` or ``muda`` — and the outer joins
it needs. Rows whose trait is not recorded fall in :data:`UNKNOWN`.

The owner of an enterprise is its first ``pemilik`` (lowest ownership id), so
an enterprise with several owners is still counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from plut_nb.models import Enterprise, Ownership, Person, ServiceType

__all__ = [
    "GROUP_CODES",
    "TOTAL",
    "UNKNOWN",
    "YOUTH_MAX_AGE",
    "Dimension",
    "Grouping",
    "finish",
    "grouping",
    "select_grouped",
    "split_rows",
    "youth_cutoff",
]

#: Owners aged this many years or fewer at the end of the period count as young
#: ("wirausaha muda / milenial"), the target group of the young-entrepreneur mentors.
YOUTH_MAX_AGE = 30

UNKNOWN = "tidak_diketahui"
"""Group of rows whose trait is not recorded (no owner, no birth date, no channel ...)."""

TOTAL = "total"
"""The single group of an indicator that is not disaggregated."""


class Dimension(StrEnum):
    """Ways to disaggregate the evaluation indicators."""

    service_field = "service_field"
    gender = "gender"
    youth = "youth"
    orang_asli_papua = "orang_asli_papua"
    disability = "disability"
    outreach_channel = "outreach_channel"


#: The groups of each dimension in display order (service fields and channels: the code lists).
GROUP_CODES: dict[Dimension, tuple[str, ...]] = {
    Dimension.gender: ("perempuan", "laki_laki"),
    Dimension.youth: ("muda", "bukan_muda"),
    Dimension.orang_asli_papua: ("oap", "bukan_oap"),
    Dimension.disability: ("disabilitas", "non_disabilitas"),
}


def youth_cutoff(on: date) -> date:
    """Owners born strictly after this date are at most :data:`YOUTH_MAX_AGE` on ``on``.

    Someone is older than 30 on ``on`` once their 31st birthday has come, i.e.
    when born on or before ``on`` minus 31 years (29 February → 28 February).
    """
    year = on.year - (YOUTH_MAX_AGE + 1)
    try:
        return on.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


@dataclass(frozen=True)
class Grouping:
    """The group key of a query and the outer joins that bring it in.

    Attributes:
        key: SQL expression of the group code, labelled ``grp``.
        joins: ``(table, on)`` pairs to outer-join, in order.
    """

    key: ColumnElement[Any]
    joins: tuple[tuple[Any, ColumnElement[bool]], ...] = ()

    def join(self, stmt: Select[Any]) -> Select[Any]:
        """Add the outer joins the key needs (rows stay one per row)."""
        for target, onclause in self.joins:
            stmt = stmt.outerjoin(target, onclause)
        return stmt

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        """Add the joins and ``GROUP BY`` the key (the key must be selected first)."""
        return self.join(stmt).group_by(self.key)


def _owner_joins(
    enterprise_id: Any,
) -> tuple[Any, tuple[tuple[Any, ColumnElement[bool]], ...]]:
    """The owner's :class:`Person` (aliased) and the joins from ``enterprise_id`` to it."""
    owner = aliased(Ownership, name="grp_owner")
    other = aliased(Ownership, name="grp_owner_first")
    person = aliased(Person, name="grp_person")
    first = (
        select(func.min(col(other.id)))
        .where(col(other.enterprise_id) == enterprise_id, col(other.role) == "pemilik")
        .scalar_subquery()
    )
    return person, (
        (owner, and_(col(owner.enterprise_id) == enterprise_id, col(owner.id) == first)),
        (person, col(person.id) == col(owner.person_id)),
    )


def grouping(
    dimension: Dimension | None,
    on: date,
    *,
    enterprise_id: Any,
    service_code: Any = None,
    field: Any = None,
) -> Grouping | None:
    """The group key of ``dimension`` for rows carrying ``enterprise_id``.

    Args:
        dimension: The dimension, or ``None`` for no disaggregation.
        on: The date ages are measured at (the period's last day).
        enterprise_id: Column of the row's enterprise.
        service_code: Column of the row's service type (for the service field).
        field: Column already holding the service field (used instead of ``service_code``).

    Returns:
        The grouping, or ``None`` when ``dimension`` is ``None``.

    Raises:
        ValueError: The service field was asked for rows without a service (a programming error).
    """
    if dimension is None:
        return None
    dimension = Dimension(dimension)
    if dimension is Dimension.service_field:
        if field is not None:
            return Grouping(func.coalesce(field, UNKNOWN).label("grp"))
        if service_code is None:
            raise ValueError("the service field needs a service_code or field column")
        service = aliased(ServiceType, name="grp_service")
        return Grouping(
            func.coalesce(col(service.field), UNKNOWN).label("grp"),
            ((service, col(service.code) == service_code),),
        )
    if dimension is Dimension.outreach_channel:
        ent = aliased(Enterprise, name="grp_enterprise")
        return Grouping(
            func.coalesce(col(ent.outreach_channel), UNKNOWN).label("grp"),
            ((ent, col(ent.id) == enterprise_id),),
        )
    p, joins = _owner_joins(enterprise_id)
    key: ColumnElement[Any]
    if dimension is Dimension.gender:
        key = case((p.gender == "P", "perempuan"), (p.gender == "L", "laki_laki"), else_=UNKNOWN)
    elif dimension is Dimension.youth:
        key = case(
            (p.birth_date.is_(None), UNKNOWN),
            (p.birth_date > youth_cutoff(on), "muda"),
            else_="bukan_muda",
        )
    elif dimension is Dimension.orang_asli_papua:
        key = case(
            (p.id.is_(None), UNKNOWN), (p.orang_asli_papua.is_(True), "oap"), else_="bukan_oap"
        )
    else:
        key = case(
            (p.id.is_(None), UNKNOWN),
            (p.disability.is_(True), "disabilitas"),
            else_="non_disabilitas",
        )
    return Grouping(key.label("grp"), joins)


def select_grouped(group: Grouping | None, *columns: Any) -> Select[Any]:
    """``SELECT [group key,] columns`` (the caller adds FROM, WHERE, then ``group.apply``)."""
    return select(group.key, *columns) if group is not None else select(*columns)


def finish(group: Grouping | None, stmt: Select[Any], *, aggregate: bool = True) -> Select[Any]:
    """Add the group's joins (and ``GROUP BY`` when ``aggregate``) to a :func:`select_grouped`."""
    if group is None:
        return stmt
    return group.apply(stmt) if aggregate else group.join(stmt)


def split_rows(
    group: Grouping | None, rows: Iterable[Sequence[Any]]
) -> list[tuple[str, tuple[Any, ...]]]:
    """``(group code, rest of the row)`` of each result row (``TOTAL`` without a grouping)."""
    if group is None:
        return [(TOTAL, tuple(row)) for row in rows]
    return [(str(row[0]), tuple(row[1:])) for row in rows]
