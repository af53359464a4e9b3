"""The dashboard app (dasbor) in real headless Chromium: its numbers equal the database's.

The expected figures are computed here with plain SQL on the served demo
database, independently of :mod:`plut_nb.analytics`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from plut_nb.clock import today
from plut_nb.rules import ikm_result
from tests.apps.conftest import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CENTRE = "PLUT-SUMUT"
_C = "(SELECT id FROM centre WHERE code = :c)"
_OPEN = "('baru', 'ditugaskan', 'dalam_proses', 'menunggu_pihak_lain')"
_SQL = {
    "enterprises_served": (
        "SELECT count(*) FROM (SELECT enterprise_id FROM service_case "
        f"WHERE centre_id = {_C} AND opened_on BETWEEN :a AND :b UNION "
        "SELECT k.enterprise_id FROM activity x JOIN service_case k ON k.id = x.case_id "
        f"WHERE k.centre_id = {_C} AND x.held_on BETWEEN :a AND :b) served"
    ),
    "cases_opened": (
        f"SELECT count(*) FROM service_case WHERE centre_id = {_C} AND opened_on BETWEEN :a AND :b"
    ),
    "cases_closed": (
        f"SELECT count(*) FROM service_case WHERE centre_id = {_C} "
        "AND status IN ('selesai', 'ditutup') AND closed_on BETWEEN :a AND :b"
    ),
    "open_cases": f"SELECT count(*) FROM service_case WHERE centre_id = {_C} AND status IN {_OPEN}",
    "overdue_cases": (
        f"SELECT count(*) FROM service_case WHERE centre_id = {_C} AND status IN {_OPEN} "
        "AND due_on < :now"
    ),
    "permits_obtained": (
        "SELECT count(*) FROM permit_application p JOIN service_case k ON k.id = p.case_id "
        f"WHERE k.centre_id = {_C} AND p.status = 'terbit' AND p.issued_on BETWEEN :a AND :b"
    ),
    "events_held": (
        f"SELECT count(*) FROM event WHERE centre_id = {_C} AND starts_on BETWEEN :a AND :b"
    ),
    "event_attended": (
        "SELECT count(*) FROM event_attendance r JOIN event e ON e.id = r.event_id "
        f"WHERE e.centre_id = {_C} AND e.starts_on BETWEEN :a AND :b AND r.attended"
    ),
    "event_sales": (
        "SELECT coalesce(sum(r.sales), 0) FROM event_attendance r JOIN event e ON e.id = r.event_id "
        f"WHERE e.centre_id = {_C} AND e.starts_on BETWEEN :a AND :b"
    ),
}
_MINUTES = (
    "SELECT coalesce(sum(x.minutes), 0) FROM activity x JOIN service_case k ON k.id = x.case_id "
    f"WHERE k.centre_id = {_C} AND x.held_on BETWEEN :a AND :b"
)
_SURVEYS = (
    "SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM survey_response "
    f"WHERE centre_id = {_C} AND submitted_on BETWEEN :a AND :b"
)


def expected(engine: Engine, start: date, end: date, now: date) -> dict[str, str]:
    """The dashboard's headline numbers computed straight from the database."""
    args = {"c": CENTRE, "a": start, "b": end, "now": now}
    with Session(engine) as s:
        out = {k: str(int(s.execute(text(q), args).scalar_one())) for k, q in _SQL.items()}
        minutes = int(s.execute(text(_MINUTES), args).scalar_one())
        answers = [list(r) for r in s.execute(text(_SURVEYS), args).all()]
    out["consultation_hours"] = str(round(minutes / 60, 2))
    out["ikm_score"] = str(ikm_result(answers).score_rounded) if answers else ""
    return out


def shown(app: Any) -> dict[str, str]:
    """The headline numbers the page shows (raw values of the cards)."""
    cards = app.locator(".plut-kpi")
    return {
        cards.nth(i).get_attribute("data-kpi"): cards.nth(i).get_attribute("data-value")
        for i in range(cards.count())
    }


def manager_label(engine: Engine) -> str:
    with Session(engine) as s:
        name = s.execute(
            text(
                "SELECT s.name FROM staff s JOIN centre c ON c.id = s.centre_id "
                "WHERE c.code = :c AND s.username LIKE 'manajer.%'"
            ),
            {"c": CENTRE},
        ).scalar_one()
    return f"{name} — manager"


def test_dashboard_numbers_match_the_database(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    shell = open_app(page, demo_server, "dasbor", staff_label=manager_label(engine))
    app = shell.locator(".plut-dashboard")
    expect(app.locator('.plut-kpi[data-kpi="ikm_score"]')).to_be_visible(timeout=120_000)
    now = today()
    want = expected(engine, date(now.year, 1, 1), now, now)
    got = shown(app)
    assert {k: got.get(k) for k in want} == want
    opened_card = app.locator('.plut-kpi[data-kpi="cases_opened"] .plut-kpi-value')
    assert opened_card.inner_text().replace(".", "") == want["cases_opened"]
    images = app.locator("img")
    expect(images).to_have_count(5)
    widths = images.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(wd > 100 for wd in widths)

    # another period: June 2026 of the demo year
    dates = app.locator("input[type=date]")
    dates.nth(0).fill("2026-06-01")
    dates.nth(1).fill("2026-06-30")
    app.get_by_role("button", name="Tampilkan").click()
    expect(app).to_contain_text("2026-06-01", timeout=60_000)
    want_june = expected(engine, date(2026, 6, 1), date(2026, 6, 30), now)
    assert int(want_june["cases_opened"]) > 0
    got_june = shown(app)
    assert {k: got_june.get(k) for k in want_june} == want_june
