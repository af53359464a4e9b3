from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plut_nb.errors import ValidationError
from plut_nb.rules import IKM_ELEMENTS, IkmResult, ikm_result, validate_ikm_answers
from plut_nb.rules.ikm import ikm_grade


def test_nine_elements() -> None:
    assert [k for k, _, _ in IKM_ELEMENTS] == [
        "persyaratan",
        "prosedur",
        "waktu_pelayanan",
        "biaya_tarif",
        "produk_spesifikasi",
        "kompetensi_pelaksana",
        "perilaku_pelaksana",
        "penanganan_pengaduan",
        "sarana_prasarana",
    ]
    assert all(label_id and label_en for _, label_id, label_en in IKM_ELEMENTS)


def test_per_element_means_and_equal_weights() -> None:
    result = ikm_result([[1, 2, 3, 4, 1, 2, 3, 4, 1], [3, 2, 1, 4, 3, 2, 1, 4, 3]])
    assert result.n_respondents == 2
    assert result.element_means == (2.0, 2.0, 2.0, 4.0, 2.0, 2.0, 2.0, 4.0, 2.0)
    assert result.index == pytest.approx(22 / 9)
    assert result.score == pytest.approx(22 / 9 * 25)
    assert result.score_rounded == Decimal("61.11")
    assert (result.grade, result.grade_label) == ("D", "Tidak Baik")


def test_all_fours_and_all_ones() -> None:
    assert ikm_result([[4] * 9]) == IkmResult(
        n_respondents=1,
        element_means=(4.0,) * 9,
        index=4.0,
        score=100.0,
        grade="A",
        grade_label="Sangat Baik",
        score_rounded=Decimal("100.00"),
    )
    low = ikm_result([[1] * 9])
    assert (low.score, low.grade, low.grade_label) == (25.0, "D", "Tidak Baik")


def test_exact_65_with_equal_weights_is_c() -> None:
    result = ikm_result([[3] * 9] * 3 + [[2] * 9] * 2)  # index 2.6 exactly
    assert result.score_rounded == Decimal("65.00")
    assert (result.grade, result.grade_label) == ("C", "Kurang Baik")


def test_weights_change_the_index() -> None:
    weights = [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0]
    result = ikm_result([[4, 2, 1, 1, 1, 1, 1, 1, 1]], weights)
    assert result.index == 3.0
    assert result.score == 75.0
    assert result.grade == "C"


def _two_element_score(share_of_high: float, high: int, low: int) -> IkmResult:
    weights = [share_of_high, 1 - share_of_high, 0, 0, 0, 0, 0, 0, 0]
    return ikm_result([[high, low, 1, 1, 1, 1, 1, 1, 1]], weights)


@pytest.mark.parametrize(
    ("share", "high", "low", "score", "grade", "label"),
    [
        (0.5324, 4, 3, "88.31", "A", "Sangat Baik"),
        (0.532, 4, 3, "88.30", "B", "Baik"),
        (0.0644, 4, 3, "76.61", "B", "Baik"),
        (0.064, 4, 3, "76.60", "C", "Kurang Baik"),
        (0.6, 3, 2, "65.00", "C", "Kurang Baik"),
        (0.5996, 3, 2, "64.99", "D", "Tidak Baik"),
    ],
)
def test_grade_boundaries_through_weights(
    share: float, high: int, low: int, score: str, grade: str, label: str
) -> None:
    result = _two_element_score(share, high, low)
    assert result.score_rounded == Decimal(score)
    assert (result.grade, result.grade_label) == (grade, label)


@pytest.mark.parametrize(
    ("score", "rounded", "grade"),
    [
        (Decimal("100"), "100.00", "A"),
        (Decimal("88.31"), "88.31", "A"),
        (Decimal("88.305"), "88.31", "A"),  # half-up
        (Decimal("88.3049"), "88.30", "B"),
        (Decimal("88.30"), "88.30", "B"),
        (Decimal("76.61"), "76.61", "B"),
        (Decimal("76.605"), "76.61", "B"),
        (Decimal("76.60"), "76.60", "C"),
        (Decimal("65.00"), "65.00", "C"),
        (Decimal("64.995"), "65.00", "C"),
        (Decimal("64.99"), "64.99", "D"),
        (Decimal("25"), "25.00", "D"),
        (75.0, "75.00", "C"),
    ],
)
def test_ikm_grade_boundaries(score: Decimal | float, rounded: str, grade: str) -> None:
    assert ikm_grade(score)[:2] == (Decimal(rounded), grade)


@pytest.mark.parametrize(
    "score", [Decimal("24.99"), Decimal("100.01"), float("nan"), Decimal("Infinity")]
)
def test_ikm_grade_out_of_range(score: Decimal | float) -> None:
    with pytest.raises(ValidationError):
        ikm_grade(score)


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ([0.1] * 9, "ikm.weights_sum"),
        ([0.2] * 9, "ikm.weights_sum"),
        ([1 / 9] * 8, "ikm.weights_count"),
        ([-0.1, 0.2, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9], "ikm.weights_value"),
        ([float("nan")] * 9, "ikm.weights_value"),
        (["0.1"] * 9, "ikm.weights_value"),
        ("equal", "ikm.weights_count"),
    ],
)
def test_bad_weights(weights: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ikm_result([[4] * 9], weights)  # type: ignore[arg-type]
    assert [(e.field, e.code) for e in exc.value.errors] == [("weights", code)]


def test_weights_within_tolerance_accepted() -> None:
    weights = [1 / 9] * 8 + [1 / 9 + 5e-10]
    assert ikm_result([[4] * 9], weights).grade == "A"


def test_validate_answers() -> None:
    assert validate_ikm_answers([1, 2, 3, 4, 4, 3, 2, 1, 1]) == (1, 2, 3, 4, 4, 3, 2, 1, 1)
    assert validate_ikm_answers(["4"] * 9) == (4,) * 9


@pytest.mark.parametrize(
    ("answers", "codes"),
    [
        ([4] * 8, ["ikm.count"]),
        ([4] * 10, ["ikm.count"]),
        ([5, 4, 4, 4, 4, 4, 4, 4, 0], ["ikm.answer", "ikm.answer"]),
        ([True] * 9, ["ikm.answer"] * 9),
        ([3.0] * 9, ["ikm.answer"] * 9),
        (["<script>"] * 9, ["ikm.answer"] * 9),
        (["٤"] * 9, ["ikm.answer"] * 9),
        ("444444444", ["ikm.not_list"]),
        (None, ["ikm.not_list"]),
        ([None] * 9, ["ikm.answer"] * 9),
    ],
)
def test_invalid_answers(answers: object, codes: list[str]) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_ikm_answers(answers)  # type: ignore[arg-type]
    assert [e.code for e in exc.value.errors] == codes


def test_answer_message_names_respondent_and_element() -> None:
    with pytest.raises(ValidationError) as exc:
        ikm_result([[4] * 9, [4, 5, 4, 4, 4, 4, 4, 4, 4]])
    assert exc.value.message == (
        "Jawaban IKM responden ke-2, unsur 'Sistem, mekanisme, dan prosedur': harus angka "
        "bulat 1–4; yang diisi 5. Pilih 1 (tidak baik) sampai 4 (sangat baik)."
    )


@pytest.mark.parametrize("responses", [[], None, "4" * 9])
def test_no_responses(responses: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ikm_result(responses)  # type: ignore[arg-type]
    assert [e.code for e in exc.value.errors] == ["ikm.no_responses"]


@given(
    st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=30),
)
def test_ikm_from_sums_equals_ikm_from_rows(rows: list[list[int]]) -> None:
    from plut_nb.rules import ikm_from_sums

    sums = [sum(r[i] for r in rows) for i in range(9)]
    assert ikm_from_sums(len(rows), sums) == ikm_result(rows)


@pytest.mark.parametrize(
    "n,sums", [(0, [0] * 9), (2, [2] * 8), (2, [1] + [2] * 8), (1, [5] + [4] * 8)]
)
def test_ikm_from_sums_rejects_impossible_totals(n: int, sums: list[int]) -> None:
    from plut_nb.rules import ikm_from_sums

    with pytest.raises(ValidationError):
        ikm_from_sums(n, sums)
