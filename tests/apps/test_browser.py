"""The directory app served by ``plut serve`` and driven in real headless Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._seed import XSS_NAME, nik, seed_directory
from tests.apps.conftest import account_for, open_app, prepare_database, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, serve_data_dir: Callable[[Path], Any]
) -> Iterator[str]:
    data = tmp_path_factory.mktemp("serve-data")
    prepare_database(data, seed_directory).dispose()
    with serve_data_dir(data) as base:
        yield base


def test_start_page_links_the_directory(server: str, page: Any) -> None:
    from playwright.sync_api import expect

    sign_in(page, server, account_for(server, "Rina — front_office"))
    link = page.get_by_role("link", name="Direktori UMKM")
    expect(link).to_be_visible(timeout=120_000)
    link.click()
    expect(page.locator(".plut-app .plut-header")).to_contain_text("Rina", timeout=120_000)


def test_directory_search_in_chromium(server: str, page: Any) -> None:
    from playwright.sync_api import expect

    open_app(page, server, "direktori", staff_label="Rina — front_office")
    app = page.locator(".plut-directory")
    expect(app).to_contain_text("26 usaha ditemukan", timeout=60_000)
    inputs = app.locator("input[type=text]")
    inputs.nth(0).fill("roti bakar")
    app.get_by_role("button", name="Cari").click()
    expect(app).to_contain_text("25 usaha ditemukan — halaman 1 dari 2", timeout=30_000)
    expect(app).to_contain_text("1271********0001")
    assert nik(0) not in page.content()
    app.get_by_role("button", name="Berikutnya").click()
    expect(app).to_contain_text("halaman 2 dari 2", timeout=30_000)
    inputs.nth(0).fill("")
    inputs.nth(1).fill("91")
    app.get_by_role("button", name="Cari").click()
    expect(app.locator("td", has_text=XSS_NAME)).to_be_visible(timeout=30_000)
