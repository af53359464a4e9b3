"""The directory app: search enterprises by name, NIB or region; paged; personal data masked."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import ipywidgets as w
from sqlmodel import Session

from plut_nb.db import read_scope
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.services import DirectoryPage, search_enterprises
from widgets._feedback import show_error
from widgets._html import STYLE, esc, table

SessionFactory = Callable[[], AbstractContextManager[Session]]


class DirectoryApp(w.VBox):
    """Search box, region filter, result table and pager.

    Args:
        actor: The acting staff member; only enterprises of their centres are found.
        sessions: Opens a read-only session (default :func:`plut_nb.db.read_scope`).
        page_size: Rows per page.
        search_now: Show the first page of everything right away.
    """

    def __init__(
        self,
        actor: Staff,
        sessions: SessionFactory = read_scope,
        page_size: int = 20,
        *,
        search_now: bool = True,
    ) -> None:
        self.actor = actor
        self._sessions = sessions
        self.page_size = page_size
        self.page = 1
        self.result: DirectoryPage | None = None
        self.query = w.Text(
            placeholder=t("ui.directory.query_hint"), description=t("ui.directory.query")
        )
        self.region = w.Text(placeholder="12.71", description=t("ui.directory.region"))
        self.search_button = w.Button(
            description=t("ui.search"), button_style="primary", icon="search"
        )
        self.prev_button = w.Button(description=t("ui.prev"), icon="chevron-left", disabled=True)
        self.next_button = w.Button(description=t("ui.next"), icon="chevron-right", disabled=True)
        self.status = w.HTML()
        self.results = w.HTML()
        self.search_button.on_click(lambda _b: self.search(page=1))
        self.prev_button.on_click(lambda _b: self.search(page=self.page - 1))
        self.next_button.on_click(lambda _b: self.search(page=self.page + 1))
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.query, self.region, self.search_button]),
                self.status,
                self.results,
                w.HBox([self.prev_button, self.next_button]),
            ]
        )
        self.add_class("plut-directory")
        if search_now:
            self.search()

    def search(self, page: int = 1) -> None:
        """Run the search for the current inputs and show page ``page``."""
        try:
            with self._sessions() as session:
                self.result = search_enterprises(
                    session,
                    self.actor,
                    self.query.value,
                    region_code=self.region.value.strip() or None,
                    page=page,
                    page_size=self.page_size,
                )
        except Exception as exc:  # shown as a message; a traceback never reaches the page
            show_error(self.status, exc)
            return
        self.page = self.result.page
        self._render(self.result)

    def _render(self, res: DirectoryPage) -> None:
        self.status.value = esc(
            t("ui.directory.found", total=res.total, page=res.page, pages=res.pages)
        )
        headers = [
            t(k)
            for k in (
                "ui.col.name",
                "ui.col.nib",
                "ui.col.kbli",
                "ui.col.region",
                "ui.col.owner",
                "ui.col.nik",
                "ui.col.phone",
            )
        ]
        rows = [
            (
                r.name,
                r.nib or "-",
                r.kbli_code or "-",
                r.region,
                r.owner_name or "-",
                r.owner_nik_masked or "-",
                r.owner_phone_masked or "-",
            )
            for r in res.rows
        ]
        self.results.value = table(headers, rows)
        self.prev_button.disabled = res.page <= 1
        self.next_button.disabled = res.page >= res.pages
