"""The IKM survey app: pick a finished case, enter the nine answers, see the centre's IKM.

The questionnaire is the standard one of PermenPANRB 14/2017 (wording in the
message catalogue). Saving calls :func:`plut_nb.services.cases.record_survey`;
an unanswered question, a case already surveyed or not finished is shown
clearly and every answer stays in the form.
"""

from __future__ import annotations

from decimal import Decimal

import ipywidgets as w
from sqlalchemy import Engine

from plut_nb.db import read_scope, session_scope
from plut_nb.errors import ValidationError
from plut_nb.i18n import current_lang, t
from plut_nb.models import Staff
from plut_nb.rules.ikm import IKM_ELEMENTS, IkmResult
from plut_nb.services.cases import record_survey
from plut_nb.services.survey_queries import (
    EligibleCase,
    centre_ikm,
    check_survey_form,
    element_labels,
    list_survey_eligible,
)
from widgets._feedback import show_error, show_success
from widgets._html import STYLE, esc, table

__all__ = ["SurveyApp"]

_CSS = """<style>
.plut-survey .plut-row { align-items: center; gap: 8px; border-bottom: 1px solid #dde3ea; }
.plut-survey .plut-question { border-left: 3px solid #1f4e79; padding-left: 8px; margin: 6px 0; }
.plut-survey .plut-question.plut-missing { border-left-color: #b00020; background: #fff4f4; }
.plut-survey .plut-question .widget-radio { width: auto; height: auto; }
.plut-survey .plut-question .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 4px 24px; height: auto; }
.plut-survey .plut-question .widget-radio-box label { white-space: nowrap; width: auto; margin: 0; }
.plut-survey .plut-field-error { color: #b00020; font-size: 12px; }
.plut-survey h3 { margin: 10px 0 4px; color: #1f4e79; }
</style>"""


def _number(value: float | Decimal) -> str:
    """Two decimals, with a decimal comma in Indonesian."""
    text = f"{value:.2f}"
    return text if current_lang() == "en" else text.replace(".", ",")


class SurveyApp(w.VBox):
    """The centre's IKM, the cases awaiting a survey (paged, searchable) and the form.

    Args:
        actor: The acting staff member; cases and IKM are those of their centre.
        engine: Database engine (default: the configured one).
        page_size: Rows per page of the case list.
    """

    def __init__(self, actor: Staff, *, engine: Engine | None = None, page_size: int = 10):
        self.actor = actor
        self._engine = engine
        self.page_size = page_size
        self.page = 1
        self.case: EligibleCase | None = None
        self.ikm: IkmResult | None = None
        self.ikm_view = w.HTML()
        self.query = w.Text(
            description=t("ui.survey.search"),
            placeholder=t("ui.survey.search_hint"),
            style={"description_width": "140px"},
            layout=w.Layout(width="520px"),
        )
        self.search_button = w.Button(description=t("ui.search"), icon="search")
        self.search_button.on_click(lambda _b: self.show_cases(page=1))
        self.cases_status = w.HTML()
        self.cases_box = w.VBox()
        self.prev_button = w.Button(description=t("ui.prev"), icon="chevron-left", disabled=True)
        self.next_button = w.Button(description=t("ui.next"), icon="chevron-right", disabled=True)
        self.prev_button.on_click(lambda _b: self.show_cases(page=self.page - 1))
        self.next_button.on_click(lambda _b: self.show_cases(page=self.page + 1))
        self.selected = w.HTML()
        self.case_error = w.HTML()
        self.answers: list[w.RadioButtons] = []
        self.answer_errors: list[w.HTML] = []
        self.question_boxes: list[w.VBox] = []
        labels = element_labels()
        for i, (key, _id, _en) in enumerate(IKM_ELEMENTS):
            radio = w.RadioButtons(
                options=[(t(f"ikm.a.{key}.{v}"), v) for v in range(1, 5)],
                value=None,
                layout=w.Layout(width="auto"),
            )
            error = w.HTML()
            question = w.HTML(f"<b>{i + 1}. {esc(labels[i])}</b> — {esc(t(f'ikm.q.{key}'))}")
            box = w.VBox([question, radio, error])
            box.add_class("plut-question")
            self.answers.append(radio)
            self.answer_errors.append(error)
            self.question_boxes.append(box)
        self.comment = w.Textarea(
            description=t("ui.survey.comment"),
            placeholder=t("ui.survey.comment_hint"),
            style={"description_width": "140px"},
            layout=w.Layout(width="640px", height="80px"),
        )
        self.comment_error = w.HTML()
        self.submit_button = w.Button(
            description=t("ui.survey.submit"), button_style="primary", icon="save"
        )
        self.submit_button.on_click(lambda _b: self.submit())
        self.message = w.HTML()
        super().__init__(
            [
                w.HTML(STYLE + _CSS),
                w.HTML(f"<h3>{esc(t('ui.survey.ikm'))}</h3>"),
                self.ikm_view,
                w.HTML(f"<h3>{esc(t('ui.survey.pick'))}</h3>"),
                w.HBox([self.query, self.search_button]),
                self.cases_status,
                self.cases_box,
                w.HBox([self.prev_button, self.next_button]),
                self.selected,
                self.case_error,
                w.HTML(f"<h3>{esc(t('ui.survey.questions'))}</h3>"),
                *self.question_boxes,
                w.HBox([self.comment, self.comment_error]),
                self.submit_button,
                self.message,
            ]
        )
        self.add_class("plut-survey")
        self._show_selected()
        self.show_ikm()
        self.show_cases()

    def show_ikm(self) -> None:
        """Show the centre's IKM score, grade and per-element means."""
        try:
            with read_scope(self._engine) as session:
                self.ikm = centre_ikm(session, self.actor)
        except Exception as exc:
            show_error(self.ikm_view, exc)
            return
        res = self.ikm
        if res is None:
            self.ikm_view.value = esc(t("ui.survey.ikm_none"))
            return
        summary = t(
            "ui.survey.ikm_summary",
            score=_number(res.score_rounded),
            grade=res.grade,
            label=t(f"ikm.grade.{res.grade}"),
            n=res.n_respondents,
        )
        means = table(
            [t("ui.survey.col.element"), t("ui.survey.col.mean")],
            [
                (f"{i + 1}. {label}", _number(m))
                for i, (label, m) in enumerate(
                    zip(element_labels(), res.element_means, strict=True)
                )
            ],
        )
        self.ikm_view.value = f'<div class="plut-ikm"><b>{esc(summary)}</b>{means}</div>'

    def show_cases(self, page: int = 1) -> None:
        """Show page ``page`` of the centre's cases awaiting a survey."""
        try:
            with read_scope(self._engine) as session:
                res = list_survey_eligible(
                    session,
                    self.actor,
                    self.query.value,
                    page=page,
                    page_size=self.page_size,
                )
        except Exception as exc:
            show_error(self.cases_status, exc)
            return
        self.page = res.page
        self.cases_status.value = esc(
            t("ui.survey.found", total=res.total, page=res.page, pages=res.pages)
            if res.total
            else t("ui.survey.none")
        )
        rows = []
        for c in res.rows:
            button = w.Button(description=t("ui.survey.choose"), icon="check")
            button.on_click(lambda _b, c=c: self.choose(c))
            text = (
                f"<b>{esc(c.number)}</b> · {esc(c.enterprise_name)} · NIB {esc(c.nib or '-')}"
                f" · {esc(c.service_name)} · {esc(c.status)} · {esc(c.closed_on or '-')}"
            )
            row = w.HBox([button, w.HTML(text)])
            row.add_class("plut-row")
            row.add_class("plut-eligible")
            rows.append(row)
        self.cases_box.children = tuple(rows)
        self.prev_button.disabled = res.page <= 1
        self.next_button.disabled = res.page >= res.pages

    def choose(self, case: EligibleCase) -> None:
        """Take ``case`` as the case being surveyed (answers already given stay)."""
        self.case = case
        self.case_error.value = ""
        self._show_selected()

    def _show_selected(self) -> None:
        c = self.case
        text = (
            t(
                "ui.survey.selected",
                number=c.number,
                enterprise=c.enterprise_name,
                service=c.service_name,
            )
            if c
            else t("ui.survey.no_case")
        )
        self.selected.value = f'<div class="plut-selected-case">{esc(text)}</div>'

    def _clear_errors(self) -> None:
        self.case_error.value = self.comment_error.value = ""
        for box, error in zip(self.question_boxes, self.answer_errors, strict=True):
            error.value = ""
            box.remove_class("plut-missing")

    def _show_field_errors(self, exc: ValidationError) -> None:
        by_field = exc.by_field
        for i, (box, error) in enumerate(zip(self.question_boxes, self.answer_errors, strict=True)):
            messages = by_field.get(f"u{i + 1}", [])
            if messages:
                box.add_class("plut-missing")
                error.value = "".join(
                    f'<div class="plut-field-error">{esc(m)}</div>' for m in messages
                )
        for field, target in (("case", self.case_error), ("comment", self.comment_error)):
            if field in by_field:
                target.value = "".join(
                    f'<div class="plut-field-error">{esc(m)}</div>' for m in by_field[field]
                )

    def submit(self) -> None:
        """Save the survey for the chosen case; on success clear the form and refresh."""
        self._clear_errors()
        case = self.case
        comment = self.comment.value
        try:
            answers = check_survey_form(
                case.case_id if case else None, [a.value for a in self.answers], comment
            )
            assert case is not None
            with session_scope(self._engine) as session:
                record_survey(
                    session, self.actor, case.case_id, answers, comment=comment.strip() or None
                )
        except Exception as exc:  # shown, every answer kept
            if isinstance(exc, ValidationError):
                self._show_field_errors(exc)
            show_error(self.message, exc)
            return
        show_success(self.message, t("ui.survey.saved", number=case.number))
        self.case = None
        self._show_selected()
        for radio in self.answers:
            radio.value = None
        self.comment.value = ""
        self.show_ikm()
        self.show_cases(page=self.page)
