"""The frame every staff app shares: header (centre, staff member), start-page link, body.

The acting staff member comes from the notebook's ``staff_id`` parameter, which
the server sets from the signed-in session (:mod:`plut_nb.security.server`).
Only in development mode (``PLUT_AUTH=off``) does a missing ``staff_id`` offer
a picker to choose who one is; with sign-in on it shows "please sign in" and
nothing else. Either way every service call the body makes carries that staff
member, so audit entries name a person.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from sqlmodel import Session

from plut_nb.apps import app_url, list_apps
from plut_nb.db import read_scope
from plut_nb.i18n import current_lang, t
from plut_nb.models import Staff
from plut_nb.services.staff import get_staff, list_staff, staff_centre
from plut_nb.settings import get_settings
from widgets._feedback import show_error
from widgets._html import STYLE, esc

__all__ = ["AppShell", "StartPage"]

BodyFactory = Callable[[Staff], w.Widget]


class AppShell(w.VBox):
    """Header plus the app body built for the acting staff member.

    Args:
        title: The app's title.
        build_body: Called with the acting :class:`Staff` to build the app's widget.
        staff_id: The signed-in staff member; ``None`` shows the development picker.
    """

    def __init__(self, title: str, build_body: BodyFactory, staff_id: int | None = None) -> None:
        self.title = title
        self._build_body = build_body
        self.actor: Staff | None = None
        self.body: w.Widget | None = None
        self.header = w.HTML()
        self.message = w.HTML()
        self.picker = w.Dropdown(description=t("ui.shell.who"), options=[], value=None)
        self.picker.layout.display = "none"
        self.container = w.VBox()
        super().__init__([w.HTML(STYLE), self.header, self.picker, self.message, self.container])
        self.add_class("plut-app")
        try:
            if staff_id is not None:
                with read_scope() as session:
                    self._enter(session, get_staff(session, staff_id))
            elif _sign_in_on():
                self._render_header(None, None)
                self.message.value = (
                    f'<div class="plut-error" role="alert"><a href="/login">'
                    f"{esc(t('signin.required'))}</a></div>"
                )
            else:
                self._offer_picker()
        except Exception as exc:  # shown, never a traceback
            show_error(self.message, exc)

    def _offer_picker(self) -> None:
        with read_scope() as session:
            staff = list_staff(session)
            options = [(f"{s.name} — {', '.join(s.roles)}", s.id) for s in staff]
        self.picker.options = [(t("ui.shell.choose"), None), *options]
        self.picker.value = None
        self.picker.layout.display = None
        self.picker.observe(self._picked, names="value")
        self._render_header(None, None)

    def _picked(self, change: dict[str, object]) -> None:
        staff_id = change["new"]
        if staff_id is None:
            return
        try:
            with read_scope() as session:
                self._enter(session, get_staff(session, int(staff_id)))  # type: ignore[call-overload]
        except Exception as exc:
            show_error(self.message, exc)

    def _enter(self, session: Session, staff: Staff) -> None:
        centre = staff_centre(session, staff)
        self.actor = staff
        self._render_header(centre.name, staff)
        self.message.value = ""
        self.body = self._build_body(staff)
        self.container.children = (self.body,)

    def _render_header(self, centre_name: str | None, staff: Staff | None) -> None:
        if staff:
            who = f"{esc(staff.name)} ({esc(', '.join(staff.roles))})"
        else:
            who = "" if _sign_in_on() else esc(t("ui.shell.dev_mode"))
        self.header.value = (
            f'<div class="plut-header"><h2>{esc(self.title)}</h2>'
            f'<span class="plut-who">{esc(centre_name or "")} · {who}</span>'
            f'<a href="{esc(app_url("beranda"))}">{esc(t("ui.shell.home"))}</a>'
            f"{_sign_out_link()}</div>"
        )


def _sign_in_on() -> bool:
    return get_settings().auth != "off"


def _sign_out_link() -> str:
    """A link to ``/logout`` when sign-in is on (development mode has nobody to sign out)."""
    if not _sign_in_on():
        return ""
    return f'<a class="plut-signout" href="/logout">{esc(t("signin.logout"))}</a>'


class StartPage(w.VBox):
    """The start page: one link per app, from the apps' own notebook metadata."""

    def __init__(self) -> None:
        items = "".join(
            f'<li><a href="{esc(app_url(a.name))}">{esc(a.title)}</a> — {esc(a.summary)}</li>'
            for a in list_apps(current_lang())
        )
        super().__init__(
            [
                w.HTML(STYLE),
                w.HTML(
                    f"<h2>{esc(t('ui.start.title'))}</h2><ul class='plut-apps'>{items}</ul>"
                    f"{_sign_out_link()}"
                ),
            ]
        )
        self.add_class("plut-start")
