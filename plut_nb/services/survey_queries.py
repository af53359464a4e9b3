"""The IKM survey app's side of the services: cases awaiting a survey, the form, the centre's IKM.

The centre's IKM is computed in SQL as nine per-element sums and a count, then
graded by :func:`plut_nb.rules.ikm_from_sums` (the IKM depends on each
element's mean only), so no survey row is loaded into Python.

Listing cases to survey needs the ``record_survey`` permission, the centre's
IKM the ``read_aggregates`` one, each for a centre within the actor's scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session, col

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import current_lang, t
from plut_nb.models import Case, Enterprise, ServiceType, Staff, SurveyResponse
from plut_nb.rules.ikm import IKM_ELEMENTS, IkmResult, ikm_from_sums
from plut_nb.rules.text import name_key
from plut_nb.security.permissions import Action, require
from plut_nb.services.workflow import CaseStatus

__all__ = [
    "COMMENT_MAX",
    "EligibleCase",
    "EligiblePage",
    "centre_ikm",
    "check_survey_form",
    "element_labels",
    "list_survey_eligible",
]

COMMENT_MAX = 2000
"""Longest comment the survey table stores."""

_CLOSED = (CaseStatus.selesai.value, CaseStatus.ditutup.value)
_ANSWER_COLUMNS = tuple(f"u{i + 1}" for i in range(len(IKM_ELEMENTS)))


@dataclass(frozen=True)
class EligibleCase:
    """A finished or closed case of the centre that has no survey yet."""

    case_id: int
    number: str
    enterprise_name: str
    nib: str | None
    service_name: str
    status: str
    closed_on: date | None


@dataclass(frozen=True)
class EligiblePage:
    """A page of cases awaiting a survey, most recently finished first."""

    rows: list[EligibleCase]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def element_labels(lang: str | None = None) -> tuple[str, ...]:
    """The nine element labels in the interface language (``IKM_ELEMENTS`` order)."""
    english = (lang or current_lang()) == "en"
    return tuple(en if english else id_ for _, id_, en in IKM_ELEMENTS)


def list_survey_eligible(
    session: Session,
    actor: Staff,
    query: str = "",
    *,
    centre_id: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> EligiblePage:
    """The centre's cases in status ``selesai``/``ditutup`` without a survey, paged.

    Args:
        session: Open session.
        actor: The acting staff member (may record surveys at the centre).
        centre_id: The centre whose cases to list (default: the actor's).
        query: Part of a case number, a name fragment or a 13-digit NIB; empty
            lists all.
        page: 1-based page number.
        page_size: Rows per page (1-200).

    Returns:
        The requested :class:`EligiblePage`, most recently finished first.

    Raises:
        PermissionDenied: No survey role, or a centre outside the actor's scope.
    """
    centre_id = actor.centre_id if centre_id is None else centre_id
    require(session, actor, Action.record_survey, centre_id=centre_id)
    page, page_size = max(1, page), min(max(1, page_size), 200)
    surveyed = select(col(SurveyResponse.id)).where(col(SurveyResponse.case_id) == col(Case.id))
    conds = [
        col(Case.centre_id) == centre_id,
        col(Case.status).in_(_CLOSED),
        ~surveyed.exists(),
    ]
    q = query.strip()
    if q:
        options = [func.lower(col(Case.number)).contains(q.lower(), autoescape=True)]
        digits = q.replace(" ", "")
        if digits.isascii() and digits.isdigit() and len(digits) == 13:
            options.append(col(Enterprise.nib) == digits)
        key = name_key(q)
        if key:
            options.append(
                or_(
                    col(Enterprise.name_key).startswith(key, autoescape=True),
                    col(Enterprise.name_key).contains(f" {key}", autoescape=True),
                )
            )
        conds.append(or_(*options))
    joined = (
        select(Case, Enterprise, ServiceType)
        .join(Enterprise, col(Enterprise.id) == col(Case.enterprise_id))
        .join(ServiceType, col(ServiceType.code) == col(Case.service_code))
        .where(and_(*conds))
    )
    total = session.execute(select(func.count()).select_from(joined.subquery())).scalar_one()
    result = session.execute(
        joined.order_by(col(Case.closed_on).desc(), col(Case.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    english = current_lang() == "en"
    rows = []
    for case, ent, service in result:
        assert case.id is not None
        rows.append(
            EligibleCase(
                case_id=case.id,
                number=case.number,
                enterprise_name=ent.name,
                nib=ent.nib,
                service_name=service.name_en if english else service.name_id,
                status=case.status,
                closed_on=case.closed_on,
            )
        )
    return EligiblePage(rows=rows, total=int(total), page=page, page_size=page_size)


def centre_ikm(
    session: Session,
    actor: Staff,
    centre_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> IkmResult | None:
    """The centre's IKM over its survey responses, optionally submitted in ``start..end``.

    The per-element sums and the number of responses come from one SQL
    aggregate, graded by :func:`~plut_nb.rules.ikm_from_sums`.

    Args:
        session: Open session.
        actor: The acting staff member (may read the centre's summary figures).
        centre_id: The centre (default: the actor's).
        start: First submission date included (``None``: no lower bound).
        end: Last submission date included (``None``: no upper bound).

    Returns:
        The :class:`~plut_nb.rules.IkmResult`, or ``None`` when there is no response.

    Raises:
        PermissionDenied: No role reading summary figures, or another centre.
    """
    centre_id = actor.centre_id if centre_id is None else centre_id
    require(session, actor, Action.read_aggregates, centre_id=centre_id)
    answer_cols = [getattr(SurveyResponse, name) for name in _ANSWER_COLUMNS]
    conds = [col(SurveyResponse.centre_id) == centre_id]
    if start is not None:
        conds.append(col(SurveyResponse.submitted_on) >= start)
    if end is not None:
        conds.append(col(SurveyResponse.submitted_on) <= end)
    n, *sums = session.execute(
        select(func.count(), *(func.sum(c) for c in answer_cols)).where(*conds)
    ).one()
    n = int(n)
    if n == 0:
        return None
    return ikm_from_sums(n, [int(total) for total in sums])


def check_survey_form(
    case_id: int | None, answers: Sequence[int | None], comment: str | None = None
) -> list[int]:
    """Check the survey form before it is saved: a case, all nine answers, comment length.

    Args:
        case_id: The chosen case, ``None`` when none is chosen.
        answers: The nine answers in element order, ``None`` where unanswered.
        comment: The optional comment.

    Returns:
        The nine answers, for :func:`~plut_nb.services.cases.record_survey`.

    Raises:
        ValidationError: Field ``case`` when no case is chosen, ``u1`` … ``u9``
            for each unanswered question (naming it), ``comment`` when too long.
    """
    errors: list[FieldError] = []
    if case_id is None:
        errors.append(FieldError("case", "required", t("ui.survey.case_required")))
    labels = element_labels()
    padded = list(answers) + [None] * (len(IKM_ELEMENTS) - len(answers))
    for i, answer in enumerate(padded[: len(IKM_ELEMENTS)]):
        if answer is None:
            message = t("ui.survey.missing", n=i + 1, element=labels[i])
            errors.append(FieldError(_ANSWER_COLUMNS[i], "required", message))
    if comment is not None and len(comment.strip()) > COMMENT_MAX:
        message = t("text.too_long", field=t("ui.survey.comment"), max=COMMENT_MAX)
        errors.append(FieldError("comment", "text.too_long", message))
    if errors:
        raise ValidationError(errors)
    return [int(a) for a in padded if a is not None]
