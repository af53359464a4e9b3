"""The evaluation report: its text, tables and metrics (known answers), and the notebook end to end.

The known-answer tests read the dataset of :mod:`tests.analytics.test_indicators`
(Q2 2026 compared with Q1). The slow tests run ``laporan_evaluasi.ipynb`` with
papermill on a demo database and compare what it recorded with the indicator
functions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session

from plut_nb.analytics import report
from plut_nb.analytics._groups import Dimension
from plut_nb.analytics.evaluation import HEADLINE, evaluation_indicators
from plut_nb.analytics.formatting import format_change, format_value
from plut_nb.analytics.scope import Period, Scope
from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.errors import ValidationError
from plut_nb.models import Centre, Enterprise
from plut_nb.services import sync_reference_data
from tests.analytics.test_indicators import Q1, Q2, A, B, build_evaluation

H1 = Period(date(2026, 1, 1), date(2026, 6, 30))  # the notebook's default period
NOTEBOOK = (
    Path(__file__).resolve().parents[2] / "notebooks" / "evaluation" / "laporan_evaluasi.ipynb"
)


@pytest.fixture
def s(engine: Engine) -> Iterator[Session]:
    build_evaluation(engine)
    with Session(engine) as session:
        yield session


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PLUT_LANG", "id")  # recorded, so the test's language is undone after
    report.set_language("en")
    yield
    report.set_language("id")


def _rows(styler: pd.io.formats.style.Styler) -> dict[str, list[str]]:
    frame = styler.data
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


# --- numbers and parameters ---------------------------------------------------------------


def test_values_and_changes_in_indonesian() -> None:
    assert format_value("share_within_sla", 0.70833) == "70,8 %"
    assert format_value("sales_change_median_pct", 12.77) == "+12,8 %"
    assert format_value("employment_change_mean_pct", -3.25) == "-3,2 %"
    assert format_value("median_days_to_close", 22.5) == "22,5 hari"
    assert format_value("median_days_to_close", 30.0) == "30 hari"
    assert format_value("event_sales", 20_666_000) == "Rp 20.666.000"
    assert format_value("consultation_hours", 510.75) == "510,8"
    assert format_value("ikm_score", 88.31) == "88,31 (A)"
    assert format_value("ikm_score", 88.30) == "88,30 (B)"
    assert format_value("umkm_served", 1234) == "1.234"
    assert format_value("umkm_served", None) == format_value("ikm_score", math.nan) == "–"
    assert format_change("share_within_sla", 0.75, 0.5) == "+25,0 poin"
    assert format_change("sales_change_median_pct", 2.0, 12.5) == "-10,5 poin"
    assert format_change("umkm_served", 3, 5) == "-2"
    assert format_change("event_sales", 2_500_000, 0) == "+Rp 2.500.000"
    assert format_change("umkm_served", 4, 4) == "0"
    assert format_change("ikm_score", 87.5, None) == "–"


def test_values_in_english(english: None) -> None:
    assert format_value("event_sales", 20_666_000) == "Rp 20,666,000"
    assert format_value("median_days_to_close", 22.5) == "22.5 days"
    assert format_change("share_within_sla", 0.75, 0.5) == "+25.0 pts"


def test_parameters_are_checked() -> None:
    assert report.report_scope("regency", "1271") == Scope.regency("12.71")
    assert report.report_period("2026-04-01", "2026-06-30") == Q2
    with pytest.raises(ValidationError):
        report.report_scope("kota", "12.71")
    with pytest.raises(ValidationError, match="2026-13-01"):
        report.report_period("2026-13-01", "2026-12-31")
    with pytest.raises(ValidationError):
        report.report_period("2026-06-30", "2026-04-01")
    with pytest.raises(ValidationError, match="fr"):
        report.set_language("fr")


# --- the report of the known dataset ---------------------------------------------------------


def test_title_summary_and_headline_table(s: Session) -> None:
    r = report.build_report(s, A, Q2)
    assert r.previous.period == Q1
    title = report.title_markdown(r)
    assert title.startswith("# Laporan Evaluasi: PLUT Sumatera Utara")
    assert (
        "periode **1 April 2026 – 30 Juni 2026** · dibandingkan dengan 1 Januari 2026 – 31 Maret 2026"
        in title
    )
    summary = report.summary_markdown(r)
    assert summary.startswith("## Ringkasan: 4 UMKM dilayani, 3 kasus selesai")
    assert "**4 UMKM dilayani** (3 baru, 1 lama); +3 dibanding periode sebelumnya." in summary
    assert "median penyelesaian 30 hari, 33,3 % selesai dalam SLA" in summary
    assert "**6,0 jam layanan**; 1 UMKM (25,0 %)" in summary
    assert "**2 izin terbit**; 1 dari 2 rujukan selesai." in summary
    assert "**2 peserta hadir** di 2 acara, penjualan Rp 2.500.000." in summary
    assert (
        "**omzet median +35,0 %** dan tenaga kerja median +12,5 % (n = 2); 1 UMKM naik kelas"
        in summary
    )
    assert "**IKM 87,50** (mutu B, Baik; 2 responden)." in summary
    table = _rows(report.headline_table(r))
    assert list(report.headline_table(r).data.columns) == [
        "Indikator", "Periode ini", "Periode sebelumnya", "Perubahan",
    ]  # fmt: skip
    assert len(table) == len(HEADLINE)
    assert table["UMKM dilayani"] == ["4", "1", "+3"]
    assert table["Median hari penyelesaian"] == ["30 hari", "–", "–"]
    assert table["Jam layanan"] == ["6,0", "0,8", "+5,2"]
    assert table["Porsi rujukan selesai"] == ["50,0 %", "100,0 %", "-50,0 poin"]
    assert table["Nilai IKM"] == ["87,50 (B)", "–", "–"]


def test_breakdowns_and_their_text(s: Session) -> None:
    r = report.build_report(s, A, Q2)
    gender = report.breakdown_table(r, Dimension.gender)
    assert list(gender.data.columns) == ["Indikator", "Perempuan", "Laki-laki", "Tidak diketahui"]
    rows = _rows(gender)
    assert rows["UMKM dilayani"] == ["2", "1", "1"]
    assert rows["Median hari penyelesaian"] == ["201 hari", "29,5 hari", "–"]
    text = report.breakdown_markdown(r, Dimension.gender)
    assert text.startswith("### Menurut jenis kelamin pemilik")
    assert "UMKM dilayani: Perempuan 2 · Laki-laki 1 · Tidak diketahui 1" in text
    youth = report.breakdown_markdown(r, Dimension.youth)
    assert "Muda (≤ 30 th) 1 · Di atas 30 th 2 · Tidak diketahui 1" in youth
    field = _rows(report.breakdown_table(r, Dimension.service_field))
    assert "Peserta hadir" not in field  # events have no service field
    assert field["UMKM dilayani"] == ["2", "2", "1"]
    assert "acara tidak memiliki bidang" in report.breakdown_markdown(r, Dimension.service_field)


def test_coverage_notes(s: Session) -> None:
    notes = report.coverage_notes(report.build_report(s, A, Q2))
    assert notes == [
        "2 dari 4 UMKM yang dilayani belum memiliki snapshot tindak lanjut sampai akhir periode;"
        " perubahan omzet dihitung dari 2 UMKM.",
        "Usia pemilik tidak diketahui untuk 1 UMKM (tanpa tanggal lahir); jenis kelamin tidak"
        " diketahui untuk 1.",
        "2 dari 3 kasus yang selesai memiliki respons survei IKM (66,7 %).",
        "Status rujukan dan izin sesuai data saat salinan diambil.",
    ]
    assert report.coverage_markdown(report.build_report(s, A, Q2)).startswith(
        "## Catatan cakupan data (4 catatan)"
    )
    empty = report.coverage_notes(report.build_report(s, B, Q1))
    assert empty[0].startswith("Tidak ada UMKM yang dilayani")


def test_metrics_charts_and_english(s: Session, english: None) -> None:
    r = report.build_report(s, A, Q2)
    assert report.report_metrics(r) == evaluation_indicators(s, A, Q2).metrics()
    assert report.summary_markdown(r).startswith(
        "## Summary: 4 enterprises served, 3 cases finished"
    )
    assert report.title_markdown(r).startswith("# Evaluation Report: PLUT Sumatera Utara")
    assert "1 April 2026 – 30 June 2026" in report.title_markdown(r)
    assert _rows(report.breakdown_table(r, Dimension.gender))["Enterprises served"] == [
        "2",
        "1",
        "1",
    ]
    charts = report.report_charts(r)
    assert list(charts) == ["hours", "permits", "gender", "channel"]
    gender_bars = [t.get_text() for t in charts["gender"].axes[0].get_yticklabels()]
    assert gender_bars == ["Unknown", "Men", "Women"]  # first item on top


def test_user_text_is_escaped(s: Session) -> None:
    s.execute(update(Centre).where(Centre.code == "PLUT-SUMUT").values(name="<b>Pusat</b>"))
    s.execute(update(Enterprise).values(outreach_channel="<i>x</i>"))
    s.commit()
    r = report.build_report(s, A, Q2)
    assert "&lt;b&gt;Pusat&lt;/b&gt;" in report.title_markdown(r)
    assert "<b>Pusat" not in report.title_markdown(r)
    page = report.breakdown_table(r, Dimension.outreach_channel).to_html()
    assert "&lt;i&gt;x&lt;/i&gt;" in page and "<i>x</i>" not in page
    assert "&lt;i&gt;x&lt;/i&gt; 4" in report.breakdown_markdown(r, Dimension.outreach_channel)


# --- the notebook, end to end -------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database of 300 enterprises (seed 11), as the browser tests use."""
    path = tmp_path_factory.mktemp("demo") / "plut.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as session:
        sync_reference_data(session)
        session.commit()
    generate_demo(engine, enterprises=300, seed=11, progress=False)
    engine.dispose()
    return path


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize(
    ("kind", "code", "lang", "title"),
    [
        ("centre", "PLUT-SUMUT", "id", "Laporan Evaluasi: PLUT-KUMKM Provinsi Sumatera Utara"),
        ("regency", "12.71", "en", "Evaluation Report: Kota Medan"),
    ],
)
def test_notebook_records_the_indicators_and_renders_a_report(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    code: str,
    lang: str,
    title: str,
) -> None:
    import papermill
    from nbconvert import HTMLExporter

    url = f"sqlite:///{demo_db}"
    monkeypatch.setenv("PLUT_DB_URL", url)  # the kernel inherits it
    metrics_path, out = tmp_path / "metrics.json", tmp_path / "report.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), kernel_name="python3", cwd=str(NOTEBOOK.parent),
        progress_bar=False,
        parameters={"scope_kind": kind, "scope_code": code, "lang": lang,
                    "metrics_path": str(metrics_path)},
    )  # fmt: skip
    recorded = json.loads(metrics_path.read_text(encoding="utf-8"))
    engine = make_engine(url)
    with Session(engine) as session:
        expected = evaluation_indicators(session, Scope(kind, code), H1).metrics()
    engine.dispose()
    assert recorded == expected
    assert recorded["umkm_served"] > 0 and recorded["cases_closed"] > 0
    executed = nbformat.read(out, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    page, _ = HTMLExporter(exclude_input=True).from_notebook_node(executed)
    summary = "Summary" if lang == "en" else "Ringkasan"
    by = "By service field" if lang == "en" else "Menurut jenis kelamin pemilik"
    coverage = "Notes on data coverage" if lang == "en" else "Catatan cakupan data"
    for heading in (title, f"{summary}: {recorded['umkm_served']}", by, coverage):
        assert heading in page, heading
    assert "Traceback" not in page
    assert "record_metrics" not in page and "report.build_report" not in page  # no code
    assert page.count("data:image/png;base64") >= 4  # the charts
