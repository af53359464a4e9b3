"""What every importer is: the row it receives, the base class, the registry.

An importer (one per kind: enterprises, people, indicators, cases — see
:mod:`plut_nb.io.importers`) turns a :class:`Row` into a prepared item with the
intake's validation (:meth:`Importer.prepare`), names the keys that make a later
row of the same file a duplicate (:meth:`Importer.keys`), and matches and writes
a chunk of prepared items (:meth:`Importer.apply`). Importers register by kind,
as papermill registers its engines.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from sqlmodel import Session

from plut_nb.errors import PlutError
from plut_nb.io.columns import Layout
from plut_nb.io.readers import SourceRow
from plut_nb.models import Centre, Staff

__all__ = ["IMPORTERS", "Importer", "Outcome", "Row", "register_importer"]

Outcome = str | PlutError
"""What became of a row: ``"inserted"``, ``"updated"``, ``"unchanged"``, or why it was refused."""


@dataclass(frozen=True)
class Row:
    """A data row handed to an importer.

    Attributes:
        source: The row as read.
        values: Field → cell text (stripped), for the columns the header named.
        numeric: Fields whose cell was a number in a workbook.
    """

    source: SourceRow
    values: dict[str, str]
    numeric: frozenset[str] = frozenset()

    @property
    def line(self) -> int:
        """The row number in the file."""
        return self.source.line

    def get(self, name: str) -> str:
        """The text of field ``name``, stripped ("" when absent)."""
        return self.values.get(name, "")


class Importer(ABC):
    """One kind of import. Subclasses set :attr:`kind` and :attr:`layout`."""

    kind: ClassVar[str]
    layout: ClassVar[Layout]

    def __init__(self, actor: Staff, centre: Centre, *, dry_run: bool, on: date):
        self.actor = actor
        self.centre = centre
        self.dry_run = dry_run
        self.on = on
        self.created: dict[str, list[int]] = {}

    def start(self, session: Session) -> None:  # noqa: B027 - optional hook
        """Check once that the actor may run this import; load lookups."""

    @abstractmethod
    def prepare(self, row: Row) -> Any:
        """Validate ``row``; return what :meth:`apply` needs.

        Raises:
            ValidationError: Every problem of the row.
        """

    @abstractmethod
    def keys(self, item: Any) -> list[str]:
        """The keys that identify ``item`` within a file (a later row with one is a duplicate)."""

    @abstractmethod
    def describe_key(self, item: Any, key: str) -> str:
        """How the duplicate-row message names ``key`` of ``item``."""

    @abstractmethod
    def apply(self, session: Session, items: Sequence[Any]) -> list[Outcome]:
        """Match ``items`` with the database and write (unless :attr:`dry_run`); one outcome each."""

    def take_created(self) -> dict[str, list[list[int]]]:
        """Ids created since the last call, as ``[first, last]`` ranges per table (for the audit)."""
        out: dict[str, list[list[int]]] = {}
        for table, ids in self.created.items():
            ranges: list[list[int]] = []
            for i in sorted(ids):
                if ranges and ranges[-1][1] + 1 == i:
                    ranges[-1][1] = i
                else:
                    ranges.append([i, i])
            out[table] = ranges
        self.created = {}
        return out


IMPORTERS: dict[str, type[Importer]] = {}


def register_importer(cls: type[Importer]) -> type[Importer]:
    """Register an importer for its :attr:`~Importer.kind` (usable as a decorator)."""
    IMPORTERS[cls.kind] = cls
    return cls
