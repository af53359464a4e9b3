"""Importing cases (service requests), e.g. a centre's older case register.

Every case is opened by :func:`~plut_nb.services.open_case` and moved to the
status on the row through the workflow services (assign, start, complete,
close, cancel) — the same checks and audit entries as on the case board, so an
import cannot create a case history the state machine forbids. A case is
matched on its number, or on (enterprise, service, opening date); a matched
case behind the row's status is moved forward. Descriptions of existing cases
are not overwritten: a case's history is changed through its workflow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from plut_nb.errors import FieldError, NotFound, PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.io.base import Importer, Outcome, Row, register_importer
from plut_nb.io.columns import CASES
from plut_nb.io.importers._refs import (
    EnterpriseRef,
    enterprise_ref,
    missing_enterprise,
    resolve_refs,
)
from plut_nb.io.values import code_from_text, header_key, parse_date
from plut_nb.models import Case, ServiceType, Staff
from plut_nb.reference.codes import OUTREACH_CHANNELS
from plut_nb.rules._common import field_error
from plut_nb.services import assign_case, change_status, open_case
from plut_nb.services.intake import PRIORITIES
from plut_nb.services.workflow import OPEN_STATUSES, CaseStatus

__all__ = ["CaseImporter"]

S = CaseStatus
#: How far along the workflow each status is (the order an import moves a case in).
_STEP: dict[str, int] = {
    S.baru: 0,
    S.ditugaskan: 1,
    S.dalam_proses: 2,
    S.menunggu_pihak_lain: 3,
    S.selesai: 4,
}
_STEP |= {S.ditutup: 5}


@dataclass(frozen=True)
class _Item:
    line: int
    ref: EnterpriseRef
    number: str
    service_code: str
    opened_on: date
    closed_on: date | None
    status: str
    priority: str
    channel: str
    description: str
    resolution: str
    assigned_to: str


@register_importer
class CaseImporter(Importer):
    """``plut import cases``: cases with their status."""

    kind = "cases"
    layout = CASES

    def start(self, session: Session) -> None:
        """Load the service catalogue (codes and names in both languages)."""
        self.services: dict[str, str] = {}
        for s in session.exec(select(ServiceType)).all():
            for label in (s.code, s.name_id, s.name_en):
                self.services.setdefault(header_key(label), s.code)

    def prepare(self, row: Row) -> _Item:
        """Parse and check the row (services, dates, status rules)."""
        problems: list[FieldError] = []

        def attempt(fn: object, *args: object) -> object:
            try:
                return fn(*args)  # type: ignore[operator]
            except ValidationError as exc:
                problems.extend(exc.errors)
                return None

        ref = attempt(enterprise_ref, row)
        service = self.services.get(header_key(row.get("service_code")))
        if service is None:
            problems.append(
                field_error("service_code", "code.unknown", value=row.get("service_code"))
            )
        opened = attempt(parse_date, row.get("opened_on"), "opened_on")
        if opened is None and not any(e.field == "opened_on" for e in problems):
            problems.append(field_error("opened_on", "required"))
        closed = attempt(parse_date, row.get("closed_on"), "closed_on")
        for name, day in (("opened_on", opened), ("closed_on", closed)):
            if isinstance(day, date) and day > self.on:
                problems.append(field_error(name, "import.future", value=day.isoformat()))
        if isinstance(opened, date) and isinstance(closed, date) and closed < opened:
            problems.append(field_error("closed_on", "date.before", other=opened.isoformat()))
        status = header_key(row.get("status")) or S.baru
        if status not in _STEP and status != S.dibatalkan:
            problems.append(field_error("status", "code.unknown", value=row.get("status")))
        priority = code_from_text(row.get("priority"), "priority") or "normal"
        if priority not in PRIORITIES:
            problems.append(field_error("priority", "code.unknown", value=row.get("priority")))
        channel = code_from_text(row.get("channel"), "outreach_channel") or "datang_langsung"
        if channel not in OUTREACH_CHANNELS:
            problems.append(field_error("channel", "code.unknown", value=row.get("channel")))
        if status in (S.selesai, S.ditutup) and not row.get("resolution"):
            problems.append(field_error("resolution", "required"))
        if _STEP.get(status, 0) >= 1 and not row.get("assigned_to"):
            problems.append(field_error("assigned_to", "import.case_needs_staff"))
        if problems:
            raise ValidationError(problems)
        assert isinstance(ref, EnterpriseRef) and isinstance(opened, date) and service
        return _Item(
            row.line,
            ref,
            row.get("case_number"),
            service,
            opened,
            closed if isinstance(closed, date) else None,
            status,
            priority,
            channel,
            row.get("description"),
            row.get("resolution"),
            row.get("assigned_to"),
        )

    def keys(self, item: _Item) -> list[str]:
        """The case number, or enterprise + service + opening date."""
        if item.number:
            return [f"case:{item.number}"]
        return [f"{item.ref.key}|{item.service_code}|{item.opened_on.isoformat()}"]

    def describe_key(self, item: _Item, key: str) -> str:
        """The case number, or the enterprise and opening date."""
        if item.number:
            return t("import.key.case_number", number=item.number)
        return t("import.key.case", ref=item.ref.shown, date=item.opened_on.isoformat())

    def apply(self, session: Session, items: Sequence[_Item]) -> list[Outcome]:
        """Open new cases and move cases to the row's status, one savepoint per row."""
        ids = resolve_refs(session, (i.ref for i in items))
        out: list[Outcome] = []
        for item in items:
            eid = ids.get(item.ref)
            if eid is None:
                out.append(missing_enterprise(item.ref))
                continue
            try:
                with session.begin_nested():
                    out.append(self._one(session, item, eid))
            except PlutError as exc:
                out.append(exc)
        return out

    def _one(self, session: Session, item: _Item, eid: int) -> str:
        query = select(Case).where(col(Case.enterprise_id) == eid)
        if item.number:
            query = select(Case).where(col(Case.number) == item.number)
        else:
            query = query.where(
                col(Case.service_code) == item.service_code, col(Case.opened_on) == item.opened_on
            )
        case = session.exec(query).first()
        if case is not None and case.enterprise_id != eid:
            raise ValidationError.single("case_number", "import.case_other_enterprise")
        if case is None:
            if self.dry_run:
                return "inserted"
            case = open_case(
                session,
                self.actor,
                enterprise_id=eid,
                service_code=item.service_code,
                centre_id=self.centre.id,
                channel=item.channel,
                description=item.description,
                priority=item.priority,
                on=item.opened_on,
            )
            self._advance(session, case, item)
            return "inserted"
        behind = (item.status == S.dibatalkan and case.status in OPEN_STATUSES) or (
            _STEP.get(item.status, -1) > _STEP.get(case.status, 99)
        )
        if not behind:
            return "unchanged"
        if not self.dry_run:
            self._advance(session, case, item)
        return "updated"

    def _staff(self, session: Session, username: str) -> int:
        staff = session.exec(select(Staff).where(col(Staff.username) == username)).first()
        if staff is None or staff.id is None:
            raise NotFound("staff", username)
        return staff.id

    def _advance(self, session: Session, case: Case, item: _Item) -> None:
        """Move ``case`` along the workflow to the row's status, one allowed step at a time."""
        case_id = case.id
        assert case_id is not None
        closed = item.closed_on or item.opened_on
        if item.status == S.dibatalkan:
            change_status(
                session,
                self.actor,
                case_id,
                S.dibatalkan,
                expected_version=case.version,
                resolution=item.resolution or None,
                on=closed,
            )
            return
        target = _STEP[CaseStatus(item.status)]
        while _STEP[CaseStatus(case.status)] < target:
            now = CaseStatus(case.status)
            if now == S.baru:
                staff = self._staff(session, item.assigned_to)
                case = assign_case(
                    session, self.actor, case_id, staff, expected_version=case.version
                )
                continue
            if now == S.menunggu_pihak_lain and target > _STEP[S.menunggu_pihak_lain]:
                step = S.dalam_proses
            else:
                step = {
                    S.ditugaskan: S.dalam_proses,
                    S.dalam_proses: S.menunggu_pihak_lain
                    if item.status == S.menunggu_pihak_lain
                    else S.selesai,
                    S.selesai: S.ditutup,
                }[now]
            case = change_status(
                session,
                self.actor,
                case_id,
                step,
                expected_version=case.version,
                resolution=item.resolution if step == S.selesai else None,
                on=closed,
            )
