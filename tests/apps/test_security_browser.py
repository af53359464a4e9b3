"""HTML/script payloads in every free-text field of the apps, in real headless Chromium.

Each app gets a set of payloads — tags with event handlers, script and iframe
tags, attribute break-outs, ``javascript:`` links — typed into its free-text
fields. Each payload must come back as text wherever the app shows it (the
exact characters, found as text of an element), no element may be injected,
and no script may run (the ``page`` fixture fails on any dialog; one payload
would rename the page). Every change made in the browser must be in the audit
trail under the staff member who made it; the manager's audit view of the case
board shows the recorded values as text too. The dashboard, which has no
free-text fields of its own, gets the payloads through the services: in the
enterprise and staff names it lists.
"""

from __future__ import annotations

import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.models import (
    Activity,
    AuditEntry,
    Case,
    Centre,
    Enterprise,
    Event,
    EventAttendance,
    IndicatorSnapshot,
    PermitApplication,
    Referral,
    Staff,
    SurveyResponse,
)
from plut_nb.security.accounts import add_account
from plut_nb.security.demo_accounts import DEMO_PASSWORD
from plut_nb.services.cases import assign_case, change_status
from plut_nb.services.intake import IntakeForm, register_enterprise
from tests.apps._audit import audit_of
from tests.apps.conftest import open_app
from tests.apps.test_intake_browser import (
    fill_intake,
    front_office,
    saved_case_number,
    unused_identity,
)
from tests.security import version

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 60_000
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "<b onmouseover=alert(1)>tebal</b>",
    "</textarea><script>alert(1)</script>",
    '<a href="javascript:alert(1)">tautan</a>',
    "<img src=x onerror=\"document.title='XSS'\">",
)
#: Elements a payload would create if it were rendered as HTML.
INJECTED = (
    "img[src='x']",
    "svg[onload]",
    "iframe",
    "b[onmouseover]",
    "a[href^='javascript']",
    "script",
)


def open_as(page: Any, base: str, app: str, staff_label: str) -> Any:
    """Open ``app`` as the staff member ``staff_label`` names, whoever used the page before."""
    # The previous person signs out, as staff sharing a desk do: their session ends and
    # their app kernels stop instead of idling on the shared test server.
    page.goto(f"{base}/logout", timeout=60_000)
    page.context.clear_cookies()  # a new sign-in (or staff choice), not the previous one's
    return open_app(page, base, app, staff_label=staff_label)


def payload(label: str, i: int) -> str:
    """A distinctive text: a label and payload ``i`` of :data:`PAYLOADS`."""
    return f"{label} {PAYLOADS[i % len(PAYLOADS)]}"


def assert_inert(page: Any) -> None:
    """No payload became an element of an app and none renamed the page."""
    for css in INJECTED:
        assert page.locator(f".plut-app {css}").count() == 0, css
    assert page.title() != "XSS"


def shown_as_text(scope: Any, text: str) -> None:
    """``text`` (with its angle brackets) is the text of an element inside ``scope``."""
    from playwright.sync_api import expect

    expect(scope.get_by_text(text, exact=False).first).to_be_visible(timeout=TIMEOUT)


def staff_label(engine: Engine, username_prefix: str, centre_id: int = 1) -> tuple[str, Staff]:
    """The picker label and row of a demo staff member of the centre (unique name, one role)."""
    with Session(engine) as s:
        staff = list(s.execute(select(Staff).order_by(col(Staff.id))).scalars())
    names = [m.name for m in staff]
    member = next(
        m
        for m in staff
        if m.username.startswith(username_prefix)
        and m.centre_id == centre_id
        and len(m.roles) == 1
        and names.count(m.name) == 1
    )
    return f"{member.name} — {member.roles[0]}", member


def unused_nib(engine: Engine) -> str:
    rng = random.Random(uuid.uuid4().int)
    with Session(engine) as s:
        while True:
            nib = f"98{rng.randint(0, 10**11 - 1):011d}"
            if (
                s.execute(select(col(Enterprise.id)).where(col(Enterprise.nib) == nib)).first()
                is None
            ):
                return nib


def register(
    engine: Engine, actor: Staff, name: str, description: str = "", on: date | None = None
) -> tuple[int, int, str]:
    """Register an enterprise and its first case through the services: (enterprise, case, number)."""
    nib = unused_nib(engine)
    with Session(engine, expire_on_commit=False) as s:
        result = register_enterprise(
            s,
            actor,
            IntakeForm(
                enterprise_name=name, nib=nib, village_code="12.71.01.1001",
                owner_name=payload("Pemilik", 4), service_code="konsultasi_bisnis",
                description=description,
            ),
            on=on,
        )  # fmt: skip
        s.commit()
    return result.enterprise_id, result.case_id, result.case_number


def test_intake_and_directory(demo_server: str, demo_data: tuple[Path, Engine], page: Any) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    staff = front_office(engine)
    nik, phone = unused_identity(engine)
    nib = unused_nib(engine)
    texts = {
        "enterprise_name": payload("Toko Aman", 0),
        "products": payload("Produk", 1),
        "street_address": payload("Jalan", 2),
        "owner_name": payload("Pemilik", 3),
        "description": payload("Keperluan", 5),
    }
    open_as(page, demo_server, "pendaftaran", staff_label=f"{staff.name} — front_office")
    app = page.locator(".plut-intake")
    fill_intake(page, {**texts, "nib": nib, "nik": nik, "phone": phone,
                       "service_code": "Konsultasi bisnis"})  # fmt: skip
    app.locator(".plut-intake-save").click()
    choice = app.locator(".plut-intake-new")
    status = app.locator(".plut-intake-status")
    expect(status.locator(".plut-case-number").or_(choice)).to_be_visible(timeout=TIMEOUT)
    if choice.is_visible():  # a similar name from another test: this is a new enterprise
        choice.click()
    number = saved_case_number(page)
    for text in (texts["enterprise_name"], texts["owner_name"]):
        shown_as_text(status, text)
    assert_inert(page)

    with Session(engine) as s:
        case = s.execute(select(Case).where(col(Case.number) == number)).scalar_one()
        ent = s.get(Enterprise, case.enterprise_id)
        assert ent is not None
        assert (ent.name, ent.products, ent.street_address, case.description) == (
            texts["enterprise_name"], texts["products"], texts["street_address"],
            texts["description"],
        )  # fmt: skip
        entries = s.execute(
            select(AuditEntry).where(col(AuditEntry.actor_id) == staff.id).order_by(col(AuditEntry.id))
        ).scalars().all()  # fmt: skip
        mine = [(e.entity, e.action) for e in entries if e.entity_id in (str(ent.id), str(case.id))
                and e.entity in ("enterprise", "case")]  # fmt: skip
        person = [e for e in entries if e.entity == "person" and (e.after or {}).get("nik") == nik[:4] + "*" * 8 + nik[-4:]]  # fmt: skip
    assert mine == [("enterprise", "create"), ("case", "create")]
    assert len(person) == 1 and (person[0].after or {})["name"] == texts["owner_name"]

    # The directory lists the new enterprise; its name and owner are text. A payload where a
    # region code is expected comes back in the error message, as text too.
    open_as(page, demo_server, "direktori", staff_label=f"{staff.name} — front_office")
    directory = page.locator(".plut-directory")
    directory.locator("input").first.fill(nib)
    directory.get_by_role("button", name="Cari").click()
    results = directory.locator("table")
    expect(results).to_contain_text(nib, timeout=TIMEOUT)
    for text in (texts["enterprise_name"], texts["owner_name"]):
        shown_as_text(results, text)
    assert nik not in results.inner_text()  # masked in lists
    directory.locator("input").first.fill("")
    directory.locator("input").nth(1).fill(PAYLOADS[2])
    directory.get_by_role("button", name="Cari").click()
    expect(directory.locator(".plut-error")).to_be_visible(timeout=TIMEOUT)
    assert_inert(page)


def test_case_board_actions_and_audit_view(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    label, consultant = staff_label(engine, "konsultan")
    manager_label, manager = staff_label(engine, "manajer")
    name, description = payload("Usaha Kasus", 2), payload("Permintaan", 6)
    ent_id, case_id, number = register(engine, front_office(engine), name, description)
    texts = {
        "notes": payload("Catatan", 0),
        "next_step": payload("Langkah", 1),
        "partner": payload("Mitra", 3),
        "outcome": payload("Hasil", 4),
        "permit": payload("No", 2),
        "sales": payload("Omzet", 7),
        "resolution": payload("Penyelesaian", 5),
    }

    def open_case(who: str) -> Any:
        open_as(page, demo_server, "kasus", staff_label=who)
        board = page.locator(".plut-cases")
        expect(board.locator(".plut-cases-summary")).to_be_visible(timeout=TIMEOUT)
        board.get_by_role("button", name="Kasus PLUT").click()
        board.locator("select").first.select_option(value="Semua status")
        query = board.locator(".plut-cases-query input")
        query.fill(number)
        query.press("Enter")
        expect(board.locator(".plut-cases-summary")).to_contain_text("1 kasus", timeout=TIMEOUT)
        shown_as_text(board.locator(".plut-cases-grid"), name)
        board.get_by_role("button", name=number, exact=True).click()
        panel = board.locator(".plut-case-view")
        expect(panel.locator(".plut-case-head")).to_contain_text(number, timeout=TIMEOUT)
        return panel

    panel = open_case(label)
    head, message = panel.locator(".plut-case-head"), panel.locator(".plut-cases-message")
    shown_as_text(head, name)
    shown_as_text(head, description)
    panel.locator(".plut-cases-assignee select").select_option(value=label)
    panel.locator(".plut-cases-assign").click()
    expect(message).to_contain_text("ditugaskan kepada", timeout=TIMEOUT)
    panel.get_by_role("tab", name="Status").click()
    panel.locator(".plut-cases-target select").select_option(value="Dalam proses")
    panel.locator(".plut-cases-change").click()
    expect(message).to_contain_text("sekarang: Dalam proses", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Kegiatan").click()
    panel.locator(".plut-cases-notes textarea").fill(texts["notes"])
    panel.locator(".plut-cases-next-step input").fill(texts["next_step"])
    panel.locator(".plut-cases-save-activity").click()
    expect(message).to_contain_text("Kegiatan dicatat", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Rujukan").click()
    panel.locator(".plut-cases-partner input").fill(texts["partner"])
    panel.locator(".plut-cases-save-referral").click()
    expect(message).to_contain_text(f"Rujukan ke {texts['partner']} dicatat", timeout=TIMEOUT)
    panel.locator(".plut-cases-referral-status select").select_option(value="Diterima")
    panel.locator(".plut-cases-outcome input").fill(texts["outcome"])
    panel.locator(".plut-cases-update-referral").click()
    expect(message).to_contain_text("diperbarui", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Izin").click()
    panel.locator(".plut-cases-permit-number input").fill(texts["permit"])
    panel.locator(".plut-cases-save-permit").click()
    expect(message).to_contain_text("Izin dicatat", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Indikator").click()
    panel.locator(".plut-cases-sales input").fill(texts["sales"])
    panel.locator(".plut-cases-save-snapshot").click()  # refused: shown with the typed text
    expect(message.locator(".plut-error")).to_be_visible(timeout=TIMEOUT)
    expect(message).to_contain_text(texts["sales"][:20])  # quoted (shortened), as text

    panel.get_by_role("tab", name="Status").click()
    panel.locator(".plut-cases-target select").select_option(value="Selesai")
    panel.locator(".plut-cases-resolution textarea").fill(texts["resolution"])
    panel.locator(".plut-cases-change").click()
    expect(message).to_contain_text("sekarang: Selesai", timeout=TIMEOUT)

    history = panel.locator(".plut-history")
    for key in ("notes", "next_step", "outcome", "permit", "resolution"):
        shown_as_text(history, texts[key])
    shown_as_text(history, f"Dirujuk ke {texts['partner']}")
    shown_as_text(head, texts["resolution"])
    assert panel.locator(".plut-audit").count() == 0  # the audit trail is for managers
    assert_inert(page)

    # The manager opens the same case: its audit trail shows who changed what, as text.
    panel = open_case(manager_label)
    audit = panel.locator(".plut-audit")
    expect(audit).to_be_visible(timeout=TIMEOUT)
    for key in ("notes", "partner", "outcome", "permit", "resolution"):
        shown_as_text(audit, texts[key])
    expect(audit).to_contain_text(consultant.name)
    assert_inert(page)

    with Session(engine) as s:
        saved = s.get(Case, case_id)
        assert saved is not None and (saved.status, saved.resolution) == (
            "selesai",
            texts["resolution"],
        )
        act = s.execute(select(Activity).where(col(Activity.case_id) == case_id)).scalar_one()
        ref = s.execute(select(Referral).where(col(Referral.case_id) == case_id)).scalar_one()
        permit = s.execute(
            select(PermitApplication).where(col(PermitApplication.case_id) == case_id)
        ).scalar_one()
    assert (act.notes, act.next_step) == (texts["notes"], texts["next_step"])
    assert (ref.partner_name, ref.outcome, ref.status) == (
        texts["partner"],
        texts["outcome"],
        "diterima",
    )
    assert permit.number == texts["permit"]
    rows = [("case", case_id), ("activity", act.id), ("referral", ref.id), ("permit", permit.id)]
    assert audit_of(engine, consultant.id, rows) == [
        ("case", "assign"), ("case", "status:dalam_proses"), ("activity", "create"),
        ("referral", "create"), ("referral", "update"), ("permit", "create"),
        ("case", "status:selesai"),
    ]  # fmt: skip
    assert audit_of(engine, manager.id, rows) == []  # reading changes nothing
    with Session(engine) as s:  # the refused figures wrote nothing: the baseline only
        kinds = s.execute(
            select(col(IndicatorSnapshot.kind)).where(col(IndicatorSnapshot.enterprise_id) == ent_id)
        ).scalars().all()  # fmt: skip
    assert kinds == ["baseline"]


def test_events(demo_server: str, demo_data: tuple[Path, Engine], page: Any) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    staff = front_office(engine)
    ent_name = payload("Peserta", 6)
    ent_id, _case, _number = register(engine, staff, ent_name)
    with Session(engine) as s:
        nib = s.execute(
            select(col(Enterprise.nib)).where(col(Enterprise.id) == ent_id)
        ).scalar_one()
        before = set(s.execute(select(col(Event.id))).scalars())
    texts = {"name": payload("Pameran", 0), "place": payload("Gedung", 3),
             "partner": payload("Komunitas", 5)}  # fmt: skip

    app = open_as(page, demo_server, "acara", staff_label=f"{staff.name} — front_office")
    app = app.locator(".plut-events")
    expect(app).to_contain_text("acara — halaman 1", timeout=TIMEOUT)
    inputs = app.locator("input[type=text]")
    inputs.nth(0).fill(texts["name"])
    app.locator("input[type=date]").nth(0).fill("2026-11-25")
    inputs.nth(1).fill(texts["place"])
    inputs.nth(2).fill(texts["partner"])
    app.get_by_role("button", name="Simpan acara").click()
    expect(app.locator(".plut-ok")).to_contain_text("tersimpan", timeout=TIMEOUT)
    detail = app.locator(".plut-event-detail")
    for text in texts.values():
        shown_as_text(detail, text)
    expect(app.locator(".plut-row", has_text=texts["name"])).to_have_count(1)

    detail.locator("input[type=text]").first.fill(nib or "")
    detail.get_by_role("button", name="Cari").click()
    candidate = detail.locator(".plut-candidate")
    expect(candidate).to_have_count(1, timeout=TIMEOUT)
    shown_as_text(candidate, ent_name)
    candidate.get_by_role("button", name="Daftarkan").click()
    row = detail.locator(".plut-registration")
    expect(row).to_have_count(1, timeout=TIMEOUT)
    shown_as_text(row, ent_name)
    row.locator("input[type=checkbox]").check()
    row.locator("input[type=text]").fill(PAYLOADS[0])  # not an amount: refused, shown as text
    detail.get_by_role("button", name="Simpan kehadiran & penjualan").click()
    expect(detail.locator(".plut-error").first).to_be_visible(timeout=TIMEOUT)
    assert_inert(page)
    row.locator("input[type=text]").fill("Rp250.000")
    detail.get_by_role("button", name="Simpan kehadiran & penjualan").click()
    expect(detail.locator(".plut-ok")).to_contain_text("1 peserta diperbarui", timeout=TIMEOUT)
    assert_inert(page)

    with Session(engine) as s:
        event = s.execute(select(Event).where(col(Event.id).not_in(before),
                                              col(Event.created_by_id) == staff.id)).scalar_one()  # fmt: skip
        att = s.execute(
            select(EventAttendance).where(col(EventAttendance.event_id) == event.id)
        ).scalar_one()
    assert (event.name, event.place, event.partner_community) == (
        texts["name"], texts["place"], texts["partner"],
    )  # fmt: skip
    assert (att.enterprise_id, att.attended, att.sales) == (ent_id, True, 250_000)
    assert audit_of(engine, staff.id, [("event", event.id), ("event_attendance", att.id)]) == [
        ("event", "create"), ("event_attendance", "create"), ("event_attendance", "update"),
    ]  # fmt: skip


def test_survey_comment(demo_server: str, demo_data: tuple[Path, Engine], page: Any) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    staff = front_office(engine)
    _label, consultant = staff_label(engine, "konsultan")
    _mlabel, manager = staff_label(engine, "manajer")
    name = payload("Usaha Survei", 7)
    _ent, case_id, number = register(engine, staff, name)
    with Session(engine, expire_on_commit=False) as s:  # finished by its consultant
        assert consultant.id is not None
        assign_case(s, manager, case_id, consultant.id, expected_version=version(s, case_id))
        change_status(s, consultant, case_id, "dalam_proses", expected_version=version(s, case_id))
        change_status(s, consultant, case_id, "selesai", resolution="Selesai",
                      expected_version=version(s, case_id))  # fmt: skip
        s.commit()
    comment = payload("Saran", 5)

    app = open_as(page, demo_server, "survei", staff_label=f"{staff.name} — front_office")
    app = app.locator(".plut-survey")
    expect(app.locator(".plut-ikm")).to_contain_text("Nilai IKM", timeout=TIMEOUT)
    app.locator("input[type=text]").first.fill(number)
    app.get_by_role("button", name="Cari").click()
    row = app.locator(".plut-eligible", has_text=number)
    expect(row).to_be_visible(timeout=TIMEOUT)
    shown_as_text(row, name)
    row.get_by_role("button", name="Pilih").click()
    shown_as_text(app.locator(".plut-selected-case"), name)
    questions = app.locator(".plut-question")
    for i in range(9):
        questions.nth(i).locator("input[type=radio]").nth(3).check()
    app.locator("textarea").fill(comment)
    app.get_by_role("button", name="Simpan survei").click()
    expect(app.locator(".plut-ok")).to_contain_text(f"kasus {number} tersimpan", timeout=TIMEOUT)
    assert_inert(page)

    with Session(engine) as s:
        saved = s.execute(
            select(SurveyResponse).where(col(SurveyResponse.case_id) == case_id)
        ).scalar_one()
    assert saved.comment == comment and list(saved.answers) == [4] * 9
    assert audit_of(engine, staff.id, [("survey", saved.id)]) == [("survey", "create")]


def test_dashboard(demo_server: str, demo_data: tuple[Path, Engine], page: Any) -> None:
    """The names the dashboard lists: enterprises and assignees of overdue cases, staff workload.

    Its other texts are code lists (services, statuses, roles) and centre names,
    which no app or service edits; its charts are images.
    """
    from playwright.sync_api import expect

    engine = demo_data[1]
    manager_label, manager = staff_label(engine, "manajer")
    worker_name, ent_name = payload("Konsultan", 2), payload("Usaha Terlambat", 7)
    with Session(engine, expire_on_commit=False) as s:
        centre = s.get(Centre, manager.centre_id)
        assert centre is not None
        worker = add_account(
            s, username=f"xss.{uuid.uuid4().hex[:8]}", name=worker_name, centre_code=centre.code,
            roles=["consultant"], password=DEMO_PASSWORD,
        )  # fmt: skip
        s.commit()
    # Opened long ago and not finished: the most overdue case of the centre, first in its table.
    _ent, case_id, number = register(engine, front_office(engine), ent_name, on=date(2020, 1, 6))
    with Session(engine, expire_on_commit=False) as s:
        assert worker.id is not None
        assign_case(s, manager, case_id, worker.id, expected_version=version(s, case_id))
        s.commit()

    app = open_as(page, demo_server, "dasbor", staff_label=manager_label)
    app = app.locator(".plut-dashboard")
    overdue = app.locator(".plut-overdue")
    row = overdue.locator("tr", has_text=number)
    expect(row).to_be_visible(timeout=2 * TIMEOUT)  # the first figures and charts take longest
    shown_as_text(row, ent_name)
    shown_as_text(row, worker_name)
    assert_inert(page)

    # Busiest first: page on until the new consultant, with one open case, is listed.
    workload = app.locator(".plut-workload")
    status, next_page = workload.locator(".widget-html").last, workload.locator("button").last
    for _turn in range(50):
        if workload.get_by_text(worker_name, exact=False).count() or next_page.is_disabled():
            break
        before = status.inner_text()
        next_page.click()
        expect(status).not_to_have_text(before, timeout=TIMEOUT)
    shown_as_text(workload, worker_name)
    assert_inert(page)
