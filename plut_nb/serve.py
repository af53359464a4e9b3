"""Serve the staff apps in ``notebooks/apps`` with Voila, behind sign-in.

``plut serve`` runs :mod:`plut_nb.security.server` (Voila with the staff sign-in,
the per-app role check and no file browsing) in a child process. Development
mode (``--dev`` or ``PLUT_AUTH=off``) has no sign-in and a staff picker, so it
listens on loopback only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import webbrowser

from sqlalchemy import Engine
from sqlmodel import col, select

from plut_nb.apps import app_url, apps_dir, list_apps
from plut_nb.db import default_engine, ensure_current, read_scope
from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.security.demo_accounts import DEMO_PASSWORD, demo_logins
from plut_nb.settings import get_settings

__all__ = ["run_voila", "voila_command"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def voila_command(port: int, *, ip: str = "127.0.0.1") -> list[str]:
    """The command line of the PLUT Voila server (see :mod:`plut_nb.security.server`)."""
    cmd = [
        sys.executable,
        "-m",
        "plut_nb.security.server",
        str(apps_dir()),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",  # the printed URLs must be the real ones
        "--Voila.root_dir=" + str(apps_dir()),
        "--no-browser",  # we open the start page ourselves, not Voila's file list
    ]
    return cmd


def server_env(*, dev: bool = False) -> dict[str, str]:
    """Environment for Voila and its kernels: absolute data folder, same database, sign-in mode."""
    settings = get_settings()
    env = dict(os.environ)
    env["PLUT_DATA_DIR"] = str(settings.data_dir)
    env["PLUT_LANG"] = settings.lang
    env["PLUT_AUTH"] = "off" if dev or settings.auth == "off" else "on"
    if settings.db_url:
        env["PLUT_DB_URL"] = settings.db_url
    return env


def run_voila(
    *, port: int = 8866, open_browser: bool = True, ip: str = "127.0.0.1", dev: bool = False
) -> int:
    """Check the schema, print the app URLs (and demo sign-ins) and run Voila until it stops.

    Args:
        port: Port to listen on.
        open_browser: Open the start page in a browser.
        ip: Address to listen on; beyond loopback only with sign-in on.
        dev: Development mode (no sign-in, staff picker), as ``PLUT_AUTH=off``.

    Raises:
        SchemaOutOfDate: The database needs ``plut db upgrade`` first.
        PlutError: Development mode asked to listen beyond this machine, or the
            apps folder holds no notebooks.
    """
    settings = get_settings()
    dev = dev or settings.auth == "off"
    if dev and ip not in _LOOPBACK:
        # No sign-in: personal data must not be reachable from the network.
        raise PlutError(t("serve.remote_without_login", ip=ip))
    if not any(apps_dir().glob("*.ipynb")):
        raise PlutError(t("serve.no_apps", path=apps_dir()))
    engine = default_engine()
    ensure_current(engine)
    base = f"http://{ip}:{port}"
    print(f"PLUT-NB: {app_url('beranda', base)}", flush=True)
    for info in list_apps(settings.lang):
        print(f"  {info.title}: {app_url(info.name, base)}", flush=True)
    if dev:
        print(t("serve.dev_mode"), flush=True)
    else:
        _print_sign_in_notes(engine, ip)
    if open_browser:
        threading.Timer(3.0, webbrowser.open, [app_url("beranda", base)]).start()
    return _run_forwarding_signals(voila_command(port, ip=ip), server_env(dev=dev))


def _run_forwarding_signals(cmd: list[str], env: dict[str, str]) -> int:
    """Run the server and pass SIGTERM/SIGHUP on to it, so stopping ``plut serve`` stops Voila.

    (Ctrl-C already reaches the whole foreground process group.) Without this a
    service manager or test harness that terminates ``plut serve`` leaves Voila
    and its kernels running.
    """
    proc = subprocess.Popen(cmd, env=env)

    def forward(signum: int, _frame: object) -> None:
        proc.send_signal(signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    return proc.wait()


def _print_sign_in_notes(engine: Engine, ip: str) -> None:
    """The demo logins (demo database only), or a note when nobody can sign in yet."""
    with read_scope(engine) as session:
        logins = demo_logins(session)
        can_sign_in = session.exec(
            select(Staff.id).where(
                col(Staff.active).is_(True), col(Staff.password_hash).is_not(None)
            )
        ).first()
    if logins:
        print(t("serve.demo_logins", password=DEMO_PASSWORD), flush=True)
        for login in logins:
            print(f"  {login.username:<22} {login.role:<14} {login.centre_code}", flush=True)
    elif can_sign_in is None:
        print(t("serve.no_accounts"), flush=True)
    if ip not in _LOOPBACK and not get_settings().behind_tls:
        print(t("serve.tls_hint", ip=ip), flush=True)
