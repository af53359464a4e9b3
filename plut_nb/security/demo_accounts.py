"""Demo sign-in accounts: one per role at each showcase demo centre, all with one published password.

``plut demo`` gives these accounts :data:`DEMO_PASSWORD` (only accounts without
a password yet), and ``plut serve`` prints the ones whose password is still the
demo password — only on a database that ``plut demo`` filled (it leaves a
``demo.generate`` audit entry). Only the three showcase centres (PLUT-SUMUT,
PLUT-BIAK, PLUT-BOGOR) get demo accounts, not the further centres of
``plut demo --centres N``. Change or disable them before real data goes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from plut_nb.models import AuditEntry, Centre, Role, Staff
from plut_nb.security.passwords import hash_password, verify_password

__all__ = ["DEMO_PASSWORD", "DemoLogin", "demo_logins", "install_demo_accounts", "is_demo_database"]

DEMO_PASSWORD = "plut-demo-2026"
"""The password of every demo account (documented in the README; demo data only)."""


@dataclass(frozen=True)
class DemoLogin:
    """A demo account as printed by ``plut serve``."""

    username: str
    name: str
    role: str
    centre_code: str


def is_demo_database(session: Session) -> bool:
    """True when ``plut demo`` filled this database."""
    found = session.exec(
        select(AuditEntry.id).where(col(AuditEntry.action) == "demo.generate").limit(1)
    ).first()
    return found is not None


def _demo_staff(session: Session) -> list[tuple[Staff, str, str]]:
    """(staff, role, centre code): the first active holder of each role at each showcase centre."""
    from plut_nb.demo.profiles import CENTRES  # here: importing plut_nb.demo loads numpy

    out = []
    centres = session.exec(
        select(Centre)
        .where(col(Centre.code).in_([c.code for c in CENTRES]))
        .order_by(col(Centre.id))
    ).all()
    for centre in centres:
        staff = session.exec(
            select(Staff)
            .where(col(Staff.centre_id) == centre.id, col(Staff.active).is_(True))
            .order_by(col(Staff.id))
        ).all()
        for role in Role:
            first = next((s for s in staff if role.value in s.roles), None)
            if first is not None:
                out.append((first, role.value, centre.code))
    return out


def install_demo_accounts(session: Session) -> list[DemoLogin]:
    """Give each demo account without a password :data:`DEMO_PASSWORD`.

    Does nothing on a database that ``plut demo`` did not fill.

    Returns:
        Every demo account (whether its password was set now or before).
    """
    if not is_demo_database(session):
        return []
    out = []
    for staff, role, centre in _demo_staff(session):
        if not staff.password_hash:
            staff.password_hash = hash_password(DEMO_PASSWORD, staff.username)
            staff.password_changed_at = datetime.now(UTC)
            session.add(staff)
        out.append(DemoLogin(staff.username, staff.name, role, centre))
    session.flush()
    return out


def demo_logins(session: Session) -> list[DemoLogin]:
    """The demo accounts that still sign in with :data:`DEMO_PASSWORD` (none on real data)."""
    if not is_demo_database(session):
        return []
    return [
        DemoLogin(staff.username, staff.name, role, centre)
        for staff, role, centre in _demo_staff(session)
        if staff.password_hash and verify_password(staff.password_hash, DEMO_PASSWORD).ok
    ]
