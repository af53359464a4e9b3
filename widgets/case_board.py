"""The case board app: my queue and the centre's queue, filters, flags, and the case view.

A consultant starts on "Kasus saya" (cases assigned to them); "Kasus PLUT"
shows every case of the centre. Filters narrow by status, service field,
assignee, overdue and follow-up; the table is sorted by due date and paged.
Clicking a case number opens it in a :class:`~widgets.case_view.CasePanel`
in place of the list (a back button returns to it), where every change is
made; after each change the list behind it is refreshed.
"""

from __future__ import annotations

import ipywidgets as w
from sqlalchemy import Engine

from plut_nb.db import read_scope
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.reference.codes import SERVICE_FIELDS
from plut_nb.services.board import CasePage, CaseRow, list_cases
from plut_nb.services.staff import list_colleagues
from plut_nb.services.workflow import OPEN_STATUSES, CaseStatus
from widgets._feedback import show_error
from widgets._html import STYLE, esc
from widgets.case_forms import labelled
from widgets.case_view import CASES_STYLE, CasePanel, badges, field_label, status_badge

__all__ = ["CaseBoardApp"]

_OPEN = "__open__"
_ALL = "__all__"
_COLUMNS = (
    "ui.cases.col_number",
    "ui.cases.col_enterprise",
    "ui.cases.col_service",
    "ui.cases.col_status",
    "ui.cases.col_assignee",
    "ui.cases.col_dates",
    "ui.cases.col_flags",
)


class _RowCells:
    """The widgets of one table row: a button with the case number, then HTML cells."""

    def __init__(self, app: CaseBoardApp, index: int) -> None:
        self.button = w.Button(layout=w.Layout(width="auto"))
        self.button.add_class("plut-cases-open")
        self.button.on_click(lambda _b: app.open_row(index))
        self.cells = [w.HTML() for _ in _COLUMNS[1:]]

    @property
    def widgets(self) -> list[w.Widget]:
        return [self.button, *self.cells]

    def show(self, row: CaseRow | None) -> None:
        for widget in self.widgets:
            widget.layout.display = None if row else "none"
        if row is None:
            return
        self.button.description = row.number
        values = [
            esc(row.enterprise_name),
            f"{esc(row.service_name)}<br><small>{esc(field_label(row.service_field))}</small>",
            status_badge(row.status),
            esc(row.assignee_name or t("ui.cases.unassigned")),
            f"{esc(row.opened_on)}<br><b>{esc(row.due_on)}</b>",
            badges(row),
        ]
        for cell, value in zip(self.cells, values, strict=True):
            cell.value = value


class CaseBoardApp(w.VBox):
    """The case board for one staff member.

    Args:
        actor: The acting staff member; their queue and centre are shown.
        engine: Database engine (default: the configured one).
        page_size: Rows per page.
    """

    def __init__(self, actor: Staff, *, engine: Engine | None = None, page_size: int = 25) -> None:
        self.actor = actor
        self._engine = engine
        self.page_size = page_size
        self.page = 1
        self.result: CasePage | None = None
        self.message = w.HTML()
        try:
            with read_scope(engine) as session:
                staff = list_colleagues(session, actor)
        except Exception as exc:  # shown, never a traceback
            show_error(self.message, exc)
            staff = []
        self.scope = w.ToggleButtons(
            options=[(t("ui.cases.mine"), "mine"), (t("ui.cases.centre"), "centre")], value="mine"
        )
        self.scope.add_class("plut-cases-scope")
        self.status = w.Dropdown(
            options=[
                (t("ui.cases.f_status_open"), _OPEN),
                (t("ui.cases.f_status_all"), _ALL),
                *[(t(f"board.status.{s}"), str(s)) for s in CaseStatus],
            ],
            value=_OPEN,
            description=t("ui.cases.f_status"),
        )
        self.field = w.Dropdown(
            options=[(t("ui.cases.f_field_all"), ""), *labelled(SERVICE_FIELDS)],
            description=t("ui.cases.f_field"),
        )
        self.assignee = w.Dropdown(
            options=[(t("ui.cases.f_assignee_all"), 0), *[(s.name, s.id) for s in staff]],
            description=t("ui.cases.f_assignee"),
        )
        self.overdue = w.Checkbox(description=t("ui.cases.f_overdue"))
        self.follow_up = w.Checkbox(description=t("ui.cases.f_follow_up"))
        self.query = w.Text(
            description=t("ui.cases.f_query"),
            placeholder=t("ui.cases.f_query_hint"),
            continuous_update=False,
        )
        self.query.add_class("plut-cases-query")
        self.search_button = w.Button(description=t("ui.search"), icon="search")
        self.search_button.add_class("plut-cases-search")
        self.summary = w.HTML()
        self.summary.add_class("plut-cases-summary")
        self.rows = [_RowCells(self, i) for i in range(page_size)]
        self._shown: list[CaseRow] = []
        head = [w.HTML(f'<div class="plut-cases-head">{esc(t(k))}</div>') for k in _COLUMNS]
        self.grid = w.GridBox(
            [*head, *[cell for r in self.rows for cell in r.widgets]],
            layout=w.Layout(
                grid_template_columns=f"repeat({len(_COLUMNS)}, auto)", grid_gap="2px 8px"
            ),
        )
        self.grid.add_class("plut-cases-grid")
        self.prev_button = w.Button(description=t("ui.prev"), icon="chevron-left", disabled=True)
        self.next_button = w.Button(description=t("ui.next"), icon="chevron-right", disabled=True)
        self.panel = CasePanel(actor, staff, engine, on_changed=lambda: self.search(self.page))
        self.panel.layout.display = "none"
        self.back_button = w.Button(description=t("ui.cases.back"), icon="arrow-left")
        self.back_button.add_class("plut-cases-back")
        self.back_button.layout.display = "none"
        self.back_button.on_click(lambda _b: self.show_list())
        self.list_box = w.VBox(
            [self.summary, self.grid, w.HBox([self.prev_button, self.next_button])]
        )
        for control in (self.scope, self.status, self.field, self.assignee, self.overdue,
                        self.follow_up, self.query):  # fmt: skip
            control.observe(lambda _c: self.show_list(), names="value")
        self.search_button.on_click(lambda _b: self.show_list())
        self.prev_button.on_click(lambda _b: self.search(self.page - 1))
        self.next_button.on_click(lambda _b: self.search(self.page + 1))
        super().__init__([
            w.HTML(STYLE + CASES_STYLE), self.message, self.scope,
            w.HBox([self.status, self.field, self.assignee]),
            w.HBox([self.overdue, self.follow_up, self.query, self.search_button]),
            self.list_box, self.back_button, self.panel,
        ])  # fmt: skip
        self.add_class("plut-cases")
        self.search(1)

    def search(self, page: int = 1) -> None:
        """Show page ``page`` of the queue for the current scope and filters."""
        status = self.status.value
        try:
            with read_scope(self._engine) as session:
                self.result = list_cases(
                    session,
                    self.actor,
                    scope=self.scope.value,
                    status=None if status == _ALL else OPEN_STATUSES if status == _OPEN else status,
                    service_field=self.field.value or None,
                    assignee_id=self.assignee.value or None,
                    overdue_only=self.overdue.value,
                    follow_up_only=self.follow_up.value,
                    query=self.query.value,
                    page=page,
                    page_size=self.page_size,
                )
        except Exception as exc:  # shown as a message; a traceback never reaches the page
            show_error(self.summary, exc)
            return
        self.page = self.result.page
        self._render(self.result)

    def _render(self, res: CasePage) -> None:
        if res.total:
            found = t("ui.cases.found", total=res.total, page=res.page, pages=res.pages)
            self.summary.value = f"{esc(found)} · <i>{esc(t('ui.cases.pick_case'))}</i>"
        else:
            self.summary.value = f"<i>{esc(t('ui.cases.none'))}</i>"
        self._shown = list(res.rows)
        for i, cells in enumerate(self.rows):
            cells.show(res.rows[i] if i < len(res.rows) else None)
        self.prev_button.disabled = res.page <= 1
        self.next_button.disabled = res.page >= res.pages

    def open_row(self, index: int) -> None:
        """Open the case shown in row ``index`` of the current page."""
        if index < len(self._shown):
            self.open_case(self._shown[index].case_id)

    def open_case(self, case_id: int) -> None:
        """Open a case in the case view below the list."""
        if self.panel.show_case(case_id):
            self.message.value = ""
            self.list_box.layout.display = "none"
            self.panel.layout.display = self.back_button.layout.display = None
        else:  # the panel's error, shown above the list; no stale case stays open
            self.message.value = self.panel.message.value
            self.show_list(refresh=False)

    def show_list(self, *, refresh: bool = True) -> None:
        """Close the case view and show the queue (from page 1 when ``refresh``)."""
        self.panel.layout.display = self.back_button.layout.display = "none"
        self.list_box.layout.display = None
        if refresh:
            self.search(1)
        self.back_button = w.Button(description=t("ui.cases.back"), icon="arrow-left")
        self.back_button.add_class("plut-cases-back")
        self.back_button.layout.display = "none"
        self.back_button.on_click(lambda _b: self.show_list())
        self.list_box = w.VBox(
            [self.summary, self.grid, w.HBox([self.prev_button, self.next_button])]
        )
