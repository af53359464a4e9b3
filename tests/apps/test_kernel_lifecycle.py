"""An app page's kernel ends with the page: at once when the tab closes, later when it vanishes.

Each open app page holds a Python kernel on the server (a few tens of MB). A tab that
is closed or navigated away tells Voila to stop it; a browser that disappears without
a word (crash, sleep, lost connection) leaves it disconnected, and the server stops
it after ``PLUT_KERNEL_IDLE_MINUTES`` idle. Checked on the kernels' real processes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.apps.conftest import FLAGS, kernel_pids, open_app, running_server
from tests.apps.test_intake_browser import front_office

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _wait_until(check: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return bool(check())


def test_leaving_the_page_stops_its_kernel(
    demo_server: str, demo_data: tuple[Path, Engine], page: Any
) -> None:
    staff = front_office(demo_data[1])
    before = kernel_pids(demo_server)
    open_app(page, demo_server, "pendaftaran", staff_label=f"{staff.name} — front_office")
    mine = kernel_pids(demo_server) - before
    assert mine, "opening an app started no kernel"
    page.goto("about:blank")
    assert _wait_until(lambda: not (mine & kernel_pids(demo_server)), 30), (
        "the kernel outlived its page"
    )


def test_kernel_of_a_vanished_browser_is_stopped_when_idle(
    demo_data: tuple[Path, Engine], chromium: str
) -> None:
    from playwright.sync_api import sync_playwright

    staff = front_office(demo_data[1])
    # 6 s idle: the server checks every 5 s.
    with running_server(demo_data[0], {"PLUT_KERNEL_IDLE_MINUTES": "0.1"}) as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
            pg = browser.new_page()
            pg.set_default_timeout(60_000)
            open_app(pg, base, "pendaftaran", staff_label=f"{staff.name} — front_office")
            mine = kernel_pids(base)
            assert mine, "opening an app started no kernel"
            time.sleep(8)  # idle, but still connected: kept
            assert mine <= kernel_pids(base), "the kernel of an open page was stopped"
            # The browser goes without unloading the page: no shutdown request is sent.
            browser.close()
        assert _wait_until(lambda: not (mine & kernel_pids(base)), 60), (
            "the disconnected kernel was never stopped"
        )
