"""The intake page built in a background thread: the app, or a message instead of a traceback."""

from __future__ import annotations

import logging

import pytest

from plut_nb.db import default_engine
from plut_nb.i18n import t
from tests._seed import seed_directory
from widgets.deferred import DeferredApp
from widgets.intake import IntakeApp
from widgets.shell import AppShell


def built(app: DeferredApp) -> DeferredApp:
    assert app.done.wait(timeout=120)
    app.thread.join(timeout=10)
    return app


def test_the_intake_page_arrives_in_the_box() -> None:
    seed_directory(default_engine(), n=2)
    page = built(DeferredApp("widgets.intake:intake_page", staff_id=1))
    assert isinstance(page.app, AppShell) and page.children == (page.app,)
    assert isinstance(page.app.body, IntakeApp)
    assert page.app.actor is not None and page.app.actor.name == "Rina"
    assert "plut-deferred" in page._dom_classes


def test_an_outdated_schema_names_the_fix() -> None:
    page = built(DeferredApp("widgets.intake:intake_page", staff_id=1))  # empty database
    assert page.app is None and page.children == (page.message,)
    assert "plut db upgrade" in page.message.value and "plut-error" in page.message.value


def test_anything_else_is_a_generic_message_and_a_log_entry(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="widgets"):
        page = built(DeferredApp("widgets.no_such_module:page"))
    assert page.app is None
    assert t("error.unexpected") in page.message.value
    assert "Traceback" not in page.message.value and "no_such_module" not in page.message.value
    assert any(r.exc_info for r in caplog.records)
