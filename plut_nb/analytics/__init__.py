"""Indicators of a scope (centre, regency, province) and period, aggregated in SQL.

Used by the manager's dashboard and the evaluation reports: a
:class:`Scope` and a :class:`Period` in, plain dataclasses out; charts in
:mod:`plut_nb.analytics.charts`.
"""

from plut_nb.analytics.kpis import DashboardKpis, dashboard_kpis
from plut_nb.analytics.scope import Period, Scope, ScopeKind, list_centres, scope_name

__all__ = [
    "DashboardKpis",
    "Period",
    "Scope",
    "ScopeKind",
    "dashboard_kpis",
    "list_centres",
    "scope_name",
]
