"""Indeks Kepuasan Masyarakat (community satisfaction index), PermenPANRB 14/2017.

Each respondent answers nine elements on a 1–4 scale. The index is the
weighted mean of the per-element means (equal weights 1/9 unless configured);
the score is index × 25 and is graded on its value rounded half-up to two
decimals: A 88.31–100.00 (Sangat Baik), B 76.61–88.30 (Baik), C 65.00–76.60
(Kurang Baik), D 25.00–64.99 (Tidak Baik). Arithmetic is exact (fractions), so
a score on a grade boundary is graded correctly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import current_lang, t
from plut_nb.rules._common import fail, field_error, shown

__all__ = [
    "IKM_ELEMENTS",
    "IkmResult",
    "ikm_from_sums",
    "ikm_grade",
    "ikm_result",
    "validate_ikm_answers",
]

IKM_ELEMENTS: tuple[tuple[str, str, str], ...] = (
    ("persyaratan", "Persyaratan", "Requirements"),
    ("prosedur", "Sistem, mekanisme, dan prosedur", "Procedure"),
    ("waktu_pelayanan", "Waktu penyelesaian", "Completion time"),
    ("biaya_tarif", "Biaya/tarif", "Cost"),
    ("produk_spesifikasi", "Produk spesifikasi jenis pelayanan", "Product specification"),
    ("kompetensi_pelaksana", "Kompetensi pelaksana", "Staff competence"),
    ("perilaku_pelaksana", "Perilaku pelaksana", "Staff behaviour"),
    ("penanganan_pengaduan", "Penanganan pengaduan, saran dan masukan", "Complaint handling"),
    ("sarana_prasarana", "Sarana dan prasarana", "Facilities"),
)
"""The nine elements: (key, Indonesian label, English label)."""

_N = len(IKM_ELEMENTS)
_GRADES = (  # lowest rounded score of each grade, best first
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)
_WEIGHT_TOLERANCE = 1e-9
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class IkmResult:
    """The IKM of a set of responses.

    Attributes:
        n_respondents: Number of responses.
        element_means: Mean answer (1–4) of each of the nine elements, in
            :data:`IKM_ELEMENTS` order.
        index: Weighted mean of the element means (1–4).
        score: ``index × 25`` (25–100), unrounded.
        grade: ``"A"``, ``"B"``, ``"C"`` or ``"D"``.
        grade_label: ``"Sangat Baik"``, ``"Baik"``, ``"Kurang Baik"`` or ``"Tidak Baik"``.
        score_rounded: The score rounded half-up to 2 decimals, as graded.
    """

    n_respondents: int
    element_means: tuple[float, ...]
    index: float
    score: float
    grade: str
    grade_label: str
    score_rounded: Decimal


def _element_label(i: int) -> str:
    _, label_id, label_en = IKM_ELEMENTS[i]
    return label_en if current_lang() == "en" else label_id


def _answer(raw: object, i: int, who: str, field: str) -> int | FieldError:
    if isinstance(raw, str) and len(raw.strip()) == 1 and raw.strip() in "1234":
        return int(raw.strip())
    if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 4:
        return raw
    return field_error(
        field, "ikm.answer", who=who, element=_element_label(i), value=shown(repr(raw))
    )


def _answers(answers: object, who: str, field: str) -> tuple[int, ...]:
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise fail(field, "ikm.not_list", who=who, n=_N)
    if len(answers) != _N:
        raise fail(field, "ikm.count", who=who, n=_N, count=len(answers))
    checked = [_answer(raw, i, who, field) for i, raw in enumerate(answers)]
    problems = [c for c in checked if isinstance(c, FieldError)]
    if problems:
        raise ValidationError(problems)
    return tuple(c for c in checked if isinstance(c, int))


def validate_ikm_answers(answers: Sequence[int], field: str = "ikm") -> tuple[int, ...]:
    """Check one respondent's answers.

    Args:
        answers: Nine answers in :data:`IKM_ELEMENTS` order, each 1–4 (an
            ``int``, or a one-digit string from a form).
        field: Field name used in the error.

    Returns:
        The nine answers as ints.

    Raises:
        ValidationError: Not a list of nine answers, or an answer outside 1–4
            (one entry per bad answer, naming the element).
    """
    return _answers(answers, t("ikm.this_response"), field)


def _weights(weights: Sequence[float] | None) -> tuple[Fraction, ...]:
    if weights is None:
        return (Fraction(1, _N),) * _N
    if isinstance(weights, str | bytes) or not isinstance(weights, Sequence):
        raise fail("weights", "ikm.weights_count", n=_N, count="?")
    if len(weights) != _N:
        raise fail("weights", "ikm.weights_count", n=_N, count=len(weights))
    out: list[Fraction] = []
    for w in weights:
        ok = isinstance(w, int | float) and not isinstance(w, bool) and math.isfinite(w)
        if not ok or w < 0:
            raise fail("weights", "ikm.weights_value", value=shown(repr(w)))
        out.append(Fraction(w))
    total = sum(out, Fraction(0))
    if abs(total - 1) > _WEIGHT_TOLERANCE:
        raise fail("weights", "ikm.weights_sum", total=f"{float(total):.6g}")
    return tuple(out)


def ikm_grade(score: float | Decimal | Fraction) -> tuple[Decimal, str, str]:
    """Grade an IKM score (index × 25).

    Args:
        score: The score, 25–100.

    Returns:
        ``(rounded score, grade letter, Indonesian label)``; the score is
        rounded half-up to 2 decimals before grading, so 88.305 is an A.

    Raises:
        ValidationError: The rounded score is outside 25.00–100.00.
    """
    finite = score.is_finite() if isinstance(score, Decimal) else math.isfinite(score)
    if not finite:
        raise fail("ikm", "ikm.score_range", score=str(score))
    exact = Fraction(score) if not isinstance(score, Decimal) else score
    with localcontext() as ctx:
        ctx.prec = 60
        as_decimal = (
            Decimal(exact.numerator) / Decimal(exact.denominator)
            if isinstance(exact, Fraction)
            else exact
        )
        rounded = as_decimal.quantize(_CENT, rounding=ROUND_HALF_UP)
    if not Decimal("25.00") <= rounded <= Decimal("100.00"):
        raise fail("ikm", "ikm.score_range", score=str(rounded))
    for lowest, grade, label in _GRADES:
        if rounded >= lowest:
            return rounded, grade, label
    raise AssertionError("unreachable: 25.00 is the lowest grade bound")  # pragma: no cover


def ikm_result(
    responses: Sequence[Sequence[int]], weights: Sequence[float] | None = None
) -> IkmResult:
    """Compute the IKM of a set of responses.

    Args:
        responses: One sequence of nine answers (1–4) per respondent.
        weights: Nine non-negative weights summing to 1 (±1e-9); default 1/9 each.

    Returns:
        The :class:`IkmResult`.

    Raises:
        ValidationError: No responses, a malformed response (naming the
            respondent and element), or bad weights.

    Example:
        >>> ikm_result([[4] * 9, [3] * 9]).grade
        'B'
    """
    if isinstance(responses, str | bytes) or not isinstance(responses, Sequence):
        raise fail("ikm", "ikm.no_responses")
    if not responses:
        raise fail("ikm", "ikm.no_responses")
    w = _weights(weights)
    problems: list[FieldError] = []
    rows: list[tuple[int, ...]] = []
    for number, answers in enumerate(responses, start=1):
        try:
            rows.append(_answers(answers, t("ikm.respondent", number=number), "ikm"))
        except ValidationError as exc:
            problems.extend(exc.errors)
    if problems:
        raise ValidationError(problems)
    sums = [sum(row[i] for row in rows) for i in range(_N)]
    return _result(len(rows), sums, w)


def ikm_from_sums(
    n_respondents: int, element_sums: Sequence[int], weights: Sequence[float] | None = None
) -> IkmResult:
    """The IKM from per-element answer totals, as a database ``SUM`` gives them.

    The index depends on the responses only through each element's mean, so
    ``ikm_from_sums(n, sums)`` equals ``ikm_result(rows)`` when ``sums[i]`` is
    the total of element ``i`` over the ``n`` rows — without loading them.

    Raises:
        ValidationError: ``n_respondents`` < 1, not nine sums, or a sum outside
            ``n..4n`` (answers are 1-4).
    """
    if n_respondents < 1:
        raise fail("ikm", "ikm.no_responses")
    if len(element_sums) != _N or any(
        not n_respondents <= int(s) <= 4 * n_respondents for s in element_sums
    ):
        raise fail("ikm", "ikm.bad_sums")
    return _result(n_respondents, [int(s) for s in element_sums], _weights(weights))


def _result(n: int, sums: Sequence[int], w: tuple[Fraction, ...]) -> IkmResult:
    means = [Fraction(s, n) for s in sums]
    index = sum((wi * mi for wi, mi in zip(w, means, strict=True)), Fraction(0))
    score = index * 25
    rounded, grade, label = ikm_grade(score)
    return IkmResult(
        n_respondents=n,
        element_means=tuple(float(m) for m in means),
        index=float(index),
        score=float(score),
        grade=grade,
        grade_label=label,
        score_rounded=rounded,
    )
