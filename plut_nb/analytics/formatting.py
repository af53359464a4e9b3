"""How evaluation figures read in a report: indicator and group names, numbers, dates.

Numbers use the separators of the configured language (``1.234,5`` / ``1,234.5``);
shares are shown in per cent, changes of shares and percentages in points, an
IKM score with its grade, an undefined value as a dash.
"""

from __future__ import annotations

from datetime import date

from plut_nb.analytics._groups import UNKNOWN, YOUTH_MAX_AGE, Dimension
from plut_nb.analytics.charts import field_label, format_number, permit_label
from plut_nb.analytics.scope import Period
from plut_nb.i18n import current_lang, t
from plut_nb.reference.codes import OUTREACH_CHANNELS
from plut_nb.rules.ikm import ikm_grade

__all__ = [
    "date_text",
    "format_change",
    "format_value",
    "group_label",
    "indicator_label",
    "period_text",
]


def indicator_label(indicator: str) -> str:
    """The name of an indicator in the configured language."""
    if indicator.startswith("permits_") and indicator != "permits_obtained":
        return t("ind.name.permits_type", type=permit_label(indicator.removeprefix("permits_")))
    return t(f"ind.name.{indicator}")


def group_label(dimension: Dimension, code: str) -> str:
    """The name of a group of ``dimension``."""
    if dimension is Dimension.service_field and code != UNKNOWN:
        return field_label(code)
    if dimension is Dimension.outreach_channel and code in OUTREACH_CHANNELS:
        names = OUTREACH_CHANNELS[code]
        return names[1] if current_lang() == "en" else names[0]
    label = t(f"ind.group.{code}", age=YOUTH_MAX_AGE)
    return code if label == f"ind.group.{code}" else label


def _kind(indicator: str) -> str:
    if indicator.startswith("share_"):
        return "share"
    if indicator.endswith("_pct"):
        return "pct"
    return {
        "median_days_to_close": "days",
        "consultation_hours": "hours",
        "event_sales": "rupiah",
        "ikm_score": "score",
    }.get(indicator, "count")


def _plain(kind: str, value: float) -> str:
    if kind == "share":
        return f"{format_number(value * 100, 1)} %"
    if kind == "pct":
        return f"{format_number(value, 1)} %"
    if kind == "days":
        return t("ind.unit.days", n=format_number(value, 0 if float(value).is_integer() else 1))
    if kind == "hours":
        return format_number(value, 1)
    if kind == "rupiah":
        return f"Rp {format_number(value, 0)}"
    if kind == "score":
        return format_number(value, 2)
    return format_number(value, 0)


def format_value(indicator: str, value: float | None) -> str:
    """A value as shown in reports: ``1.234``, ``70,8 %``, ``+12,5 %``, ``22,5 hari``, ``Rp 2.500.000``."""
    if value is None or value != value:  # None or NaN
        return t("ind.none")
    kind = _kind(indicator)
    text = _plain(kind, value)
    if kind == "pct" and value > 0:
        text = "+" + text
    if kind == "score":
        text += f" ({ikm_grade(value)[1]})"
    return text


def format_change(indicator: str, current: float | None, previous: float | None) -> str:
    """The change from ``previous`` to ``current``: counts as ``+12``, shares and % in points."""
    if current is None or previous is None or current != current or previous != previous:
        return t("ind.none")
    kind = _kind(indicator)
    diff = current - previous
    sign = "+" if diff > 0 else "-" if diff < 0 else ""
    if kind in ("share", "pct"):
        points = abs(diff) * (100 if kind == "share" else 1)
        return t("ind.unit.points", n=sign + format_number(points, 1))
    return sign + _plain(kind, abs(diff))


def date_text(day: date) -> str:
    """A date written out: ``30 Juni 2026`` / ``30 June 2026``."""
    months = t("eval.months").split(",")
    return f"{day.day} {months[day.month - 1]} {day.year}"


def period_text(period: Period) -> str:
    """A period written out: ``1 April 2026 – 30 Juni 2026``."""
    return f"{date_text(period.start)} – {date_text(period.end)}"
