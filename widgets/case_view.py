"""The case view: the case, its enterprise and history, and the action forms.

Every action runs in one transaction with the case version this view was
loaded with. When somebody else changed the case meanwhile, the service's
:class:`~plut_nb.errors.Conflict` message (who, when) is shown with a
"Muat ulang" button; the forms keep what the user typed, so after reloading
they can check the new state and save again.

The owner's NIK and phone are shown in full only when the service returns them
(staff who work the case); a manager also sees the case's audit trail, each
change with its fields before and after (:func:`~plut_nb.services.case_history.case_audit`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as w
from sqlalchemy import Engine

from plut_nb.db import read_scope, session_scope
from plut_nb.errors import Conflict
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.reference.codes import SERVICE_FIELDS
from plut_nb.security import Action as Permission
from plut_nb.security import allowed
from plut_nb.services.board import CaseRow, CaseView, HistoryItem, case_view
from plut_nb.services.case_history import AuditRecord, case_audit
from widgets._feedback import show_error, show_success
from widgets._html import esc
from widgets.case_forms import (
    Action,
    ActivityForm,
    AssignForm,
    CaseForm,
    PermitForm,
    ReferralForm,
    SnapshotForm,
    StatusForm,
    labelled,
)

__all__ = ["CASES_STYLE", "CasePanel", "badges", "field_label", "status_badge"]

CASES_STYLE = """<style>
.plut-badge { display: inline-block; border-radius: 9px; padding: 1px 8px; margin: 1px 2px;
  font-size: 12px; font-weight: 600; white-space: nowrap; background: #e3e8ef; color: #1f2d3d; }
.plut-badge-overdue { background: #b00020; color: #fff; }
.plut-badge-follow-up { background: #f2a900; color: #1f2d3d; }
.plut-badge-baru { background: #d6e9ff; } .plut-badge-dalam_proses { background: #d4f2dc; }
.plut-badge-selesai, .plut-badge-ditutup { background: #c8e6c9; }
.plut-badge-dibatalkan { background: #eeeeee; color: #666; }
.plut-cases-grid .widget-html, .plut-cases-grid .widget-button { margin: 0; }
.plut-cases-grid .plut-cases-head { font-weight: 700; background: #1f4e79; color: #fff; padding: 4px 6px; }
.plut-case-head h3 { margin: 4px 0; }
.plut-case-columns { display: flex; flex-wrap: wrap; gap: 8px 40px; align-items: flex-start; }
.plut-case-facts td { padding: 2px 10px 2px 0; vertical-align: top; }
.plut-history td { vertical-align: top; }
.plut-history ul { margin: 2px 0; padding-left: 16px; }
</style>"""


def status_badge(status: str) -> str:
    """A status as a coloured badge (escaped)."""
    return f'<span class="plut-badge plut-badge-{esc(status)}">{esc(t(f"board.status.{status}"))}</span>'


def badges(row: CaseRow) -> str:
    """The overdue and follow-up-due flags of a case as badges."""
    out = []
    if row.overdue:
        out.append(
            f'<span class="plut-badge plut-badge-overdue">{esc(t("ui.cases.badge_overdue"))}</span>'
        )
    if row.follow_up_due:
        out.append(
            f'<span class="plut-badge plut-badge-follow-up">{esc(t("ui.cases.badge_follow_up"))}</span>'
        )
    return "".join(out)


def field_label(code: str) -> str:
    """The name of a PLUT service field (bidang) in the configured language."""
    return {value: label for label, value in labelled(SERVICE_FIELDS)}.get(code, code)


def _rupiah(value: int | None) -> str:
    return "-" if value is None else "Rp" + f"{value:,}".replace(",", ".")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class CasePanel(w.VBox):
    """One open case with its actions.

    Args:
        actor: The acting staff member (every action is done as them).
        staff: Staff of the centre, offered for assignment.
        engine: Database engine (default: the configured one).
        on_changed: Called after every successful action (e.g. to refresh the list).
    """

    def __init__(
        self,
        actor: Staff,
        staff: list[Staff],
        engine: Engine | None = None,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        self.actor = actor
        self._engine = engine
        self._on_changed = on_changed
        self.view: CaseView | None = None
        self.head = w.HTML()
        self.head.add_class("plut-case-head")
        self.message = w.HTML()
        self.message.add_class("plut-cases-message")
        self.reload_button = w.Button(description=t("ui.cases.reload"), icon="refresh")
        self.reload_button.add_class("plut-cases-reload")
        self.reload_button.layout.display = "none"
        self.reload_button.on_click(lambda _b: self.reload())
        self.history = w.HTML()
        self.history.add_class("plut-history-box")
        self.audit = w.HTML()
        self.audit.add_class("plut-audit-box")
        perform = self.perform
        self.assign = AssignForm(actor, perform, staff)
        self.status = StatusForm(actor, perform)
        self.activity = ActivityForm(actor, perform)
        self.referral = ReferralForm(actor, perform)
        self.permit = PermitForm(actor, perform)
        self.snapshot = SnapshotForm(actor, perform)
        self.forms: list[CaseForm] = [
            self.assign, self.status, self.activity, self.referral, self.permit, self.snapshot,
        ]  # fmt: skip
        self.tabs = w.Tab(children=self.forms)
        for i, key in enumerate(("assign", "status", "activity", "referral", "permit", "snapshot")):
            self.tabs.set_title(i, t(f"ui.cases.tab_{key}"))
        super().__init__(
            [
                self.head,
                self.tabs,
                w.HBox([self.message, self.reload_button]),
                self.history,
                self.audit,
            ]
        )
        self.add_class("plut-case-view")

    def show_case(self, case_id: int) -> bool:
        """Show case ``case_id`` with empty forms; False (and a message) if it cannot be read."""
        if self.view is None or self.view.row.case_id != case_id:
            for form in self.forms:
                form.clear()
            self.assign.staff.value = None
        self.message.value = ""
        self.reload_button.layout.display = "none"
        return self._load(case_id)

    def reload(self) -> None:
        """Read the case again (e.g. after a conflict); typed input stays in the forms."""
        if self.view is None:
            return
        self.reload_button.layout.display = "none"
        if self._load(self.view.row.case_id):
            show_success(self.message, t("ui.cases.ok_reload", version=self.view.row.version))

    def _load(self, case_id: int) -> bool:
        try:
            with read_scope(self._engine) as session:
                view = case_view(session, self.actor, case_id)
                trail = (
                    case_audit(session, self.actor, case_id)
                    if allowed(self.actor, Permission.read_audit)
                    else None
                )
        except Exception as exc:  # shown as a message; a traceback never reaches the page
            show_error(self.message, exc)
            return False
        self.view = view
        self.head.value = self._render_head(view)
        self.history.value = self._render_history(view.history)
        self.audit.value = "" if trail is None else self._render_audit(trail)
        for form in self.forms:
            form.refresh(view)
        return True

    def perform(self, action: Action, after: Callable[[], None] | None = None) -> bool:
        """Run ``action`` in a transaction at the loaded version and show the outcome.

        Args:
            action: Does the change with a session and the loaded view; returns
                the success message.
            after: Called after a success (e.g. to clear the form).

        Returns:
            True when the change was saved.
        """
        view = self.view
        if view is None:
            return False
        try:
            with session_scope(self._engine) as session:
                done = action(session, view)
        except Conflict as exc:
            show_error(self.message, exc)
            self.reload_button.layout.display = None
            return False
        except Exception as exc:  # typed errors with their message, others generic
            show_error(self.message, exc)
            return False
        self.reload_button.layout.display = "none"
        self._load(view.row.case_id)
        show_success(self.message, done)
        if after is not None:
            after()
        if self._on_changed is not None:
            self._on_changed()
        return True

    @staticmethod
    def _render_head(view: CaseView) -> str:
        row, ent = view.row, view.enterprise
        case_facts = [
            ("ui.cases.service", f"{row.service_name} ({field_label(row.service_field)})"),
            ("ui.cases.assignee", row.assignee_name or t("ui.cases.unassigned")),
            ("ui.cases.opened", row.opened_on),
            ("ui.cases.due", row.due_on),
            ("ui.cases.closed", view.closed_on),
            ("ui.cases.priority", view.priority),
            ("ui.cases.channel", view.channel),
            ("ui.cases.description", view.description),
            ("ui.cases.resolution", view.resolution),
            ("ui.cases.version", row.version),
        ]
        enterprise_facts = [
            ("ui.cases.enterprise", ent.name),
            ("ui.cases.nib", ent.nib),
            ("ui.cases.kbli", ent.kbli_code),
            ("ui.cases.region", ent.region),
            ("ui.cases.owner", ent.owner_name),
            ("ui.cases.nik", ent.owner_nik or ent.owner_nik_masked),
            ("ui.cases.phone", ent.owner_phone or ent.owner_phone_masked),
            ("ui.cases.snapshot", CasePanel._snapshot_line(view)),
        ]
        tables = "".join(
            '<table class="plut-case-facts">'
            + "".join(
                f"<tr><td><b>{esc(t(key))}</b></td><td>{esc(value)}</td></tr>"
                for key, value in facts
                if value not in (None, "")
            )
            + "</table>"
            for facts in (case_facts, enterprise_facts)
        )
        title = esc(t("ui.cases.case_heading", number=row.number))
        return (
            f"<h3>{title} {status_badge(row.status)} {badges(row)}</h3>"
            f'<div class="plut-case-columns">{tables}</div>'
        )

    @staticmethod
    def _snapshot_line(view: CaseView) -> str:
        snap = view.snapshot
        if snap is None:
            return t("ui.cases.snapshot_none")
        return t(
            "ui.cases.snapshot_line",
            date=snap.taken_on,
            sales=_rupiah(snap.sales_annual),
            capital=_rupiah(snap.capital),
            employees="-" if snap.employees_total is None else snap.employees_total,
            women="-" if snap.employees_women is None else snap.employees_women,
            size=snap.size_class or "-",
        )

    @staticmethod
    def _render_history(items: list[HistoryItem]) -> str:
        heading = f"<h4>{esc(t('ui.cases.history'))}</h4>"
        if not items:
            return heading + f"<p>{esc(t('ui.cases.history_empty'))}</p>"
        head = "".join(
            f"<th>{esc(t(k))}</th>"
            for k in ("ui.cases.h_date", "ui.cases.h_recorded", "ui.cases.h_who", "ui.cases.h_what")
        )
        rows = []
        for item in items:
            details = "".join(
                f"<li>{esc(label)}: {esc(value)}</li>" for label, value in item.details
            )
            what = esc(item.title) + (f"<ul>{details}</ul>" if details else "")
            rows.append(
                f'<tr class="plut-history-{esc(item.kind)}"><td>{esc(item.on)}</td>'
                f"<td>{esc(_when(item.at))}</td><td>{esc(item.actor or '-')}</td><td>{what}</td></tr>"
            )
        return (
            f'{heading}<table class="plut-table plut-history"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    @staticmethod
    def _render_audit(records: list[AuditRecord]) -> str:
        heading = f"<h4>{esc(t('ui.cases.audit'))}</h4>"
        if not records:
            return heading + f"<p>{esc(t('ui.cases.audit_empty'))}</p>"
        keys = ("ui.cases.a_when", "ui.cases.a_who", "ui.cases.a_what", "ui.cases.a_changes")
        head = "".join(f"<th>{esc(t(k))}</th>" for k in keys)
        rows = []
        for r in records:
            changes = "".join(
                f"<li>{esc(field)}: {esc(old or '-')} → {esc(new or '-')}</li>"
                for field, old, new in r.changes
            )
            rows.append(
                f"<tr><td>{esc(_when(r.at))}</td><td>{esc(r.actor or '-')}</td>"
                f"<td>{esc(r.action)} · {esc(r.entity)} {esc(r.entity_id)}</td>"
                f"<td><ul>{changes}</ul></td></tr>"
            )
        return (
            f'{heading}<table class="plut-table plut-audit"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
