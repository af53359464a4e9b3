"""Rows that point at an enterprise: by NIB, by source key or by database id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from plut_nb.errors import ValidationError
from plut_nb.io.base import Row
from plut_nb.models import Enterprise
from plut_nb.rules import normalize_nib
from plut_nb.rules._common import fail

__all__ = ["EnterpriseRef", "enterprise_ref", "resolve_refs"]


@dataclass(frozen=True)
class EnterpriseRef:
    """How a row names its enterprise: ``kind`` is ``nib``, ``source_key`` or ``id``."""

    kind: str
    value: str

    @property
    def key(self) -> str:
        """A key for duplicate detection within a file."""
        return f"{self.kind}:{self.value}"

    @property
    def shown(self) -> str:
        """How the reference reads in a message."""
        return {"nib": "NIB", "source_key": "Kode Sumber", "id": "ID Usaha"}[self.kind] + (
            f" {self.value}"
        )


def enterprise_ref(row: Row, *, required: bool = True) -> EnterpriseRef | None:
    """The enterprise a row names (NIB first, then source key, then id).

    Raises:
        ValidationError: The NIB or id is malformed, or (``required``) none is given.
    """
    if row.get("nib"):
        return EnterpriseRef("nib", normalize_nib(row.get("nib")))
    if row.get("source_key"):
        return EnterpriseRef("source_key", row.get("source_key"))
    raw = row.get("enterprise_id")
    if raw:
        if not raw.isdigit():
            raise fail("enterprise_id", "import.enterprise_id", value=raw[:20])
        return EnterpriseRef("id", str(int(raw)))
    if required:
        raise fail("nib", "import.enterprise_ref")
    return None


def resolve_refs(
    session: Session, refs: Iterable[EnterpriseRef | None]
) -> dict[EnterpriseRef, int]:
    """Enterprise id of each reference that exists."""
    wanted = [r for r in refs if r is not None]
    out: dict[EnterpriseRef, int] = {}
    columns = {"nib": col(Enterprise.nib), "source_key": col(Enterprise.source_key)}
    for kind, column in columns.items():
        values = sorted({r.value for r in wanted if r.kind == kind})
        if values:
            for eid, value in session.execute(
                select(col(Enterprise.id), column).where(column.in_(values))
            ):
                out[EnterpriseRef(kind, value)] = int(eid)
    ids = sorted({int(r.value) for r in wanted if r.kind == "id"})
    if ids:
        for (eid,) in session.execute(
            select(col(Enterprise.id)).where(col(Enterprise.id).in_(ids))
        ):
            out[EnterpriseRef("id", str(eid))] = int(eid)
    return out


def missing_enterprise(ref: EnterpriseRef) -> ValidationError:
    """The row's enterprise is not in the registry."""
    return ValidationError.single(
        {"nib": "nib", "source_key": "source_key", "id": "enterprise_id"}[ref.kind],
        "import.enterprise_missing",
        ref=ref.shown,
    )
