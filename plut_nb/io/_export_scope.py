"""Which rows of each table an export may hold: those of the centres the actor covers.

:func:`row_filter` gives, per table, an SQL condition on the table's rows for a
set of centre ids (see :func:`plut_nb.security.permissions.covered_centre_ids`):
a centre's own rows (cases, events, staff, surveys), the enterprises registered
or served there (:func:`~plut_nb.security.permissions.enterprises_of_centres`) and
what hangs on them (owners, indicators, permits), and the audit entries of its
staff. The system account's audit entries concern every centre, so only a
national export holds them. A table without a rule here exports no rows unless
the scope is national (a test checks every table has one).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, or_, select
from sqlmodel import SQLModel, col

__all__ = ["SCOPED_TABLES", "row_filter"]


def _t(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _enterprise_ids(ids: Collection[int]) -> Any:
    from plut_nb.models import Enterprise
    from plut_nb.security.permissions import enterprises_of_centres

    return select(col(Enterprise.id)).where(enterprises_of_centres(ids)).scalar_subquery()


def _case_ids(ids: Collection[int]) -> Any:
    case = _t("service_case")
    return select(case.c.id).where(case.c.centre_id.in_(ids)).scalar_subquery()


def _audit(ids: Collection[int]) -> ColumnElement[bool]:
    from plut_nb.io.actors import SYSTEM_IMPORT_USER

    staff = _t("staff")
    actors = select(staff.c.id).where(
        staff.c.centre_id.in_(ids), staff.c.username != SYSTEM_IMPORT_USER
    )
    return _t("audit_entry").c.actor_id.in_(actors.scalar_subquery())


def _person(ids: Collection[int]) -> ColumnElement[bool]:
    own = _t("ownership")
    owners = select(own.c.person_id).where(own.c.enterprise_id.in_(_enterprise_ids(ids)))
    return _t("person").c.id.in_(owners.scalar_subquery())


def _attendance(ids: Collection[int]) -> ColumnElement[bool]:
    event = _t("event")
    events = select(event.c.id).where(event.c.centre_id.in_(ids)).scalar_subquery()
    return _t("event_attendance").c.event_id.in_(events)


def _permit(ids: Collection[int]) -> ColumnElement[bool]:
    permit = _t("permit_application")
    return or_(
        permit.c.case_id.in_(_case_ids(ids)),
        and_(permit.c.case_id.is_(None), permit.c.enterprise_id.in_(_enterprise_ids(ids))),
    )


_Rule = Callable[[Collection[int]], ColumnElement[bool] | None]

_RULES: dict[str, _Rule] = {
    "centre": lambda ids: _t("centre").c.id.in_(ids),
    "person": _person,
    "service_type": lambda ids: None,  # the service catalogue: no one's data
    "cooperative": lambda ids: _t("cooperative").c.registered_centre_id.in_(ids),
    "staff": lambda ids: _t("staff").c.centre_id.in_(ids),
    "audit_entry": _audit,
    "enterprise": lambda ids: _t("enterprise").c.id.in_(_enterprise_ids(ids)),
    "event": lambda ids: _t("event").c.centre_id.in_(ids),
    "event_attendance": _attendance,
    "indicator_snapshot": lambda ids: _t("indicator_snapshot").c.enterprise_id.in_(
        _enterprise_ids(ids)
    ),
    "ownership": lambda ids: _t("ownership").c.enterprise_id.in_(_enterprise_ids(ids)),
    "service_case": lambda ids: _t("service_case").c.centre_id.in_(ids),
    "activity": lambda ids: _t("activity").c.case_id.in_(_case_ids(ids)),
    "permit_application": _permit,
    "referral": lambda ids: _t("referral").c.case_id.in_(_case_ids(ids)),
    "survey_response": lambda ids: _t("survey_response").c.centre_id.in_(ids),
}

#: Tables with a scope rule.
SCOPED_TABLES = frozenset(_RULES)


def row_filter(table: str, centre_ids: Collection[int] | None) -> ColumnElement[bool] | None:
    """The condition on ``table``'s rows for ``centre_ids`` (``None``: every centre, no condition).

    Args:
        table: A table name.
        centre_ids: The centres the export covers; ``None`` for all of them.

    Returns:
        The condition, or ``None`` when every row may be exported.
    """
    if centre_ids is None:
        return None
    rule = _RULES.get(table)
    if rule is None:
        return false()
    return rule(sorted(centre_ids))
