"""Collect every field error of a form at once, instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from plut_nb.errors import Conflict, FieldError, ValidationError
from plut_nb.i18n import t

T = TypeVar("T")


def column_length(model: type[SQLModel], column: str) -> int:
    """The declared width of a text column (what PostgreSQL will enforce)."""
    length = getattr(model.__table__.c[column].type, "length", None)  # type: ignore[attr-defined]
    assert isinstance(length, int), f"{model.__name__}.{column} has no length"
    return length


class ErrorCollector:
    """Runs field checks, remembering each failure, and raises them all together."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def check(self, fn: Callable[[], T]) -> T | None:
        """Run ``fn``; on :class:`ValidationError` remember its errors and return None."""
        try:
            return fn()
        except ValidationError as exc:
            self.errors.extend(exc.errors)
            return None

    def add(self, field: str, code: str, **params: object) -> None:
        """Record one error for ``field`` from message key ``code``."""
        label = t(f"field.{field}")
        self.errors.append(FieldError(field, code, t(code, field=label, **params)))

    def require(self, field: str, value: object) -> bool:
        """Record a 'required' error when ``value`` is empty; True when present."""
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, "required")
            return False
        return True

    def fits(self, field: str, value: str | None, model: type[SQLModel], column: str) -> None:
        """Record ``text.too_long`` when ``value`` (stripped) exceeds the column's width."""
        limit = column_length(model, column)
        if value is not None and len(value.strip()) > limit:
            self.add(field, "text.too_long", max=limit)

    def raise_if_any(self) -> None:
        """Raise one :class:`ValidationError` with everything collected."""
        if self.errors:
            raise ValidationError(self.errors)


@contextmanager
def unique_or_conflict(
    session: Session, entity: str, key: object, message_key: str
) -> Iterator[None]:
    """Flush the rows added in the block in a savepoint; a unique-key clash becomes Conflict.

    A check-then-insert can race with another session; the database's unique
    constraint is the last word, and its error is turned into a typed
    :class:`Conflict` with a staff-readable message instead of a raw driver error.
    """
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError as exc:
        raise Conflict(
            t(message_key, field=t(f"field.{entity}"), value=key), entity=entity, key=key
        ) from exc
