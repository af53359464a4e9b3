"""The intake app (pendaftaran) served by ``plut serve`` and driven in real headless Chromium.

What the browser saves is checked in the database, audit trail included: every
row the intake creates has its ``create`` entry under the front-office staff
member who typed it, with NIK and phone masked.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.models import Case, Enterprise, IndicatorSnapshot, Ownership, Person, Staff
from plut_nb.reference.regions import get_region
from plut_nb.rules.masking import mask_nik, mask_phone
from tests.apps._audit import audit_trail, last_audit_id
from tests.apps.conftest import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VILLAGE = "12.71.01.1001"  # Pasar Baru, Medan Kota, Kota Medan (Sumatera Utara)
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def front_office(engine: Engine) -> Staff:
    """A front-office staff member of the Sumatera Utara centre of the demo data."""
    with Session(engine) as s:
        staff = s.execute(select(Staff).order_by(col(Staff.id))).scalars().all()
        return next(x for x in staff if "front_office" in x.roles and x.centre_id == 1)


def unused_identity(engine: Engine) -> tuple[str, str]:
    """A NIK (Medan Kota, born 31 Dec 1999) and a phone number nobody in the data has."""
    rng = random.Random(uuid.uuid4().int)
    with Session(engine) as s:
        while True:
            nik = f"127101311299{rng.randint(5000, 9999):04d}"
            phone = f"0813{rng.randint(10_000_000, 99_999_999)}"
            taken = s.execute(
                select(col(Person.id)).where(
                    (col(Person.nik) == nik) | (col(Person.phone) == "+62" + phone[1:])
                )
            ).first()
            if taken is None:
                return nik, phone


def fill_intake(page: Any, values: dict[str, str], village: str = VILLAGE) -> None:
    """Type into the form like a user: text boxes, dropdowns by label, the region cascade."""
    app = page.locator(".plut-intake")
    for name, value in values.items():
        box = app.locator(f".plut-intake-{name}")
        if name in ("legal_form", "outreach_channel", "service_code", "priority", "education"):
            box.locator("select").select_option(label=value)
        elif name == "description":
            box.locator("textarea").fill(value)
        else:
            box.locator("input").fill(value)
    app.locator(".plut-online-whatsapp input").check()
    # Each choice loads the next level's options from the kernel; select_option waits for them.
    for level, code in (
        ("province", village[:2]),
        ("regency", village[:5]),
        ("district", village[:8]),
        ("village", village),
    ):
        region = get_region(code)
        assert region is not None
        app.locator(f".plut-intake-{level} select").select_option(label=region.name)


def saved_case_number(page: Any) -> str:
    from playwright.sync_api import expect

    number = page.locator(".plut-intake-status .plut-case-number")
    expect(number).to_be_visible(timeout=60_000)
    found = re.search(r"PLUT-[A-Z-]+-\d{4}-\d+", number.inner_text())
    assert found, number.inner_text()
    return found.group(0)


def test_intake_saves_enterprise_and_case(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    staff = front_office(engine)
    nik, phone = unused_identity(engine)
    name = f"Kopi Uji Pendaftaran {uuid.uuid4().hex[:8]}"
    since = last_audit_id(engine)
    open_app(page, demo_server, "pendaftaran", staff_label=f"{staff.name} — front_office")
    app = page.locator(".plut-intake")
    expect(app.locator(".plut-intake-save")).to_be_visible()
    fill_intake(
        page,
        {
            "enterprise_name": name,
            "legal_form": "CV",
            "kbli": "10761",
            "products": "kopi arabika sangrai",
            "street_address": "Jl. Pemuda 5",
            "founding_year": "2018",
            "owner_name": "Sari Lubis",
            "nik": nik,
            "phone": phone,
            "capital": "Rp250.000.000",
            "sales": "1,2 miliar",
            "employees": "6",
            "employees_women": "4",
            "service_code": "Pendampingan usaha",
            "description": "Perlu pendampingan ekspor",
        },
    )
    # Derived facts are shown for staff to confirm before saving.
    facts = app.locator(".plut-intake-facts")
    expect(facts).to_contain_text("Laki-laki")
    expect(facts).to_contain_text("31-12-1999")
    expect(facts).to_contain_text("mikro (dari modal Rp250.000.000")
    expect(facts).to_contain_text("Pasar Baru, Medan Kota, Kota Medan, Sumatera Utara")
    app.locator(".plut-intake-save").click()
    number = saved_case_number(page)
    expect(app.locator(".plut-intake-enterprise_name input")).to_have_value("")
    with Session(engine) as s:
        case = s.execute(select(Case).where(col(Case.number) == number)).scalar_one()
        ent = s.get(Enterprise, case.enterprise_id)
        assert ent is not None and ent.name == name and ent.village_code == VILLAGE
        assert (ent.legal_form, ent.kbli_code, ent.founding_year) == ("cv", "10761", 2018)
        assert ent.online_channels == ["whatsapp"] and ent.registered_centre_id == staff.centre_id
        assert case.service_code == "pendampingan" and case.centre_id == staff.centre_id
        assert case.description == "Perlu pendampingan ekspor" and case.status == "baru"
        owner, ownership = s.execute(
            select(Person, Ownership)
            .join(Ownership, col(Ownership.person_id) == col(Person.id))
            .where(col(Ownership.enterprise_id) == ent.id)
        ).one()
        assert owner.nik == nik and owner.gender == "L" and owner.phone == "+62" + phone[1:]
        snap = s.execute(
            select(IndicatorSnapshot).where(col(IndicatorSnapshot.enterprise_id) == ent.id)
        ).scalar_one()
        assert (snap.capital, snap.sales_annual) == (250_000_000, 1_200_000_000)
        assert (snap.employees_total, snap.employees_women) == (6, 4)
    # One "create" per new row, all by the front-office staff member, nothing else on them.
    trail = audit_trail(
        engine,
        [("person", owner.id), ("enterprise", ent.id), ("ownership", ownership.id),
         ("indicator_snapshot", snap.id), ("case", case.id)],
        since=since,
    )  # fmt: skip
    assert [(e.entity, e.action, e.actor_id) for e in trail] == [
        ("person", "create", staff.id), ("enterprise", "create", staff.id),
        ("ownership", "create", staff.id), ("indicator_snapshot", "create", staff.id),
        ("case", "create", staff.id),
    ]  # fmt: skip
    assert all(e.before is None for e in trail)
    after = {e.entity: e.after or {} for e in trail}
    assert (after["enterprise"]["name"], after["enterprise"]["kbli_code"]) == (name, "10761")
    assert (after["case"]["number"], after["case"]["status"]) == (number, "baru")
    assert after["indicator_snapshot"]["capital"] == 250_000_000
    assert after["person"]["name"] == "Sari Lubis"
    assert (after["person"]["nik"], after["person"]["phone"]) == (
        mask_nik(nik), mask_phone(owner.phone or ""),
    )  # fmt: skip
    recorded = json.dumps([e.after for e in trail])
    assert nik not in recorded and (owner.phone or "-") not in recorded  # masked everywhere


def test_intake_invalid_fields_show_messages_in_the_page(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    staff = front_office(demo_data[1])
    open_app(page, demo_server, "pendaftaran", staff_label=f"{staff.name} — front_office")
    app = page.locator(".plut-intake")
    app.locator(".plut-intake-nik input").fill("1271")
    app.locator(".plut-intake-phone input").fill("12345")
    app.locator(".plut-intake-owner_name input").click()  # leaving the phone field checks it
    expect(app.locator(".plut-msg-nik")).to_contain_text("16 digit")
    expect(app.locator(".plut-msg-phone")).to_contain_text("Nomor HP")
    app.locator(".plut-intake-save").click()
    expect(app.locator(".plut-msg-village_code")).to_contain_text("wajib diisi")
    expect(app.locator(".plut-msg-enterprise_name")).to_contain_text("wajib diisi")
    expect(app.locator(".plut-intake-nik input")).to_have_value("1271")


def test_intake_shows_html_payloads_as_text(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    staff = front_office(engine)
    since = last_audit_id(engine)
    open_app(page, demo_server, "pendaftaran", staff_label=f"{staff.name} — front_office")
    app = page.locator(".plut-intake")
    status = app.locator(".plut-intake-status")
    payloads = {
        "enterprise_name": IMG,
        "products": SCRIPT,
        "street_address": IMG,
        "owner_name": SCRIPT,
        "description": f"{IMG} {SCRIPT}",
    }
    numbers = []
    for _round in range(2):
        nik, phone = unused_identity(engine)
        fill_intake(
            page, {**payloads, "nik": nik, "phone": phone, "service_code": "Konsultasi bisnis"}
        )
        app.locator(".plut-intake-save").click()
        if _round == 1:
            # The first round registered this name in the same village: it is listed as text.
            dup = app.locator(".plut-dup-name", has_text=IMG).first
            expect(dup).to_be_visible(timeout=60_000)
            app.locator(".plut-intake-same").first.click()
        else:
            choice = app.locator(".plut-intake-new")
            expect(status.locator(".plut-case-number").or_(choice)).to_be_visible(timeout=60_000)
            if choice.is_visible():  # another test left an enterprise of this name here
                choice.click()
        numbers.append(saved_case_number(page))
        receipt = status.locator("table")
        for text in (IMG, SCRIPT, f"{IMG} {SCRIPT}"):
            expect(receipt.locator("td", has_text=text).first).to_be_visible()
        expect(page.locator(".plut-app img[src='x']")).to_have_count(0)
        expect(page.locator(".plut-app script", has_text="alert(1)")).to_have_count(0)
    with Session(engine) as s:
        first = s.execute(select(Case).where(col(Case.number) == numbers[0])).scalar_one()
        second = s.execute(select(Case).where(col(Case.number) == numbers[1])).scalar_one()
        assert first.description == second.description == f"{IMG} {SCRIPT}"
        ent = s.get(Enterprise, first.enterprise_id)
        assert ent is not None and (ent.name, ent.products, ent.street_address) == (
            IMG,
            SCRIPT,
            IMG,
        )
        # "Same enterprise" opened the second case for an already registered one.
        same = s.get(Enterprise, second.enterprise_id)
        assert same is not None and same.name == IMG
        assert same.id is not None and ent.id is not None and same.id <= ent.id
    # The first round created an enterprise and a case, the second only a case; the payloads
    # are recorded as typed, under the staff member who saved them.
    rows = [("enterprise", ent.id), ("enterprise", same.id), ("case", first.id),
            ("case", second.id)]  # fmt: skip
    trail = audit_trail(engine, rows, since=since)
    assert [(e.entity, e.entity_id, e.action, e.actor_id) for e in trail] == [
        ("enterprise", str(ent.id), "create", staff.id),
        ("case", str(first.id), "create", staff.id),
        ("case", str(second.id), "create", staff.id),
    ]
    assert ((trail[0].after or {})["name"], (trail[0].after or {})["products"]) == (IMG, SCRIPT)
    assert [(e.after or {})["description"] for e in trail[1:]] == [f"{IMG} {SCRIPT}"] * 2
