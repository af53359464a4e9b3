"""An app page that is built while the browser loads Voila's scripts.

Voila sends a page once its notebook has run; only then does the browser load
Voila's scripts, connect to the kernel and draw the widgets. An app notebook that
imports the domain core and queries the database before displaying anything
makes those two phases run one after the other. :class:`DeferredApp` displays
an (almost) empty box at once — the notebook is done in milliseconds — and
builds the app in a background thread, which then puts it into the box: the
kernel's imports and queries overlap with the browser's script loading instead
of preceding it. The work is the same; only the waiting is shared.

This module imports nothing but ipywidgets (the domain core is imported by the
builder, in the thread). A failure is shown in the box like any other failed
action (:func:`widgets._feedback.show_error`): a typed error with its message,
e.g. an outdated schema naming ``plut db upgrade``; anything else as a generic
message, logged. No traceback reaches the page.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

import ipywidgets as w

__all__ = ["DeferredApp"]


class DeferredApp(w.VBox):
    """A box that a background thread fills with the widget ``builder`` returns.

    Args:
        builder: ``"package.module:function"``, imported and called in the thread.
        **kwargs: Passed to the builder (e.g. ``staff_id``).

    Attributes:
        thread: The building thread (tests join it).
        app: The built widget, once there.
        message: Shows "loading", then nothing, or the error.
    """

    def __init__(self, builder: str, **kwargs: Any) -> None:
        self.app: w.Widget | None = None
        self.message = w.HTML()
        super().__init__([self.message])
        self.add_class("plut-deferred")
        self.thread = threading.Thread(
            target=self._build, args=(builder, kwargs), name="plut-app-build", daemon=True
        )
        self.thread.start()

    def _build(self, builder: str, kwargs: dict[str, Any]) -> None:
        try:
            from plut_nb.i18n import t
            from widgets._html import esc

            self.message.value = f'<p class="plut-loading">{esc(t("ui.shell.loading"))}</p>'
            module, _, name = builder.partition(":")
            app = getattr(importlib.import_module(module), name)(**kwargs)
        except Exception as exc:  # shown, never a traceback
            from widgets._feedback import show_error

            show_error(self.message, exc)
            return
        self.app = app
        self.children = (app,)
