"""The directory widget in plain pytest: set values, click, read what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.db import make_engine
from plut_nb.models import Staff
from tests._seed import XSS_NAME, nik, seed_directory
from widgets import DirectoryApp


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path / 'dir.db'}")
    seed_directory(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def app(seeded: Engine, monkeypatch: pytest.MonkeyPatch) -> DirectoryApp:
    from plut_nb.db import engine as engine_mod

    monkeypatch.setattr(engine_mod, "default_engine", lambda: seeded)
    with Session(seeded) as s:
        rina = s.execute(select(Staff).where(col(Staff.username) == "cs")).scalar_one()
    return DirectoryApp(rina, page_size=10)


def test_search_by_name_pages_and_masks(app: DirectoryApp) -> None:
    app.query.value = "roti bakar"
    app.search_button.click()
    assert app.result is not None and app.result.total == 25
    assert "halaman 1 dari 3" in app.status.value
    assert app.results.value.count("<tr>") == 11  # header + 10 rows
    assert nik(0) not in app.results.value
    assert "1271********0001" in app.results.value
    assert "+62812***0000" in app.results.value  # owner 00: 0812 7000000, masked
    assert app.prev_button.disabled and not app.next_button.disabled
    app.next_button.click()
    app.next_button.click()
    assert app.page == 3 and app.next_button.disabled
    assert app.results.value.count("<tr>") == 6


def test_search_by_nib_and_region(app: DirectoryApp) -> None:
    app.query.value = "9100000000007"
    app.search_button.click()
    assert app.result is not None and [r.name for r in app.result.rows] == ["Roti Bakar Medan 07"]
    app.query.value = ""
    app.region.value = "91.06"
    app.search_button.click()
    assert app.result is not None and app.result.total == 1


def test_unknown_region_is_an_error_not_an_empty_page(app: DirectoryApp) -> None:
    app.region.value = "99.99"
    app.search_button.click()
    assert "plut-error" in app.status.value and "99.99" in app.status.value
    app.region.value = "12.7"  # not a code: must not match 12.71 … 12.79 by prefix
    app.search_button.click()
    assert "plut-error" in app.status.value


def test_user_text_is_escaped(app: DirectoryApp) -> None:
    app.query.value = ""
    app.region.value = "91"
    app.search_button.click()
    assert XSS_NAME not in app.results.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.results.value


def test_failure_shows_message_not_traceback(
    app: DirectoryApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets.directory as mod

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(mod, "search_enterprises", boom)
    app.search_button.click()
    assert "secret internals" not in app.status.value
    assert "kesalahan tak terduga" in app.status.value
