"""Serve the staff apps in ``notebooks/apps`` with Voila."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from plut_nb.db import default_engine, ensure_current
from plut_nb.settings import get_settings

__all__ = ["APPS", "apps_dir", "run_voila", "voila_command"]

#: App notebooks and their titles, in the order the start page lists them.
APPS: dict[str, str] = {"direktori": "Direktori UMKM"}


def apps_dir() -> Path:
    """The folder of app notebooks (``PLUT_APPS_DIR`` or the repository's ``notebooks/apps``)."""
    env = os.environ.get("PLUT_APPS_DIR")
    return (
        Path(env).resolve() if env else Path(__file__).resolve().parents[1] / "notebooks" / "apps"
    )


def voila_command(port: int, *, ip: str = "127.0.0.1", open_browser: bool = False) -> list[str]:
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
    ]
    if not open_browser:
        cmd.append("--no-browser")
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
    """
    ensure_current(default_engine())
    base = f"http://{ip}:{port}"
    print(f"PLUT-NB: {base}/", flush=True)
    for name, title in APPS.items():
        print(f"  {title}: {base}/voila/render/{name}.ipynb", flush=True)
    print(
        "(mode pengembangan: belum ada login — fitur masuk datang bersama isu keamanan)", flush=True
    )
    return subprocess.call(voila_command(port, ip=ip, open_browser=open_browser), env=server_env())
