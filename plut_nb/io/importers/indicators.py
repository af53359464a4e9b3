"""Importing indicator snapshots: an enterprise's figures at a date.

Amounts and counts are read by the intake's parsers
(:func:`~plut_nb.services.intake_support.parse_amount`, ``parse_whole_number``);
new snapshots are written by the case board's service,
:func:`~plut_nb.services.record_snapshot`, which checks the figures and derives
the size class from annual sales. A snapshot is matched on (enterprise, date,
kind); a matched one whose figures differ is updated and the change audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from plut_nb.errors import FieldError, PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.io.base import Importer, Outcome, Row, register_importer
from plut_nb.io.columns import INDICATORS
from plut_nb.io.importers._refs import (
    EnterpriseRef,
    enterprise_ref,
    missing_enterprise,
    resolve_refs,
)
from plut_nb.io.values import codes_from_text, header_key, parse_date, parse_yes_no
from plut_nb.models import IndicatorSnapshot
from plut_nb.rules import classify_by_sales
from plut_nb.rules._common import field_error
from plut_nb.rules.size import rule_set_on
from plut_nb.security.permissions import Action, require_enterprise
from plut_nb.services import SnapshotInput, _audit, record_snapshot
from plut_nb.services.intake_support import parse_amount, parse_whole_number

__all__ = ["IndicatorImporter"]

_KINDS = {
    "baseline": "baseline",
    "awal": "baseline",
    "data_awal": "baseline",
    "tindak_lanjut": "tindak_lanjut",
    "lanjutan": "tindak_lanjut",
}
#: Column of the snapshot ← field of the layout.
_FIGURES = {
    "sales_annual": "sales",
    "capital": "capital",
    "employees_total": "employees",
    "employees_women": "employees_women",
    "market_local": "market_local",
    "market_regional": "market_regional",
    "market_national": "market_national",
    "market_export": "market_export",
    "online_channels": "online_channels",
}


@dataclass(frozen=True)
class _Item:
    line: int
    ref: EnterpriseRef
    taken_on: date
    kind: str
    figures: dict[str, Any]  # snapshot column → value, only the columns given


@register_importer
class IndicatorImporter(Importer):
    """``plut import indicators``: follow-up (or baseline) figures."""

    kind = "indicators"
    layout = INDICATORS

    def prepare(self, row: Row) -> _Item:
        """Parse the reference, date, kind and figures."""
        problems: list[FieldError] = []

        def attempt(fn: Any, *args: Any) -> Any:
            try:
                return fn(*args)
            except ValidationError as exc:
                problems.extend(exc.errors)
                return None

        ref = attempt(enterprise_ref, row)
        taken_on = attempt(parse_date, row.get("taken_on"), "taken_on")
        if taken_on is None and not problems:
            problems.append(field_error("taken_on", "required"))
        if taken_on is not None and taken_on > self.on:
            problems.append(field_error("taken_on", "import.future", value=taken_on.isoformat()))
        kind = _KINDS.get(header_key(row.get("kind")) or "tindak_lanjut")
        if kind is None:
            problems.append(field_error("kind", "code.unknown", value=row.get("kind")))
        figures: dict[str, Any] = {}
        for column, name in _FIGURES.items():
            text = row.get(name)
            if not text:
                continue
            if name in ("sales", "capital"):
                figures[column] = attempt(parse_amount, text, name)
            elif name.startswith("employees"):
                figures[column] = attempt(parse_whole_number, text, name)
            elif name == "online_channels":
                figures[column] = attempt(codes_from_text, text, name)
            else:
                figures[column] = attempt(parse_yes_no, text, name)
        total, women = figures.get("employees_total"), figures.get("employees_women")
        if total is not None and women is not None and women > total:
            problems.append(field_error("employees_women", "employees.women_gt_total"))
        if not figures and not problems:
            problems.append(field_error("sales", "import.no_figures"))
        if problems:
            raise ValidationError(problems)
        return _Item(row.line, ref, taken_on, str(kind), figures)

    def keys(self, item: _Item) -> list[str]:
        """Enterprise, date and kind."""
        return [f"{item.ref.key}|{item.taken_on.isoformat()}|{item.kind}"]

    def describe_key(self, item: _Item, key: str) -> str:
        """The enterprise and date."""
        return t("import.key.snapshot", ref=item.ref.shown, date=item.taken_on.isoformat())

    def apply(self, session: Session, items: Sequence[_Item]) -> list[Outcome]:
        """Update matched snapshots, record new ones through the service."""
        ids = resolve_refs(session, (i.ref for i in items))
        snap = IndicatorSnapshot.__table__  # type: ignore[attr-defined]
        existing: dict[tuple[int, date, str], Any] = {}
        if ids:
            for r in session.execute(
                select(snap).where(
                    snap.c.enterprise_id.in_(sorted(set(ids.values()))),
                    snap.c.taken_on.in_(sorted({i.taken_on for i in items})),
                )
            ).mappings():
                existing.setdefault((r["enterprise_id"], r["taken_on"], r["kind"]), r)
        out: list[Outcome] = []
        for item in items:
            eid = ids.get(item.ref)
            if eid is None:
                out.append(missing_enterprise(item.ref))
                continue
            try:
                with session.begin_nested():
                    out.append(
                        self._one(session, item, eid, existing.get((eid, item.taken_on, item.kind)))
                    )
            except PlutError as exc:
                out.append(exc)
        return out

    def _one(self, session: Session, item: _Item, eid: int, old: Any) -> str:
        if old is None:
            if self.dry_run:
                return "inserted"
            figures = {k: v for k, v in item.figures.items() if k != "online_channels"}
            channels = tuple(item.figures.get("online_channels") or ())
            record_snapshot(
                session,
                self.actor,
                eid,
                SnapshotInput(taken_on=item.taken_on, online_channels=channels, **figures),
                kind=item.kind,
            )
            return "inserted"
        changes = {k: v for k, v in item.figures.items() if old[k] != v}
        if not changes:
            return "unchanged"
        if "sales_annual" in changes:
            sales = changes["sales_annual"]
            size = str(classify_by_sales(sales, item.taken_on)) if sales is not None else None
            changes["size_class"] = size
            changes["size_rule_set"] = rule_set_on(item.taken_on).name if size else None
        if self.dry_run:
            return "updated"
        require_enterprise(session, self.actor, Action.record_indicators, eid)
        snap = IndicatorSnapshot.__table__  # type: ignore[attr-defined]
        session.execute(update(snap).where(snap.c.id == old["id"]).values(**changes))
        _audit.record(
            session,
            self.actor,
            "update",
            "indicator_snapshot",
            old["id"],
            {k: old[k] for k in changes},
            dict(changes),
        )
        return "updated"
