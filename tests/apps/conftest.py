"""Serving the apps with ``plut serve`` and driving them in real headless Chromium.

``demo_server`` serves a database filled by ``plut demo`` (300 enterprises,
seed 11); ``serve_data_dir`` starts a server on any prepared data folder.
``page`` is a fresh Chromium page that fails the test if any JavaScript dialog
(e.g. an injected ``alert``) opens.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.services import sync_reference_data

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
DEMO_SEED = 11
DEMO_ENTERPRISES = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("PLUT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PLUT_REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    return CHROMIUM


@contextmanager
def running_server(data: Path) -> Iterator[str]:
    """Run ``plut serve`` on ``data`` (a PLUT_DATA_DIR) and yield its base URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    env["PLUT_DATA_DIR"] = str(data)
    log_path = data / f"serve-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "plut_nb.cli", "serve", "--no-browser", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(base + "/", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        pytest.fail("plut serve did not start:\n" + log_path.read_text())
                    time.sleep(0.5)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def serve_data_dir(chromium: str) -> Callable[[Path], Any]:
    """Start a server on a prepared data folder: ``with serve_data_dir(path) as url: ...``."""
    return running_server


def prepare_database(data: Path, fill: Callable[[Engine], None]) -> Engine:
    """Create ``data/plut.db``, migrate it, sync the code lists and ``fill`` it."""
    data.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{data / 'plut.db'}")
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()
    fill(engine)
    return engine


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Engine]:
    """A data folder with demo data; the engine lets tests check what the browser saved."""
    data = tmp_path_factory.mktemp("demo-data")
    engine = prepare_database(
        data,
        lambda eng: generate_demo(
            eng, enterprises=DEMO_ENTERPRISES, seed=DEMO_SEED, progress=False
        ),
    )
    return data, engine


@pytest.fixture(scope="session")
def demo_server(demo_data: tuple[Path, Engine], chromium: str) -> Iterator[str]:
    """Base URL of ``plut serve`` over the demo data (shared by all browser tests)."""
    with running_server(demo_data[0]) as base:
        yield base


@pytest.fixture
def page(chromium: str) -> Iterator[Any]:
    """A fresh Chromium page; any JavaScript dialog (alert, confirm) fails the test."""
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            pg = browser.new_page(viewport={"width": 1400, "height": 1000})
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.set_default_timeout(60_000)
            yield pg
            assert dialogs == [], f"a script ran in the page: {dialogs}"
            assert "Traceback" not in pg.content()
        finally:
            browser.close()


def open_app(page: Any, base: str, app: str, staff_label: str | None = None) -> Any:
    """Open ``app`` and, in development mode, pick the staff member whose option starts with ``staff_label``."""
    from playwright.sync_api import expect

    page.goto(f"{base}/voila/render/{app}.ipynb", timeout=120_000)
    shell = page.locator(".plut-app")
    expect(shell).to_be_visible(timeout=120_000)
    if staff_label is not None:
        picker = shell.locator("select").first
        option = picker.locator("option", has_text=staff_label).first
        picker.select_option(value=option.get_attribute("value"))
        expect(shell.locator(".plut-header")).to_contain_text(staff_label.split(" —")[0])
    return shell
