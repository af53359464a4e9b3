"""The app frame: acting staff member, development picker, start page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest
from sqlalchemy import Engine

from plut_nb.db import make_engine
from plut_nb.models import Staff
from plut_nb.settings import reset_settings
from tests._seed import seed_directory
from widgets import AppShell, StartPage


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    from plut_nb.db import engine as engine_mod

    eng = make_engine(f"sqlite:///{tmp_path / 'shell.db'}")
    seed_directory(eng, n=2)
    monkeypatch.setattr(engine_mod, "default_engine", lambda: eng)
    yield eng
    eng.dispose()


def test_signed_in_staff_builds_the_body_at_once(seeded: Engine) -> None:
    seen: list[Staff] = []
    shell = AppShell("Uji", lambda s: seen.append(s) or w.Label("isi"), staff_id=1)
    assert [s.name for s in seen] == ["Rina"] and shell.actor is not None
    assert shell.picker.layout.display == "none"
    assert "PLUT Sumatera Utara" in shell.header.value and "Rina" in shell.header.value


def test_development_picker_then_body(seeded: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLUT_AUTH", "off")
    reset_settings()
    shell = AppShell("Uji", lambda s: w.Label(f"halo {s.name}"))
    assert "/logout" not in shell.header.value
    assert shell.actor is None and shell.container.children == ()
    assert "pilih petugas" in shell.header.value
    shell.picker.value = 1
    assert shell.actor is not None and shell.actor.name == "Rina"
    assert isinstance(shell.body, w.Label) and shell.body.value == "halo Rina"


def test_with_sign_in_on_there_is_no_picker(seeded: Engine) -> None:
    shell = AppShell("Uji", lambda s: w.Label("isi"))
    assert shell.actor is None and shell.container.children == ()
    assert shell.picker.layout.display == "none" and shell.picker.options == ()
    assert "pilih petugas" not in shell.header.value
    assert "/login" in shell.message.value and "Silakan masuk" in shell.message.value
    signed_in = AppShell("Uji", lambda s: w.Label("isi"), staff_id=1)
    assert 'href="/logout"' in signed_in.header.value


def test_unknown_staff_is_a_message_not_a_crash(seeded: Engine) -> None:
    shell = AppShell("Uji", lambda s: w.Label("isi"), staff_id=999)
    assert shell.actor is None
    assert "plut-error" in shell.message.value and "999" in shell.message.value


def test_start_page_links_every_app_but_itself() -> None:
    html = StartPage().children[1].value
    assert "/voila/render/direktori.ipynb" in html and "Direktori UMKM" in html
    assert "beranda.ipynb" not in html


def test_every_exported_app_resolves() -> None:
    import widgets

    for name in widgets.__all__:
        assert isinstance(getattr(widgets, name), type), name
    with pytest.raises(AttributeError):
        _ = widgets.NoSuchApp
