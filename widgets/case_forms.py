"""The action forms of the case view: assign, status, activity, referral, permit, indicators.

Each form only gathers input and calls one service inside ``perform`` (given by
:class:`~widgets.case_view.CasePanel`), which opens the transaction, passes the
case version the view was loaded with, and shows the outcome. A form keeps its
input when the action fails; it clears its free text only after a success.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import ipywidgets as w
from sqlmodel import Session

from plut_nb.clock import today
from plut_nb.errors import ValidationError
from plut_nb.i18n import current_lang, t
from plut_nb.models import Staff
from plut_nb.reference.codes import (
    ACTIVITY_KINDS,
    ACTIVITY_MODES,
    ONLINE_CHANNELS,
    PARTNER_TYPES,
    PERMIT_STATUSES,
    PERMIT_TYPES,
    REFERRAL_STATUSES,
)
from plut_nb.services.board import MARKETS, CaseView, snapshot_from_text
from plut_nb.services.cases import (
    assign_case,
    change_status,
    close_case,
    log_activity,
    record_permit,
    record_snapshot,
    refer_case,
    reopen_case,
    update_referral,
)
from widgets._html import esc

Action = Callable[[Session, CaseView], str]
Perform = Callable[[Action, Callable[[], None] | None], bool]

__all__ = [
    "ActivityForm",
    "AssignForm",
    "CaseForm",
    "PermitForm",
    "ReferralForm",
    "SnapshotForm",
    "StatusForm",
]


def _wide() -> w.Layout:
    """A layout for long text inputs (one per widget: layouts are shared models)."""
    return w.Layout(width="520px")


def labelled(codes: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Dropdown options ``(label, code)`` of a code list in the configured language."""
    english = current_lang() == "en"
    return [(names[1] if english else names[0], code) for code, names in codes.items()]


def translated(prefix: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """Dropdown options ``(label, code)`` whose labels are message keys ``prefix.code``."""
    return [(t(f"{prefix}.{code}"), code) for code in codes]


def required_date(value: date | None, field: str = "date") -> date:
    """The picked date, or a field error saying the date is required."""
    if value is None:
        raise ValidationError.single(field, "required")
    return value


def _button(key: str, css: str, style: str = "primary") -> w.Button:
    button = w.Button(description=t(key), button_style=style)
    button.add_class(css)
    return button


def _widen_labels(box: w.Box) -> None:
    """Give every field label room for its whole text (ipywidgets cuts them at 80px)."""
    for child in box.children:
        if isinstance(child, w.Box):
            _widen_labels(child)
        elif isinstance(child, w.Checkbox):
            child.indent = False
            child.layout.width = "auto"
        elif getattr(child, "description", "") and child.style.has_trait("description_width"):
            child.style.description_width = "130px"


class CaseForm(w.VBox):
    """Base of the action forms: the acting staff member and the panel's ``perform``."""

    def __init__(self, actor: Staff, perform: Perform, children: list[w.Widget]) -> None:
        self.actor = actor
        self.perform = perform
        super().__init__(children)
        _widen_labels(self)

    def refresh(self, view: CaseView) -> None:
        """Adapt options to the (re)loaded case; typed input is kept."""

    def clear(self) -> None:
        """Empty the free-text input (after a success, or when another case is opened)."""


class AssignForm(CaseForm):
    """Assign (or reassign) the case to a staff member of the centre."""

    def __init__(self, actor: Staff, perform: Perform, staff: list[Staff]) -> None:
        self.names = {s.id: s.name for s in staff}
        options = [(f"{s.name} — {', '.join(s.roles)}", s.id) for s in staff]
        self.staff = w.Dropdown(options=options, description=t("ui.cases.assign_to"))
        self.staff.add_class("plut-cases-assignee")
        self.staff.layout = _wide()
        self.assign_button = _button("ui.cases.assign", "plut-cases-assign")
        self.assign_button.on_click(lambda _b: self.perform(self._assign, None))
        super().__init__(actor, perform, [self.staff, self.assign_button])

    def refresh(self, view: CaseView) -> None:
        """Preselect the current assignee (else the actor) when nothing is chosen yet."""
        self.assign_button.disabled = not view.can_assign
        if self.staff.value is None:
            pick = view.row.assignee_id or self.actor.id
            self.staff.value = pick if pick in self.names else None

    def _assign(self, session: Session, view: CaseView) -> str:
        staff_id = self.staff.value
        if staff_id is None:
            raise ValidationError.single("assigned_staff_id", "required")
        assign_case(
            session, self.actor, view.row.case_id, staff_id, expected_version=view.row.version
        )
        return t("ui.cases.ok_assign", number=view.row.number, who=self.names[staff_id])


class StatusForm(CaseForm):
    """Move the case to an allowed status; close or reopen a finished case."""

    def __init__(self, actor: Staff, perform: Perform) -> None:
        self.target = w.Dropdown(options=[], description=t("ui.cases.new_status"))
        self.target.add_class("plut-cases-target")
        self.resolution = w.Textarea(
            description=t("ui.cases.resolution"), placeholder=t("ui.cases.resolution_hint")
        )
        self.resolution.add_class("plut-cases-resolution")
        self.resolution.layout = _wide()
        self.change_button = _button("ui.cases.change_status", "plut-cases-change")
        self.close_button = _button("ui.cases.close_case", "plut-cases-close", "success")
        self.reopen_button = _button("ui.cases.reopen_case", "plut-cases-reopen", "warning")
        self.final = w.HTML()
        self.change_button.on_click(lambda _b: self.perform(self._change, self.clear))
        self.close_button.on_click(lambda _b: self.perform(self._close, None))
        self.reopen_button.on_click(lambda _b: self.perform(self._reopen, None))
        buttons = w.HBox([self.change_button, self.close_button, self.reopen_button])
        super().__init__(actor, perform, [self.final, self.target, self.resolution, buttons])

    def refresh(self, view: CaseView) -> None:
        """Offer exactly the allowed targets; keep the chosen one if still allowed."""
        keep = self.target.value
        self.target.options = translated("board.status", view.next_statuses)
        nexts = view.next_statuses
        self.target.value = keep if keep in nexts else (nexts[0] if nexts else None)
        self.change_button.disabled = not view.next_statuses
        self.final.value = "" if view.next_statuses else f"<i>{esc(t('ui.cases.final'))}</i>"
        done = view.row.status == "selesai"
        self.close_button.layout.display = None if done else "none"
        self.reopen_button.layout.display = None if done else "none"

    def clear(self) -> None:
        """Empty the resolution box."""
        self.resolution.value = ""

    def _change(self, session: Session, view: CaseView) -> str:
        target = self.target.value
        if target is None:
            raise ValidationError.single("status", "required")
        change_status(session, self.actor, view.row.case_id, target,
                      expected_version=view.row.version, resolution=self.resolution.value or None)  # fmt: skip
        return t("ui.cases.ok_status", number=view.row.number, status=t(f"board.status.{target}"))

    def _close(self, session: Session, view: CaseView) -> str:
        close_case(session, self.actor, view.row.case_id, expected_version=view.row.version)
        return t("ui.cases.ok_status", number=view.row.number, status=t("board.status.ditutup"))

    def _reopen(self, session: Session, view: CaseView) -> str:
        reopen_case(session, self.actor, view.row.case_id, expected_version=view.row.version)
        status = t("board.status.dalam_proses")
        return t("ui.cases.ok_status", number=view.row.number, status=status)


class ActivityForm(CaseForm):
    """Log a session, visit, call, training or document step."""

    def __init__(self, actor: Staff, perform: Perform) -> None:
        self.held_on = w.DatePicker(value=today(), description=t("ui.cases.held_on"))
        self.minutes = w.IntText(value=60, description=t("ui.cases.minutes"))
        self.kind = w.Dropdown(
            options=translated("board.kind", ACTIVITY_KINDS), description=t("ui.cases.kind")
        )
        self.mode = w.Dropdown(
            options=translated("board.mode", ACTIVITY_MODES), description=t("ui.cases.mode")
        )
        self.notes = w.Textarea(description=t("ui.cases.notes"), layout=_wide())
        self.notes.add_class("plut-cases-notes")
        self.next_step = w.Text(description=t("ui.cases.next_step"), layout=_wide())
        self.next_step.add_class("plut-cases-next-step")
        self.follow_up_on = w.DatePicker(value=None, description=t("ui.cases.follow_up_on"))
        self.save_button = _button("ui.cases.save_activity", "plut-cases-save-activity")
        self.save_button.on_click(lambda _b: self.perform(self._save, self.clear))
        super().__init__(actor, perform, [
            w.HBox([self.held_on, self.minutes]), w.HBox([self.kind, self.mode]), self.notes,
            self.next_step, self.follow_up_on, self.save_button,
        ])  # fmt: skip

    def clear(self) -> None:
        """Empty notes, next step and follow-up date."""
        self.notes.value = self.next_step.value = ""
        self.follow_up_on.value = None

    def _save(self, session: Session, view: CaseView) -> str:
        log_activity(
            session, self.actor, view.row.case_id,
            held_on=required_date(self.held_on.value), minutes=int(self.minutes.value),
            kind=self.kind.value, mode=self.mode.value, notes=self.notes.value,
            next_step=self.next_step.value.strip() or None, follow_up_on=self.follow_up_on.value,
            expected_version=view.row.version,
        )  # fmt: skip
        return t("ui.cases.ok_activity", number=view.row.number)


class ReferralForm(CaseForm):
    """Refer the enterprise to a partner, and move an existing referral along its loop."""

    def __init__(self, actor: Staff, perform: Perform) -> None:
        self.partner_type = w.Dropdown(
            options=labelled(PARTNER_TYPES), description=t("ui.cases.partner_type")
        )
        self.partner_name = w.Text(description=t("ui.cases.partner_name"), layout=_wide())
        self.partner_name.add_class("plut-cases-partner")
        self.follow_up_on = w.DatePicker(
            value=today() + timedelta(days=14), description=t("ui.cases.follow_up_on")
        )
        self.save_button = _button("ui.cases.save_referral", "plut-cases-save-referral")
        self.save_button.on_click(lambda _b: self.perform(self._save, self.clear))
        self.referral = w.Dropdown(options=[], description=t("ui.cases.referral"), layout=_wide())
        self.referral_status = w.Dropdown(
            options=translated("board.referral_status", REFERRAL_STATUSES),
            description=t("ui.cases.referral_status"),
        )
        self.referral_status.add_class("plut-cases-referral-status")
        self.outcome = w.Text(description=t("ui.cases.outcome"), layout=_wide())
        self.outcome.add_class("plut-cases-outcome")
        self.update_button = _button("ui.cases.update_referral", "plut-cases-update-referral")
        self.update_button.on_click(lambda _b: self.perform(self._update, self._cleared_outcome))
        super().__init__(actor, perform, [
            self.partner_type, self.partner_name, self.follow_up_on, self.save_button, w.HTML("<hr>"),
            self.referral, self.referral_status, self.outcome, self.update_button,
        ])  # fmt: skip
        self.partners: dict[int, str] = {}

    def refresh(self, view: CaseView) -> None:
        """List the case's referrals for the status update."""
        keep = self.referral.value
        self.partners = {r.id: r.partner_name for r in view.referrals if r.id is not None}
        self.referral.options = [
            (f"{r.partner_name} — {t(f'board.referral_status.{r.status}')}", r.id)
            for r in view.referrals
        ] or [(t("ui.cases.referral_none"), None)]
        ids = [r.id for r in view.referrals]
        self.referral.value = keep if keep in self.partners else (ids[-1] if ids else None)
        self.update_button.disabled = not view.referrals

    def clear(self) -> None:
        """Empty the partner name and the outcome."""
        self.partner_name.value = ""
        self._cleared_outcome()

    def _cleared_outcome(self) -> None:
        self.outcome.value = ""

    def _save(self, session: Session, view: CaseView) -> str:
        refer_case(
            session, self.actor, view.row.case_id, partner_type=self.partner_type.value,
            partner_name=self.partner_name.value,
            follow_up_on=required_date(self.follow_up_on.value, "follow_up_on"),
            expected_version=view.row.version,
        )  # fmt: skip
        return t("ui.cases.ok_referral", partner=self.partner_name.value.strip())

    def _update(self, session: Session, view: CaseView) -> str:
        referral_id = self.referral.value
        if referral_id is None:
            raise ValidationError.single("case", "required")
        update_referral(session, self.actor, referral_id, status=self.referral_status.value,
                        outcome=self.outcome.value.strip() or None,
                        expected_version=view.row.version)  # fmt: skip
        return t("ui.cases.ok_referral_update", partner=self.partners.get(referral_id, ""))


class PermitForm(CaseForm):
    """Record a permit application (type, status, number, dates)."""

    def __init__(self, actor: Staff, perform: Perform) -> None:
        self.permit_type = w.Dropdown(
            options=labelled(PERMIT_TYPES), description=t("ui.cases.permit_type")
        )
        self.status = w.Dropdown(
            options=translated("board.permit_status", PERMIT_STATUSES),
            description=t("ui.cases.permit_status"),
        )
        self.number = w.Text(description=t("ui.cases.permit_number"))
        self.number.add_class("plut-cases-permit-number")
        self.submitted_on = w.DatePicker(value=None, description=t("ui.cases.submitted_on"))
        self.issued_on = w.DatePicker(value=None, description=t("ui.cases.issued_on"))
        self.expires_on = w.DatePicker(value=None, description=t("ui.cases.expires_on"))
        self.save_button = _button("ui.cases.save_permit", "plut-cases-save-permit")
        self.save_button.on_click(lambda _b: self.perform(self._save, self.clear))
        super().__init__(actor, perform, [
            w.HBox([self.permit_type, self.status]), self.number,
            w.HBox([self.submitted_on, self.issued_on, self.expires_on]), self.save_button,
        ])  # fmt: skip

    def clear(self) -> None:
        """Empty the number and the dates."""
        self.number.value = ""
        self.submitted_on.value = self.issued_on.value = self.expires_on.value = None

    def _save(self, session: Session, view: CaseView) -> str:
        record_permit(
            session, self.actor, view.row.case_id, permit_type=self.permit_type.value,
            status=self.status.value, number=self.number.value,
            submitted_on=self.submitted_on.value, issued_on=self.issued_on.value,
            expires_on=self.expires_on.value, expected_version=view.row.version,
        )  # fmt: skip
        return t("ui.cases.ok_permit")


class SnapshotForm(CaseForm):
    """Record the enterprise's figures at a date (a follow-up indicator snapshot)."""

    def __init__(self, actor: Staff, perform: Perform) -> None:
        self.taken_on = w.DatePicker(value=today(), description=t("ui.cases.taken_on"))
        self.sales = w.Text(description=t("ui.cases.sales"))
        self.sales.add_class("plut-cases-sales")
        self.capital = w.Text(description=t("ui.cases.capital"))
        self.employees = w.Text(description=t("ui.cases.employees"))
        self.employees_women = w.Text(description=t("ui.cases.employees_women"))
        self.markets = {m: w.Checkbox(description=t(f"ui.cases.market_{m}")) for m in MARKETS}
        self.online = w.SelectMultiple(
            options=ONLINE_CHANNELS, description=t("ui.cases.online_channels")
        )
        self.save_button = _button("ui.cases.save_snapshot", "plut-cases-save-snapshot")
        self.save_button.on_click(lambda _b: self.perform(self._save, self.clear))
        super().__init__(actor, perform, [
            self.taken_on, w.HBox([self.sales, self.capital]),
            w.HBox([self.employees, self.employees_women]),
            w.HBox([w.Label(t("ui.cases.markets"), layout=w.Layout(width="130px")),
                    *self.markets.values()]), self.online,
            self.save_button,
        ])  # fmt: skip

    def clear(self) -> None:
        """Empty the figures."""
        for box in (self.sales, self.capital, self.employees, self.employees_women):
            box.value = ""
        for check in self.markets.values():
            check.value = False
        self.online.value = ()

    def _save(self, session: Session, view: CaseView) -> str:
        figures = snapshot_from_text(
            self.taken_on.value, sales_annual=self.sales.value, capital=self.capital.value,
            employees_total=self.employees.value, employees_women=self.employees_women.value,
            markets=[m for m, box in self.markets.items() if box.value],
            online_channels=self.online.value,
        )  # fmt: skip
        record_snapshot(session, self.actor, view.enterprise.enterprise_id, figures)
        return t("ui.cases.ok_snapshot")
