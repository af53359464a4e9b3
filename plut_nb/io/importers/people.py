"""Importing owners and contact persons, optionally linked to an enterprise.

Each row is checked by the intake's validation of the owner part
(:func:`~plut_nb.services.intake_support.check_intake` with
``enterprise=False``): name required, NIK structure, date and region, phone
normalised to +62, e-mail, education code. A birth date or gender column that
contradicts the NIK is refused. People are matched by NIK; a person without
NIK must name an enterprise (NIB or source key) and is matched by name among
that enterprise's people. A person is linked to the enterprise named on the row
(role ``pemilik`` or ``kontak``) when not linked yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from plut_nb.errors import FieldError, PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.io.base import Importer, Outcome, Row, register_importer
from plut_nb.io.columns import PEOPLE
from plut_nb.io.importers._refs import (
    EnterpriseRef,
    enterprise_ref,
    missing_enterprise,
    resolve_refs,
)
from plut_nb.io.values import code_from_text, header_key, parse_date, parse_yes_no
from plut_nb.models import Ownership, Person
from plut_nb.rules import mask_nik
from plut_nb.rules._common import field_error
from plut_nb.rules.text import name_key
from plut_nb.security.permissions import Action, require, require_enterprise
from plut_nb.services import _audit
from plut_nb.services.intake import ValidIntake
from plut_nb.services.intake_support import check_intake

__all__ = ["PeopleImporter"]

_GENDERS = {"l": "L", "laki_laki": "L", "pria": "L", "p": "P", "perempuan": "P", "wanita": "P"}
_ROLES = ("pemilik", "kontak")


@dataclass(frozen=True)
class _Item:
    line: int
    valid: ValidIntake
    birth_date: date | None
    gender: str | None
    ref: EnterpriseRef | None
    role: str
    given: frozenset[str]


@register_importer
class PeopleImporter(Importer):
    """``plut import people``: owners and contacts."""

    kind = "people"
    layout = PEOPLE

    def start(self, session: Session) -> None:
        """People are registered by staff who register enterprises."""
        require(session, self.actor, Action.register_enterprise, centre_id=self.centre.id)

    def prepare(self, row: Row) -> _Item:
        """The intake's owner checks, plus birth date, gender, link and role."""
        problems: list[FieldError] = []
        values: dict[str, object] = {f: row.get(f) for f in ("owner_name", "nik", "phone", "email")}
        if row.get("education"):
            values["education"] = code_from_text(row.get("education"), "education")
        for f in ("disability", "orang_asli_papua"):
            try:
                flag = parse_yes_no(row.get(f), f)
            except ValidationError as exc:
                problems.extend(exc.errors)
                continue
            if flag is not None:
                values[f] = flag
        if "nik" in row.numeric and row.get("nik"):
            problems.append(field_error("nik", "import.nik_number"))
        birth = gender = ref = None
        try:
            birth = parse_date(row.get("birth_date"), "birth_date")
        except ValidationError as exc:
            problems.extend(exc.errors)
        if row.get("gender"):
            gender = _GENDERS.get(header_key(row.get("gender")))
            if gender is None:
                problems.append(field_error("gender", "code.unknown", value=row.get("gender")))
        try:
            ref = enterprise_ref(row, required=False)
        except ValidationError as exc:
            problems.extend(exc.errors)
        role = header_key(row.get("role")) or "pemilik"
        if role not in _ROLES:
            problems.append(field_error("role", "code.unknown", value=row.get("role")))
        valid = None
        try:
            valid = check_intake(values, on=self.on, enterprise=False, case=False)
        except ValidationError as exc:
            problems.extend(exc.errors)
        if valid is not None and valid.nik:
            if birth is not None and birth != valid.birth_date:
                problems.append(field_error("birth_date", "import.nik_mismatch"))
            if gender is not None and gender != valid.gender:
                problems.append(field_error("gender", "import.nik_mismatch"))
        if valid is not None and not valid.nik and ref is None:
            problems.append(field_error("nik", "import.person_unmatchable"))
        if problems or valid is None:
            raise ValidationError(problems)
        given = frozenset(f for f in values if row.get(f))
        return _Item(
            row.line,
            valid,
            valid.birth_date or birth,
            valid.gender or gender,
            ref,
            role,
            given,
        )

    def keys(self, item: _Item) -> list[str]:
        """The NIK; without one, the enterprise and the person's name."""
        if item.valid.nik:
            return [f"nik:{item.valid.nik}"]
        assert item.ref is not None
        return [f"{item.ref.key}|{name_key(item.valid.form.owner_name)}"]

    def describe_key(self, item: _Item, key: str) -> str:
        """The NIK masked, or the enterprise."""
        if item.valid.nik:
            return f"NIK {mask_nik(item.valid.nik)}"
        assert item.ref is not None
        return t("import.key.ref_name", ref=item.ref.shown)

    def apply(self, session: Session, items: Sequence[_Item]) -> list[Outcome]:
        """Match by NIK (or enterprise and name), update or insert, link to the enterprise."""
        niks = [i.valid.nik for i in items if i.valid.nik]
        by_nik = {
            p.nik: p for p in session.exec(select(Person).where(col(Person.nik).in_(niks))).all()
        }
        found = resolve_refs(session, (i.ref for i in items))
        linked: dict[int, list[Person]] = {}
        if found:
            rows = session.execute(
                select(col(Ownership.enterprise_id), Person)
                .join(Person, col(Person.id) == col(Ownership.person_id))
                .where(col(Ownership.enterprise_id).in_(sorted(set(found.values()))))
            ).all()
            for eid, person in rows:
                linked.setdefault(int(eid), []).append(person)
        out: list[Outcome] = []
        for item in items:
            eid = found.get(item.ref) if item.ref else None
            if item.ref is not None and eid is None:
                out.append(missing_enterprise(item.ref))
                continue
            person = by_nik.get(item.valid.nik or "")
            if person is None and not item.valid.nik and eid is not None:
                wanted = name_key(item.valid.form.owner_name)
                person = next((p for p in linked.get(eid, []) if name_key(p.name) == wanted), None)
            try:
                with session.begin_nested():
                    out.append(self._one(session, item, person, eid))
            except PlutError as exc:
                out.append(exc)
        return out

    def _one(self, session: Session, item: _Item, person: Person | None, eid: int | None) -> str:
        if eid is not None:
            require_enterprise(session, self.actor, Action.register_enterprise, eid)
        v, f = item.valid, item.valid.form
        wanted: dict[str, Any] = {
            "name": f.owner_name.strip(),
            "phone": v.phone,
            "email": f.email.strip() or None,
            "education": f.education or None,
            "disability": f.disability,
            "orang_asli_papua": f.orang_asli_papua,
        }
        given = {"name": "owner_name", "phone": "phone", "email": "email"}
        given |= {"education": "education", "disability": "disability"}
        given |= {"orang_asli_papua": "orang_asli_papua"}
        outcome = "unchanged"
        if person is None:
            outcome = "inserted"
            if self.dry_run:
                return outcome
            person = Person(nik=v.nik, gender=item.gender, birth_date=item.birth_date, **wanted)
            session.add(person)
            session.flush()
            _audit.record(
                session, self.actor, "create", "person", person.id, after=_audit.person_dict(person)
            )
        else:
            changes = {
                k: val
                for k, val in wanted.items()
                if given[k] in item.given and val is not None and getattr(person, k) != val
            }
            if person.birth_date is None and item.birth_date is not None:
                changes["birth_date"] = item.birth_date
            if person.gender is None and item.gender is not None:
                changes["gender"] = item.gender
            if changes:
                outcome = "updated"
                if not self.dry_run:
                    before = _audit.person_dict(person)
                    for k, val in changes.items():
                        setattr(person, k, val)
                    session.add(person)
                    session.flush()
                    _audit.record(
                        session,
                        self.actor,
                        "update",
                        "person",
                        person.id,
                        {k: before.get(k) for k in changes},
                        {k: _audit.person_dict(person).get(k) for k in changes},
                    )
        if eid is not None and person.id is not None:
            exists = session.execute(
                select(col(Ownership.id)).where(
                    col(Ownership.enterprise_id) == eid,
                    col(Ownership.person_id) == person.id,
                    col(Ownership.role) == item.role,
                )
            ).first()
            if exists is None:
                outcome = "updated" if outcome == "unchanged" else outcome
                if not self.dry_run:
                    link = Ownership(enterprise_id=eid, person_id=person.id, role=item.role)
                    session.add(link)
                    session.flush()
                    _audit.record(
                        session,
                        self.actor,
                        "create",
                        "ownership",
                        link.id,
                        after=_audit.row_dict(link),
                    )
        return outcome
