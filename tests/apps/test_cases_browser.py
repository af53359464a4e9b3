"""The case board served by ``plut serve`` and driven in real headless Chromium.

A consultant opens a new (or just assigned) demo case, assigns it to
themselves and clicks it through dalam_proses → selesai → ditutup, logging an
activity and a referral on the way. Every free-text field gets an HTML/script
payload, which must show as text while no dialog opens (the ``page`` fixture
fails the test on any dialog). Every change is in the audit trail under the
consultant, with the case's values before and after each step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.models import Activity, Case, Referral, Staff
from tests._seed import XSS_NAME
from tests.apps._audit import audit_trail, last_audit_id
from tests.apps.conftest import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 60_000


def _pick(engine: Engine) -> tuple[Case, Staff]:
    """The oldest demo case still new (else just assigned) with a consultant of its centre."""
    with Session(engine, expire_on_commit=False) as s:
        staff = list(s.execute(select(Staff)).scalars())
        names = [m.name for m in staff]
        for status in ("baru", "ditugaskan"):
            cases = s.execute(
                select(Case).where(col(Case.status) == status).order_by(col(Case.id))
            ).scalars()
            for case in cases:
                for member in staff:
                    if (
                        member.centre_id == case.centre_id
                        and member.roles == ["consultant"]
                        and names.count(member.name) == 1
                    ):
                        return case, member
    raise AssertionError("the demo data has no new or assigned case")


def _set_select(container: Any, css: str, label: str) -> None:
    """Choose an option of an ipywidgets Dropdown (its option values are the labels)."""
    container.locator(f"{css} select").select_option(value=label)


def test_consultant_moves_a_case_to_closed(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    case, consultant = _pick(engine)
    since = last_audit_id(engine)
    open_app(page, demo_server, "kasus", staff_label=f"{consultant.name} — consultant")
    app = page.locator(".plut-cases")
    expect(app.locator(".plut-cases-summary")).to_be_visible(timeout=TIMEOUT)
    app.get_by_role("button", name="Kasus PLUT").click()
    app.locator("select").first.select_option(value="Semua status")
    query = app.locator(".plut-cases-query input")
    query.fill(case.number)
    query.press("Enter")
    expect(app.locator(".plut-cases-summary")).to_contain_text("1 kasus", timeout=TIMEOUT)
    app.get_by_role("button", name=case.number, exact=True).click()

    panel = app.locator(".plut-case-view")
    message = panel.locator(".plut-cases-message")
    expect(panel.locator(".plut-case-head")).to_contain_text(case.number, timeout=TIMEOUT)
    _set_select(panel, ".plut-cases-assignee", f"{consultant.name} — consultant")
    panel.locator(".plut-cases-assign").click()
    expect(message).to_contain_text(f"ditugaskan kepada {consultant.name}", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Status").click()
    _set_select(panel, ".plut-cases-target", "Dalam proses")
    panel.locator(".plut-cases-change").click()
    expect(message).to_contain_text("sekarang: Dalam proses", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Kegiatan").click()
    panel.locator(".plut-cases-notes textarea").fill(XSS_NAME)
    panel.locator(".plut-cases-next-step input").fill(XSS_NAME)
    panel.locator(".plut-cases-save-activity").click()
    expect(message).to_contain_text("Kegiatan dicatat", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Rujukan").click()
    panel.locator(".plut-cases-partner input").fill(XSS_NAME)
    panel.locator(".plut-cases-save-referral").click()
    expect(message).to_contain_text(f"Rujukan ke {XSS_NAME} dicatat", timeout=TIMEOUT)

    panel.get_by_role("tab", name="Status").click()
    _set_select(panel, ".plut-cases-target", "Selesai")
    panel.locator(".plut-cases-resolution textarea").fill(XSS_NAME)
    panel.locator(".plut-cases-change").click()
    expect(message).to_contain_text("sekarang: Selesai", timeout=TIMEOUT)
    panel.locator(".plut-cases-close").click()
    expect(message).to_contain_text("sekarang: Ditutup", timeout=TIMEOUT)

    head = panel.locator(".plut-case-head")
    expect(head).to_contain_text("Ditutup")
    expect(head.locator("td", has_text=XSS_NAME)).to_be_visible()  # the resolution, as text
    history = panel.locator(".plut-history")
    expect(history.locator("li", has_text=XSS_NAME).first).to_be_visible()
    expect(history.locator("td", has_text=f"Dirujuk ke {XSS_NAME}")).to_be_visible()
    assert page.locator(".plut-cases img").count() == 0  # no payload became an element

    with Session(engine) as s:
        saved = s.get(Case, case.id)
        assert saved is not None
        assert (saved.status, saved.assigned_staff_id, saved.resolution) == (
            "ditutup", consultant.id, XSS_NAME,
        )  # fmt: skip
        activity = s.execute(
            select(Activity).where(col(Activity.case_id) == case.id,
                                   col(Activity.staff_id) == consultant.id)
        ).scalar_one()  # fmt: skip
        assert activity.notes == XSS_NAME
        referral = s.execute(
            select(Referral).where(
                col(Referral.case_id) == case.id, col(Referral.partner_name) == XSS_NAME
            )
        ).scalar_one()

    # Every change of this test, in order, by the consultant; the case's before/after.
    trail = audit_trail(
        engine, [("case", case.id), ("activity", activity.id), ("referral", referral.id)],
        since=since,
    )  # fmt: skip
    assert [(e.entity, e.action, e.actor_id) for e in trail] == [
        ("case", "assign", consultant.id), ("case", "status:dalam_proses", consultant.id),
        ("activity", "create", consultant.id), ("referral", "create", consultant.id),
        ("case", "status:selesai", consultant.id), ("case", "status:ditutup", consultant.id),
    ]  # fmt: skip
    steps = [e for e in trail if e.entity == "case"]
    assert [((e.before or {})["status"], (e.after or {})["status"]) for e in steps] == [
        (case.status, "ditugaskan"), ("ditugaskan", "dalam_proses"),
        ("dalam_proses", "selesai"), ("selesai", "ditutup"),
    ]  # fmt: skip
    assert (steps[0].before or {})["assigned_staff_id"] == case.assigned_staff_id
    assert (steps[0].after or {})["assigned_staff_id"] == consultant.id
    assert ((steps[2].before or {})["resolution"], (steps[2].after or {})["resolution"]) == (
        case.resolution, XSS_NAME,
    )  # fmt: skip
    created = {e.entity: e.after or {} for e in trail if e.action == "create"}
    assert (created["activity"]["notes"], created["activity"]["next_step"]) == (XSS_NAME, XSS_NAME)
    assert created["referral"]["partner_name"] == XSS_NAME
