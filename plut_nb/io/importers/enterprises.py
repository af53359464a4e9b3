"""Importing enterprises with their owner and baseline figures, as the intake registers them.

Each row is checked by :func:`~plut_nb.services.intake_support.check_intake`,
the intake form's own parser and validation (without the first service
request: an import registers, it does not open cases). Rows are matched with
the registry in this order, as the intake's exact duplicate rules do:

1. the **source key** (column ``Kode Sumber``; without it a key derived from
   the enterprise's name, village and owner's name);
2. the **NIB**;
3. the owner's **NIK** together with the same enterprise name (one person may
   own several enterprises, so a NIK alone does not identify one).

A matched enterprise is updated where the row holds a different value (a
blank cell never erases a stored value) and each change is audited with its
before and after; its owner and baseline figures likewise. An owner already
known by NIK is linked, not created again. New rows are written in bulk, with
ids reserved up front; the chunk's progress entry in the audit trail lists the
ids created. Fuzzy "similar name nearby" candidates, which the intake form
shows to staff to decide, are not acted on by an import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from plut_nb.db.bulk import allocate_ids, insert_values
from plut_nb.errors import PermissionDenied, PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.io.base import Importer, Outcome, Row, register_importer
from plut_nb.io.columns import ENTERPRISES
from plut_nb.io.importers._enterprise_rows import (
    NEW_BASELINE,
    NEW_ENTERPRISE,
    NEW_OWNERSHIP,
    NEW_PERSON,
    Prepared,
    baseline_row,
    baseline_values,
    baselines,
    derived_source_key,
    enterprise_fields,
    enterprise_values,
    figures,
    jsonable,
    masked_person,
    owners,
    person_fields,
    person_values,
    prepared,
)
from plut_nb.io.values import code_from_text, codes_from_text, parse_date, parse_yes_no
from plut_nb.models import Enterprise, IndicatorSnapshot, Ownership, Person
from plut_nb.models._base import utcnow
from plut_nb.rules import mask_nik
from plut_nb.rules._common import fail
from plut_nb.security.permissions import Action, require, require_enterprise
from plut_nb.services import _audit
from plut_nb.services.intake_support import check_intake

__all__ = ["EnterpriseImporter"]

_TEXT = ("enterprise_name", "nib", "kbli", "products", "street_address", "village_code")
_OWNER_TEXT = ("owner_name", "nik", "phone", "email")
_NUMBERS = ("capital", "sales", "employees", "employees_women", "founding_year")
_CODES = ("legal_form", "outreach_channel", "education")
_FLAGS = ("disability", "orang_asli_papua")
_MARKETS = ("market_local", "market_regional", "market_national", "market_export")
_FIGURES = ("capital", "sales", "employees", "employees_women", *_MARKETS)
_MAX_KEY = 120


@register_importer
class EnterpriseImporter(Importer):
    """``plut import enterprises``: the intake's registration, in bulk."""

    kind = "enterprises"
    layout = ENTERPRISES

    def start(self, session: Session) -> None:
        """The actor must be allowed to register enterprises at the centre."""
        require(
            session,
            self.actor,
            Action.register_enterprise,
            centre_id=self.centre.id,
            entity="centre",
            key=self.centre.id,
        )

    def prepare(self, row: Row) -> Prepared:
        """Parse the row's cells and run the intake's validation on them."""
        problems: list[ValidationError] = []
        cells = row.values
        values: dict[str, object] = {f: cells.get(f, "") for f in (*_TEXT, *_OWNER_TEXT)}
        for f in _NUMBERS:
            if cells.get(f):
                values[f] = cells[f]
        for f in _CODES:
            if cells.get(f):
                values[f] = code_from_text(cells[f], f)
        for f in (*_FLAGS, *_MARKETS):
            if cells.get(f):
                try:
                    values[f] = parse_yes_no(cells[f], f)
                except ValidationError as exc:
                    problems.append(exc)
        if cells.get("online_channels"):
            try:
                values["online_channels"] = codes_from_text(
                    cells["online_channels"], "online_channels"
                )
            except ValidationError as exc:
                problems.append(exc)
        if "nik" in row.numeric and cells.get("nik"):
            problems.append(fail("nik", "import.nik_number"))
        on = self.on
        if cells.get("registered_on"):
            try:
                on = parse_date(cells["registered_on"], "registered_on") or self.on
                if on > self.on:
                    problems.append(fail("registered_on", "import.future", value=on.isoformat()))
                    on = self.on
            except ValidationError as exc:
                problems.append(exc)
        key = cells.get("source_key", "")
        if len(key) > _MAX_KEY:
            problems.append(fail("source_key", "text.too_long", max=_MAX_KEY))
        try:
            valid = check_intake(values, on=on, case=False)
        except ValidationError as exc:
            problems.append(exc)
        if problems:
            raise ValidationError([e for p in problems for e in p.errors])
        given = frozenset(f for f in values if cells.get(f))
        derived = not key
        if derived:
            key = derived_source_key(valid.name_key, valid.village_code, valid.form.owner_name)
        return prepared(row.line, valid, key, derived, on, given)

    def keys(self, item: Prepared) -> list[str]:
        """Source key, NIB, and NIK with the enterprise's name."""
        out = [f"src:{item.source_key}"]
        if item.nib:
            out.append(f"nib:{item.nib}")
        if item.nik:
            out.append(f"nik:{item.nik}|{item.name_key}")
        return out

    def describe_key(self, item: Prepared, key: str) -> str:
        """The key as a duplicate-row message names it (a NIK masked)."""
        if key.startswith("nib:"):
            return f"NIB {item.nib}"
        if key.startswith("nik:"):
            return t("import.key.nik_name", nik=mask_nik(item.nik or ""))
        if item.derived_key:
            return t("import.key.identity")
        return t("import.key.source", key=item.source_key)

    # --- matching -----------------------------------------------------------

    def apply(self, session: Session, items: Sequence[Prepared]) -> list[Outcome]:
        """Match the chunk's rows, update what changed, insert the rest in bulk."""
        ent = Enterprise.__table__  # type: ignore[attr-defined]
        keys = [i.source_key for i in items]
        nibs = [i.nib for i in items if i.nib]
        niks = [i.nik for i in items if i.nik]
        by_source = {
            r["source_key"]: r
            for r in session.execute(select(ent).where(ent.c.source_key.in_(keys))).mappings()
        }
        by_nib = (
            {
                r["nib"]: r
                for r in session.execute(select(ent).where(ent.c.nib.in_(nibs))).mappings()
            }
            if nibs
            else {}
        )
        people = (
            {
                r["nik"]: r
                for r in session.execute(
                    select(Person.__table__).where(col(Person.nik).in_(niks))  # type: ignore[attr-defined]
                ).mappings()
            }
            if niks
            else {}
        )
        owned: dict[tuple[int, str], Any] = {}
        if people:
            rows = session.execute(
                select(ent, col(Ownership.person_id).label("owner_id"))
                .join(Ownership, col(Ownership.enterprise_id) == ent.c.id)
                .where(
                    col(Ownership.person_id).in_([p["id"] for p in people.values()]),
                    col(Ownership.role) == "pemilik",
                )
            ).mappings()
            for r in rows:
                owned.setdefault((r["owner_id"], r["name_key"]), r)
        matches: list[Any] = []
        for item in items:
            found = by_source.get(item.source_key) or by_nib.get(item.nib or "")
            person = people.get(item.nik or "")
            if found is None and person is not None:
                found = owned.get((person["id"], item.name_key))
            matches.append(found)
        outcomes: list[Outcome | None] = [None] * len(items)
        matched = [(n, m) for n, m in enumerate(matches) if m is not None]
        if matched:
            ids = sorted({m["id"] for _, m in matched})
            owner_of, baseline_of = owners(session, ids), baselines(session, ids)
            for n, found in matched:
                item = items[n]
                taken = by_nib.get(item.nib or "")
                if taken is not None and taken["id"] != found["id"]:
                    outcomes[n] = ValidationError.single("nib", "nib.taken", value=item.nib)
                    continue
                outcomes[n] = self._update(
                    session, item, found, owner_of.get(found["id"]), baseline_of.get(found["id"])
                )
        fresh = [n for n, m in enumerate(matches) if m is None]
        for n in fresh:
            outcomes[n] = "inserted"
        if fresh and not self.dry_run:
            self._insert(session, [items[n] for n in fresh], people)
        return [o if o is not None else "unchanged" for o in outcomes]

    # --- inserting ------------------------------------------------------------

    def _insert(self, session: Session, items: list[Prepared], people: dict[str, Any]) -> None:
        conn = session.connection()
        now = utcnow()
        person_of: dict[str, int] = {}  # NIK -> position among the new people
        new_owners: list[Prepared] = []
        for item in items:
            nik = item.nik
            if nik and (nik in people or nik in person_of):
                continue
            if nik:
                person_of[nik] = len(new_owners)
            new_owners.append(item)
        person_ids = allocate_ids(conn, "person", len(new_owners))
        new_people = [
            person_values(item, pid, now) for item, pid in zip(new_owners, person_ids, strict=True)
        ]
        ent_ids = allocate_ids(conn, "enterprise", len(items))
        enterprises, ownership, snapshots = [], [], []
        anonymous = iter(
            pid for item, pid in zip(new_owners, person_ids, strict=True) if not item.nik
        )
        centre_id, actor_id = self.centre.id, self.actor.id
        for item, eid in zip(items, ent_ids, strict=True):
            nik = item.nik
            if nik:
                pid = people[nik]["id"] if nik in people else person_ids[person_of[nik]]
            else:
                pid = next(anonymous)
            enterprises.append(enterprise_values(item, eid, now, centre_id, actor_id))
            ownership.append((eid, pid, "pemilik"))
            if item.has_figures:
                snapshots.append(baseline_values(item, eid, now, actor_id))
        insert_values(conn, "person", NEW_PERSON, new_people)
        insert_values(conn, "enterprise", NEW_ENTERPRISE, enterprises)
        insert_values(conn, "ownership", NEW_OWNERSHIP, ownership)
        insert_values(conn, "indicator_snapshot", NEW_BASELINE, snapshots)
        self.created.setdefault("person", []).extend(person_ids)
        self.created.setdefault("enterprise", []).extend(ent_ids)

    # --- updating -------------------------------------------------------------

    def _update(
        self, session: Session, item: Prepared, ent: Any, owner: Any, baseline: Any
    ) -> Outcome:
        """Compare a matched enterprise with the row; write and audit what changed."""
        g = item.given
        wanted = enterprise_fields(item)
        skip = {
            "name": "enterprise_name",
            "name_key": "enterprise_name",
            "name_sorted": "enterprise_name",
            "nib": "nib",
            "legal_form": "legal_form",
            "kbli_code": "kbli",
            "products": "products",
            "street_address": "street_address",
            "founding_year": "founding_year",
            "online_channels": "online_channels",
            "outreach_channel": "outreach_channel",
            "capital_at_registration": "capital",
        }
        ent_changes = {
            k: v
            for k, v in wanted.items()
            if (k not in skip or skip[k] in g) and v is not None and ent[k] != v
        }
        if ent["source_key"] is None:
            ent_changes["source_key"] = item.source_key
        if "kbli_code" in ent_changes:
            rest = [c for c in ent["kbli_codes"] or [] if c != item.kbli]
            ent_changes["kbli_codes"] = [item.kbli, *rest]
        person_changes: dict[str, Any] = {}
        if owner is not None:
            if item.nik and owner["nik"] and owner["nik"] != item.nik:
                return ValidationError.single("nik", "import.owner_differs")
            candidate = person_fields(item)
            fields = {"name": "owner_name", "nik": "nik", "phone": "phone", "email": "email"}
            fields |= {"education": "education", "disability": "disability"}
            fields |= {"orang_asli_papua": "orang_asli_papua"}
            for column, source in fields.items():
                new = candidate[column]
                if source in g and new is not None and owner[column] != new:
                    person_changes[column] = new
            if "nik" in person_changes:
                person_changes |= {"gender": item.gender, "birth_date": item.birth_date}
        snap_changes: dict[str, Any] = {}
        new_baseline = baseline is None and item.has_figures
        if baseline is not None and item.has_figures:
            wanted_figures = figures(item)
            given_cols = {
                "sales_annual": "sales",
                "capital": "capital",
                "employees_total": "employees",
                "employees_women": "employees_women",
                **{m: m for m in _MARKETS},
                "online_channels": "online_channels",
            }
            for column, source in given_cols.items():
                if source in g and baseline[column] != wanted_figures[column]:
                    snap_changes[column] = wanted_figures[column]
            for column in ("size_class", "size_rule_set"):
                if snap_changes and baseline[column] != wanted_figures[column]:
                    snap_changes[column] = wanted_figures[column]
        if not (ent_changes or person_changes or snap_changes or new_baseline):
            return "unchanged"
        if self.dry_run:
            return "updated"
        try:
            require_enterprise(session, self.actor, Action.register_enterprise, ent["id"])
        except (PermissionDenied, PlutError) as exc:
            return exc
        self._write_update(session, "enterprise", Enterprise, ent, ent_changes)
        if owner is not None and person_changes:
            self._write_update(session, "person", Person, owner, person_changes)
        if baseline is not None and snap_changes:
            self._write_update(
                session, "indicator_snapshot", IndicatorSnapshot, baseline, snap_changes
            )
        if new_baseline:
            snap = IndicatorSnapshot(**baseline_row(item, ent["id"], utcnow(), self.actor.id))
            session.add(snap)
            session.flush()
            _audit.record(
                session,
                self.actor,
                "create",
                "indicator_snapshot",
                snap.id,
                after=_audit.row_dict(snap),
            )
        return "updated"

    def _write_update(
        self, session: Session, entity: str, model: Any, old: Any, changes: dict[str, Any]
    ) -> None:
        if not changes:
            return
        session.execute(
            update(model.__table__).where(model.__table__.c.id == old["id"]).values(**changes)
        )
        before = jsonable({k: old[k] for k in changes})
        after = jsonable(changes)
        if entity == "person":
            before, after = masked_person(before), masked_person(after)
        _audit.record(session, self.actor, "update", entity, old["id"], before, after)
