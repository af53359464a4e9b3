"""Serving the apps with ``plut serve`` and driving them in real headless Chromium.

``demo_server`` serves a database filled by ``plut demo`` (300 enterprises,
seed 11); ``serve_data_dir`` starts a server on any prepared data folder.
``page`` is a fresh Chromium page that fails the test if any JavaScript dialog
(e.g. an injected ``alert``) opens. Servers run with sign-in on: ``open_app``
signs in as the staff member a "Name — roles" label names (giving them the demo
password when they have none), ``sign_in`` signs in as a username.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.security.demo_accounts import DEMO_PASSWORD
from plut_nb.security.passwords import hash_password
from plut_nb.services import list_staff, sync_reference_data

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

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
#: Seconds Voila and its kernels get to stop after SIGTERM before SIGKILL.
STOP_GRACE = 20
#: Default wait of every Playwright expectation (ms): kernels on a loaded 2-core machine
#: can take many seconds to answer, and an expectation that gives up early fails a test
#: whose page was only slow.
EXPECT_TIMEOUT = 60_000
#: Minutes a test server keeps the kernel of a page whose browser went away.
TEST_KERNEL_IDLE_MINUTES = "3"


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


#: Data folder of each running test server, by base URL (``open_app`` signs in from it).
SERVED: dict[str, Path] = {}
#: Process id of each running test server (``plut serve``), by base URL.
SERVER_PIDS: dict[str, int] = {}


@contextmanager
def running_server(data: Path, extra_env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Run ``plut serve`` on ``data`` (a PLUT_DATA_DIR) and yield its base URL.

    Sign-in is on (the default); ``extra_env`` adds ``PLUT_*`` settings for the server.
    """
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    env["PLUT_DATA_DIR"] = str(data)
    env["PLUT_KERNEL_IDLE_MINUTES"] = TEST_KERNEL_IDLE_MINUTES
    env.update(extra_env or {})
    log_path = data / f"serve-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "plut_nb.cli", "serve", "--no-browser", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Own process group: `plut serve` starts Voila, which starts the kernels;
            # stopping the group stops all of them, not only `plut serve`.
            start_new_session=True,
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
            SERVED[base] = data
            SERVER_PIDS[base] = proc.pid
            yield base
        finally:
            SERVED.pop(f"http://127.0.0.1:{port}", None)
            SERVER_PIDS.pop(f"http://127.0.0.1:{port}", None)
            stop_group(proc)


def stop_group(proc: subprocess.Popen[bytes], grace: float = STOP_GRACE) -> None:
    """Stop ``proc``, its process group and every process it started; nothing outlives it.

    SIGTERM goes to the group (``proc`` must lead one: ``start_new_session=True``),
    so Voila shuts its kernels down itself. Kernels run in sessions of their own
    (jupyter_client starts them so), so they are also looked up beforehand as
    descendants of ``proc``: whatever of the group or of them is left after
    ``grace`` seconds gets SIGKILL.
    """
    started = _descendants(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        proc.poll()  # reap the leader, or it lingers as a zombie member of the group
        if not _group_alive(proc.pid) and not any(_alive(*p) for p in started):
            break
        time.sleep(0.2)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        for pid, start in started:
            if _alive(pid, start):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
    proc.wait()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) of a live process from ``/proc``, else ``None``."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    if fields[0] == "Z":  # a zombie has already exited
        return None
    return int(fields[1]), fields[19]


def _alive(pid: int, start: str) -> bool:
    """Whether ``pid`` still runs and is the process that started at ``start``."""
    stat = _stat(pid)
    return stat is not None and stat[1] == start


def kernel_pids(base: str) -> set[int]:
    """Process ids of the kernels the test server at ``base`` is running now."""
    found = set()
    for pid, _start in _descendants(SERVER_PIDS[base]):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel" in cmdline:
            found.add(pid)
    return found


def _descendants(root: int) -> list[tuple[int, str]]:
    """(pid, start time) of every live process below ``root`` (Linux ``/proc``)."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            children.setdefault(stat[0], []).append((int(entry.name), stat[1]))
    found: list[tuple[int, str]] = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


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

    def fill(eng: Engine) -> None:
        generate_demo(eng, enterprises=DEMO_ENTERPRISES, seed=DEMO_SEED, progress=False)

    engine = prepare_database(data, fill)
    return data, engine


@pytest.fixture(scope="session")
def demo_server(demo_data: tuple[Path, Engine], chromium: str) -> Iterator[str]:
    """Base URL of ``plut serve`` over the demo data (shared by all browser tests)."""
    with running_server(demo_data[0]) as base:
        yield base


@pytest.fixture
def page(chromium: str) -> Iterator[Any]:
    """A fresh Chromium page; any JavaScript dialog (alert, confirm) fails the test.

    Expectations wait up to :data:`EXPECT_TIMEOUT`. At the end the page leaves the
    app as a closing tab does, so Voila stops its kernel at once instead of leaving
    it to idle on the shared server.
    """
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT)

    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            pg: Page = browser.new_page(viewport={"width": 1400, "height": 1000})
            pg.on("dialog", refuse)
            pg.set_default_timeout(60_000)
            try:
                yield pg
                assert dialogs == [], f"a script ran in the page: {dialogs}"
                assert "Traceback" not in pg.content()
            finally:
                with contextlib.suppress(Exception):  # the page may be gone already
                    pg.goto("about:blank", timeout=10_000)  # beforeunload: Voila's shutdown
        finally:
            browser.close()


def account_for(base: str, staff_label: str) -> str:
    """Username of the first active staff member whose "Name — roles" starts with ``staff_label``.

    A staff member without a password gets :data:`DEMO_PASSWORD` (test setup, not audited).
    """
    engine = make_engine(f"sqlite:///{SERVED[base] / 'plut.db'}")
    try:
        with Session(engine) as s:
            found = [
                st
                for st in list_staff(s)
                if f"{st.name} — {', '.join(st.roles)}".startswith(staff_label)
            ]
            assert found, f"no staff member matches {staff_label!r}"
            staff = found[0]
            if not staff.password_hash:
                staff.password_hash = hash_password(DEMO_PASSWORD)
                staff.password_changed_at = datetime.now(UTC)
                s.add(staff)
                s.commit()
            return staff.username
    finally:
        engine.dispose()


def sign_in(
    page: Any,
    base: str,
    username: str,
    password: str = DEMO_PASSWORD,
    next_path: str = "/voila/render/beranda.ipynb",
) -> None:
    """Sign in through the sign-in page and follow it to ``next_path``."""
    page.goto(f"{base}/login?next={quote(next_path)}", timeout=60_000)
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form.plut-signin button[type=submit]")
    page.wait_for_url(f"{base}{next_path}*", wait_until="commit", timeout=60_000)


def open_app(page: Any, base: str, app: str, staff_label: str | None = None) -> Any:
    """Open ``app``, first signing in as the staff member ``staff_label`` names ("Name — roles").

    Without ``staff_label`` the page must already be signed in (see :func:`sign_in`).
    """
    from playwright.sync_api import expect

    path = f"/voila/render/{app}.ipynb"
    if staff_label is not None:
        sign_in(page, base, account_for(base, staff_label), next_path=path)
    else:
        page.goto(f"{base}{path}", timeout=120_000)
    shell = page.locator(".plut-app")
    expect(shell).to_be_visible(timeout=120_000)
    if staff_label is not None:
        expect(shell.locator(".plut-header")).to_contain_text(staff_label.split(" —")[0])
    return shell
