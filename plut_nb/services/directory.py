"""The enterprise directory: search by name, NIB or region, paged, personal data masked.

Only staff who may read enterprise and owner data search it, and they find the
enterprises of the centres they cover (registered there, or served there).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from plut_nb.models import Enterprise, Ownership, Person, Staff
from plut_nb.reference.regions import get_region
from plut_nb.rules import mask_nik, mask_phone, validate_region_code
from plut_nb.rules.text import name_key
from plut_nb.security.permissions import Action, enterprise_scope, require

__all__ = ["DirectoryPage", "DirectoryRow", "search_enterprises"]


@dataclass(frozen=True)
class DirectoryRow:
    """One enterprise as the directory shows it (NIK and phone masked)."""

    enterprise_id: int
    name: str
    nib: str | None
    kbli_code: str | None
    village_code: str
    region: str
    owner_name: str | None
    owner_nik_masked: str | None
    owner_phone_masked: str | None


@dataclass(frozen=True)
class DirectoryPage:
    """A page of results and where it sits in the whole."""

    rows: list[DirectoryRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def search_enterprises(
    session: Session,
    actor: Staff,
    query: str = "",
    *,
    region_code: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> DirectoryPage:
    """Find enterprises by name (any part), NIB (exact) or region code prefix.

    Args:
        session: Open session.
        actor: The acting staff member; only enterprises of the centres they
            cover are found.
        query: Name fragment or a 13-digit NIB; empty lists everything.
        region_code: Province, regency, district or village code to limit to
            (validated: an unknown code is a ValidationError, not an empty page).
        page: 1-based page number.
        page_size: Rows per page (1-200).

    Returns:
        The requested page, ordered by name.

    Raises:
        PermissionDenied: ``actor`` may not read enterprise and owner data.
    """
    require(session, actor, Action.read_personal_data)
    page = max(1, page)
    page_size = min(max(1, page_size), 200)
    conds = []
    if (in_scope := enterprise_scope(session, actor)) is not None:
        conds.append(in_scope)
    q = query.strip()
    digits = q.replace(" ", "")
    if digits.isascii() and digits.isdigit() and len(digits) == 13:
        conds.append(col(Enterprise.nib) == digits)
    elif q:
        key = name_key(q)
        conds.append(
            or_(
                col(Enterprise.name_key).startswith(key),
                col(Enterprise.name_key).contains(f" {key}"),
            )
        )
    if region_code and region_code.strip():
        code = validate_region_code(region_code, field="region").code
        village = col(Enterprise.village_code)
        conds.append(or_(village == code, village.startswith(code + ".", autoescape=True)))
    total = session.execute(select(func.count()).select_from(Enterprise).where(*conds)).scalar_one()
    ents = (
        session.execute(
            select(Enterprise)
            .where(*conds)
            .order_by(col(Enterprise.name_key), col(Enterprise.id))
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
        .scalars()
        .all()
    )
    owners: dict[int, Person] = {}
    ids = [e.id for e in ents]
    if ids:
        for eid, person in session.execute(
            select(col(Ownership.enterprise_id), Person)
            .join(Person, col(Person.id) == col(Ownership.person_id))
            .where(col(Ownership.enterprise_id).in_(ids), col(Ownership.role) == "pemilik")
        ).all():
            owners.setdefault(eid, person)
    rows = []
    for e in ents:
        assert e.id is not None
        owner = owners.get(e.id)
        region = get_region(e.village_code)
        rows.append(
            DirectoryRow(
                enterprise_id=e.id,
                name=e.name,
                nib=e.nib,
                kbli_code=e.kbli_code,
                village_code=e.village_code,
                region=region.path if region else e.village_code,
                owner_name=owner.name if owner else None,
                owner_nik_masked=mask_nik(owner.nik) if owner and owner.nik else None,
                owner_phone_masked=mask_phone(owner.phone) if owner and owner.phone else None,
            )
        )
    return DirectoryPage(rows=rows, total=total, page=page, page_size=page_size)
