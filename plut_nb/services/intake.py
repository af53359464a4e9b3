"""Intake: register an enterprise, its owner, baseline figures and first case at once.

Forms bind to :class:`IntakeForm` (raw values as typed). :func:`validate_intake`
checks every field against the Indonesian rules and reports all problems at
once; :func:`find_duplicates` lists records that may be the same enterprise;
:func:`register_enterprise` writes everything in one transaction or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process
from sqlalchemy import Select, or_, select
from sqlmodel import Session, col

from plut_nb.clock import today
from plut_nb.errors import NotFound, ValidationError
from plut_nb.models import Case, Enterprise, IndicatorSnapshot, Ownership, Person, Staff
from plut_nb.reference.codes import LEGAL_FORMS, OUTREACH_CHANNELS
from plut_nb.rules import (
    mask_nik,
    normalize_nib,
    normalize_phone,
    parse_nik,
    size_class,
    validate_kbli,
    validate_region_code,
)
from plut_nb.rules.size import rule_set_on
from plut_nb.rules.text import name_key, sorted_words
from plut_nb.security.permissions import Action, require
from plut_nb.services import _audit
from plut_nb.services._validate import ErrorCollector, column_length, unique_or_conflict
from plut_nb.services.cases import open_case

__all__ = [
    "DuplicateCandidate",
    "IntakeForm",
    "IntakeResult",
    "ValidIntake",
    "find_duplicates",
    "register_enterprise",
    "validate_intake",
]

PRIORITIES = ("rendah", "normal", "tinggi", "mendesak")
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


#: Free-text form fields and their column widths (from the table models).
_TEXT_LIMITS: dict[str, int] = {
    "enterprise_name": column_length(Enterprise, "name"),
    "owner_name": column_length(Person, "name"),
    "email": column_length(Person, "email"),
    "education": column_length(Person, "education"),
    "products": column_length(Enterprise, "products"),
    "street_address": column_length(Enterprise, "street_address"),
    "description": column_length(Case, "description"),
}
_NEIGHBOURS = 20  # names compared on each side of the new one, per area and key order


class IntakeForm(BaseModel):
    """What front-office staff type at intake (raw, not yet validated)."""

    enterprise_name: str = ""
    nib: str = ""
    legal_form: str = "perorangan"
    kbli: str = ""
    products: str = ""
    street_address: str = ""
    village_code: str = ""
    founding_year: int | None = None
    online_channels: list[str] = Field(default_factory=list)
    outreach_channel: str = "datang_langsung"
    owner_name: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""
    education: str = ""
    disability: bool = False
    orang_asli_papua: bool = False
    capital: int | None = None
    sales: int | None = None
    employees: int | None = None
    employees_women: int | None = None
    market_local: bool = True
    market_regional: bool = False
    market_national: bool = False
    market_export: bool = False
    service_code: str = ""
    description: str = ""
    priority: str = "normal"


@dataclass(frozen=True)
class ValidIntake:
    """An intake form that passed every rule, with derived facts for staff to confirm."""

    form: IntakeForm
    name_key: str
    name_sorted: str
    nib: str | None
    nik: str | None
    phone: str | None
    gender: str | None
    birth_date: date | None
    kbli: str | None
    village_code: str
    district_code: str
    regency_code: str
    province_code: str
    village_path: str
    size_class: str | None


@dataclass(frozen=True)
class DuplicateCandidate:
    """An existing enterprise that may be the one being registered."""

    enterprise_id: int
    name: str
    village_code: str
    reason: str  # nik / nib / phone / nama_mirip
    score: float


@dataclass(frozen=True)
class IntakeResult:
    """What registration created."""

    enterprise_id: int
    person_id: int | None
    case_id: int
    case_number: str
    created_enterprise: bool


def validate_intake(
    form: IntakeForm, *, on: date | None = None, enterprise: bool = True, case: bool = True
) -> ValidIntake:
    """Check every field of ``form``; raise one ValidationError listing all problems.

    Args:
        form: The raw form.
        on: Registration date (for the dated size-class rules); default today.
        enterprise: Require the enterprise's name and village; ``False`` checks
            an owner or contact on their own (imports of people), and the
            village fields of the result are then empty.
        case: Require the first service request; ``False`` for imports, which
            register without opening a case.

    Raises:
        ValidationError: With a message per failing field.
    """
    on = on or today()
    errs = ErrorCollector()
    if enterprise:
        errs.require("enterprise_name", form.enterprise_name)
    errs.require("owner_name", form.owner_name)
    for fname, limit in _TEXT_LIMITS.items():
        if len(getattr(form, fname)) > limit:
            errs.add(fname, "text.too_long", max=limit)
    if form.email.strip() and not _EMAIL.fullmatch(form.email.strip()):
        errs.add("email", "email.invalid")
    if form.priority not in PRIORITIES:
        errs.add("priority", "code.unknown", value=form.priority)
    if case:
        errs.require("service_code", form.service_code)
    nib = errs.check(lambda: normalize_nib(form.nib)) if form.nib.strip() else None
    nik_facts = errs.check(lambda: parse_nik(form.nik)) if form.nik.strip() else None
    phone = errs.check(lambda: normalize_phone(form.phone)) if form.phone.strip() else None
    kbli = errs.check(lambda: validate_kbli(form.kbli)) if form.kbli.strip() else None
    region = None
    wants_village = enterprise or bool(form.village_code.strip())
    if wants_village and errs.require("village_code", form.village_code):
        region = errs.check(
            lambda: validate_region_code(form.village_code, level=4, field="village_code")
        )
    if form.legal_form not in LEGAL_FORMS:
        errs.add("legal_form", "code.unknown", value=form.legal_form)
    if form.outreach_channel not in OUTREACH_CHANNELS:
        errs.add("outreach_channel", "code.unknown", value=form.outreach_channel)
    if form.founding_year is not None and not 1900 <= form.founding_year <= on.year:
        errs.add("founding_year", "year.range", max=on.year)
    for fname in ("capital", "sales", "employees", "employees_women"):
        value = getattr(form, fname)
        if value is not None and value < 0:
            errs.add(fname, "number.negative")
    if (
        form.employees is not None
        and form.employees_women is not None
        and form.employees_women > form.employees
    ):
        errs.add("employees_women", "employees.women_gt_total")
    size = None
    if (
        (form.capital or 0) >= 0
        and (form.sales or 0) >= 0
        and (form.capital is not None or form.sales is not None)
    ):
        # PP 7/2021: capital at registration decides; without it, annual sales.
        size = str(size_class(capital=form.capital, sales=form.sales, on=on))
    errs.raise_if_any()
    code = region.code if region is not None else ""
    key = name_key(form.enterprise_name)
    return ValidIntake(
        form=form,
        name_key=key,
        name_sorted=sorted_words(key),
        nib=nib,
        nik=nik_facts.nik if nik_facts else None,
        phone=phone,
        gender=nik_facts.gender if nik_facts else None,
        birth_date=nik_facts.birth_date if nik_facts else None,
        kbli=kbli.code if kbli else None,
        village_code=code,
        district_code=code[:8],
        regency_code=code[:5],
        province_code=code[:2],
        village_path=region.path if region is not None else "",
        size_class=size,
    )


def find_duplicates(
    session: Session,
    actor: Staff,
    intake: ValidIntake,
    *,
    threshold: float = 85.0,
    limit: int = 10,
) -> list[DuplicateCandidate]:
    """Enterprises that may be the one being registered; the caller decides.

    Searches every centre's registry (an owner may have registered elsewhere
    first) but returns only the enterprise's name and village, never owner
    data; only staff who may register enterprises may ask (a NIK lookup).

    Exact matches on NIB, the owner's NIK or phone; fuzzy name matches (rapidfuzz)
    among enterprises of the same village, and of the same district whose name
    starts alike. Every lookup uses an index, so the cost does not grow with the
    size of the registry.

    Raises:
        PermissionDenied: ``actor`` may not register enterprises.
    """
    require(session, actor, Action.register_enterprise)
    found: dict[int, DuplicateCandidate] = {}

    def add(ent: Enterprise, reason: str, score: float) -> None:
        assert ent.id is not None
        if ent.id not in found or found[ent.id].score < score:
            found[ent.id] = DuplicateCandidate(ent.id, ent.name, ent.village_code, reason, score)

    if intake.nib:
        for ent in session.execute(
            select(Enterprise).where(col(Enterprise.nib) == intake.nib)
        ).scalars():
            add(ent, "nib", 100.0)
    person_filters = []
    if intake.nik:
        person_filters.append(col(Person.nik) == intake.nik)
    if intake.phone:
        person_filters.append(col(Person.phone) == intake.phone)
    if person_filters:
        rows = session.execute(
            select(Enterprise, Person)
            .join(Ownership, col(Ownership.enterprise_id) == col(Enterprise.id))
            .join(Person, col(Person.id) == col(Ownership.person_id))
            .where(or_(*person_filters))
            .limit(50)
        ).all()
        for ent, person in rows:
            add(ent, "nik" if intake.nik and person.nik == intake.nik else "phone", 100.0)
    # Fuzzy matching compares a bounded neighbourhood (the sorted-neighbourhood
    # blocking of record linkage): in the same village and in the same district,
    # the names just before and just after the new one, in name order and in
    # sorted-word order. Each query walks an index for at most _NEIGHBOURS rows,
    # so the cost does not grow with the registry or the size of a village.
    queries = _neighbourhood_queries(intake) if intake.name_key else []
    nearby: dict[int, str] = {}
    for query in queries:
        for eid, sorted_name in session.execute(query):
            nearby[eid] = sorted_name
    # ratio on word-sorted keys is rapidfuzz's token_sort_ratio on the names
    matches = process.extract(
        intake.name_sorted, nearby, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit
    )
    if matches:
        score_of = {eid: float(score) for _key, score, eid in matches}
        for eid, name, village_code in session.execute(
            select(col(Enterprise.id), col(Enterprise.name), col(Enterprise.village_code)).where(
                col(Enterprise.id).in_(score_of)
            )
        ):
            if eid not in found:
                found[eid] = DuplicateCandidate(
                    eid, name, village_code, "nama_mirip", score_of[eid]
                )
    return sorted(found.values(), key=lambda c: (-c.score, c.enterprise_id))[:limit]


def _neighbourhood_queries(intake: ValidIntake) -> list[Select[int | None, str]]:
    """(id, name_sorted) of the names around the new one, from covering indexes."""
    ident, sorted_key = col(Enterprise.id), col(Enterprise.name_sorted)
    keys = ((col(Enterprise.name_key), intake.name_key), (sorted_key, intake.name_sorted))
    areas = (
        (col(Enterprise.village_code), intake.village_code),
        (col(Enterprise.district_code), intake.district_code),
    )
    out: list[Select[int | None, str]] = []
    for area, code in areas:
        for key_col, key in keys:
            base = select(ident, sorted_key).where(area == code)
            out.append(base.where(key_col >= key).order_by(key_col).limit(_NEIGHBOURS))
            out.append(base.where(key_col < key).order_by(key_col.desc()).limit(_NEIGHBOURS))
    return out


def register_enterprise(
    session: Session,
    actor: Staff,
    form: IntakeForm,
    *,
    centre_id: int | None = None,
    same_as_enterprise_id: int | None = None,
    on: date | None = None,
) -> IntakeResult:
    """Register enterprise, owner, baseline and first case in one transaction.

    Args:
        session: Open session; committed by the caller (all or nothing).
        actor: The staff member doing the intake.
        form: The raw form; validated here.
        centre_id: Centre registering the case (default: the actor's centre).
        same_as_enterprise_id: Staff chose "this is the same enterprise": open a
            new case for it instead of creating a new enterprise.
        on: Registration date (default today).

    Raises:
        ValidationError: Any field breaks a rule (nothing is written).
        NotFound: ``same_as_enterprise_id`` does not exist.
        PermissionDenied: ``actor`` may not register enterprises at that centre.
    """
    centre = centre_id or actor.centre_id
    require(
        session, actor, Action.register_enterprise, centre_id=centre, entity="centre", key=centre
    )
    on = on or today()
    intake = validate_intake(form, on=on)
    with session.begin_nested():
        if same_as_enterprise_id is not None:
            ent = session.get(Enterprise, same_as_enterprise_id)
            if ent is None:
                raise NotFound("enterprise", same_as_enterprise_id)
            person_id = None
            created = False
        else:
            ent, person_id = _create_enterprise(session, actor, intake, centre, on)
            created = True
        assert ent.id is not None
        case = open_case(
            session,
            actor,
            enterprise_id=ent.id,
            service_code=form.service_code,
            centre_id=centre,
            channel=form.outreach_channel,
            description=form.description,
            priority=form.priority,
            on=on,
        )
    assert case.id is not None
    return IntakeResult(ent.id, person_id, case.id, case.number, created)


def _create_enterprise(
    session: Session, actor: Staff, intake: ValidIntake, centre_id: int, on: date
) -> tuple[Enterprise, int]:
    form = intake.form
    if (
        intake.nib
        and session.execute(
            select(col(Enterprise.id)).where(col(Enterprise.nib) == intake.nib)
        ).first()
    ):
        raise ValidationError.single("nib", "nib.taken", value=intake.nib)
    person = None
    if intake.nik:
        person = session.execute(
            select(Person).where(col(Person.nik) == intake.nik)
        ).scalar_one_or_none()
    if person is None:
        person = Person(
            nik=intake.nik,
            name=form.owner_name.strip(),
            gender=intake.gender,
            birth_date=intake.birth_date,
            phone=intake.phone,
            email=form.email.strip() or None,
            education=form.education or None,
            disability=form.disability,
            orang_asli_papua=form.orang_asli_papua,
        )
        with unique_or_conflict(session, "nik", mask_nik(intake.nik or ""), "nik.taken"):
            session.add(person)
        _audit.record(
            session, actor, "create", "person", person.id, after=_audit.person_dict(person)
        )
    ent = Enterprise(
        name=form.enterprise_name.strip(),
        name_key=intake.name_key,
        name_sorted=intake.name_sorted,
        nib=intake.nib,
        legal_form=form.legal_form,
        kbli_code=intake.kbli,
        kbli_codes=[intake.kbli] if intake.kbli else [],
        products=form.products.strip() or None,
        street_address=form.street_address.strip() or None,
        village_code=intake.village_code,
        district_code=intake.district_code,
        regency_code=intake.regency_code,
        province_code=intake.province_code,
        founding_year=form.founding_year,
        online_channels=list(form.online_channels),
        outreach_channel=form.outreach_channel,
        registered_centre_id=centre_id,
        registered_on=on,
        capital_at_registration=form.capital,
        created_by_id=actor.id,
    )
    with unique_or_conflict(session, "nib", intake.nib, "nib.taken"):
        session.add(ent)
    assert person.id is not None and ent.id is not None
    owner = Ownership(enterprise_id=ent.id, person_id=person.id, role="pemilik")
    session.add(owner)
    snap = IndicatorSnapshot(
        enterprise_id=ent.id,
        taken_on=on,
        kind="baseline",
        sales_annual=form.sales,
        capital=form.capital,
        employees_total=form.employees,
        employees_women=form.employees_women,
        market_local=form.market_local,
        market_regional=form.market_regional,
        market_national=form.market_national,
        market_export=form.market_export,
        online_channels=list(form.online_channels),
        size_class=intake.size_class,
        size_rule_set=rule_set_on(on).name if intake.size_class else None,
        recorded_by_id=actor.id,
    )
    session.add(snap)
    session.flush()
    _audit.record(session, actor, "create", "enterprise", ent.id, after=_audit.row_dict(ent))
    _audit.record(session, actor, "create", "ownership", owner.id, after=_audit.row_dict(owner))
    _audit.record(
        session, actor, "create", "indicator_snapshot", snap.id, after=_audit.row_dict(snap)
    )
    return ent, person.id
