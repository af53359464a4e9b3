"""The dashboard app: a centre's key figures and charts for a period.

Headline numbers are cards with stable hooks (``.plut-kpi[data-kpi=…]`` holding
the raw number in ``data-value``), charts are PNG images (robust in Voila), and
overdue cases and staff workload are escaped, paged tables. Every figure comes
from :mod:`plut_nb.analytics`; this widget only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

import ipywidgets as w
from sqlmodel import Session

from plut_nb.analytics.access import dashboard_centres, dashboard_overdue
from plut_nb.analytics.charts import dashboard_charts, figure_png, format_number, status_label
from plut_nb.analytics.kpis import DashboardKpis, dashboard_kpis
from plut_nb.analytics.operations import OverduePage
from plut_nb.analytics.scope import Period, Scope
from plut_nb.clock import today
from plut_nb.db import read_scope
from plut_nb.i18n import t
from plut_nb.models import Staff
from widgets._feedback import show_error
from widgets._html import STYLE, esc, table

__all__ = ["CHART_KEYS", "DashboardApp", "cards_html"]

SessionFactory = Callable[[], AbstractContextManager[Session]]

CHART_KEYS = ("status", "field", "hours", "permits", "monthly")

_CSS = """<style>
.plut-kpi-cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.plut-kpi { border: 1px solid #dde3ea; border-radius: 6px; padding: 8px 12px; min-width: 150px;
            background: #f5f8fb; }
.plut-kpi-value { font-size: 22px; font-weight: 700; color: #1f4e79; }
.plut-kpi-label { font-size: 12px; color: #333; }
.plut-kpi-note { font-size: 11px; color: #666; }
.plut-dashboard h3 { margin: 12px 0 4px 0; color: #1f4e79; }
</style>"""


def _card(
    key: str, value: object, label: str, note: str = "", shown: str | None = None, **data: object
) -> str:
    """One headline card; ``shown`` defaults to ``value`` formatted as a whole number."""
    text = shown if shown is not None else format_number(float(value))  # type: ignore[arg-type]
    extra = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in data.items())
    note_html = f'<div class="plut-kpi-note">{esc(note)}</div>' if note else ""
    return (
        f'<div class="plut-kpi" data-kpi="{esc(key)}" data-value="{esc(value)}"{extra}>'
        f'<div class="plut-kpi-value">{esc(text)}</div>'
        f'<div class="plut-kpi-label">{esc(label)}</div>{note_html}</div>'
    )


def cards_html(k: DashboardKpis) -> str:
    """The headline numbers as cards (every value escaped; raw numbers in ``data-value``)."""
    n = format_number
    served, flow, events, ikm = k.served, k.flow, k.events, k.ikm
    served_note = (
        f"{t('kpi.enterprises_new')} {n(served.new)} · "
        f"{t('kpi.enterprises_returning')} {n(served.returning)}"
    )
    cards = [
        _card(
            "enterprises_served", served.total, t("kpi.enterprises_served"), served_note,
            new=served.new, returning=served.returning,
        ),
        _card("cases_opened", flow.opened, t("kpi.cases_opened")),
        _card(
            "cases_closed", flow.closed, t("kpi.cases_closed"),
            f"{t('kpi.cases_cancelled')} {n(flow.cancelled)}", cancelled=flow.cancelled,
        ),
        _card("open_cases", k.open_cases, t("kpi.open_cases")),
        _card("overdue_cases", k.overdue.total, t("kpi.overdue_cases")),
        _card(
            "consultation_hours", round(k.hours.hours, 2), t("kpi.consultation_hours"),
            shown=n(k.hours.hours, 1), minutes=k.hours.total_minutes,
        ),
        _card("permits_obtained", k.permits_total, t("kpi.permits_obtained")),
        _card(
            "events_held", events.events, t("kpi.events_held"),
            f"{t('kpi.event_registered')} {n(events.registered)}", registered=events.registered,
        ),
        _card("event_attended", events.attended, t("kpi.event_attended")),
        _card("event_sales", events.sales, t("kpi.event_sales")),
    ]  # fmt: skip
    if ikm is None:
        cards.append(_card("ikm_score", "", t("kpi.ikm_score"), t("kpi.ikm_none"), "–", grade=""))
    else:
        note = f"{ikm.grade_label} · {t('kpi.ikm_respondents', n=ikm.n_respondents)}"
        shown = f"{n(float(ikm.score_rounded), 2)} ({ikm.grade})"
        cards.append(
            _card("ikm_score", ikm.score_rounded, t("kpi.ikm_score"), note, shown, grade=ikm.grade)
        )
    return f'<div class="plut-kpi-cards">{"".join(cards)}</div>'


class _Pager(w.VBox):
    """A table with a status line and previous/next buttons."""

    def __init__(self, title: str, css_class: str, turn: Callable[[int], None]) -> None:
        self.page = 1
        self.status = w.HTML()
        self.body = w.HTML()
        self.prev_button = w.Button(description=t("ui.prev"), icon="chevron-left", disabled=True)
        self.next_button = w.Button(description=t("ui.next"), icon="chevron-right", disabled=True)
        self.prev_button.on_click(lambda _b: turn(self.page - 1))
        self.next_button.on_click(lambda _b: turn(self.page + 1))
        super().__init__(
            [
                w.HTML(f"<h3>{esc(title)}</h3>"),
                self.body,
                w.HBox([self.prev_button, self.next_button, self.status]),
            ]
        )
        self.add_class(css_class)

    def show(self, html: str, page: int, pages: int, total: int) -> None:
        self.page = page
        self.body.value = html
        self.status.value = esc(t("ui.dashboard.page", total=total, page=page, pages=pages))
        self.prev_button.disabled = page <= 1
        self.next_button.disabled = page >= pages


class DashboardApp(w.VBox):
    """Centre and period pickers, headline cards, charts, overdue cases and workload.

    Args:
        actor: The signed-in staff member (their centre is shown first).
        sessions: Opens a read-only session (default :func:`plut_nb.db.read_scope`).
        page_size: Rows per page of the two tables.
        as_of: The day "now" means (default: today on the centre's clock, at each refresh).
        load_now: Show the figures right away.
    """

    def __init__(
        self,
        actor: Staff,
        sessions: SessionFactory = read_scope,
        *,
        page_size: int = 10,
        as_of: date | None = None,
        load_now: bool = True,
    ) -> None:
        self.actor = actor
        self._sessions = sessions
        self._as_of = as_of
        self.page_size = page_size
        self.kpis: DashboardKpis | None = None
        self.png: dict[str, bytes] = {}
        self.message = w.HTML()
        self.centre = w.Dropdown(
            description=t("ui.dashboard.centre"), options=[], layout=w.Layout(width="380px")
        )
        now = as_of or today()
        self.start = w.DatePicker(description=t("ui.dashboard.start"), value=date(now.year, 1, 1))
        self.end = w.DatePicker(description=t("ui.dashboard.end"), value=now)
        self.refresh_button = w.Button(
            description=t("ui.dashboard.refresh"), button_style="primary", icon="refresh"
        )
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.heading = w.HTML()
        self.cards = w.HTML()
        self.charts = {
            key: w.Image(format="png", layout=w.Layout(max_width="560px")) for key in CHART_KEYS
        }
        self.overdue = _Pager(t("ui.dashboard.overdue_title"), "plut-overdue", self.show_overdue)
        self.workload = _Pager(
            t("ui.dashboard.workload_title"), "plut-workload", self.show_workload
        )
        chart_box = w.Box(
            list(self.charts.values()), layout=w.Layout(display="flex", flex_flow="row wrap")
        )
        super().__init__(
            [
                w.HTML(STYLE + _CSS),
                w.HBox([self.centre, self.start, self.end, self.refresh_button]),
                self.message,
                self.heading,
                self.cards,
                chart_box,
                self.overdue,
                self.workload,
            ]
        )
        self.add_class("plut-dashboard")
        try:
            with self._sessions() as session:
                centres = dashboard_centres(session, actor)
        except Exception as exc:  # shown, never a traceback
            show_error(self.message, exc)
            return
        self.centre.options = [(c.name, c.code) for c in centres]
        mine = [c.code for c in centres if c.centre_id == actor.centre_id]
        self.centre.value = mine[0] if mine else (centres[0].code if centres else None)
        if load_now:
            self.refresh()

    def refresh(self) -> None:
        """Recompute every figure for the chosen centre and period and show it."""
        self.refresh_button.disabled = True  # one refresh at a time; re-enabled below
        try:
            self._refresh()
        finally:
            self.refresh_button.disabled = False

    def _refresh(self) -> None:
        try:
            period = Period(self.start.value, self.end.value)
            scope = Scope.centre(self.centre.value or "")
            with self._sessions() as session:
                kpis = dashboard_kpis(
                    session,
                    self.actor,
                    scope,
                    period,
                    as_of=self._as_of or today(),
                    overdue_page_size=self.page_size,
                )
            png = {key: figure_png(fig) for key, fig in dashboard_charts(kpis).items()}
        except Exception as exc:  # the inputs stay as typed; the error is shown
            show_error(self.message, exc)
            return
        self.message.value = ""
        self.kpis, self.png = kpis, png
        self.heading.value = "<h3>" + esc(
            t(
                "ui.dashboard.heading",
                scope=kpis.scope_name,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
                as_of=kpis.as_of.isoformat(),
            )
        ) + "</h3>"  # fmt: skip
        self.cards.value = cards_html(kpis)
        for key, data in png.items():
            self.charts[key].value = data
        self._render_overdue(kpis.overdue)
        self.show_workload(1)

    def show_overdue(self, page: int) -> None:
        """Show page ``page`` of the overdue cases of the figures on screen."""
        if self.kpis is None:
            return
        try:
            with self._sessions() as session:
                result = dashboard_overdue(
                    session,
                    self.actor,
                    self.kpis.scope,
                    as_of=self.kpis.as_of,
                    page=page,
                    page_size=self.page_size,
                )
        except Exception as exc:
            show_error(self.message, exc)
            return
        self._render_overdue(result)

    def _render_overdue(self, res: OverduePage) -> None:
        if res.total == 0:
            html = f"<p>{esc(t('ui.dashboard.overdue_none'))}</p>"
        else:
            headers = [t(f"ui.dashboard.col.{c}") for c in
                       ("case", "enterprise", "service", "status", "assignee", "due",
                        "days_overdue")]  # fmt: skip
            rows = [
                (r.number, r.enterprise_name, r.service_name, status_label(r.status),
                 r.assignee_name or t("ui.dashboard.unassigned"), r.due_on.isoformat(),
                 r.days_overdue)
                for r in res.rows
            ]  # fmt: skip
            html = table(headers, rows)
        self.overdue.show(html, res.page, res.pages, res.total)

    def show_workload(self, page: int) -> None:
        """Show page ``page`` of the staff workload of the figures on screen."""
        if self.kpis is None:
            return
        loads = self.kpis.workload
        pages = max(1, -(-len(loads) // self.page_size))
        page = min(max(1, page), pages)
        chunk = loads[(page - 1) * self.page_size : page * self.page_size]
        if not loads:
            html = f"<p>{esc(t('ui.dashboard.workload_none'))}</p>"
        else:
            headers = [
                t(f"ui.dashboard.col.{c}") for c in ("staff", "roles", "open_cases", "hours")
            ]
            rows = [
                (x.name, ", ".join(x.roles), x.open_cases, format_number(x.hours, 1)) for x in chunk
            ]
            html = table(headers, rows)
        self.workload.show(html, page, pages, len(loads))
