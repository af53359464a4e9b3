"""The rows an enterprise import writes, built from a validated item, and lookups for matching."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

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


@dataclass(frozen=True)
class Prepared:
    """An enterprise row that passed the intake's validation, ready to match and write."""

    line: int
    valid: ValidIntake
    source_key: str
    derived_key: bool
    registered_on: date
    given: frozenset[str]

    @property
    def has_figures(self) -> bool:
        """The row gives at least one figure (a baseline snapshot is due)."""
        return not self.given.isdisjoint(_FIGURE_FIELDS)


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


def person_row(item: Prepared, now: Any) -> dict[str, Any]:
    """The new person row of an item's owner (``id`` filled in later)."""
    v, f = item.valid, item.valid.form
    return {
        "id": None,
        "nik": v.nik,
        "name": f.owner_name.strip(),
        "gender": v.gender,
        "birth_date": v.birth_date,
        "phone": v.phone,
        "email": f.email.strip() or None,
        "education": f.education or None,
        "disability": f.disability,
        "orang_asli_papua": f.orang_asli_papua,
        "created_at": now,
    }


def enterprise_fields(item: Prepared) -> dict[str, Any]:
    """The enterprise columns an item sets (also compared on re-import)."""
    v, f = item.valid, item.valid.form
    return {
        "name": f.enterprise_name.strip(),
        "name_key": v.name_key,
        "name_sorted": v.name_sorted,
        "nib": v.nib,
        "legal_form": f.legal_form,
        "kbli_code": v.kbli,
        "products": f.products.strip() or None,
        "street_address": f.street_address.strip() or None,
        "village_code": v.village_code,
        "district_code": v.district_code,
        "regency_code": v.regency_code,
        "province_code": v.province_code,
        "founding_year": f.founding_year,
        "online_channels": list(f.online_channels),
        "outreach_channel": f.outreach_channel,
        "capital_at_registration": f.capital,
    }


def enterprise_row(
    item: Prepared, eid: int, now: Any, centre_id: int | None, actor_id: int | None
) -> dict[str, Any]:
    """The new enterprise row of an item."""
    row = enterprise_fields(item)
    row.update(
        id=eid,
        kbli_codes=[item.valid.kbli] if item.valid.kbli else [],
        flagship_commodity=None,
        registered_centre_id=centre_id,
        registered_on=item.registered_on,
        source_key=item.source_key,
        created_by_id=actor_id,
        created_at=now,
    )
    return row


def figures(item: Prepared) -> dict[str, Any]:
    """The baseline snapshot columns an item sets."""
    v, f = item.valid, item.valid.form
    return {
        "sales_annual": f.sales,
        "capital": f.capital,
        "employees_total": f.employees,
        "employees_women": f.employees_women,
        "market_local": f.market_local,
        "market_regional": f.market_regional,
        "market_national": f.market_national,
        "market_export": f.market_export,
        "online_channels": list(f.online_channels),
        "size_class": v.size_class,
        "size_rule_set": rule_set_on(item.registered_on).name if v.size_class else None,
    }


def baseline_row(item: Prepared, eid: int, now: Any, actor_id: int | None) -> dict[str, Any]:
    """The new baseline snapshot row of an item."""
    row = figures(item)
    row.update(
        enterprise_id=eid,
        taken_on=item.registered_on,
        kind="baseline",
        recorded_by_id=actor_id,
        created_at=now,
    )
    return row


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
