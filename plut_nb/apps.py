"""The catalogue of staff apps: every notebook in the apps folder that declares itself.

An app notebook carries ``metadata.plut`` with ``title_id``, ``title_en``,
``order`` and a one-line ``summary_id``/``summary_en``. ``plut serve`` prints
their URLs and the start page (``beranda``) links them, so adding an app is
adding a notebook — no list to keep in sync.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AppInfo", "app_url", "apps_dir", "list_apps"]


@dataclass(frozen=True)
class AppInfo:
    """One staff app."""

    name: str  # notebook file name without .ipynb
    title: str
    summary: str
    order: int


def apps_dir() -> Path:
    """The folder of app notebooks (``PLUT_APPS_DIR`` or the repository's ``notebooks/apps``)."""
    env = os.environ.get("PLUT_APPS_DIR")
    return (
        Path(env).resolve() if env else Path(__file__).resolve().parents[1] / "notebooks" / "apps"
    )


def app_url(name: str, base: str = "") -> str:
    """The stable URL path of an app under the Voila server at ``base``."""
    return f"{base}/voila/render/{name}.ipynb"


def list_apps(lang: str = "id", folder: Path | None = None) -> list[AppInfo]:
    """Apps in display order, titles in ``lang`` (the start page itself excluded)."""
    out = []
    for path in sorted((folder or apps_dir()).glob("*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("plut")
        if not meta or meta.get("start_page"):
            continue
        out.append(
            AppInfo(
                name=path.stem,
                title=meta.get(f"title_{lang}") or meta.get("title_id") or path.stem,
                summary=meta.get(f"summary_{lang}") or meta.get("summary_id") or "",
                order=int(meta.get("order", 100)),
            )
        )
    return sorted(out, key=lambda a: (a.order, a.name))
