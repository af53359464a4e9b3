"""The events app: create an event, register enterprises, take attendance, record sales.

Every action calls a service in :mod:`plut_nb.services.event_queries` or
:mod:`plut_nb.services.events` as the acting staff member; errors are shown
next to the field or row they concern and what was typed stays in the form.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from sqlalchemy import Engine

from plut_nb.db import read_scope, session_scope
from plut_nb.errors import ValidationError
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.reference.codes import EVENT_KINDS
from plut_nb.services.event_queries import (
    AttendanceInput,
    CandidateRow,
    EventInput,
    EventRow,
    create_event_from_form,
    event_totals,
    find_enterprises_for_event,
    get_event,
    list_events,
    list_registrations,
    save_attendance,
)
from plut_nb.services.events import register_for_event
from widgets._feedback import show_error, show_success
from widgets._html import STYLE, esc

__all__ = ["EventsApp", "rupiah"]

_FORM_FIELDS = ("kind", "name", "starts_on", "ends_on", "place", "partner_community")
_CSS = """<style>
.plut-events .plut-row { align-items: center; gap: 8px; border-bottom: 1px solid #dde3ea; }
.plut-events .plut-field-error { color: #b00020; font-size: 12px; }
.plut-events h3 { margin: 10px 0 4px; color: #1f4e79; }
</style>"""


def rupiah(amount: int) -> str:
    """``1500000`` → ``"Rp1.500.000"`` (the form the sales field accepts back)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def _labelled(width: str = "480px") -> dict[str, Any]:
    """Keyword arguments giving a form input a readable label column."""
    return {"style": {"description_width": "140px"}, "layout": w.Layout(width=width)}


def _error_html(messages: list[str]) -> str:
    return "".join(f'<div class="plut-field-error">{esc(m)}</div>' for m in messages)


def _event_line(r: EventRow) -> str:
    dates = r.starts_on.isoformat()
    if r.ends_on != r.starts_on:
        dates += f" – {r.ends_on.isoformat()}"
    counts = (
        f"{t('ui.events.col.registered')}: {r.registered} · "
        f"{t('ui.events.col.attended')}: {r.attended}"
    )
    partner = f" · {esc(r.partner_community)}" if r.partner_community else ""
    return (
        f"<b>{esc(r.name)}</b> · {esc(t(f'ui.events.kind.{r.kind}'))} · {esc(dates)} · "
        f"{esc(r.place)}{partner} · {esc(counts)}"
    )


class EventsApp(w.VBox):
    """New-event form, the centre's events (paged) and the opened event's participants.

    Args:
        actor: The acting staff member; events are those of their centre.
        engine: Database engine (default: the configured one).
        page_size: Rows per page of every list.
    """

    def __init__(self, actor: Staff, *, engine: Engine | None = None, page_size: int = 10):
        self.actor = actor
        self._engine = engine
        self.page_size = page_size
        self.event_id: int | None = None
        self.events_page = self.candidates_page = self.registrations_page = 1
        self.rows: list[tuple[int, w.Checkbox, w.Text, w.HTML]] = []
        # new event
        self.kind = w.Dropdown(
            options=[(t(f"ui.events.kind.{k}"), k) for k in EVENT_KINDS],
            description=t("ui.events.kind"),
            **_labelled(),
        )
        self.name = w.Text(description=t("ui.events.name"), **_labelled())
        self.starts_on = w.DatePicker(description=t("ui.events.starts_on"), **_labelled())
        self.ends_on = w.DatePicker(description=t("ui.events.ends_on"), **_labelled())
        self.place = w.Text(description=t("ui.events.place"), **_labelled())
        self.partner = w.Text(
            description=t("ui.events.partner"),
            placeholder=t("ui.events.partner_hint"),
            **_labelled(),
        )
        self.field_errors = {f: w.HTML() for f in _FORM_FIELDS}
        inputs = (self.kind, self.name, self.starts_on, self.ends_on, self.place, self.partner)
        self.create_button = w.Button(
            description=t("ui.events.create"),
            button_style="primary",
            icon="save",
            layout=w.Layout(width="auto"),
        )
        self.create_message = w.HTML()
        self.create_button.on_click(lambda _b: self.create())
        form = w.VBox(
            [w.HBox([i, self.field_errors[f]]) for i, f in zip(inputs, _FORM_FIELDS, strict=True)]
            + [self.create_button, self.create_message]
        )
        # the centre's events
        self.events_status = w.HTML()
        self.events_box = w.VBox()
        self.events_prev, self.events_next = self._pager(self.show_events, "events_page")
        # the opened event
        self.event_header = w.HTML()
        self.totals = w.HTML()
        self.query = w.Text(
            description=t("ui.events.search"),
            placeholder=t("ui.events.search_hint"),
            **_labelled(),
        )
        self.search_button = w.Button(description=t("ui.search"), icon="search")
        self.search_button.on_click(lambda _b: self.search(page=1))
        self.candidates_status = w.HTML()
        self.candidates_box = w.VBox()
        self.cand_prev, self.cand_next = self._pager(self.search, "candidates_page")
        self.registrations_status = w.HTML()
        self.registrations_box = w.VBox()
        self.reg_prev, self.reg_next = self._pager(self.show_registrations, "registrations_page")
        self.save_button = w.Button(
            description=t("ui.events.save_attendance"),
            button_style="primary",
            icon="save",
            layout=w.Layout(width="auto"),
        )
        self.save_button.on_click(lambda _b: self.save())
        self.save_message = w.HTML()
        self.detail = w.VBox(
            [
                self.event_header,
                self.totals,
                w.HBox([self.query, self.search_button]),
                self.candidates_status,
                self.candidates_box,
                w.HBox([self.cand_prev, self.cand_next]),
                w.HTML(f"<h3>{esc(t('ui.events.registrations'))}</h3>"),
                self.registrations_status,
                self.registrations_box,
                w.HBox([self.reg_prev, self.reg_next]),
                self.save_button,
                self.save_message,
            ]
        )
        self.detail.add_class("plut-event-detail")
        self.detail.layout.display = "none"
        super().__init__(
            [
                w.HTML(STYLE + _CSS),
                w.HTML(f"<h3>{esc(t('ui.events.new'))}</h3>"),
                form,
                w.HTML(f"<h3>{esc(t('ui.events.list'))}</h3>"),
                self.events_status,
                self.events_box,
                w.HBox([self.events_prev, self.events_next]),
                self.detail,
            ]
        )
        self.add_class("plut-events")
        self.show_events()

    def _pager(self, show: Any, attr: str) -> tuple[w.Button, w.Button]:
        prev = w.Button(description=t("ui.prev"), icon="chevron-left", disabled=True)
        nxt = w.Button(description=t("ui.next"), icon="chevron-right", disabled=True)
        prev.on_click(lambda _b: show(page=getattr(self, attr) - 1))
        nxt.on_click(lambda _b: show(page=getattr(self, attr) + 1))
        return prev, nxt

    @staticmethod
    def _set_pager(prev: w.Button, nxt: w.Button, page: int, pages: int) -> None:
        prev.disabled = page <= 1
        nxt.disabled = page >= pages

    # --- new event ----------------------------------------------------------------

    def create(self) -> None:
        """Save the new-event form; on success clear it and open the new event."""
        for html in self.field_errors.values():
            html.value = ""
        form = EventInput(
            kind=str(self.kind.value),
            name=self.name.value,
            starts_on=self.starts_on.value,
            ends_on=self.ends_on.value,
            place=self.place.value,
            partner_community=self.partner.value,
        )
        try:
            with session_scope(self._engine) as session:
                event = create_event_from_form(session, self.actor, form)
                event_id, name = event.id, event.name
        except Exception as exc:  # shown, input kept
            if isinstance(exc, ValidationError):
                for field, messages in exc.by_field.items():
                    if field in self.field_errors:
                        self.field_errors[field].value = _error_html(messages)
            show_error(self.create_message, exc)
            return
        assert event_id is not None
        show_success(self.create_message, t("ui.events.created", name=name))
        self.name.value = self.place.value = self.partner.value = ""
        self.starts_on.value = self.ends_on.value = None
        self.show_events(page=1)
        self.open_event(event_id)

    # --- the centre's events --------------------------------------------------------

    def show_events(self, page: int = 1) -> None:
        """Show page ``page`` of the centre's events."""
        try:
            with read_scope(self._engine) as session:
                res = list_events(session, self.actor, page=page, page_size=self.page_size)
        except Exception as exc:
            show_error(self.events_status, exc)
            return
        self.events_page = res.page
        self.events_status.value = esc(
            t("ui.events.found", total=res.total, page=res.page, pages=res.pages)
            if res.total
            else t("ui.events.none")
        )
        rows = []
        for r in res.rows:
            button = w.Button(description=t("ui.events.open"), icon="folder-open")
            button.on_click(lambda _b, eid=r.event_id: self.open_event(eid))
            row = w.HBox([button, w.HTML(_event_line(r))])
            row.add_class("plut-row")
            rows.append(row)
        self.events_box.children = tuple(rows)
        self._set_pager(self.events_prev, self.events_next, res.page, res.pages)

    # --- the opened event -----------------------------------------------------------

    def open_event(self, event_id: int) -> None:
        """Open an event of the centre: its details, totals and participants."""
        try:
            with read_scope(self._engine) as session:
                event = get_event(session, self.actor, event_id)
        except Exception as exc:
            show_error(self.events_status, exc)
            return
        self.event_id = event_id
        dates = event.starts_on.isoformat()
        if event.ends_on != event.starts_on:
            dates += f" – {event.ends_on.isoformat()}"
        partner = f" · {esc(event.partner_community)}" if event.partner_community else ""
        self.event_header.value = (
            f"<h3>{esc(event.name)}</h3><div>{esc(t(f'ui.events.kind.{event.kind}'))} · "
            f"{esc(dates)} · {esc(event.place)}{partner}</div>"
        )
        self.query.value = ""
        self.candidates_status.value = self.save_message.value = ""
        self.candidates_box.children = ()
        self._set_pager(self.cand_prev, self.cand_next, 1, 1)
        self.detail.layout.display = None
        self.show_registrations(page=1)

    def _show_totals(self) -> None:
        assert self.event_id is not None
        with read_scope(self._engine) as session:
            tot = event_totals(session, self.actor, self.event_id)
        self.totals.value = (
            '<div class="plut-event-totals">'
            + esc(
                t(
                    "ui.events.totals",
                    registered=tot.registered,
                    attended=tot.attended,
                    sales=rupiah(tot.sales),
                )
            )
            + "</div>"
        )

    def search(self, page: int = 1) -> None:
        """Find enterprises by name or NIB to register for the opened event."""
        if self.event_id is None:
            return
        try:
            with read_scope(self._engine) as session:
                res = find_enterprises_for_event(
                    session,
                    self.actor,
                    self.event_id,
                    self.query.value,
                    page=page,
                    page_size=self.page_size,
                )
        except Exception as exc:
            show_error(self.candidates_status, exc)
            return
        self.candidates_page = res.page
        self.candidates_status.value = esc(
            t("ui.events.candidates", total=res.total, page=res.page, pages=res.pages)
        )
        self.candidates_box.children = tuple(self._candidate_row(r) for r in res.rows)
        self._set_pager(self.cand_prev, self.cand_next, res.page, res.pages)

    def _candidate_row(self, r: CandidateRow) -> w.HBox:
        button = w.Button(description=t("ui.events.register"), icon="plus", disabled=r.registered)
        button.on_click(lambda _b, eid=r.enterprise_id, name=r.name: self.register(eid, name))
        note = f" · <i>{esc(t('ui.events.already'))}</i>" if r.registered else ""
        text = (
            f"<b>{esc(r.name)}</b> · NIB {esc(r.nib or '-')} · {esc(r.region)} · "
            f"{esc(r.owner_name or '-')}{note}"
        )
        row = w.HBox([button, w.HTML(text)])
        row.add_class("plut-row")
        row.add_class("plut-candidate")
        return row

    def register(self, enterprise_id: int, name: str) -> None:
        """Register an enterprise (``name`` is for the confirmation) for the opened event."""
        assert self.event_id is not None
        try:
            with session_scope(self._engine) as session:
                register_for_event(session, self.actor, self.event_id, enterprise_id)
        except Exception as exc:
            show_error(self.candidates_status, exc)
            return
        self.search(page=self.candidates_page)
        self.show_registrations(page=self.registrations_page, keep_input=True)
        self.show_events(page=self.events_page)
        show_success(self.save_message, t("ui.events.registered", name=name))

    def show_registrations(self, page: int = 1, *, keep_input: bool = False) -> None:
        """Show page ``page`` of the opened event's participants, with totals.

        Args:
            page: 1-based page number.
            keep_input: Keep unsaved ticks and sales typed in rows still shown.
        """
        if self.event_id is None:
            return
        try:
            with read_scope(self._engine) as session:
                res = list_registrations(
                    session, self.actor, self.event_id, page=page, page_size=self.page_size
                )
            self._show_totals()
        except Exception as exc:
            show_error(self.registrations_status, exc)
            return
        self.registrations_page = res.page
        self.registrations_status.value = esc(
            t("ui.events.registrations_page", total=res.total, page=res.page, pages=res.pages)
            if res.total
            else t("ui.events.no_registrations")
        )
        typed = {eid: (tick.value, sales.value) for eid, tick, sales, _e in self.rows}
        self.rows = []
        boxes = []
        for r in res.rows:
            attended, sales_text = (
                typed[r.enterprise_id]
                if keep_input and r.enterprise_id in typed
                else (r.attended, rupiah(r.sales) if r.sales is not None else "")
            )
            tick = w.Checkbox(value=attended, description=t("ui.events.attended"), indent=False)
            sales = w.Text(
                value=sales_text,
                placeholder=t("ui.events.sales_hint"),
                description=t("ui.events.col.sales"),
                style={"description_width": "110px"},
                layout=w.Layout(width="300px"),
            )
            error = w.HTML()
            label = w.HTML(
                f"<b>{esc(r.name)}</b> · NIB {esc(r.nib or '-')}", layout=w.Layout(width="380px")
            )
            box = w.HBox([label, tick, sales, error])
            box.add_class("plut-row")
            box.add_class("plut-registration")
            boxes.append(box)
            self.rows.append((r.enterprise_id, tick, sales, error))
        self.registrations_box.children = tuple(boxes)
        self.save_button.disabled = not self.rows
        self._set_pager(self.reg_prev, self.reg_next, res.page, res.pages)

    def save(self) -> None:
        """Save the attendance ticks and sales of the participants shown."""
        if self.event_id is None:
            return
        for _eid, _tick, _sales, error in self.rows:
            error.value = ""
        inputs = [
            AttendanceInput(eid, bool(tick.value), sales.value)
            for eid, tick, sales, _error in self.rows
        ]
        try:
            with session_scope(self._engine) as session:
                changed = save_attendance(session, self.actor, self.event_id, inputs)
        except Exception as exc:  # shown per row, input kept
            if isinstance(exc, ValidationError):
                by_field = exc.by_field
                for eid, _tick, _sales, error in self.rows:
                    messages = by_field.get(f"sales:{eid}", []) + by_field.get(
                        f"attended:{eid}", []
                    )
                    error.value = _error_html(messages)
            show_error(self.save_message, exc)
            return
        self.show_registrations(page=self.registrations_page)
        self.show_events(page=self.events_page)
        show_success(self.save_message, t("ui.events.saved", changed=changed))
