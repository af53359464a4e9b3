"""Databases and servers for ``app_latency.py``: demo data, ``plut serve``, the bare app.

Both servers run the very command ``plut serve`` runs (:func:`plut_nb.serve.voila_command`:
the same Voila server class, options and environment), the bare one on
``benchmarks/bare_app/`` instead of ``notebooks/apps/``. Each runs in its own
process group, stopped with SIGTERM (Voila then shuts its kernels down) and
SIGKILL if it is still there 30 s later.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.apps import apps_dir
from plut_nb.batch.snapshot import copy_sqlite_file
from plut_nb.db import make_engine, session_scope, upgrade
from plut_nb.demo import generate_demo
from plut_nb.models import Centre, Enterprise
from plut_nb.serve import voila_command
from plut_nb.services import sync_reference_data

__all__ = [
    "BARE_DIR",
    "build_demo",
    "copy_database",
    "demo_account",
    "free_port",
    "plut_serve",
    "sign_in",
    "voila_on",
]

BARE_DIR = Path(__file__).resolve().parent / "bare_app"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(engine: Engine) -> None:
    upgrade(engine)  # a database kept from an earlier run may predate a migration
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()


def build_demo(data: Path, enterprises: int) -> Engine:
    """A migrated ``data/plut.db`` filled by the demo generator."""
    data.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{data / 'plut.db'}")
    _prepare(engine)
    t0 = time.perf_counter()
    generate_demo(engine, enterprises=enterprises, seed=11, progress=enterprises > 50_000)
    print(f"  {enterprises:,} demo enterprises in {time.perf_counter() - t0:,.0f} s", flush=True)
    # Close every connection, as `plut demo` does when it exits: the last one folds the
    # write-ahead log into the database, so the server does not start with a huge WAL.
    engine.dispose()
    return engine


def copy_database(source: Path, data: Path) -> tuple[Engine, int]:
    """Copy ``source`` to ``data/plut.db`` without writing to it; migrate the copy.

    The copy is SQLite's online backup read through a read-only connection: one
    consistent snapshot (write-ahead log included) even if another process has
    the file open; the source is never checkpointed or changed.

    Returns:
        The copy's engine and its number of enterprises.
    """
    data.mkdir(parents=True, exist_ok=True)
    target = data / "plut.db"
    t0 = time.perf_counter()
    copy_sqlite_file(source, target, read_only=True)
    engine = make_engine(f"sqlite:///{target}")
    _prepare(engine)
    with Session(engine) as s:
        n = int(s.execute(select(func.count()).select_from(Enterprise)).scalar_one())
    print(f"  copied {source} ({n:,} enterprises) in {time.perf_counter() - t0:,.0f} s", flush=True)
    engine.dispose()
    return engine, n


def demo_account(engine: Engine) -> tuple[str, str, str]:
    """(username, password, picker label) of centre 1's front-office demo account.

    Gives the demo accounts their published password, as ``plut demo`` does.
    """
    from plut_nb.security.demo_accounts import DEMO_PASSWORD, install_demo_accounts

    with session_scope(engine) as s:
        logins = install_demo_accounts(s)
        first = s.get(Centre, 1)
        assert first is not None
        login = next(x for x in logins if x.role == "front_office" and x.centre_code == first.code)
    return login.username, DEMO_PASSWORD, f"{login.name} — front_office"


@contextlib.contextmanager
def _server(cmd: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    """Run a server in its own process group; yield its base URL once it answers."""
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(base + "/", timeout=2):
                        break
                except urllib.error.HTTPError:
                    break  # any HTTP answer (the bare folder has no start page): it is up
                except OSError as exc:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(
                            f"server did not start: {' '.join(cmd)}\n{log.read_text()}"
                        ) from exc
                    time.sleep(0.5)
            yield base
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _env(data: Path, auth: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    env["PLUT_DATA_DIR"] = str(data)
    env["PLUT_AUTH"] = auth
    return env


def plut_serve(data: Path, log: Path, *, auth: str) -> contextlib.AbstractContextManager[str]:
    """``plut serve`` on ``data`` (sign-in ``auth`` ``"on"`` or ``"off"``); yields the base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "plut_nb.cli", "serve", "--no-browser", "--port", str(port)]
    return _server(cmd, _env(data, auth), port, log)


def voila_on(folder: Path, data: Path, log: Path) -> contextlib.AbstractContextManager[str]:
    """The server ``plut serve`` starts, same options, on ``folder``, development mode."""
    port = free_port()
    apps = str(apps_dir())
    cmd = [arg.replace(apps, str(folder)) for arg in voila_command(port)]
    return _server(cmd, _env(data, "off"), port, log)


def sign_in(ctx: Any, base: str, username: str, password: str) -> None:
    """Sign in once in the browser context ``ctx`` (its later pages carry the session)."""
    page = ctx.new_page()
    try:
        page.goto(f"{base}/login", wait_until="domcontentloaded")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("form.plut-signin button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url, wait_until="commit")
    finally:
        page.close()
