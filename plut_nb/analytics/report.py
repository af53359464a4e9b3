"""One evaluation report of a scope and period: figures, comparison, breakdowns, coverage, charts.

:func:`build_report` reads everything a report shows once — the indicators of
the period and of the previous one (:meth:`Period.previous`), and the
breakdown by every :class:`Dimension` — and the functions below turn it into
what a report notebook displays: markdown whose headings and sentences are
written from the numbers, pandas tables styled as HTML (every cell escaped),
matplotlib figures from :mod:`plut_nb.analytics.charts`, and the flat metrics
the batch collects. Text is in the configured language (:func:`set_language`).
Nothing here needs Jupyter: a notebook only displays the results.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from plut_nb.analytics._groups import UNKNOWN, Dimension
from plut_nb.analytics.charts import bar_chart, format_number, hours_by_field_chart, permits_chart
from plut_nb.analytics.disaggregation import indicators_by_dimensions
from plut_nb.analytics.evaluation import HEADLINE, EvaluationIndicators, evaluation_indicators
from plut_nb.analytics.formatting import (
    date_text,
    format_change,
    format_value,
    group_label,
    indicator_label,
    period_text,
)
from plut_nb.analytics.indicators import LONG_TERM_MINUTES, LONG_TERM_WINDOW_MONTHS
from plut_nb.analytics.scope import Period, Scope, ScopeKind
from plut_nb.errors import ValidationError
from plut_nb.i18n import t
from plut_nb.settings import reset_settings

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from pandas.io.formats.style import Styler

__all__ = [
    "REPORT_DIMENSIONS",
    "EvaluationReport",
    "breakdown_markdown",
    "breakdown_table",
    "build_report",
    "coverage_markdown",
    "coverage_notes",
    "headline_markdown",
    "headline_table",
    "indicators_markdown",
    "indicators_table",
    "report_charts",
    "report_metrics",
    "report_period",
    "report_scope",
    "set_language",
    "summary_markdown",
    "title_markdown",
]

REPORT_DIMENSIONS: tuple[Dimension, ...] = tuple(Dimension)
"""The breakdowns of a report, in order."""

_TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 13px; margin: 6px 0;"},
    {"selector": "th", "props": "background: #1f4e79; color: #fff; text-align: left; padding: 6px 8px;"},
    {"selector": "td", "props": "border-bottom: 1px solid #dde3ea; padding: 5px 8px;"},
    {"selector": "tbody tr:nth-child(even) td", "props": "background: #f5f8fb;"},
]  # fmt: skip


# --- parameters ------------------------------------------------------------------------


def set_language(lang: str) -> None:
    """Write the report in ``lang`` (``id`` or ``en``): sets ``PLUT_LANG`` for this process.

    Raises:
        ValidationError: Another language.
    """
    code = (lang or "").strip().lower()
    if code not in ("id", "en"):
        raise ValidationError.single("lang", "eval.lang", lang=lang)
    os.environ["PLUT_LANG"] = code
    reset_settings()


def _date(value: str | date, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError.single(field, "eval.date", value=value) from None


def report_scope(kind: str, code: str) -> Scope:
    """The scope of notebook parameters ``scope_kind`` and ``scope_code``.

    Raises:
        ValidationError: Unknown kind or a region code of the wrong shape.
    """
    return Scope(kind, code)  # type: ignore[arg-type]  # Scope validates the text


def report_period(start: str | date, end: str | date) -> Period:
    """The period of notebook parameters ``period_start`` and ``period_end`` (ISO dates).

    Raises:
        ValidationError: A date is not ``YYYY-MM-DD`` or the end is before the start.
    """
    return Period(_date(start, "start"), _date(end, "end"))


# --- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationReport:
    """Everything one report shows.

    Attributes:
        current: The indicators of the period.
        previous: The indicators of the previous comparable period.
        breakdowns: The tidy table of :func:`indicators_by` per dimension.
        snapshot_taken: When the batch's data snapshot was taken (ISO), if known.
    """

    current: EvaluationIndicators
    previous: EvaluationIndicators
    breakdowns: dict[Dimension, pd.DataFrame]
    snapshot_taken: str | None = None


def build_report(
    session: Session, scope: Scope, period: Period, *, snapshot_path: str | None = None
) -> EvaluationReport:
    """Read every figure of one report.

    Args:
        session: Open session.
        scope: Centre, regency or province.
        period: The period reported on.
        snapshot_path: The batch's snapshot file (its ``snapshot.json`` says when it was taken).

    Raises:
        NotFound: The centre does not exist.
        ValidationError: The region code is not in the Kemendagri table.
    """
    current = evaluation_indicators(session, scope, period)
    previous = evaluation_indicators(session, scope, period.previous())
    breakdowns = indicators_by_dimensions(session, scope, period, REPORT_DIMENSIONS)
    taken = None
    if snapshot_path:
        from plut_nb.batch.snapshot import load_snapshot_info

        info = load_snapshot_info(Path(snapshot_path).parent)
        taken = info.taken_at if info else None
    return EvaluationReport(current, previous, breakdowns, taken)


def report_metrics(report: EvaluationReport) -> dict[str, str | int | float | None]:
    """The flat metrics a report records for its batch (those of the period)."""
    return report.current.metrics()


# --- markdown ----------------------------------------------------------------------------


def title_markdown(report: EvaluationReport) -> str:
    """The report's title, scope and periods (and where the data came from)."""
    cur = report.current
    lines = [
        f"# {t('eval.title', name=html.escape(cur.scope_name))}",
        t(
            "eval.subtitle",
            kind=t(f"eval.kind.{ScopeKind(cur.scope.kind).value}"),
            code=html.escape(cur.scope.code),
            period=period_text(cur.period),
            previous=period_text(report.previous.period),
        ),
    ]
    if report.snapshot_taken:
        taken = datetime.fromisoformat(report.snapshot_taken)
        lines.append(t("eval.source", taken=f"{date_text(taken.date())} {taken:%H:%M} UTC"))
    return "\n\n".join(lines)


def summary_markdown(report: EvaluationReport) -> str:
    """A heading and one sentence per theme, written from the numbers."""
    values = {r.indicator: r.value for r in report.current.rows()}
    before = {r.indicator: r.value for r in report.previous.rows()}

    def show(indicator: str) -> str:
        return format_value(indicator, values[indicator])

    change = report.current.change
    delta = format_change("umkm_served", values["umkm_served"], before["umkm_served"])
    ikm = report.current.ikm
    sentences = [
        t("eval.s.served", served=show("umkm_served"), new=show("umkm_new"),
          returning=show("umkm_returning"), delta=t("eval.s.delta", delta=delta)),
        t("eval.s.cases", opened=show("cases_opened"), closed=show("cases_closed"),
          median=show("median_days_to_close"), sla=show("share_within_sla")),
        t("eval.s.hours", hours=show("consultation_hours"), long_term=show("long_term_clients"),
          share=show("share_long_term_clients"), min_hours=LONG_TERM_MINUTES // 60,
          months=LONG_TERM_WINDOW_MONTHS),
        t("eval.s.permits", permits=show("permits_obtained"),
          completed=show("referrals_completed"), made=show("referrals_made")),
        t("eval.s.events", participants=show("event_participants"), events=show("events_held"),
          sales=show("event_sales")),
        t("eval.s.change", sales=show("sales_change_median_pct"),
          employment=show("employment_change_median_pct"), n=format_number(change.sales_n),
          up=show("size_class_up")),
        t("eval.s.ikm", score=format_number(float(ikm.score_rounded), 2), grade=ikm.grade,
          label=ikm.grade_label, n=format_number(ikm.n_respondents))
        if ikm else t("eval.s.no_ikm"),
        t("eval.s.nib", share=show("share_with_nib")),
    ]  # fmt: skip
    heading = t("eval.h.summary", served=show("umkm_served"), closed=show("cases_closed"))
    return f"## {heading}\n\n" + "\n".join(f"- {s}" for s in sentences)


def headline_markdown(report: EvaluationReport) -> str:
    """The heading of the headline table."""
    return f"## {t('eval.h.headline')}"


def indicators_markdown(report: EvaluationReport) -> str:
    """The heading of the table of every indicator."""
    return f"## {t('eval.h.all', n=len(report.current.rows()))}"


def breakdown_markdown(report: EvaluationReport, dimension: Dimension) -> str:
    """The heading of one breakdown and the enterprises served in each of its groups."""
    frame = report.breakdowns[Dimension(dimension)]
    served = frame[frame["indicator"] == "umkm_served"]
    parts = [
        f"{html.escape(group_label(dimension, g))} {format_value('umkm_served', v)}"
        for g, v in zip(served["group"], served["value"], strict=True)
    ]
    lines = [
        f"### {t('eval.h.by', dim=t(f'ind.dim.{Dimension(dimension).value}'))}",
        f"{indicator_label('umkm_served')}: " + " · ".join(parts) if parts else t("ind.none"),
    ]
    if dimension is Dimension.service_field:
        lines.append(f"*{t('eval.by.field_note')}*")
    return "\n\n".join(lines)


def coverage_notes(report: EvaluationReport) -> list[str]:
    """What the data does not tell: missing follow-ups, unknown owners, survey coverage."""
    cur = report.current
    served, change, closure = cur.served.total, cur.change, cur.closure
    if not served:
        return [t("eval.cov.none"), t("eval.cov.status")]

    def unknown(dim: Dimension) -> int:
        frame = report.breakdowns[dim]
        hit = frame[(frame["indicator"] == "umkm_served") & (frame["group"] == UNKNOWN)]
        return int(hit["value"].sum())

    notes = [
        t(
            "eval.cov.followup",
            missing=served - change.with_followup,
            served=served,
            n=change.sales_n,
        )
    ]
    if change.without_baseline:
        notes.append(t("eval.cov.baseline", missing=change.without_baseline))
    age, gender = unknown(Dimension.youth), unknown(Dimension.gender)
    if age or gender:
        notes.append(t("eval.cov.age", n=age, gender=gender))
    if channel := unknown(Dimension.outreach_channel):
        notes.append(t("eval.cov.channel", n=channel))
    if closure.closed:
        share = format_value("share_surveyed", closure.share_surveyed)
        notes.append(
            t("eval.cov.survey", surveyed=closure.surveyed, closed=closure.closed, share=share)
        )
    notes.append(t("eval.cov.status"))
    return notes


def coverage_markdown(report: EvaluationReport) -> str:
    """The coverage notes under a heading that counts them."""
    notes = coverage_notes(report)
    return f"## {t('eval.h.coverage', n=len(notes))}\n\n" + "\n".join(f"- {n}" for n in notes)


# --- tables ---------------------------------------------------------------------------


def _styled(frame: pd.DataFrame, numeric: list[str]) -> Styler:
    styler = frame.style.hide(axis="index").format(escape="html")
    styler = styler.format_index(escape="html", axis=1)  # column headers: group names
    styler = styler.set_table_styles(_TABLE_STYLES)  # type: ignore[arg-type]
    text = [c for c in frame.columns if c not in numeric]
    styler = styler.set_properties(subset=text, **{"text-align": "left"})
    return styler.set_properties(subset=numeric, **{"text-align": "right"})


def headline_table(report: EvaluationReport) -> Styler:
    """The headline indicators: this period, the previous one, and the change."""
    import pandas as pd

    cur = {r.indicator: r.value for r in report.current.rows()}
    prev = {r.indicator: r.value for r in report.previous.rows()}
    cols = [
        t("eval.col.indicator"),
        t("eval.col.current"),
        t("eval.col.previous"),
        t("eval.col.change"),
    ]
    rows = [
        (indicator_label(k), format_value(k, cur[k]), format_value(k, prev[k]),
         format_change(k, cur[k], prev[k]))
        for k in HEADLINE
    ]  # fmt: skip
    return _styled(pd.DataFrame(rows, columns=cols), cols[1:])


def indicators_table(report: EvaluationReport) -> Styler:
    """Every indicator of the period with what it is computed over (``n``)."""
    import pandas as pd

    cols = [t("eval.col.indicator"), t("eval.col.current"), t("eval.col.n")]
    rows = [
        (indicator_label(r.indicator), format_value(r.indicator, r.value), format_number(r.n))
        for r in report.current.rows()
    ]
    return _styled(pd.DataFrame(rows, columns=cols), cols[1:])


def breakdown_table(report: EvaluationReport, dimension: Dimension) -> Styler:
    """The headline indicators (rows) per group of ``dimension`` (columns)."""
    import pandas as pd

    dimension = Dimension(dimension)
    frame = report.breakdowns[dimension]
    groups = list(dict.fromkeys(frame["group"]))
    values = {
        (g, i): v
        for g, i, v in zip(frame["group"], frame["indicator"], frame["value"], strict=True)
    }
    shown = [k for k in HEADLINE if any((g, k) in values for g in groups)]
    cols = [t("eval.col.indicator"), *(group_label(dimension, g) for g in groups)]
    rows = [
        [indicator_label(k), *(format_value(k, values.get((g, k))) for g in groups)] for k in shown
    ]
    return _styled(pd.DataFrame(rows, columns=cols), cols[1:])


# --- charts ------------------------------------------------------------------------------


def _served_by(report: EvaluationReport, dimension: Dimension) -> Figure:
    frame = report.breakdowns[dimension]
    served = frame[frame["indicator"] == "umkm_served"]
    values = {
        group_label(dimension, g): float(v)
        for g, v in zip(served["group"], served["value"], strict=True)
    }
    dim = t(f"ind.dim.{dimension.value}")
    return bar_chart(values, t("eval.chart.served_by", dim=dim), t("eval.chart.enterprises"))


def report_charts(report: EvaluationReport) -> dict[str, Figure]:
    """The report's charts: hours by field, permits by type, served by gender and by channel."""
    cur = report.current
    return {
        "hours": hours_by_field_chart(cur.hours.hours_by_field),
        "permits": permits_chart(cur.permits),
        "gender": _served_by(report, Dimension.gender),
        "channel": _served_by(report, Dimension.outreach_channel),
    }
