"""Showing the outcome of an action: success, a typed error, or a generic failure.

A :class:`~plut_nb.errors.PlutError` is shown with its own message (already in
the staff member's language). Anything else is logged with its traceback and
shown as a generic message: tracebacks never reach the page. Log records of
the app's kernel are redacted (:func:`plut_nb.security.redaction.install_log_redaction`):
a NIK or phone number in an exception is masked before it reaches a log.
"""

from __future__ import annotations

import logging

import ipywidgets as w

from plut_nb.errors import PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.security.redaction import install_log_redaction
from widgets._html import esc

log = logging.getLogger("widgets")
install_log_redaction()


def show_error(target: w.HTML, exc: BaseException) -> None:
    """Render ``exc`` into ``target`` as an escaped message (list of fields for validation)."""
    if isinstance(exc, ValidationError):
        items = "".join(f"<li>{esc(e.message)}</li>" for e in exc.errors)
        target.value = f'<div class="plut-error" role="alert"><ul>{items}</ul></div>'
    elif isinstance(exc, PlutError):
        target.value = f'<div class="plut-error" role="alert">{esc(exc.message)}</div>'
    else:
        log.error("unexpected error in an app", exc_info=exc)
        target.value = f'<div class="plut-error" role="alert">{esc(t("error.unexpected"))}</div>'


def show_success(target: w.HTML, message: str) -> None:
    """Render a success message into ``target``."""
    target.value = f'<div class="plut-ok" role="status">{esc(message)}</div>'
