"""Read-side helpers for the intake form: choices, KBLI search, typed input, live facts.

The intake form (:mod:`widgets.intake`) shows dropdowns and text boxes; this
module turns what they hold into an :class:`~plut_nb.services.intake.IntakeForm`
and back into messages, so the widget keeps no rule of its own:

- choice lists (label, code) for regions, legal forms, outreach and online
  channels, education, priorities and the service catalogue;
- :func:`search_kbli` for the KBLI combobox;
- :func:`check_intake` parses money ("Rp1.500.000", "1,5 jt") and counts, then
  runs :func:`~plut_nb.services.intake.validate_intake`, reporting every problem
  of either kind in one :class:`~plut_nb.errors.ValidationError`;
- :func:`field_messages` checks a few fields as the user leaves them;
- :func:`derived_facts` shows what the rules derive (gender and birth date from
  the NIK, size class, region path) so staff can confirm it before saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlmodel import Session, col, select

from plut_nb.clock import today
from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import current_lang, t
from plut_nb.models import ServiceType, Staff
from plut_nb.reference.codes import (
    EDUCATION_LEVELS,
    LEGAL_FORMS,
    ONLINE_CHANNELS,
    OUTREACH_CHANNELS,
)
from plut_nb.reference.kbli import KbliCode, get_kbli, kbli_codes
from plut_nb.reference.regions import children, get_region
from plut_nb.rules import parse_nik, size_class
from plut_nb.rules.money import parse_rupiah_amount
from plut_nb.rules.size import rule_set_on
from plut_nb.services.intake import PRIORITIES, IntakeForm, ValidIntake, validate_intake
from plut_nb.services.staff import staff_centre

__all__ = [
    "EDUCATION_LEVELS",
    "NUMBER_FIELDS",
    "ONLINE_CHANNELS",
    "Choice",
    "DerivedFacts",
    "check_intake",
    "derived_facts",
    "education_choices",
    "field_messages",
    "home_region",
    "kbli_code_from_label",
    "kbli_label",
    "legal_form_choices",
    "online_channel_choices",
    "outreach_choices",
    "parse_amount",
    "parse_whole_number",
    "priority_choices",
    "province_choices",
    "region_choices",
    "region_path",
    "search_kbli",
    "service_choices",
    "warm_reference_tables",
]

Choice = tuple[str, str]
"""A dropdown option: (label shown, code stored)."""

#: Form fields typed as text but stored as whole numbers: field → is it money?
NUMBER_FIELDS: dict[str, bool] = {
    "capital": True,
    "sales": True,
    "employees": False,
    "employees_women": False,
    "founding_year": False,
}

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_KBLI_LEAD = re.compile(r"\s*([0-9]{1,5})\b")


# --- choices ---------------------------------------------------------------


def _labelled(codes: Iterable[str], prefix: str) -> list[Choice]:
    return [(t(f"{prefix}.{c}"), c) for c in codes]


def legal_form_choices() -> list[Choice]:
    """Legal forms (perorangan, CV, PT …) in the interface language."""
    return _labelled(LEGAL_FORMS, "ui.intake.legal")


def outreach_choices() -> list[Choice]:
    """How the enterprise heard of the PLUT."""
    i = 1 if current_lang() == "en" else 0
    return [(labels[i], code) for code, labels in OUTREACH_CHANNELS.items()]


def online_channel_choices() -> list[Choice]:
    """Online sales channels, for tick boxes."""
    return _labelled(ONLINE_CHANNELS, "ui.intake.online")


def education_choices() -> list[Choice]:
    """Education levels, after a "not given" option (empty code)."""
    return [(t("ui.intake.none"), ""), *_labelled(EDUCATION_LEVELS, "ui.intake.edu")]


def priority_choices() -> list[Choice]:
    """Case priorities, lowest first."""
    return _labelled(PRIORITIES, "ui.intake.priority")


def service_choices(session: Session) -> list[Choice]:
    """The active services of the catalogue (``service_type`` table), by name."""
    rows = session.exec(
        select(ServiceType).where(col(ServiceType.active).is_(True)).order_by(col(ServiceType.code))
    ).all()
    en = current_lang() == "en"
    return sorted(((r.name_en if en else r.name_id, r.code) for r in rows), key=lambda c: c[0])


def home_region(session: Session, actor: Staff) -> str | None:
    """The region code of the actor's centre (province or regency), if it has one."""
    code = staff_centre(session, actor).region_code
    return code if code and get_region(code) is not None else None


def warm_reference_tables() -> None:
    """Load the region and KBLI tables now (about 0.15 s), not when the form first needs them.

    Safe to call from a background thread: the lookups are read-only and cached;
    a lookup racing with it at worst loads a table twice.
    """
    children(None)
    _subclasses()


# --- regions ---------------------------------------------------------------


def province_choices(first: str | None = None) -> list[Choice]:
    """The 38 provinces by code; the one of ``first`` (any code inside it) on top."""
    provinces = [(r.name, r.code) for r in children(None)]
    if first:
        top = first[:2]
        provinces.sort(key=lambda c: c[1] != top)
    return provinces


def region_choices(parent: str | None) -> list[Choice]:
    """The direct sub-regions of ``parent`` (regencies, districts or villages)."""
    if not parent:
        return []
    return [(r.name, r.code) for r in children(parent)]


def region_path(code: str | None) -> str:
    """ "Village, district, regency, province" for a code, or the code itself if unknown."""
    region = get_region(code) if code else None
    return region.path if region else (code or "")


# --- KBLI ------------------------------------------------------------------


@cache
def _subclasses() -> tuple[tuple[KbliCode, str], ...]:
    return tuple((k, k.title.casefold()) for k in kbli_codes(level=5))


def kbli_label(entry: KbliCode) -> str:
    """``"10710 — Industri Produk Roti dan Kue"``: what the combobox shows."""
    return f"{entry.code} — {entry.title}"


def search_kbli(text: str, limit: int = 20) -> list[KbliCode]:
    """Five-digit KBLI 2020 codes matching a code prefix or every word typed.

    Args:
        text: ``"107"`` (code prefix) or words of the title, e.g. ``"roti kue"``.
        limit: At most this many results, in code order.

    Returns:
        The matching sub-classes; empty for blank input.
    """
    query = (text or "").strip().casefold()[:80]
    if not query:
        return []
    compact = query.replace(" ", "")
    if _DIGITS.fullmatch(compact):
        return [k for k, _ in _subclasses() if k.code.startswith(compact[:5])][:limit]
    words = query.split()
    return [k for k, title in _subclasses() if all(w in title for w in words)][:limit]


def kbli_code_from_label(text: str) -> str:
    """The code of a combobox entry (``"10710 — …"`` → ``"10710"``); other text unchanged."""
    lead = _KBLI_LEAD.match(text or "")
    return lead.group(1) if lead else (text or "").strip()


# --- typed input -----------------------------------------------------------


def _error(field: str, key: str, **params: object) -> FieldError:
    return FieldError(field, key, t(key, field=t(f"field.{field}"), **params))


def parse_amount(text: str | None, field: str) -> int | None:
    """Whole rupiah from what staff type: ``"Rp1.500.000"``, ``"1,5 jt"``, ``"2 miliar"``.

    The one Rupiah parser, :func:`plut_nb.rules.money.parse_rupiah_amount`.

    Args:
        text: The typed amount; blank means "not given".
        field: The form field, for the error message.

    Returns:
        The amount, or ``None`` when blank.

    Raises:
        ValidationError: Not an amount, negative, with sen, or absurdly large.
    """
    return parse_rupiah_amount(text, field)


def parse_whole_number(text: str | None, field: str) -> int | None:
    """A count or a year typed as digits (spaces and thousands dots allowed).

    Raises:
        ValidationError: Anything but digits; a leading minus is "negative".
    """
    raw = (text or "").strip()
    if not raw:
        return None
    if raw.startswith("-"):
        raise ValidationError([_error(field, "number.negative")])
    digits = raw.replace(".", "").replace(" ", "")
    if not _DIGITS.fullmatch(digits) or len(digits) > 12:
        raise ValidationError([_error(field, "ui.intake.err.whole_number", value=raw[:30])])
    return int(digits)


def _collect(
    values: Mapping[str, object], on: date | None, *, enterprise: bool = True, case: bool = True
) -> tuple[ValidIntake | None, list[FieldError]]:
    errors: list[FieldError] = []
    data = dict(values)
    for name, money in NUMBER_FIELDS.items():
        raw = data.get(name)
        if raw is None or isinstance(raw, int):
            continue
        try:
            data[name] = (parse_amount if money else parse_whole_number)(str(raw), name)
        except ValidationError as exc:
            errors.extend(exc.errors)
            data[name] = None
    if isinstance(data.get("kbli"), str):
        data["kbli"] = kbli_code_from_label(str(data["kbli"]))
    form = IntakeForm.model_validate(data)
    bad = {e.field for e in errors}
    try:
        valid = validate_intake(form, on=on, enterprise=enterprise, case=case)
    except ValidationError as exc:
        errors.extend(e for e in exc.errors if e.field not in bad)
        return None, errors
    return (None if errors else valid), errors


def check_intake(
    values: Mapping[str, object],
    *,
    on: date | None = None,
    enterprise: bool = True,
    case: bool = True,
) -> ValidIntake:
    """Parse the form's values and check every rule; all problems reported together.

    Args:
        values: Field name → value as held by the form: text for the money and
            count fields (see :data:`NUMBER_FIELDS`), a KBLI combobox label or
            code, and the other :class:`IntakeForm` fields as they are.
        on: Registration date; default today.
        enterprise: Require the enterprise part (see :func:`validate_intake`).
        case: Require the first service request; imports pass ``False``.

    Returns:
        The :class:`ValidIntake` (its ``form`` is what to register).

    Raises:
        ValidationError: One entry per problem, parse errors and rule errors alike.
    """
    valid, errors = _collect(values, on, enterprise=enterprise, case=case)
    if errors or valid is None:
        raise ValidationError(errors)
    return valid


def field_messages(
    values: Mapping[str, object], fields: Iterable[str], *, on: date | None = None
) -> dict[str, list[str]]:
    """Messages for some fields only (e.g. the one just left), checked against the whole form.

    Args:
        values: As for :func:`check_intake`.
        fields: The fields to report on; problems elsewhere are not returned.
        on: Registration date; default today.

    Returns:
        Field → its messages; fields without a problem are absent.
    """
    wanted = set(fields)
    out: dict[str, list[str]] = {}
    for e in _collect(values, on)[1]:
        if e.field in wanted:
            out.setdefault(e.field, []).append(e.message)
    return out


# --- derived facts ---------------------------------------------------------


@dataclass(frozen=True)
class DerivedFacts:
    """What the rules derive from the form so far, for staff to confirm (``None``: not yet)."""

    gender: str | None = None  # label, e.g. "Perempuan"
    birth_date: date | None = None
    size: str | None = None  # e.g. "mikro (dari modal Rp1.500.000; PP 7/2021 Pasal 35)"
    region: str | None = None  # village path
    kbli: str | None = None  # "10710 — Industri Produk Roti dan Kue"


def _rupiah(amount: int) -> str:
    """``Rp1.500.000``; lokal is imported on first use (its import costs ~0.1 s)."""
    from lokal.rupiah import format_rupiah

    return format_rupiah(amount)


def derived_facts(values: Mapping[str, object], *, on: date | None = None) -> DerivedFacts:
    """Gender and birth date from the NIK, size class, region path and KBLI title.

    Each fact is derived on its own; one that cannot be derived yet (blank or
    invalid input) is ``None`` and does not hide the others.
    """
    on = on or today()
    gender = birth = size = region = kbli = None
    nik = str(values.get("nik") or "").strip()
    if nik:
        try:
            facts = parse_nik(nik)
            gender, birth = t(f"ui.intake.gender.{facts.gender}"), facts.birth_date
        except ValidationError:
            pass
    for name in ("capital", "sales"):
        try:
            amount = parse_amount(str(values.get(name) or ""), name)
        except ValidationError:
            break  # an unreadable capital must not silently fall back to sales
        if amount is not None:
            cls = (
                size_class(capital=amount, on=on)
                if name == "capital"
                else size_class(sales=amount, on=on)
            )
            size = t(
                f"ui.intake.fact.size_{name}",
                size=str(cls),
                amount=_rupiah(amount),
                rule=rule_set_on(on).name,
            )
            break
    village = str(values.get("village_code") or "")
    found = get_region(village) if village else None
    if found is not None and found.level == 4:
        region = found.path
    code = kbli_code_from_label(str(values.get("kbli") or ""))
    entry = get_kbli(code) if code else None
    if entry is not None:
        kbli = kbli_label(entry)
    return DerivedFacts(gender=gender, birth_date=birth, size=size, region=region, kbli=kbli)
