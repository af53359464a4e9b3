"""Cases awaiting a survey, the survey form check and the centre's IKM, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import count

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from plut_nb.errors import ValidationError
from plut_nb.models import Case, Centre, Enterprise, Staff
from plut_nb.rules.ikm import ikm_result
from plut_nb.services.cases import record_survey
from plut_nb.services.survey_queries import (
    centre_ikm,
    check_survey_form,
    element_labels,
    list_survey_eligible,
)

_serial = count(1)


def _enterprise(session: Session, centre_id: int, name: str, nib: str | None = None) -> int:
    ent = Enterprise(
        name=name,
        name_key=name.lower(),
        nib=nib,
        village_code="12.71.01.1001",
        district_code="12.71.01",
        regency_code="12.71",
        province_code="12",
        registered_centre_id=centre_id,
        registered_on=date(2026, 1, 5),
    )
    session.add(ent)
    session.flush()
    assert ent.id is not None
    return ent.id


def _case(
    session: Session,
    centre_id: int,
    enterprise_id: int,
    status: str,
    closed_on: date | None = None,
    number: str | None = None,
) -> int:
    case = Case(
        number=number or f"PLUT-T-2026-{next(_serial):06d}",
        enterprise_id=enterprise_id,
        centre_id=centre_id,
        service_code="konsultasi_bisnis",
        status=status,
        opened_on=date(2026, 1, 5),
        due_on=date(2026, 2, 5),
        closed_on=closed_on,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    return case.id


@pytest.fixture
def other(session: Session) -> Staff:
    centre = Centre(code="PLUT-BIAK", name="PLUT Biak", level="kabupaten_kota", region_code="91.06")
    session.add(centre)
    session.flush()
    staff = Staff(centre_id=centre.id, username="cs.biak", name="Yuliana", roles=["front_office"])  # type: ignore[arg-type]
    session.add(staff)
    session.commit()
    return staff


@pytest.fixture
def cases(session: Session, actor: Staff, other: Staff) -> dict[str, int]:
    here = actor.centre_id
    kopi = _enterprise(session, here, "Kopi Sidikalang", "9120000000001")
    ulos = _enterprise(session, here, "Ulos Tarutung")
    ids = {
        "selesai": _case(
            session, here, kopi, "selesai", date(2026, 4, 2), "PLUT-SUMUT-2026-000101"
        ),
        "ditutup": _case(
            session, here, ulos, "ditutup", date(2026, 3, 9), "PLUT-SUMUT-2026-000102"
        ),
        "surveyed": _case(session, here, kopi, "ditutup", date(2026, 2, 1)),
        "open": _case(session, here, ulos, "dalam_proses"),
        "cancelled": _case(session, here, ulos, "dibatalkan", date(2026, 2, 2)),
        "far": _case(session, other.centre_id, kopi, "selesai", date(2026, 4, 3)),
    }
    record_survey(session, actor, ids["surveyed"], [3] * 9, on=date(2026, 2, 3))
    session.commit()
    return ids


def test_eligible_cases_are_the_centres_finished_unsurveyed(
    session: Session, actor: Staff, cases: dict[str, int]
) -> None:
    res = list_survey_eligible(session, actor)
    assert [r.case_id for r in res.rows] == [cases["selesai"], cases["ditutup"]]
    first = res.rows[0]
    assert (first.number, first.enterprise_name, first.nib, first.status, first.closed_on) == (
        "PLUT-SUMUT-2026-000101",
        "Kopi Sidikalang",
        "9120000000001",
        "selesai",
        date(2026, 4, 2),
    )
    assert first.service_name  # the service's Indonesian name
    paged = list_survey_eligible(session, actor, page=2, page_size=1)
    assert paged.total == 2 and paged.pages == 2
    assert [r.case_id for r in paged.rows] == [cases["ditutup"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("000102", ["ditutup"]),
        ("plut-sumut-2026-0001", ["selesai", "ditutup"]),
        ("ulos", ["ditutup"]),
        ("sidikalang", ["selesai"]),
        ("9120000000001", ["selesai"]),
        ("tidak ada", []),
        ("%", []),
    ],
)
def test_eligible_cases_search(
    session: Session, actor: Staff, cases: dict[str, int], query: str, expected: list[str]
) -> None:
    res = list_survey_eligible(session, actor, query)
    assert [r.case_id for r in res.rows] == [cases[k] for k in expected]
    assert res.total == len(expected)


def test_check_survey_form_names_each_missing_question() -> None:
    answers: list[int | None] = [4, None, 3, 3, None, 4, 4, 4, None]
    with pytest.raises(ValidationError) as info:
        check_survey_form(None, answers, "x" * 2001)
    by_field = info.value.by_field
    assert set(by_field) == {"case", "u2", "u5", "u9", "comment"}
    labels = element_labels("id")
    assert by_field["u2"] == [f"Pertanyaan 2 ({labels[1]}) belum dijawab."]
    assert by_field["u9"] == ["Pertanyaan 9 (Sarana dan prasarana) belum dijawab."]
    assert check_survey_form(7, [1, 2, 3, 4, 4, 3, 2, 1, 2], "ok") == [1, 2, 3, 4, 4, 3, 2, 1, 2]


def test_no_responses_means_no_ikm(session: Session, actor: Staff) -> None:
    assert centre_ikm(session, actor) is None


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_centre_ikm_known_answer(
    session: Session, actor: Staff, other: Staff, statements: list[str]
) -> None:
    here = actor.centre_id
    ent = _enterprise(session, here, "Kopi Sidikalang")
    responses = [
        [4, 4, 4, 4, 4, 4, 4, 4, 4],
        [3, 3, 3, 3, 3, 3, 3, 3, 3],
        [2, 3, 4, 1, 2, 3, 4, 1, 2],
    ]
    for i, answers in enumerate(responses):
        case_id = _case(session, here, ent, "ditutup", date(2026, 3, 1))
        record_survey(session, actor, case_id, answers, on=date(2026, 3, 10 + i))
    # outside the centre, and outside the period below: must not count
    far = _case(session, other.centre_id, ent, "ditutup", date(2026, 3, 1))
    record_survey(session, other, far, [1] * 9, on=date(2026, 3, 11))
    late = _case(session, here, ent, "selesai", date(2026, 6, 1))
    record_survey(session, actor, late, [1] * 9, on=date(2026, 6, 2))
    session.commit()

    statements.clear()
    res = centre_ikm(session, actor, here, start=date(2026, 3, 1), end=date(2026, 3, 31))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "sum(" in selects[0].lower()  # one aggregate, no row loads
    assert res is not None and res.n_respondents == 3
    # element means by hand: (4+3+2)/3, (4+3+3)/3, (4+3+4)/3, (4+3+1)/3, then the same again, then 3
    assert res.element_means == pytest.approx(
        [3, 10 / 3, 11 / 3, 8 / 3, 3, 10 / 3, 11 / 3, 8 / 3, 3]
    )
    # index = (9 + 58/3) / 9 = 85/27; score = 85/27 * 25 = 2125/27 = 78.7037… → B (76.61–88.30)
    assert res.index == pytest.approx(85 / 27)
    assert res.score == pytest.approx(2125 / 27)
    assert res.score_rounded == Decimal("78.70")
    assert (res.grade, res.grade_label) == ("B", "Baik")

    everything = centre_ikm(session, actor, here)
    assert everything is not None and everything.n_respondents == 4
    assert everything.element_means[0] == pytest.approx((4 + 3 + 2 + 1) / 4)
    only_june = centre_ikm(session, actor, here, start=date(2026, 6, 1))
    assert only_june is not None and (only_june.score, only_june.grade) == (25.0, "D")
    assert centre_ikm(session, actor, here, end=date(2026, 2, 28)) is None


def test_centre_ikm_equals_the_rule_on_the_raw_rows(session: Session, actor: Staff) -> None:
    here = actor.centre_id
    ent = _enterprise(session, here, "Ulos Tarutung")
    rows = [[(i * 7 + j * 3 + i * j) % 4 + 1 for j in range(9)] for i in range(11)]
    for answers in rows:
        record_survey(
            session, actor, _case(session, here, ent, "selesai", date(2026, 5, 1)), answers
        )
    session.commit()
    got = centre_ikm(session, actor, here)
    want = ikm_result(rows)
    assert got is not None
    assert got.element_means == pytest.approx(want.element_means)
    assert (got.score_rounded, got.grade, got.n_respondents) == (
        want.score_rounded,
        want.grade,
        11,
    )
