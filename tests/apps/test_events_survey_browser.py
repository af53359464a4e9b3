"""The events and IKM survey apps served by ``plut serve`` over demo data, in real headless Chromium.

Every free-text field gets an HTML payload: it must come back as text, and the
``page`` fixture fails the test if any script opens a dialog. Every change is in
the audit trail under the staff member who made it (with before/after for the
attendance update).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.models import Enterprise, Event, EventAttendance, Staff, SurveyResponse
from plut_nb.services.survey_queries import centre_ikm, list_survey_eligible
from tests._seed import XSS_NAME
from tests.apps._audit import audit_trail, last_audit_id
from tests.apps.conftest import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _staff(engine: Engine, username: str) -> tuple[str, int]:
    """The dev-picker label prefix and centre of a demo staff member."""
    with Session(engine) as s:
        staff = s.execute(select(Staff).where(col(Staff.username) == username)).scalar_one()
        return f"{staff.name} — {', '.join(staff.roles)}", staff.centre_id


def _staff_id(engine: Engine, username: str) -> int | None:
    with Session(engine) as s:
        return s.execute(select(col(Staff.id)).where(col(Staff.username) == username)).scalar_one()


def test_create_event_register_attendance_and_sales(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    label, centre_id = _staff(engine, "cs.medan")
    with Session(engine) as s:
        ent = s.execute(
            select(Enterprise)
            .where(col(Enterprise.nib).is_not(None))
            .order_by(col(Enterprise.id).desc())
            .limit(1)
        ).scalar_one()
        nib, ent_id, ent_name = ent.nib, ent.id, ent.name
        before = s.execute(select(col(Event.id))).scalars().all()
    since = last_audit_id(engine)

    app = open_app(page, demo_server, "acara", staff_label=label).locator(".plut-events")
    expect(app).to_contain_text("acara — halaman 1", timeout=60_000)
    form_inputs = app.locator("input[type=text]")
    form_inputs.nth(0).fill(XSS_NAME)  # name
    app.locator("input[type=date]").nth(0).fill("2026-11-20")
    app.locator("input[type=date]").nth(1).fill("2026-11-21")
    form_inputs.nth(1).fill(XSS_NAME)  # place
    form_inputs.nth(2).fill(XSS_NAME)  # partner community
    app.get_by_role("button", name="Simpan acara").click()
    expect(app.locator(".plut-ok")).to_contain_text("tersimpan", timeout=30_000)

    with Session(engine) as s:
        event = s.execute(
            select(Event).where(col(Event.id).not_in(before), col(Event.centre_id) == centre_id)
        ).scalar_one()
    assert (event.name, event.place, event.partner_community) == (XSS_NAME, XSS_NAME, XSS_NAME)
    assert (event.kind, str(event.starts_on), str(event.ends_on)) == (
        "pameran",
        "2026-11-20",
        "2026-11-21",
    )

    detail = app.locator(".plut-event-detail")
    expect(detail.locator("h3", has_text=XSS_NAME)).to_be_visible(timeout=30_000)
    expect(app.locator(".plut-row", has_text=XSS_NAME).first).to_be_visible()
    detail.locator("input[type=text]").first.fill(nib or "")
    detail.get_by_role("button", name="Cari").click()
    candidate = detail.locator(".plut-candidate", has_text=ent_name)
    expect(candidate).to_be_visible(timeout=30_000)
    candidate.get_by_role("button", name="Daftarkan").click()

    row = detail.locator(".plut-registration", has_text=ent_name)
    expect(row).to_be_visible(timeout=30_000)
    expect(detail.locator(".plut-event-totals")).to_contain_text("Terdaftar: 1 · Hadir: 0")
    row.locator("input[type=checkbox]").check()
    row.locator("input[type=text]").fill("Rp1.500.000")
    detail.get_by_role("button", name="Simpan kehadiran & penjualan").click()
    expect(detail.locator(".plut-ok")).to_contain_text("1 peserta diperbarui", timeout=30_000)
    expect(detail.locator(".plut-event-totals")).to_contain_text(
        "Terdaftar: 1 · Hadir: 1 · Penjualan: Rp1.500.000"
    )

    with Session(engine) as s:
        att = s.execute(
            select(EventAttendance).where(col(EventAttendance.event_id) == event.id)
        ).scalar_one()
    assert (att.enterprise_id, att.attended, att.sales) == (ent_id, True, 1_500_000)
    assert "onerror=alert(1)&gt;" in page.content()  # the payloads are shown escaped

    trail = audit_trail(engine, [("event", event.id), ("event_attendance", att.id)], since=since)
    actor = _staff_id(engine, "cs.medan")
    assert [(e.entity, e.action, e.actor_id) for e in trail] == [
        ("event", "create", actor), ("event_attendance", "create", actor),
        ("event_attendance", "update", actor),
    ]  # fmt: skip
    created, registered, updated = trail
    assert created.before is None and registered.before is None
    texts = [(created.after or {})[k] for k in ("name", "place", "partner_community")]
    assert texts == [XSS_NAME] * 3
    assert (registered.after or {})["enterprise_id"] == ent_id
    old, new = updated.before or {}, updated.after or {}
    assert (old["attended"], old["sales"]) == (False, None)
    assert (new["attended"], new["sales"]) == (True, 1_500_000)


def test_submit_survey_updates_the_ikm(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    label, centre_id = _staff(engine, "cs.medan")
    with Session(engine) as s:
        staff = s.execute(select(Staff).where(col(Staff.username) == "cs.medan")).scalar_one()
        eligible = list_survey_eligible(s, staff, page_size=1)
        assert eligible.total > 0, "the demo must have a finished case without a survey"
        case = eligible.rows[0]

    since = last_audit_id(engine)
    app = open_app(page, demo_server, "survei", staff_label=label).locator(".plut-survey")
    expect(app.locator(".plut-ikm")).to_contain_text("Nilai IKM", timeout=60_000)
    app.locator("input[type=text]").first.fill(case.number)
    app.get_by_role("button", name="Cari").click()
    row = app.locator(".plut-eligible", has_text=case.number)
    expect(row).to_be_visible(timeout=30_000)
    expect(app.locator(".plut-eligible")).to_have_count(1)
    row.get_by_role("button", name="Pilih").click()
    expect(app.locator(".plut-selected-case")).to_contain_text(case.number)

    answers = [4, 3, 2, 1, 4, 3, 2, 1, 4]
    questions = app.locator(".plut-question")
    expect(questions).to_have_count(9)
    expect(questions.first).to_contain_text("kesesuaian persyaratan pelayanan")
    for i, value in enumerate(answers[:-1]):
        questions.nth(i).locator("input[type=radio]").nth(value - 1).check()
    app.locator("textarea").fill(XSS_NAME)
    app.get_by_role("button", name="Simpan survei").click()
    # the last question is unanswered: named, nothing saved, answers kept
    expect(app.locator(".plut-error")).to_contain_text("Pertanyaan 9", timeout=30_000)
    expect(questions.nth(0).locator("input[type=radio]").nth(3)).to_be_checked()
    with Session(engine) as s:
        assert (
            s.execute(
                select(SurveyResponse).where(col(SurveyResponse.case_id) == case.case_id)
            ).first()
            is None
        )

    questions.nth(8).locator("input[type=radio]").nth(answers[8] - 1).check()
    app.get_by_role("button", name="Simpan survei").click()
    expect(app.locator(".plut-ok")).to_contain_text(
        f"Survei untuk kasus {case.number} tersimpan", timeout=30_000
    )

    with Session(engine) as s:
        saved = s.execute(
            select(SurveyResponse).where(col(SurveyResponse.case_id) == case.case_id)
        ).scalar_one()
        staff = s.execute(select(Staff).where(col(Staff.username) == "cs.medan")).scalar_one()
        ikm = centre_ikm(s, staff, centre_id)
    assert list(saved.answers) == answers and saved.comment == XSS_NAME
    assert saved.centre_id == centre_id
    # The refused first attempt wrote nothing; the saved survey is one entry by cs.medan.
    [entry] = audit_trail(engine, [("survey", saved.id)], since=since)
    assert (entry.action, entry.actor_id, entry.before) == ("create", staff.id, None)
    recorded = entry.after or {}
    assert (recorded["case_id"], recorded["comment"]) == (case.case_id, XSS_NAME)
    assert [recorded[f"u{i}"] for i in range(1, 10)] == answers
    assert ikm is not None
    score = f"{ikm.score_rounded:.2f}".replace(".", ",")
    expect(app.locator(".plut-ikm")).to_contain_text(
        f"Nilai IKM {score} — mutu {ikm.grade} ({ikm.grade_label}) dari {ikm.n_respondents} "
        "responden"
    )
    expect(app.locator(".plut-eligible", has_text=case.number)).to_have_count(0)
