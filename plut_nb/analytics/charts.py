"""Charts of the key figures as matplotlib :class:`~matplotlib.figure.Figure` objects.

Figures are built on the Agg canvas directly — no ``pyplot``, so no global
figure registry, no GUI backend and nothing to close; a figure is garbage once
its PNG is taken (:func:`figure_png`). Labels are in the configured language.
The same functions serve the dashboard and the evaluation reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from plut_nb.analytics.kpis import DashboardKpis, MonthFlow
from plut_nb.i18n import current_lang, t
from plut_nb.reference.codes import PERMIT_TYPES, SERVICE_FIELDS

__all__ = [
    "bar_chart",
    "cases_by_field_chart",
    "dashboard_charts",
    "field_label",
    "figure_png",
    "format_number",
    "hours_by_field_chart",
    "monthly_flow_chart",
    "open_status_chart",
    "permit_label",
    "permits_chart",
    "status_label",
]

_BLUE = "#1f4e79"
_ORANGE = "#e07b24"
_SIZE = (5.6, 3.2)


def _pick(names: tuple[str, str]) -> str:
    return names[1] if current_lang() == "en" else names[0]


def format_number(value: float, decimals: int = 0) -> str:
    """A number with thousands separators of the interface language (1.234,5 / 1,234.5)."""
    text = f"{value:,.{decimals}f}"
    if current_lang() == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def field_label(code: str) -> str:
    """The name of a service field (bidang); unknown codes are shown as they are."""
    return _pick(SERVICE_FIELDS[code]) if code in SERVICE_FIELDS else code


def permit_label(code: str) -> str:
    """The name of a permit type; unknown codes are shown as they are."""
    return _pick(PERMIT_TYPES[code]) if code in PERMIT_TYPES else code


def status_label(code: str) -> str:
    """The name of a case status."""
    label = t(f"kpi.status.{code}")
    return code if label == f"kpi.status.{code}" else label


def _figure(size: tuple[float, float] = _SIZE) -> tuple[Figure, Axes]:
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _empty(ax: Axes) -> None:
    ax.text(0.5, 0.5, t("kpi.chart.no_data"), ha="center", va="center", color="#666")
    ax.set_axis_off()


def bar_chart(values: Mapping[str, float], title: str, value_label: str) -> Figure:
    """A horizontal bar chart, first item on top, each bar labelled with its value.

    Args:
        values: Label → value, in display order.
        title: Chart title.
        value_label: Name of the value axis (e.g. "Kasus").

    Returns:
        The figure (Agg canvas); an empty mapping draws a "no data" note.
    """
    fig, ax = _figure()
    ax.set_title(title, fontsize=11, loc="left")
    if not values or not any(values.values()):
        _empty(ax)
        return fig
    labels = list(values)[::-1]
    numbers = [float(values[k]) for k in labels]
    bars = ax.barh(labels, numbers, color=_BLUE)
    whole = all(float(v).is_integer() for v in numbers)
    ax.bar_label(bars, labels=[format_number(v, 0 if whole else 1) for v in numbers], padding=3)
    ax.set_xlabel(value_label)
    ax.margins(x=0.15)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def open_status_chart(by_status: Mapping[str, int]) -> Figure:
    """Open cases now, per status."""
    return bar_chart(
        {status_label(k): v for k, v in by_status.items()},
        t("kpi.chart.open_by_status"),
        t("kpi.chart.cases"),
    )


def cases_by_field_chart(by_field: Mapping[str, int]) -> Figure:
    """Cases opened in the period, per service field."""
    return bar_chart(
        {field_label(k): v for k, v in by_field.items()},
        t("kpi.chart.cases_by_field"),
        t("kpi.chart.cases"),
    )


def hours_by_field_chart(hours_by_field: Mapping[str, float]) -> Figure:
    """Consultation hours in the period, per service field."""
    return bar_chart(
        {field_label(k): v for k, v in hours_by_field.items()},
        t("kpi.chart.hours_by_field"),
        t("kpi.chart.hours"),
    )


def permits_chart(by_type: Mapping[str, int]) -> Figure:
    """Permits obtained in the period, per type."""
    return bar_chart(
        {permit_label(k): v for k, v in by_type.items()},
        t("kpi.chart.permits_by_type"),
        t("kpi.chart.permits"),
    )


def monthly_flow_chart(months: Sequence[MonthFlow]) -> Figure:
    """Cases opened vs finished per month, as paired columns."""
    fig, ax = _figure((max(_SIZE[0], 0.45 * len(months) + 2), _SIZE[1]))
    ax.set_title(t("kpi.chart.monthly_flow"), fontsize=11, loc="left")
    if not months or not any(m.opened or m.closed for m in months):
        _empty(ax)
        return fig
    xs = range(len(months))
    ax.bar([x - 0.2 for x in xs], [m.opened for m in months], 0.4, color=_BLUE,
           label=t("kpi.cases_opened"))  # fmt: skip
    ax.bar([x + 0.2 for x in xs], [m.closed for m in months], 0.4, color=_ORANGE,
           label=t("kpi.cases_closed"))  # fmt: skip
    ax.set_xticks(list(xs), [m.label for m in months], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(t("kpi.chart.cases"))
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def dashboard_charts(kpis: DashboardKpis) -> dict[str, Figure]:
    """The dashboard's charts, keyed ``status``, ``field``, ``hours``, ``permits``, ``monthly``."""
    return {
        "status": open_status_chart(kpis.open_by_status),
        "field": cases_by_field_chart(kpis.cases_by_field),
        "hours": hours_by_field_chart(kpis.hours.hours_by_field),
        "permits": permits_chart(kpis.permits),
        "monthly": monthly_flow_chart(kpis.monthly),
    }


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes."""
    buf = BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
