"""The intake app (pendaftaran): enterprise, owner, baseline and first case in one form.

Flow: staff fill the form (region by cascading dropdowns, KBLI by search, money
as "Rp1.500.000"); NIK, NIB, phone and the figures are checked as they leave
each field, and the derived facts (gender and birth date from the NIK, size
class, region path) are shown live. **Simpan** checks everything
(:func:`~plut_nb.services.intake_support.check_intake`), then looks for likely
duplicates (:func:`~plut_nb.services.intake.find_duplicates`). With none, it
registers at once; otherwise staff choose "same enterprise — open a new case"
for one candidate or "new enterprise". Registration is one transaction; on
success the form shows the case number and clears, on failure it keeps every
value and shows the error (per field where it belongs to one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import ipywidgets as w
from sqlmodel import Session

from plut_nb.db import default_engine, ensure_current, read_scope, session_scope
from plut_nb.errors import Conflict, ValidationError
from plut_nb.i18n import t
from plut_nb.models import Staff
from plut_nb.services.intake import (
    DuplicateCandidate,
    IntakeResult,
    ValidIntake,
    find_duplicates,
    register_enterprise,
)
from plut_nb.services.intake_support import (
    DerivedFacts,
    check_intake,
    derived_facts,
    field_messages,
    home_region,
    region_path,
    service_choices,
    warm_reference_tables,
)
from widgets._feedback import show_error
from widgets._html import esc
from widgets.intake_fields import IntakeFields
from widgets.shell import AppShell

__all__ = ["IntakeApp", "intake_page", "prefetch_reference_data"]

SessionFactory = Callable[[], AbstractContextManager[Session]]

_STYLE = """<style>
.plut-intake h3.plut-section { color: #1f4e79; margin: 14px 0 4px; font-size: 15px; }
.plut-intake .plut-field-msg { font-size: 12px; }
.plut-intake .plut-caption { justify-content: flex-end; padding-right: 8px; }
.plut-intake .widget-checkbox { margin-right: 14px; }
.plut-intake .plut-field-msg .plut-error { font-weight: 600; }
.plut-intake .plut-facts td:first-child { color: #444; }
.plut-intake .plut-receipt th { text-align: left; color: #444; font-weight: normal; padding-right: 12px; }
.plut-intake .plut-dup { border-left: 3px solid #b26a00; padding-left: 8px; margin: 6px 0; }
</style>"""


def prefetch_reference_data() -> threading.Thread:
    """Load the region and KBLI tables in a background thread.

    Called by the app notebook before the development-mode staff picker shows:
    while staff choose who they are, the tables the form needs get loaded, so the
    form appears sooner. Not when signed in: the form is built at once then, and
    a second thread loading the same tables would only compete with it.
    """
    worker = threading.Thread(target=warm_reference_tables, name="plut-prefetch", daemon=True)
    worker.start()
    return worker


def intake_page(staff_id: int | None = None) -> AppShell:
    """The whole intake page: schema check, then the app frame with the form.

    The app notebook shows it through :class:`widgets.deferred.DeferredApp`, so it
    is built while the browser loads Voila's scripts.

    Args:
        staff_id: The signed-in staff member; ``None`` offers the development
            picker (and loads the reference tables while staff pick).

    Raises:
        SchemaOutOfDate: The database needs ``plut db upgrade`` first.
    """
    ensure_current(default_engine())
    if staff_id is None:
        prefetch_reference_data()
    return AppShell(t("ui.intake.title"), IntakeApp, staff_id=staff_id)


class IntakeApp(w.VBox):
    """The intake form for one staff member; cases open at the actor's centre.

    Args:
        actor: The signed-in staff member (every write carries them).
        sessions: Opens a read-only session (default :func:`plut_nb.db.read_scope`).
        writes: Opens a session committed on success (default
            :func:`plut_nb.db.session_scope`).
    """

    def __init__(
        self,
        actor: Staff,
        *,
        sessions: SessionFactory = read_scope,
        writes: SessionFactory = session_scope,
    ) -> None:
        self.actor = actor
        self._sessions = sessions
        self._writes = writes
        self.result: IntakeResult | None = None
        self.candidates: list[DuplicateCandidate] = []
        self.same_buttons: list[w.Button] = []
        with sessions() as session:
            services = service_choices(session)
            home = home_region(session, actor)
        self.fields = IntakeFields(services, home)
        self.fields.on_change = self._field_changed
        looks = self.fields.looks
        self.facts = looks.html_box()
        self.facts.add_class("plut-intake-facts")
        self.save_button = w.Button(
            description=t("ui.intake.save"),
            button_style="primary",
            icon="save",
            layout=looks.plain,
            style=looks.button,
        )
        self.save_button.add_class("plut-intake-save")
        self.save_button.on_click(lambda _b: self.save())
        self.new_button = w.Button(
            description=t("ui.intake.new"), icon="plus", layout=looks.plain, style=looks.button
        )
        self.new_button.add_class("plut-intake-new")
        self.new_button.on_click(lambda _b: self.choose_new())
        self.cancel_button = w.Button(
            description=t("ui.intake.cancel"), layout=looks.plain, style=looks.button
        )
        self.cancel_button.on_click(lambda _b: self._hide_candidates())
        self.status = looks.html_box()
        self.status.add_class("plut-intake-status")
        self.duplicates = w.VBox(layout=looks.plain)
        self.duplicates.add_class("plut-intake-duplicates")
        super().__init__(
            [
                looks.html_box(_STYLE + f"<p>{esc(t('ui.intake.intro'))}</p>"),
                *self.fields.sections(),
                looks.html_box(
                    f"<h3 class='plut-section'>{esc(t('ui.intake.section.derived'))}</h3>"
                ),
                self.facts,
                self.save_button,
                self.status,
                self.duplicates,
            ],
            layout=looks.plain,
        )
        self.add_class("plut-intake")
        self._show_facts()

    # --- live checks -------------------------------------------------------

    def _field_changed(self, field: str) -> None:
        try:
            if field not in ("village_code", "kbli"):
                msgs = field_messages(self.fields.values(), [field])
                self.fields.show_messages(msgs, only={field})
            self._show_facts()
        except Exception as exc:  # a live check must never break the form
            show_error(self.status, exc)

    def _show_facts(self) -> None:
        facts: DerivedFacts = derived_facts(self.fields.values())
        dash = t("ui.intake.fact.unknown")
        rows = [
            (t("ui.intake.fact.gender"), facts.gender or dash),
            (
                t("ui.intake.fact.birth_date"),
                facts.birth_date.strftime("%d-%m-%Y") if facts.birth_date else dash,
            ),
            (t("ui.intake.fact.size"), facts.size or dash),
            (t("ui.intake.fact.region"), facts.region or dash),
            (t("ui.intake.fact.kbli"), facts.kbli or dash),
        ]
        body = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows)
        self.facts.value = f'<table class="plut-facts">{body}</table>'

    # --- saving ------------------------------------------------------------

    def save(self) -> None:
        """Check the form, list likely duplicates, or register straight away."""
        # Nothing is sent to the page before the outcome: every path below replaces
        # the status line, so the previous one stays until then.
        self._hide_candidates()
        self.candidates = []
        self.fields.clear_messages()
        try:
            valid = check_intake(self.fields.values())
            with self._sessions() as session:
                candidates = find_duplicates(session, self.actor, valid)
        except Exception as exc:
            self._failed(exc)
            return
        if candidates:
            self._offer(candidates)
            return
        self._register(None, valid)

    def choose_same(self, enterprise_id: int) -> None:
        """Staff confirmed: candidate ``enterprise_id`` is this enterprise — open a new case."""
        self._register(enterprise_id)

    def choose_new(self) -> None:
        """Staff confirmed: none of the candidates — register a new enterprise."""
        self._register(None)

    def _register(self, same_as: int | None, valid: ValidIntake | None = None) -> None:
        try:
            valid = valid or check_intake(self.fields.values())
            with self._writes() as session:
                result = register_enterprise(
                    session, self.actor, valid.form, same_as_enterprise_id=same_as
                )
        except Exception as exc:
            self._failed(exc)
            return
        name = next(
            (c.name for c in self.candidates if c.enterprise_id == same_as),
            valid.form.enterprise_name,
        )
        self.result = result
        service = str(self.fields.inputs["service_code"].label or valid.form.service_code)
        # The outcome first (what staff wait for), then the emptied form.
        self._confirm(result, name, service, valid)
        self._hide_candidates()
        self.fields.reset()
        self._show_facts()

    def _confirm(self, result: IntakeResult, name: str, service: str, valid: ValidIntake) -> None:
        """The case number first, then a receipt of what was saved (every value escaped)."""
        form = valid.form
        lead = t("ui.intake.saved_new" if result.created_enterprise else "ui.intake.saved_existing")
        rows = [
            (t("field.enterprise_name"), name),
            (t("field.owner_name"), form.owner_name),
            (t("field.products"), form.products or "-"),
            (t("field.street_address"), form.street_address or "-"),
            (t("ui.intake.fact.region"), valid.village_path),
            (t("field.service_code"), service),
            (t("field.description"), form.description or "-"),
        ]
        body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
        self.status.value = (
            f'<div class="plut-ok" role="status">'
            f'<span class="plut-case-number">{esc(t("ui.intake.saved", case=result.case_number))}'
            f"</span> — {esc(lead)}</div>"
            f'<table class="plut-receipt">{body}</table>'
        )

    def _failed(self, exc: Exception) -> None:
        """Show ``exc``; the typed values stay where they are."""
        if isinstance(exc, ValidationError):
            self.fields.show_messages(exc.by_field)
            show_error(self.status, exc)
            self.status.value = f"<p>{esc(t('ui.intake.fix_fields'))}</p>{self.status.value}"
            return
        show_error(self.status, exc)
        if isinstance(exc, Conflict) and exc.entity in self.fields.messages:
            self.fields.show_messages({str(exc.entity): [exc.message]}, only={str(exc.entity)})

    # --- duplicates --------------------------------------------------------

    def _offer(self, candidates: list[DuplicateCandidate]) -> None:
        self.status.value = ""
        self.candidates = candidates
        self.same_buttons = []
        rows: list[w.Widget] = []
        for cand in candidates:
            button = w.Button(description=t("ui.intake.same"), layout=w.Layout(width="auto"))
            button.add_class("plut-intake-same")
            button.on_click(lambda _b, eid=cand.enterprise_id: self.choose_same(eid))
            self.same_buttons.append(button)
            info = w.HTML(
                f"<b>{esc(cand.name)}</b> — {esc(region_path(cand.village_code))}"
                f" · {esc(t(f'ui.intake.reason.{cand.reason}'))} ({cand.score:.0f})"
            )
            info.add_class("plut-dup-name")
            rows.append(w.HBox([button, info]))
        head = w.HTML(f'<div class="plut-dup" role="alert">{esc(t("ui.intake.duplicates"))}</div>')
        self.duplicates.children = (head, *rows, w.HBox([self.new_button, self.cancel_button]))

    def _hide_candidates(self) -> None:
        self.duplicates.children = ()
        self.same_buttons = []
