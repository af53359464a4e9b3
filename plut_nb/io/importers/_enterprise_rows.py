"""The rows an enterprise import writes, built once from a validated row, and lookups for matching.

A row that passed the intake's validation becomes a :class:`Prepared` holding
the enterprise, owner and baseline columns as plain tuples, in the order of
:data:`ENTERPRISE_COLUMNS`, :data:`PERSON_COLUMNS` and :data:`FIGURE_COLUMNS`.
Plain values cost little to send from the process that checks rows to the one
that writes them (pickling the intake's pydantic form cost more than checking
it), go straight into the bulk insert, and are what a re-import compares with
the stored row.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from plut_nb.models import IndicatorSnapshot, Ownership, Person
from plut_nb.rules import mask_nik, mask_phone
from plut_nb.rules.size import rule_set_on
from plut_nb.rules.text import name_key
from plut_nb.services.intake import ValidIntake

_MARKETS = ("market_local", "market_regional", "market_national", "market_export")
_FIGURE_FIELDS = frozenset(
    {"capital", "sales", "employees", "employees_women", "online_channels", *_MARKETS}
)

#: Enterprise columns an import sets from a row (also compared on re-import).
ENTERPRISE_COLUMNS = (
    "name",
    "name_key",
    "name_sorted",
    "nib",
    "legal_form",
    "kbli_code",
    "products",
    "street_address",
    "village_code",
    "district_code",
    "regency_code",
    "province_code",
    "founding_year",
    "online_channels",
    "outreach_channel",
    "capital_at_registration",
)
#: Person columns of the owner, from a row.
PERSON_COLUMNS = (
    "nik",
    "name",
    "gender",
    "birth_date",
    "phone",
    "email",
    "education",
    "disability",
    "orang_asli_papua",
)
#: Baseline indicator snapshot columns, from a row.
FIGURE_COLUMNS = (
    "sales_annual",
    "capital",
    "employees_total",
    "employees_women",
    *_MARKETS,
    "online_channels",
    "size_class",
    "size_rule_set",
)
#: Columns of the new rows :func:`insert_values` builds, per table.
NEW_PERSON = ("id", *PERSON_COLUMNS, "created_at")
NEW_ENTERPRISE = (
    "id",
    *ENTERPRISE_COLUMNS,
    "kbli_codes",
    "flagship_commodity",
    "registered_centre_id",
    "registered_on",
    "source_key",
    "created_by_id",
    "created_at",
)
NEW_OWNERSHIP = ("enterprise_id", "person_id", "role")
NEW_BASELINE = (
    *FIGURE_COLUMNS,
    "enterprise_id",
    "taken_on",
    "kind",
    "recorded_by_id",
    "created_at",
)


class Prepared(NamedTuple):
    """An enterprise row that passed the intake's validation, ready to match and write.

    A named tuple: it crosses from the checking process to the writing one as a
    plain tuple.

    Attributes:
        line: The row number in the file.
        source_key: The row's source key (derived when the file has none).
        derived_key: The source key was derived from name, village and owner.
        registered_on: Registration date (the baseline's date).
        given: Fields whose cell was not blank (a blank cell never erases a value).
        enterprise: Values of :data:`ENTERPRISE_COLUMNS`.
        person: Values of :data:`PERSON_COLUMNS`.
        figures: Values of :data:`FIGURE_COLUMNS`.
    """

    line: int
    source_key: str
    derived_key: bool
    registered_on: date
    given: frozenset[str]
    enterprise: tuple[Any, ...]
    person: tuple[Any, ...]
    figures: tuple[Any, ...]

    @property
    def has_figures(self) -> bool:
        """The row gives at least one figure (a baseline snapshot is due)."""
        return not self.given.isdisjoint(_FIGURE_FIELDS)

    @property
    def name_key(self) -> str:
        """The enterprise's name reduced for matching."""
        return str(self.enterprise[1])

    @property
    def nib(self) -> str | None:
        """The NIB (13 digits), if given."""
        return self.enterprise[3]  # type: ignore[no-any-return]

    @property
    def kbli(self) -> str | None:
        """The KBLI code, if given."""
        return self.enterprise[5]  # type: ignore[no-any-return]

    @property
    def nik(self) -> str | None:
        """The owner's NIK, if given."""
        return self.person[0]  # type: ignore[no-any-return]

    @property
    def gender(self) -> str | None:
        """The owner's gender as the NIK says."""
        return self.person[2]  # type: ignore[no-any-return]

    @property
    def birth_date(self) -> date | None:
        """The owner's birth date as the NIK says."""
        return self.person[3]  # type: ignore[no-any-return]


def prepared(
    line: int,
    valid: ValidIntake,
    source_key: str,
    derived_key: bool,
    registered_on: date,
    given: frozenset[str],
) -> Prepared:
    """The :class:`Prepared` row of a validated intake form."""
    v, f = valid, valid.form
    channels = list(f.online_channels)
    enterprise = (
        f.enterprise_name.strip(),
        v.name_key,
        v.name_sorted,
        v.nib,
        f.legal_form,
        v.kbli,
        f.products.strip() or None,
        f.street_address.strip() or None,
        v.village_code,
        v.district_code,
        v.regency_code,
        v.province_code,
        f.founding_year,
        channels,
        f.outreach_channel,
        f.capital,
    )
    person = (
        v.nik,
        f.owner_name.strip(),
        v.gender,
        v.birth_date,
        v.phone,
        f.email.strip() or None,
        f.education or None,
        f.disability,
        f.orang_asli_papua,
    )
    figures = (
        f.sales,
        f.capital,
        f.employees,
        f.employees_women,
        f.market_local,
        f.market_regional,
        f.market_national,
        f.market_export,
        channels,
        v.size_class,
        rule_set_on(registered_on).name if v.size_class else None,
    )
    return Prepared(
        line, source_key, derived_key, registered_on, given, enterprise, person, figures
    )


def derived_source_key(enterprise_key: str, village_code: str, owner_name: str) -> str:
    """The source key of a row without one: the enterprise's name key, village and owner's name."""
    basis = f"{enterprise_key}|{village_code}|{name_key(owner_name)}"
    return "auto:" + hashlib.sha1(basis.encode(), usedforsecurity=False).hexdigest()[:32]


def masked_person(values: dict[str, Any]) -> dict[str, Any]:
    """A person's changed columns for the audit trail: NIK and phone masked, no e-mail."""
    out = dict(values)
    if out.get("nik"):
        out["nik"] = mask_nik(out["nik"])
    if out.get("phone"):
        out["phone"] = mask_phone(out["phone"])
    if "email" in out:
        out["email"] = "***" if out["email"] else None
    return out


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text (the audit trail stores JSON)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def person_fields(item: Prepared) -> dict[str, Any]:
    """The owner's person columns an item sets."""
    return dict(zip(PERSON_COLUMNS, item.person, strict=True))


def enterprise_fields(item: Prepared) -> dict[str, Any]:
    """The enterprise columns an item sets (also compared on re-import)."""
    return dict(zip(ENTERPRISE_COLUMNS, item.enterprise, strict=True))


def figures(item: Prepared) -> dict[str, Any]:
    """The baseline snapshot columns an item sets."""
    return dict(zip(FIGURE_COLUMNS, item.figures, strict=True))


def baseline_row(item: Prepared, eid: int, now: Any, actor_id: int | None) -> dict[str, Any]:
    """The new baseline snapshot row of an item."""
    return dict(zip(NEW_BASELINE, baseline_values(item, eid, now, actor_id), strict=True))


def person_values(item: Prepared, pid: int, now: Any) -> tuple[Any, ...]:
    """The new person row of an item's owner, in the order of :data:`NEW_PERSON`."""
    return (pid, *item.person, now)


def enterprise_values(
    item: Prepared, eid: int, now: Any, centre_id: int | None, actor_id: int | None
) -> tuple[Any, ...]:
    """The new enterprise row of an item, in the order of :data:`NEW_ENTERPRISE`."""
    kbli = item.enterprise[5]
    return (
        eid,
        *item.enterprise,
        [kbli] if kbli else [],
        None,
        centre_id,
        item.registered_on,
        item.source_key,
        actor_id,
        now,
    )


def baseline_values(item: Prepared, eid: int, now: Any, actor_id: int | None) -> tuple[Any, ...]:
    """The new baseline snapshot row of an item, in the order of :data:`NEW_BASELINE`."""
    return (*item.figures, eid, item.registered_on, "baseline", actor_id, now)


def owners(session: Session, enterprise_ids: list[int]) -> dict[int, Any]:
    """The owner (first ``pemilik``) of each enterprise, as rows."""
    rows = session.execute(
        select(Person.__table__, col(Ownership.enterprise_id).label("enterprise_id"))  # type: ignore[attr-defined]
        .join(Ownership, col(Ownership.person_id) == col(Person.id))
        .where(col(Ownership.enterprise_id).in_(enterprise_ids), col(Ownership.role) == "pemilik")
        .order_by(col(Ownership.id))
    ).mappings()
    out: dict[int, Any] = {}
    for r in rows:
        out.setdefault(r["enterprise_id"], r)
    return out


def baselines(session: Session, enterprise_ids: list[int]) -> dict[int, Any]:
    """The earliest baseline snapshot of each enterprise, as rows."""
    snap = IndicatorSnapshot.__table__  # type: ignore[attr-defined]
    rows = session.execute(
        select(snap)
        .where(snap.c.enterprise_id.in_(enterprise_ids), snap.c.kind == "baseline")
        .order_by(snap.c.taken_on, snap.c.id)
    ).mappings()
    out: dict[int, Any] = {}
    for r in rows:
        out.setdefault(r["enterprise_id"], r)
    return out
