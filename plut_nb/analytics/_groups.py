"""How evaluation indicators are disaggregated: the dimensions and their SQL group keys.

A :class:`Dimension` names a way to split an indicator: the service field
(bidang) of the case, or a trait of the enterprise or of its owner. For a
query whose rows carry an enterprise id (and, for the service field, a
service code or field), :func:`grouping` gives the SQL expression of the
group — a short code such as ``perempuan`` or ``muda`` — and the outer joins
it needs. Rows whose trait is not recorded fall in :data:`UNKNOWN`.

The owner and channel dimensions can be grouped by together in one query
(one key each, the owner joined once); :func:`fold` then adds the partial
results up per dimension, so a report reads its five owner/channel
breakdowns in one pass over its rows instead of five.

The owner of an enterprise is its first ``pemilik`` (lowest ownership id), so
an enterprise with several owners is still counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
    "Dimensions",
    "Grouping",
    "Key",
    "add_parts",
    "as_dimensions",
    "finish",
    "fold",
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
    """The group key(s) of a query and the outer joins that bring them in.

    Attributes:
        keys: SQL expressions of the group codes, one per dimension, labelled
            ``grp`` (one dimension) or ``grp0``, ``grp1`` … (several, in one pass).
        joins: ``(table, on)`` pairs to outer-join, in order.
    """

    keys: tuple[ColumnElement[Any], ...]
    joins: tuple[tuple[Any, ColumnElement[bool]], ...] = ()

    @property
    def key(self) -> ColumnElement[Any]:
        """The key of a one-dimension grouping."""
        return self.keys[0]

    def join(self, stmt: Select[Any]) -> Select[Any]:
        """Add the outer joins the keys need (rows stay one per row)."""
        for target, onclause in self.joins:
            stmt = stmt.outerjoin(target, onclause)
        return stmt

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        """Add the joins and ``GROUP BY`` the keys (the keys must be selected first)."""
        return self.join(stmt).group_by(*self.keys)


Key = str | tuple[str, ...]
"""A result's group: a code (one dimension, or ``TOTAL``) or one code per dimension."""

Dimensions = Dimension | Sequence[Dimension] | None
"""What to group by: nothing, one dimension, or several owner/channel dimensions at once."""


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


def _owner_key(dimension: Dimension, p: Any, on: date) -> ColumnElement[Any]:
    if dimension is Dimension.gender:
        return case((p.gender == "P", "perempuan"), (p.gender == "L", "laki_laki"), else_=UNKNOWN)
    if dimension is Dimension.youth:
        return case(
            (p.birth_date.is_(None), UNKNOWN),
            (p.birth_date > youth_cutoff(on), "muda"),
            else_="bukan_muda",
        )
    if dimension is Dimension.orang_asli_papua:
        return case(
            (p.id.is_(None), UNKNOWN), (p.orang_asli_papua.is_(True), "oap"), else_="bukan_oap"
        )
    return case(
        (p.id.is_(None), UNKNOWN),
        (p.disability.is_(True), "disabilitas"),
        else_="non_disabilitas",
    )


def as_dimensions(dimensions: Dimensions) -> tuple[Dimension, ...]:
    """``dimensions`` as a tuple (empty for ``None``)."""
    if dimensions is None:
        return ()
    if isinstance(dimensions, str):  # a Dimension is a str
        return (Dimension(dimensions),)
    return tuple(Dimension(d) for d in dimensions)


def grouping(
    dimensions: Dimensions,
    on: date,
    *,
    enterprise_id: Any,
    service_code: Any = None,
    field: Any = None,
) -> Grouping | None:
    """The group key(s) of ``dimensions`` for rows carrying ``enterprise_id``.

    Several dimensions give one key each over the same joins, so one query
    groups by all of them at once (:func:`fold` then splits the result per
    dimension). The service field cannot be combined with others: an
    enterprise counts once in every field it was served in.

    Args:
        dimensions: A dimension, several owner/channel dimensions, or ``None``.
        on: The date ages are measured at (the period's last day).
        enterprise_id: Column of the row's enterprise.
        service_code: Column of the row's service type (for the service field).
        field: Column already holding the service field (used instead of ``service_code``).

    Returns:
        The grouping, or ``None`` when no dimension is given.

    Raises:
        ValueError: The service field was asked for rows without a service, or
            together with other dimensions (a programming error).
    """
    dims = as_dimensions(dimensions)
    if not dims:
        return None
    if Dimension.service_field in dims:
        if len(dims) > 1:
            raise ValueError("the service field cannot be grouped with other dimensions")
        if field is not None:
            return Grouping((func.coalesce(field, UNKNOWN).label("grp"),))
        if service_code is None:
            raise ValueError("the service field needs a service_code or field column")
        service = aliased(ServiceType, name="grp_service")
        return Grouping(
            (func.coalesce(col(service.field), UNKNOWN).label("grp"),),
            ((service, col(service.code) == service_code),),
        )
    joins: list[tuple[Any, ColumnElement[bool]]] = []
    person: Any = None
    if any(d is not Dimension.outreach_channel for d in dims):
        person, owner = _owner_joins(enterprise_id)
        joins += owner
    keys: list[ColumnElement[Any]] = []
    for dim in dims:
        if dim is Dimension.outreach_channel:
            ent = aliased(Enterprise, name="grp_enterprise")
            joins.append((ent, col(ent.id) == enterprise_id))
            keys.append(func.coalesce(col(ent.outreach_channel), UNKNOWN))
        else:
            keys.append(_owner_key(dim, person, on))
    if len(keys) == 1:
        return Grouping((keys[0].label("grp"),), tuple(joins))
    return Grouping(tuple(k.label(f"grp{i}") for i, k in enumerate(keys)), tuple(joins))


def select_grouped(group: Grouping | None, *columns: Any) -> Select[Any]:
    """``SELECT [group keys,] columns`` (the caller adds FROM, WHERE, then ``group.apply``)."""
    return select(*group.keys, *columns) if group is not None else select(*columns)


def finish(group: Grouping | None, stmt: Select[Any], *, aggregate: bool = True) -> Select[Any]:
    """Add the group's joins (and ``GROUP BY`` when ``aggregate``) to a :func:`select_grouped`."""
    if group is None:
        return stmt
    return group.apply(stmt) if aggregate else group.join(stmt)


def split_rows(
    group: Grouping | None, rows: Iterable[Sequence[Any]]
) -> list[tuple[Key, tuple[Any, ...]]]:
    """``(group, rest of the row)`` of each result row.

    The group is ``TOTAL`` without a grouping, the code with one key, and a
    tuple of codes with several.
    """
    if group is None:
        return [(TOTAL, tuple(row)) for row in rows]
    width = len(group.keys)
    if width == 1:
        return [(str(row[0]), tuple(row[1:])) for row in rows]
    return [(tuple(str(v) for v in row[:width]), tuple(row[width:])) for row in rows]


def add_parts(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    """Two partial results added field by field (counts add, lists concatenate)."""
    return tuple(x + y for x, y in zip(a, b, strict=True))


def fold(
    parts: Mapping[Key, tuple[Any, ...]], dimensions: Sequence[Dimension]
) -> dict[Dimension, dict[str, tuple[Any, ...]]]:
    """Partial results grouped by several dimensions at once, added up per dimension.

    Every part must be additive field by field (:func:`add_parts`): counts and
    sums, lists of values (medians are taken after folding), counters.
    """
    out: dict[Dimension, dict[str, tuple[Any, ...]]] = {d: {} for d in dimensions}
    for key, part in parts.items():
        codes = (key,) if isinstance(key, str) else key
        for dim, code in zip(dimensions, codes, strict=True):
            seen = out[dim].get(code)
            out[dim][code] = part if seen is None else add_parts(seen, part)
    return out
