"""A small world for permission tests, written through the services.

Centres: A = PLUT-SUMUT (province 12), A2 = PLUT-MEDAN (Kota Medan, also
province 12), B = PLUT-BIAK (Papua, province 91). Centre A has one staff
member per role plus a second consultant; A2 and B have a consultant and a
manager each. Centre A holds a new case, a case in progress (assigned to A's
consultant) and a finished one, each of its own enterprise with an owner's NIK
and phone, and an event; A2 and B hold a case and an event each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from plut_nb.models import Case, Centre, Role, Staff
from plut_nb.services.cases import assign_case, change_status
from plut_nb.services.events import create_event, register_for_event
from plut_nb.services.intake import IntakeForm, register_enterprise

ON = date(2026, 3, 2)
#: NIKs and phones of the owners (valid; Medan Kota, men born 1 Jan 1980).
OWNERS = {
    "new": ("1271010101800101", "081270000101"),
    "work": ("1271010101800102", "081270000102"),
    "done": ("1271010101800103", "081270000103"),
    "a2": ("1271010101800104", "081270000104"),
    "b": ("1271010101800105", "081270000105"),
}


@dataclass
class World:
    """Ids and staff of the permission world."""

    a: Centre
    a2: Centre
    b: Centre
    staff: dict[str, Staff]  # by role at A, plus "colleague", "a2", "a2_manager", "b", "b_manager"
    cases: dict[str, int]  # new, work, done (at A), a2, b
    enterprises: dict[str, int]
    events: dict[str, int]  # a, b


def version(s: Session, case_id: int) -> int:
    """The current version of a case (read fresh)."""
    case = s.get(Case, case_id)
    assert case is not None
    s.refresh(case)
    return case.version


def _staff(s: Session, centre: Centre, username: str, *roles: str) -> Staff:
    member = Staff(centre_id=centre.id, username=username, name=username.title(), roles=list(roles))  # type: ignore[arg-type]
    s.add(member)
    s.flush()
    return member


def _register(s: Session, actor: Staff, key: str, village: str) -> tuple[int, int]:
    nik, phone = OWNERS[key]
    result = register_enterprise(
        s,
        actor,
        IntakeForm(
            enterprise_name=f"Usaha {key.upper()}",
            village_code=village,
            owner_name=f"Pemilik {key}",
            nik=nik,
            phone=phone,
            service_code="konsultasi_bisnis",
            sales=100_000_000,
        ),
        on=ON,
    )
    return result.enterprise_id, result.case_id


def build_world(s: Session) -> World:
    """Write the world of the module docstring and commit it."""
    a = Centre(code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12")
    a2 = Centre(code="PLUT-MEDAN", name="PLUT Kota Medan", level="kabupaten_kota", region_code="12.71")  # fmt: skip
    b = Centre(code="PLUT-BIAK", name="PLUT Biak Numfor", level="kabupaten_kota", region_code="91.06")  # fmt: skip
    s.add_all([a, a2, b])
    s.flush()
    staff = {str(role): _staff(s, a, f"{role}.a", str(role)) for role in Role}
    staff["colleague"] = _staff(s, a, "kons2.a", "consultant")
    staff["a2"] = _staff(s, a2, "kons.a2", "consultant")
    staff["a2_manager"] = _staff(s, a2, "manajer.a2", "manager")
    staff["b"] = _staff(s, b, "kons.b", "consultant")
    staff["b_manager"] = _staff(s, b, "manajer.b", "manager")
    fo, kons, mgr = staff["front_office"], staff["consultant"], staff["manager"]
    ents: dict[str, int] = {}
    cases: dict[str, int] = {}
    for key, who, village in (
        ("new", fo, "12.71.01.1001"),
        ("work", fo, "12.71.01.1001"),
        ("done", fo, "12.71.01.1001"),
        ("a2", staff["a2"], "12.71.01.1001"),
        ("b", staff["b"], "91.06.01.1001"),
    ):
        ents[key], cases[key] = _register(s, who, key, village)
    assert kons.id is not None
    for key in ("work", "done"):
        assign_case(s, mgr, cases[key], kons.id, expected_version=version(s, cases[key]))
        change_status(s, kons, cases[key], "dalam_proses", expected_version=version(s, cases[key]))
    change_status(
        s, kons, cases["done"], "selesai", resolution="Selesai dibina",
        expected_version=version(s, cases["done"]),
    )  # fmt: skip
    events = {}
    for key, who in (("a", mgr), ("b", staff["b_manager"])):
        event = create_event(s, who, kind="pameran", name=f"Pameran {key}", starts_on=ON)
        assert event.id is not None
        events[key] = event.id
    register_for_event(s, mgr, events["a"], ents["work"])
    register_for_event(s, staff["b_manager"], events["b"], ents["b"])
    s.commit()
    return World(a, a2, b, staff, cases, ents, events)
