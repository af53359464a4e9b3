"""ipywidgets components of the staff apps, built on :mod:`plut_nb.services`.

Each app is imported on first use (PEP 562), so opening one app does not pay
for the others' imports (the dashboard's matplotlib, say).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AppShell",
    "CaseBoardApp",
    "DashboardApp",
    "DirectoryApp",
    "EventsApp",
    "IntakeApp",
    "StartPage",
    "SurveyApp",
]

_HOME = {
    "AppShell": "widgets.shell",
    "StartPage": "widgets.shell",
    "DirectoryApp": "widgets.directory",
    "IntakeApp": "widgets.intake",
    "CaseBoardApp": "widgets.case_board",
    "EventsApp": "widgets.events",
    "SurveyApp": "widgets.survey",
    "DashboardApp": "widgets.dashboard",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'widgets' has no attribute {name!r}")
