"""An app page that is built while the browser loads Voila's scripts.

Voila sends a page once its notebook has run; only then does the browser load
Voila's scripts, connect to the kernel and draw the widgets. An app notebook that
imports the domain core and queries the database before displaying anything
makes those two phases run one after the other. :class:`DeferredApp` displays
an (almost) empty box at once — the notebook is done in milliseconds — and
builds the app in a background thread, which then puts it into the box: the
kernel's imports and queries overlap with the browser's script loading instead
of preceding it. The work is the same; only the waiting is shared.

Only the imports run in the thread. The widgets themselves are built on the
kernel's main thread (a callback on its event loop): that thread also answers the
browser's request for the state of every widget, and ipywidgets walks its table
of live widgets there without a lock, so a widget created by another thread at
that moment breaks the answer and the browser never shows the page (it stayed on
"loading"). Outside a kernel (plain Python, tests) the thread builds it all.

This module imports nothing but ipywidgets (the domain core is imported by the
builder, in the thread). A failure is shown in the box like any other failed
action (:func:`widgets._feedback.show_error`): a typed error with its message,
e.g. an outdated schema naming ``plut db upgrade``; anything else as a generic
message, logged. No traceback reaches the page.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any

import ipywidgets as w

__all__ = ["DeferredApp"]


class DeferredApp(w.VBox):
    """A box that a background thread fills with the widget ``builder`` returns.

    Args:
        builder: ``"package.module:function"``, imported and called in the thread.
        **kwargs: Passed to the builder (e.g. ``staff_id``).

    Attributes:
        thread: The thread that imports the builder (and, outside a kernel, builds).
        done: Set once the app or the error is in the box (tests wait on it).
        app: The built widget, once there.
        message: Shows "loading", then nothing, or the error.
    """

    def __init__(self, builder: str, **kwargs: Any) -> None:
        self.app: w.Widget | None = None
        self.message = w.HTML()
        self.done = threading.Event()
        super().__init__([self.message])
        self.add_class("plut-deferred")
        self._loop = _kernel_loop()
        self.thread = threading.Thread(
            target=self._prepare, args=(builder, kwargs), name="plut-app-build", daemon=True
        )
        self.thread.start()

    def _prepare(self, builder: str, kwargs: dict[str, Any]) -> None:
        """In the thread: import the builder, then have the kernel's thread build the app."""
        try:
            from plut_nb.i18n import t
            from widgets._html import esc

            self.message.value = f'<p class="plut-loading">{esc(t("ui.shell.loading"))}</p>'
            module, _, name = builder.partition(":")
            make = getattr(importlib.import_module(module), name)
        except Exception as exc:  # shown, never a traceback
            self._failed(exc)
            return
        if self._loop is None:
            self._build(make, kwargs)
        else:
            self._loop.add_callback(self._build, make, kwargs)

    def _build(self, make: Callable[..., w.Widget], kwargs: dict[str, Any]) -> None:
        try:
            app = make(**kwargs)
        except Exception as exc:  # shown, never a traceback
            self._failed(exc)
            return
        self.app = app
        self.children = (app,)
        self.done.set()

    def _failed(self, exc: Exception) -> None:
        from widgets._feedback import show_error

        show_error(self.message, exc)
        self.done.set()


def _kernel_loop() -> Any:
    """The event loop of the kernel this runs in (``None`` outside a kernel)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    return getattr(kernel, "io_loop", None)
