"""The exceptions PLUT-NB raises, all under one base class.

::

    PlutError                      anything this package raises on purpose
    ├── ValidationError            input that breaks a rule; carries per-field messages
    ├── NotFound                   a record that does not exist (or is out of scope)
    ├── Conflict                   a write from a stale version, or a unique key taken
    ├── TransitionNotAllowed       a case status move the state machine forbids
    ├── PermissionDenied           the acting staff member may not do this
    ├── SchemaOutOfDate            the database needs ``plut db upgrade`` first
    ├── BatchRunFailed             a papermill run of a batch failed
    └── BatchError                 a batch cannot be prepared (plut_nb.batch.definition)
        └── DefinitionError        a batch YAML file is invalid: file, line, why

Every error has a ``message`` in the configured language (Indonesian by default,
English with ``PLUT_LANG=en``) that says what is wrong and how to fix it, plus
structured attributes so callers (forms, importers, the CLI) can point at the
exact field, case or cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from plut_nb.i18n import t

__all__ = [
    "BatchRunFailed",
    "Conflict",
    "FieldError",
    "NotFound",
    "PermissionDenied",
    "PlutError",
    "SchemaOutOfDate",
    "TransitionNotAllowed",
    "ValidationError",
]


class PlutError(Exception):
    """Base class of every error PLUT-NB raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field.

    Attributes:
        field: Name of the field (the attribute of the Create model).
        code: Stable machine-readable reason, e.g. ``"nik.birth_date"``.
        message: Human message in the configured language, naming the field.
    """

    field: str
    code: str
    message: str


class ValidationError(PlutError):
    """Input breaks one or more rules. ``errors`` lists each field's problem."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(e.message for e in self.errors) or t("error.invalid"))

    @property
    def by_field(self) -> dict[str, list[str]]:
        """Messages grouped by field name, in the order they were found."""
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(e.field, []).append(e.message)
        return out

    @classmethod
    def single(cls, field: str, code: str, **params: object) -> ValidationError:
        """Build an error for one field from a message key of :mod:`plut_nb.i18n`."""
        return cls([FieldError(field, code, t(code, field=t(f"field.{field}"), **params))])


class NotFound(PlutError):
    """The record does not exist, or the actor may not see it."""

    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(t("error.not_found", entity=t(f"entity.{entity}"), key=key))


class Conflict(PlutError):
    """A write would overwrite somebody else's change, or a unique value is taken."""

    def __init__(
        self,
        message: str,
        *,
        entity: str | None = None,
        key: object = None,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
    ) -> None:
        self.entity = entity
        self.key = key
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(message)

    @classmethod
    def stale(
        cls, entity: str, key: object, changed_by: str | None, changed_at: datetime | None
    ) -> Conflict:
        """The record changed since the caller read it: reload before saving."""
        from plut_nb.clock import local_time

        when = local_time(changed_at).strftime("%Y-%m-%d %H:%M %Z") if changed_at else "?"
        msg = t(
            "error.stale",
            entity=t(f"entity.{entity}"),
            key=key,
            who=changed_by or "?",
            when=when,
        )
        return cls(msg, entity=entity, key=key, changed_by=changed_by, changed_at=changed_at)


class TransitionNotAllowed(PlutError):
    """A case status change that the workflow does not allow from the current status."""

    def __init__(self, case_number: str, current: str, target: str, allowed: Iterable[str]):
        self.case_number = case_number
        self.current = current
        self.target = target
        self.allowed = sorted(allowed)
        super().__init__(
            t(
                "error.transition",
                case=case_number,
                current=current,
                target=target,
                allowed=", ".join(self.allowed) or t("word.none"),
            )
        )


class PermissionDenied(PlutError):
    """The acting staff member lacks the role or centre scope for an action.

    Attributes:
        action: The action refused (an :class:`plut_nb.security.permissions.Action`
            value, or a service's own name for it).
        actor: Name of the staff member who tried.
        centre: Code of the centre the action concerned when the refusal is
            about scope (``None`` when the role alone is missing).
    """

    def __init__(self, action: str, actor: str, centre: str | None = None) -> None:
        self.action = action
        self.actor = actor
        self.centre = centre
        key = f"permission.action.{action}"
        label = t(key)
        label = action if label == key else label
        if centre is None:
            message = t("error.permission", action=label, actor=actor)
        else:
            message = t("error.permission_centre", action=label, actor=actor, centre=centre)
        super().__init__(message)


class SchemaOutOfDate(PlutError):
    """The database schema is older (or newer) than this version of the code."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current = current
        self.head = head
        super().__init__(t("error.schema", current=current or t("word.empty"), head=head))


class BatchRunFailed(PlutError):
    """A papermill run failed: which run, which cell, what error."""

    def __init__(
        self, run: str, cell_index: int | None, error_name: str, error_message: str
    ) -> None:
        self.run = run
        self.cell_index = cell_index
        self.error_name = error_name
        self.error_message = error_message
        super().__init__(
            t("error.batch_run", run=run, cell=cell_index, name=error_name, msg=error_message)
        )
