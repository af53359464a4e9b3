"""The dashboard widget in plain pytest: pick a period or centre, refresh, read what it shows."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.db import make_engine, read_scope
from plut_nb.services.intake import IntakeForm, register_enterprise
from tests._seed import XSS_NAME
from tests.analytics import AS_OF, Known, build_known, d
from widgets.dashboard import CHART_KEYS, DashboardApp

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def db(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    path = tmp_path / "dash.db"
    shutil.copy(sqlite_template, path)
    eng = make_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


@pytest.fixture
def known(db: Engine) -> Known:
    return build_known(db)


def _app(db: Engine, known: Known, **kw: object) -> DashboardApp:
    def sessions() -> AbstractContextManager[Session]:
        return read_scope(db)

    return DashboardApp(known.manager, sessions, as_of=AS_OF, **kw)  # type: ignore[arg-type]


def kpi(app: DashboardApp, key: str, attr: str = "value") -> str:
    found = re.search(rf'data-kpi="{key}" data-value="([^"]*)"', app.cards.value)
    assert found, f"no card {key}"
    if attr == "value":
        return found.group(1)
    card = re.search(rf'data-kpi="{key}"[^>]*', app.cards.value)
    assert card is not None
    m = re.search(rf'data-{attr}="([^"]*)"', card.group(0))
    assert m is not None
    return m.group(1)


def test_opens_on_own_centre_year_to_date(db: Engine, known: Known) -> None:
    app = _app(db, known)
    assert app.centre.value == "PLUT-SUMUT"
    assert [label for label, _ in app.centre.options] == ["PLUT Biak Numfor", "PLUT Sumatera Utara"]
    assert (app.start.value, app.end.value) == (d(1, 1), AS_OF)
    assert kpi(app, "cases_opened") == "7"  # C8 C1 C4 C2 C3 C6b C5
    assert kpi(app, "overdue_cases") == "2" and kpi(app, "open_cases") == "4"
    assert "PLUT Sumatera Utara" in app.heading.value and "2026-01-01" in app.heading.value


def test_changing_the_period_changes_the_numbers(db: Engine, known: Known) -> None:
    app = _app(db, known)
    before = dict(app.png)
    app.start.value, app.end.value = d(3, 1), d(3, 31)
    assert kpi(app, "cases_opened") == "7"  # nothing recomputed before the click
    app.refresh_button.click()
    assert kpi(app, "enterprises_served") == "5"
    assert (kpi(app, "enterprises_served", "new"), kpi(app, "enterprises_served", "returning")) == (
        "2",
        "3",
    )
    assert (kpi(app, "cases_opened"), kpi(app, "cases_closed")) == ("3", "1")
    assert kpi(app, "consultation_hours") == "3.75"
    assert (kpi(app, "permits_obtained"), kpi(app, "events_held")) == ("2", "2")
    assert (kpi(app, "event_attended"), kpi(app, "event_sales")) == ("2", "1500000")
    assert (kpi(app, "ikm_score"), kpi(app, "ikm_score", "grade")) == ("86.11", "B")
    assert ">1.500.000<" in app.cards.value and ">86,11 (B)<" in app.cards.value
    assert app.png["monthly"] != before["monthly"]


def test_charts_are_png_images(db: Engine, known: Known) -> None:
    app = _app(db, known)
    assert set(app.png) == set(CHART_KEYS)
    for key in CHART_KEYS:
        shown = bytes(app.charts[key].value)
        assert shown.startswith(PNG) and shown == app.png[key] and app.charts[key].format == "png"


def test_bad_period_shows_error_and_keeps_input(db: Engine, known: Known) -> None:
    app = _app(db, known)
    app.start.value, app.end.value = d(3, 31), d(3, 1)
    app.refresh_button.click()
    assert "plut-error" in app.message.value and "2026-03-01" in app.message.value
    assert (app.start.value, app.end.value) == (d(3, 31), d(3, 1))
    assert kpi(app, "cases_opened") == "7"  # the figures on screen still match the heading
    app.start.value = d(3, 1)
    app.end.value = d(3, 31)
    app.refresh_button.click()
    assert app.message.value == "" and kpi(app, "cases_opened") == "3"
    app.start.value = None
    app.refresh_button.click()
    assert "tanggal mulai" in app.message.value


def test_other_centre(db: Engine, known: Known) -> None:
    app = _app(db, known)
    app.centre.value = "PLUT-BIAK"
    app.refresh_button.click()
    assert kpi(app, "enterprises_served") == "1" and kpi(app, "event_sales") == "700000"
    assert "Yohanes Biak" in app.workload.body.value and "Ani" not in app.workload.body.value


def test_overdue_and_workload_tables_are_paged_and_escaped(db: Engine, known: Known) -> None:
    with Session(db) as s:
        register_enterprise(
            s,
            known.manager,
            IntakeForm(enterprise_name=XSS_NAME, village_code="12.71.01.1001",
                       owner_name="X", service_code="konsultasi_bisnis"),
            on=d(1, 2),
        )  # fmt: skip
        s.commit()
    app = _app(db, known, page_size=2)
    assert kpi(app, "overdue_cases") == "3"
    assert "3 baris — halaman 1 dari 2" in app.overdue.status.value
    first = app.overdue.body.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in first and XSS_NAME not in first
    assert "belum ditugaskan" in first and app.overdue.prev_button.disabled
    app.overdue.next_button.click()
    assert "Usaha Uji 2" in app.overdue.body.value and "Usaha Uji 8" not in app.overdue.body.value
    assert app.overdue.next_button.disabled and "halaman 2 dari 2" in app.overdue.status.value
    assert "Ani Konsultan" in app.workload.body.value and "Eko" not in app.workload.body.value
    app.workload.next_button.click()
    assert "Eko Lapangan" in app.workload.body.value
    assert "halaman 2 dari 2" in app.workload.status.value


def test_failure_shows_message_not_traceback(
    db: Engine, known: Known, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets.dashboard as mod

    app = _app(db, known)

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(mod, "dashboard_kpis", boom)
    app.refresh_button.click()
    assert "plut-error" in app.message.value
    assert "secret" not in app.message.value and "Traceback" not in app.message.value
    assert not app.refresh_button.disabled  # usable again after the failure


def test_english_numbers(db: Engine, known: Known, monkeypatch: pytest.MonkeyPatch) -> None:
    from plut_nb.settings import reset_settings

    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    app = _app(db, known)
    app.start.value = d(3, 1)
    app.refresh_button.click()
    assert "Enterprises served" in app.cards.value and ">1,500,000<" in app.cards.value
