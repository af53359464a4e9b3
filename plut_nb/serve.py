"""Serve the staff apps in ``notebooks/apps`` with Voila."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import webbrowser

from plut_nb.apps import app_url, apps_dir, list_apps
from plut_nb.db import default_engine, ensure_current
from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.settings import get_settings

__all__ = ["run_voila", "voila_command"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def voila_command(port: int, *, ip: str = "127.0.0.1") -> list[str]:
    """The Voila command line that serves the apps (no tracebacks in pages)."""
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(apps_dir()),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--Voila.root_dir=" + str(apps_dir()),
        "--no-browser",  # we open the start page ourselves, not Voila's file list
    ]
    return cmd


def server_env() -> dict[str, str]:
    """Environment for Voila and its kernels: absolute data folder, same database."""
    settings = get_settings()
    env = dict(os.environ)
    env["PLUT_DATA_DIR"] = str(settings.data_dir)
    env["PLUT_LANG"] = settings.lang
    if settings.db_url:
        env["PLUT_DB_URL"] = settings.db_url
    return env


def run_voila(*, port: int = 8866, open_browser: bool = True, ip: str = "127.0.0.1") -> int:
    """Check the schema, print the app URLs and run Voila until it stops.

    Raises:
        SchemaOutOfDate: The database needs ``plut db upgrade`` first.
        PlutError: Asked to listen beyond this machine before sign-in exists,
            or the apps folder holds no notebooks.
    """
    if ip not in _LOOPBACK:
        # No sign-in yet: personal data must not be reachable from the network.
        raise PlutError(t("serve.remote_without_login", ip=ip))
    if not any(apps_dir().glob("*.ipynb")):
        raise PlutError(t("serve.no_apps", path=apps_dir()))
    ensure_current(default_engine())
    base = f"http://{ip}:{port}"
    print(f"PLUT-NB: {app_url('beranda', base)}", flush=True)
    for info in list_apps(get_settings().lang):
        print(f"  {info.title}: {app_url(info.name, base)}", flush=True)
    print(
        "(mode pengembangan: belum ada login — fitur masuk datang bersama isu keamanan)", flush=True
    )
    if open_browser:
        threading.Timer(3.0, webbrowser.open, [app_url("beranda", base)]).start()
    return subprocess.call(voila_command(port, ip=ip), env=server_env())
