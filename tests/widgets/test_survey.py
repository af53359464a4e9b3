"""The IKM survey app in plain pytest: choose a case, answer, submit, read the IKM shown."""

from __future__ import annotations

from datetime import date

import ipywidgets as w
import pytest
from sqlalchemy import Engine, func, select, update
from sqlmodel import Session, col

from plut_nb.models import Case, Enterprise, Staff, SurveyResponse
from plut_nb.services.cases import record_survey
from tests._seed import XSS_NAME
from widgets.survey import SurveyApp


def _enterprise(session: Session, centre_id: int, name: str) -> int:
    ent = Enterprise(
        name=name,
        name_key=name.lower(),
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


def _case(session: Session, centre_id: int, enterprise_id: int, number: str, closed: date) -> int:
    case = Case(
        number=number,
        enterprise_id=enterprise_id,
        centre_id=centre_id,
        service_code="konsultasi_bisnis",
        status="ditutup",
        opened_on=date(2026, 1, 5),
        due_on=date(2026, 2, 5),
        closed_on=closed,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    return case.id


@pytest.fixture
def seeded(session: Session, actor: Staff) -> dict[str, int]:
    """Two cases awaiting a survey, and one answered all-4 (IKM 100, A)."""
    here = actor.centre_id
    kopi = _enterprise(session, here, "Kopi Sidikalang")
    xss = _enterprise(session, here, XSS_NAME)
    ids = {
        "kopi": _case(session, here, kopi, "PLUT-SUMUT-2026-000001", date(2026, 4, 1)),
        "xss": _case(session, here, xss, "PLUT-SUMUT-2026-000002", date(2026, 3, 1)),
        "done": _case(session, here, kopi, "PLUT-SUMUT-2026-000003", date(2026, 2, 1)),
    }
    record_survey(session, actor, ids["done"], [4] * 9)
    session.commit()
    return ids


@pytest.fixture
def app(engine: Engine, actor: Staff, seeded: dict[str, int]) -> SurveyApp:
    return SurveyApp(actor, engine=engine, page_size=5)


def _html(widget: w.Widget) -> str:
    if isinstance(widget, w.HTML):
        return str(widget.value)
    return "".join(_html(c) for c in getattr(widget, "children", ()))


def _responses(engine: Engine) -> list[SurveyResponse]:
    with Session(engine) as s:
        return list(s.execute(select(SurveyResponse).order_by(col(SurveyResponse.id))).scalars())


def _choose(app: SurveyApp, number: str) -> None:
    row = next(r for r in app.cases_box.children if number in _html(r))
    row.children[0].click()


def test_shows_ikm_questions_and_eligible_cases(app: SurveyApp) -> None:
    assert "Nilai IKM 100,00 — mutu A (Sangat Baik) dari 1 responden" in app.ikm_view.value
    assert "4,00" in app.ikm_view.value
    assert "2 kasus menunggu survei" in app.cases_status.value
    listed = _html(app.cases_box)
    assert "PLUT-SUMUT-2026-000001" in listed and "PLUT-SUMUT-2026-000003" not in listed
    assert XSS_NAME not in listed and "&lt;img src=x onerror=alert(1)&gt;" in listed
    first = _html(app.question_boxes[0])
    assert "kesesuaian persyaratan pelayanan dengan jenis pelayanannya" in first
    assert [label for label, _v in app.answers[3].options] == [
        "Sangat mahal",
        "Cukup mahal",
        "Murah",
        "Gratis",
    ]
    assert [v for _label, v in app.answers[2].options] == [1, 2, 3, 4]
    assert all(a.value is None for a in app.answers)


def test_submit_saves_and_updates_the_ikm(
    app: SurveyApp, engine: Engine, seeded: dict[str, int]
) -> None:
    _choose(app, "PLUT-SUMUT-2026-000002")
    assert XSS_NAME not in app.selected.value and "000002" in app.selected.value
    answers = [2, 3, 4, 1, 2, 3, 4, 1, 2]
    for radio, value in zip(app.answers, answers, strict=True):
        radio.value = value
    app.comment.value = XSS_NAME
    app.submit_button.click()
    saved = _responses(engine)[-1]
    assert saved.case_id == seeded["xss"] and list(saved.answers) == answers
    assert saved.comment == XSS_NAME
    assert "Survei untuk kasus PLUT-SUMUT-2026-000002 tersimpan." in app.message.value
    # two respondents: means (4+2)/2, (4+3)/2, … → index 29/9 · 25 = 80.555… → 80.56, B
    assert "Nilai IKM 80,56 — mutu B (Baik) dari 2 responden" in app.ikm_view.value
    assert "1 kasus menunggu survei" in app.cases_status.value
    assert all(a.value is None for a in app.answers) and app.comment.value == ""
    assert app.case is None and "Belum ada kasus terpilih" in app.selected.value


def test_incomplete_survey_names_missing_questions_and_writes_nothing(
    app: SurveyApp, engine: Engine
) -> None:
    _choose(app, "PLUT-SUMUT-2026-000001")
    given = [4, None, 3, 3, 3, None, 4, 4, 4]
    for radio, value in zip(app.answers, given, strict=True):
        radio.value = value
    app.comment.value = "pelayanan cepat"
    app.submit_button.click()
    assert len(_responses(engine)) == 1
    missing = [i for i, box in enumerate(app.question_boxes) if "plut-missing" in box._dom_classes]
    assert missing == [1, 5]
    assert "Pertanyaan 2 (Sistem, mekanisme, dan prosedur) belum dijawab." in app.message.value
    assert "Pertanyaan 6 (Kompetensi pelaksana) belum dijawab." in app.answer_errors[5].value
    assert app.answer_errors[0].value == ""
    assert [a.value for a in app.answers] == given and app.comment.value == "pelayanan cepat"
    assert app.case is not None and app.case.number == "PLUT-SUMUT-2026-000001"
    app.answers[1].value = 2
    app.answers[5].value = 3
    app.submit_button.click()
    assert len(_responses(engine)) == 2
    assert not any("plut-missing" in box._dom_classes for box in app.question_boxes)


def test_no_case_chosen(app: SurveyApp, engine: Engine) -> None:
    for radio in app.answers:
        radio.value = 3
    app.submit_button.click()
    assert "Pilih kasus yang disurvei" in app.case_error.value
    assert len(_responses(engine)) == 1 and all(a.value == 3 for a in app.answers)


def test_already_surveyed_and_reopened_cases_are_refused_with_input_kept(
    app: SurveyApp, engine: Engine, actor: Staff, seeded: dict[str, int]
) -> None:
    _choose(app, "PLUT-SUMUT-2026-000001")
    for radio in app.answers:
        radio.value = 2
    with Session(engine) as s:  # somebody else surveys it meanwhile
        record_survey(s, actor, seeded["kopi"], [3] * 9)
        s.commit()
    app.submit_button.click()
    assert "sudah memiliki survei IKM" in app.message.value
    assert all(a.value == 2 for a in app.answers)
    assert len(_responses(engine)) == 2

    _choose(app, "PLUT-SUMUT-2026-000002")
    with Session(engine) as s:  # reopened meanwhile
        s.execute(update(Case).where(col(Case.id) == seeded["xss"]).values(status="dalam_proses"))
        s.commit()
    app.submit_button.click()
    assert "hanya untuk kasus yang selesai atau ditutup" in app.message.value
    assert "dalam_proses" in app.case_error.value
    assert all(a.value == 2 for a in app.answers)
    with Session(engine) as s:
        n = s.execute(select(func.count()).select_from(SurveyResponse)).scalar_one()
    assert n == 2


def test_search_and_paging(engine: Engine, actor: Staff, seeded: dict[str, int]) -> None:
    app = SurveyApp(actor, engine=engine, page_size=1)
    assert "halaman 1 dari 2" in app.cases_status.value and app.prev_button.disabled
    app.next_button.click()
    assert "PLUT-SUMUT-2026-000002" in _html(app.cases_box) and app.next_button.disabled
    app.query.value = "sidikalang"
    app.search_button.click()
    assert "1 kasus menunggu survei" in app.cases_status.value
    assert "PLUT-SUMUT-2026-000001" in _html(app.cases_box)


def test_english_interface(
    engine: Engine, actor: Staff, seeded: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from plut_nb.settings import reset_settings

    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    app = SurveyApp(actor, engine=engine)
    assert "IKM score 100.00 — grade A (Very good) from 1 respondents" in app.ikm_view.value
    assert "How reasonable is the cost/fee of the service?" in _html(app.question_boxes[3])
    assert [label for label, _v in app.answers[3].options][-1] == "Free"
    _choose(app, "PLUT-SUMUT-2026-000001")
    app.submit_button.click()
    assert "Question 1 (Requirements) is not answered." in app.message.value
