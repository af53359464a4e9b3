"""The directory app served by ``plut serve`` and driven in real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from plut_nb.db import make_engine
from tests._seed import XSS_NAME, nik, seed_directory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("PLUT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("PLUT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PLUT_REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    data = tmp_path_factory.mktemp("serve-data")
    eng = make_engine(f"sqlite:///{data / 'plut.db'}")
    seed_directory(eng)
    eng.dispose()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    env["PLUT_DATA_DIR"] = str(data)
    log = (data / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "plut_nb.cli", "serve", "--no-browser", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.close()
                pytest.fail("plut serve did not start:\n" + (data / "serve.log").read_text())
            time.sleep(0.5)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_directory_search_in_chromium(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"{server}/voila/render/direktori.ipynb", timeout=120_000)
            picker = page.locator(".plut-app select")
            expect(picker).to_be_visible(timeout=120_000)  # development mode: who am I?
            picker.select_option(label="Rina — front_office")
            expect(page.locator(".plut-header")).to_contain_text("PLUT Sumatera Utara")
            app = page.locator(".plut-directory")
            expect(app).to_be_visible(timeout=60_000)
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
            assert dialogs == []  # the onerror handler never ran
            assert "Traceback" not in page.content()
        finally:
            browser.close()
