"""Sign-in in real Chromium: the consultant sees themself in the header, never a staff picker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from plut_nb.models import Centre, Staff
from tests.apps.conftest import account_for, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _staff(engine: Engine, username: str) -> tuple[Staff, Centre]:
    with Session(engine) as s:
        staff = s.exec(select(Staff).where(col(Staff.username) == username)).one()
        centre = s.get(Centre, staff.centre_id)
        assert centre is not None
        return staff, centre


def test_consultant_signs_in_and_sees_their_own_name_and_centre(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    from playwright.sync_api import expect

    engine = demo_data[1]
    consultant, centre = _staff(engine, "konsultan1.medan")
    manager, _ = _staff(engine, "manajer.medan")
    username = account_for(demo_server, f"{consultant.name} — consultant")
    assert username == "konsultan1.medan"

    # nothing before sign-in: the app URL lands on the sign-in page
    page.goto(f"{demo_server}/voila/render/kasus.ipynb", timeout=120_000)
    expect(page.locator("form.plut-signin")).to_be_visible(timeout=60_000)
    assert "/login?next=" in page.url and page.locator(".plut-app").count() == 0

    page.fill("#username", username)
    page.fill("#password", "bukan-kata-sandinya")
    page.click("form.plut-signin button[type=submit]")
    expect(page.locator(".plut-signin-error")).to_contain_text("Gagal masuk")

    sign_in(page, demo_server, username, next_path="/voila/render/kasus.ipynb")
    header = page.locator(".plut-app .plut-header")
    expect(header).to_contain_text(consultant.name, timeout=120_000)
    expect(header).to_contain_text(centre.name)
    expect(page.locator(".plut-app .plut-signout")).to_be_visible()
    assert "pilih petugas" not in page.content()
    assert page.locator(".plut-app option", has_text="pilih petugas").count() == 0
    assert "staff_id" not in page.content()  # the injected parameter cell is not shown

    # a forged staff_id in the query string changes nothing
    page.goto(f"{demo_server}/voila/render/kasus.ipynb?staff_id={manager.id}", timeout=120_000)
    expect(header).to_contain_text(consultant.name, timeout=120_000)
    assert manager.name not in header.inner_text()

    # sign out: the app asks for sign-in again
    page.locator(".plut-app .plut-signout").click()
    expect(page.locator("body")).to_contain_text("Anda sudah keluar", timeout=60_000)
    page.goto(f"{demo_server}/voila/render/kasus.ipynb", timeout=120_000)
    expect(page.locator("form.plut-signin")).to_be_visible(timeout=60_000)
