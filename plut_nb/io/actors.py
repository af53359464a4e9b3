"""Who an import (or a batch, or a research extract) acts as, and for which centre.

Without ``--as`` these commands act as the system account
:data:`SYSTEM_IMPORT_USER`: it stands for the operator at the server's shell
(who can read the database itself), holds the roles of every command run from
there (:data:`SYSTEM_ROLES`), has national scope and no password, so it cannot
sign in to the apps. Disabling it (``plut users disable sistem.impor``) makes
``--as`` compulsory.
"""

from __future__ import annotations

from sqlmodel import Session, select

from plut_nb.errors import NotFound, ValidationError
from plut_nb.i18n import t
from plut_nb.models import Centre, Staff, StaffScope
from plut_nb.services import _audit

__all__ = ["SYSTEM_IMPORT_USER", "SYSTEM_ROLES", "resolve_actor", "resolve_centre"]

#: The account imports, batches and research extracts act as without ``--as`` (made on first use).
SYSTEM_IMPORT_USER = "sistem.impor"

#: Its roles: imports (admin, manager), batches (manager) and research extracts (evaluator).
SYSTEM_ROLES: tuple[str, ...] = ("admin", "manager", "evaluator")


def resolve_actor(
    session: Session, username: str | None, centre_code: str | None, *, create: bool = True
) -> Staff:
    """The staff member an import acts as.

    ``username`` names an existing account. Without it the import acts as the
    system account :data:`SYSTEM_IMPORT_USER` (roles :data:`SYSTEM_ROLES`,
    national scope, no password so it cannot sign in), created at the centre
    ``centre_code`` — or at the only centre — on first use. A system account
    made by an older version gets the roles it lacks (audited); a disabled one
    stays disabled.

    With ``create=False`` (a dry run, which writes nothing) a missing system
    account is stood in for by an unsaved one with the same roles.

    Raises:
        NotFound: No such account or centre.
        ValidationError: ``import.centre_needed`` — several centres, none named.
    """
    if username:
        staff = session.exec(select(Staff).where(Staff.username == username)).first()
        if staff is None:
            raise NotFound("staff", username)
        return staff
    staff = session.exec(select(Staff).where(Staff.username == SYSTEM_IMPORT_USER)).first()
    if staff is not None:
        missing = [r for r in SYSTEM_ROLES if r not in staff.roles]
        if missing and create:
            before = {"roles": list(staff.roles)}
            staff.roles = [*staff.roles, *missing]
            session.add(staff)
            after = {"roles": list(staff.roles)}
            _audit.record(session, staff, "update", "staff", staff.id, before=before, after=after)
            session.commit()
        return staff
    centre = resolve_centre(session, centre_code, None)
    assert centre.id is not None
    staff = Staff(
        centre_id=centre.id,
        username=SYSTEM_IMPORT_USER,
        name=t("import.system_user"),
        roles=list(SYSTEM_ROLES),
        scope=StaffScope.national,
    )
    if not create:
        staff.id = 0  # never saved: a dry run writes nothing, not even this account
        return staff
    session.add(staff)
    session.flush()
    _audit.record(session, staff, "create", "staff", staff.id, after=_audit.row_dict(staff))
    session.commit()
    return staff


def resolve_centre(session: Session, code: str | None, actor: Staff | None) -> Centre:
    """The centre named ``code``; else the actor's centre; else the only centre."""
    if code:
        centre = session.exec(select(Centre).where(Centre.code == code)).first()
        if centre is None:
            raise NotFound("centre", code)
        return centre
    if actor is not None and actor.username != SYSTEM_IMPORT_USER:
        found = session.get(Centre, actor.centre_id)
        assert found is not None
        return found
    centres = list(session.exec(select(Centre).order_by(Centre.code)).all())
    if len(centres) == 1:
        return centres[0]
    raise ValidationError.single(
        "centre", "import.centre_needed", codes=", ".join(c.code for c in centres) or "-"
    )
