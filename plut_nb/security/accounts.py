"""Staff accounts: create, change password, disable, list, and sign in.

Administrators manage accounts with ``plut users`` (:mod:`plut_nb.security.cli`);
the sign-in page (:mod:`plut_nb.security.identity`) calls :func:`sign_in`. Every
change and every sign-in attempt on a known account is written to the audit
trail (``account.*``, ``signin``, ``signin.failed``) — never a password or a hash.

Repeated failures lock an account: after ``PLUT_LOGIN_MAX_FAILURES`` failed
attempts in a row (default 5) it is locked for ``PLUT_LOGIN_LOCK_MINUTES``
(default 15); while the count stays at the limit each further failure locks it
again, so guessing gets one try per lock period. A successful sign-in or a new
password (``plut users passwd``) clears the count. The sign-in page also waits
about a second after every failure. The count lives in ``staff.failed_logins``
and ``staff.locked_until``, so it holds across restarts and server instances.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from plut_nb.errors import FieldError, NotFound, ValidationError
from plut_nb.i18n import t
from plut_nb.models import AuditEntry, Centre, Role, Staff, StaffScope
from plut_nb.security.passwords import hash_password, verify_password, waste_verification
from plut_nb.settings import get_settings

__all__ = [
    "AccountRow",
    "SignIn",
    "SignInOutcome",
    "add_account",
    "as_utc",
    "find_account",
    "list_accounts",
    "password_stamp",
    "set_active",
    "set_password",
    "sign_in",
    "staff_for_session",
]

log = logging.getLogger("plut_nb.security")

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite hands back naive UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def password_stamp(staff: Staff) -> int | None:
    """When the password was last set, in whole microseconds since 1970 (exact, for cookies)."""
    changed = as_utc(staff.password_changed_at)
    return None if changed is None else (changed - _EPOCH) // timedelta(microseconds=1)


def _audit(
    session: Session, actor_id: int | None, action: str, staff_id: int | None, **after: Any
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            entity="staff",
            entity_id=str(staff_id if staff_id is not None else "-"),
            before=None,
            after={k: v for k, v in after.items() if v is not None} or None,
        )
    )


def _invalid(field: str, code: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field, code, message)])


def find_account(session: Session, username: str) -> Staff:
    """The staff member with ``username`` (case-insensitive).

    Raises:
        NotFound: No such account.
    """
    name = username.strip().lower()
    staff = session.exec(select(Staff).where(col(Staff.username) == name)).first()
    if staff is None:
        raise NotFound("staff", name)
    return staff


def add_account(
    session: Session,
    *,
    username: str,
    name: str,
    centre_code: str,
    roles: Sequence[str],
    password: str,
    scope: str = StaffScope.centre,
    service_fields: Sequence[str] = (),
    by: str | None = None,
) -> Staff:
    """Create a staff account that can sign in.

    Args:
        session: The caller's session (committed by the caller).
        username: Sign-in name: 3-64 lower-case letters, digits, ``.``, ``_`` or ``-``.
        name: The person's name as shown in the apps.
        centre_code: Code of the centre they work at (e.g. ``PLUT-SUMUT``).
        roles: One or more :class:`~plut_nb.models.Role` values.
        password: The initial password (see :mod:`plut_nb.security.passwords`).
        scope: How far their work reaches (:class:`~plut_nb.models.StaffScope`).
        service_fields: The PLUT fields (bidang) they serve, for consultants.
        by: Who did it, for the audit trail (e.g. the operating-system user of the CLI).

    Returns:
        The new :class:`Staff` row (flushed, with its id).

    Raises:
        ValidationError: A bad username, name, role, scope or password; the
            username is taken; or the centre does not exist.
    """
    username = username.strip().lower()
    errors = []
    if not _USERNAME.match(username):
        errors.append(FieldError("username", "account.username", t("account.username_invalid")))
    elif session.exec(select(Staff.id).where(col(Staff.username) == username)).first():
        errors.append(
            FieldError("username", "account.taken", t("account.username_taken", username=username))
        )
    if not name.strip():
        errors.append(FieldError("name", "account.name", t("account.name_missing")))
    valid_roles = {r.value for r in Role}
    bad = [r for r in roles if r not in valid_roles]
    if bad or not roles:
        errors.append(
            FieldError(
                "roles",
                "account.roles",
                t("account.roles_invalid", roles=", ".join(bad) or "-", valid=", ".join(Role)),
            )
        )
    if scope not in {s.value for s in StaffScope}:
        errors.append(
            FieldError(
                "scope", "account.scope", t("account.scope_invalid", valid=", ".join(StaffScope))
            )
        )
    centre = session.exec(select(Centre).where(col(Centre.code) == centre_code.strip())).first()
    if centre is None:
        errors.append(
            FieldError("centre", "account.centre", t("account.centre_unknown", code=centre_code))
        )
    if errors:
        raise ValidationError(errors)
    assert centre is not None and centre.id is not None
    digest = hash_password(password, username)
    staff = Staff(
        centre_id=centre.id,
        username=username,
        name=name.strip(),
        roles=list(dict.fromkeys(roles)),
        service_fields=list(service_fields),
        scope=scope,
        password_hash=digest,
        password_changed_at=datetime.now(UTC),
    )
    session.add(staff)
    session.flush()
    _audit(
        session,
        None,
        "account.add",
        staff.id,
        username=username,
        centre=centre.code,
        roles=staff.roles,
        scope=scope,
        by=by,
    )
    return staff


def set_password(session: Session, username: str, password: str, *, by: str | None = None) -> Staff:
    """Give an account a new password; clears a lock and ends its open sessions.

    Raises:
        NotFound: No such account.
        ValidationError: The password breaks a rule.
    """
    staff = find_account(session, username)
    staff.password_hash = hash_password(password, staff.username)
    staff.password_changed_at = datetime.now(UTC)
    staff.failed_logins = 0
    staff.locked_until = None
    session.add(staff)
    session.flush()
    _audit(session, None, "account.passwd", staff.id, username=staff.username, by=by)
    return staff


def set_active(session: Session, username: str, active: bool, *, by: str | None = None) -> Staff:
    """Enable or disable an account; a disabled account cannot sign in and its sessions end.

    Raises:
        NotFound: No such account.
    """
    staff = find_account(session, username)
    staff.active = active
    session.add(staff)
    session.flush()
    action = "account.enable" if active else "account.disable"
    _audit(session, None, action, staff.id, username=staff.username, by=by)
    return staff


@dataclass(frozen=True)
class AccountRow:
    """One account as ``plut users list`` shows it (no password material)."""

    username: str
    name: str
    centre_code: str
    roles: tuple[str, ...]
    scope: str
    active: bool
    has_password: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def list_accounts(session: Session, centre_code: str | None = None) -> list[AccountRow]:
    """Every account, by centre and username, optionally of one centre only."""
    query = select(Staff, Centre).where(col(Staff.centre_id) == col(Centre.id))
    if centre_code:
        query = query.where(col(Centre.code) == centre_code)
    now = datetime.now(UTC)
    out = []
    for staff, centre in session.exec(query.order_by(col(Centre.code), col(Staff.username))):
        locked = as_utc(staff.locked_until)
        out.append(
            AccountRow(
                username=staff.username,
                name=staff.name,
                centre_code=centre.code,
                roles=tuple(staff.roles),
                scope=staff.scope,
                active=bool(staff.active),
                has_password=bool(staff.password_hash),
                locked_until=locked if locked and locked > now else None,
                last_login_at=as_utc(staff.last_login_at),
            )
        )
    return out


class SignInOutcome(StrEnum):
    """How a sign-in attempt ended (only ``ok`` lets the person in)."""

    ok = "ok"
    wrong_password = "wrong_password"
    locked = "locked"
    inactive = "inactive"
    unknown = "unknown"


@dataclass(frozen=True)
class SignIn:
    """The result of :func:`sign_in`: the outcome and, when ``ok``, the staff member."""

    outcome: SignInOutcome
    staff: Staff | None = None


def sign_in(
    session: Session,
    username: str,
    password: str,
    *,
    source: str | None = None,
    now: datetime | None = None,
) -> SignIn:
    """Check a sign-in attempt and keep the failure count (see the module docstring).

    Args:
        session: A writing session; the caller commits (failures are recorded too).
        username: As typed (case-insensitive).
        password: As typed; never stored or logged.
        source: The client address, for the audit trail and the log.
        now: The current time (tests); default now.

    Returns:
        A :class:`SignIn`; ``staff`` is set only when the outcome is ``ok``.
    """
    now = now or datetime.now(UTC)
    settings = get_settings()
    name = username.strip().lower()
    staff = session.exec(select(Staff).where(col(Staff.username) == name)).first() if name else None
    if staff is None or staff.id is None:
        waste_verification()  # an unknown name answers as slowly as a known one
        log.warning("sign-in failed: unknown username from %s", source or "-")
        return SignIn(SignInOutcome.unknown)
    locked = as_utc(staff.locked_until)
    if not staff.active or (locked is not None and locked > now):
        waste_verification()
        outcome = SignInOutcome.inactive if not staff.active else SignInOutcome.locked
        _refuse(session, staff, outcome, source, locked)
        return SignIn(outcome)
    check = verify_password(staff.password_hash, password)
    if not check.ok:
        count = session.execute(
            update(Staff)
            .where(col(Staff.id) == staff.id)
            .values(failed_logins=col(Staff.failed_logins) + 1)
            .returning(col(Staff.failed_logins))
        ).scalar_one()
        lock = None
        if count >= settings.login_max_failures:
            lock = now + timedelta(minutes=settings.login_lock_minutes)
            session.execute(
                update(Staff).where(col(Staff.id) == staff.id).values(locked_until=lock)
            )
        _refuse(session, staff, SignInOutcome.wrong_password, source, lock, failed=count)
        return SignIn(SignInOutcome.wrong_password)
    staff.failed_logins = 0
    staff.locked_until = None
    staff.last_login_at = now
    if check.new_hash:  # parameters changed: store the stronger hash, keep the stamp
        staff.password_hash = check.new_hash
    session.add(staff)
    session.flush()
    _audit(session, staff.id, "signin", staff.id, source=source)
    log.info("sign-in: staff id=%s username=%s from %s", staff.id, staff.username, source or "-")
    return SignIn(SignInOutcome.ok, staff)


def _refuse(
    session: Session,
    staff: Staff,
    outcome: SignInOutcome,
    source: str | None,
    locked_until: datetime | None,
    failed: int | None = None,
) -> None:
    until = locked_until.isoformat() if locked_until else None
    _audit(
        session,
        staff.id,
        "signin.failed",
        staff.id,
        reason=outcome.value,
        failed_logins=failed,
        locked_until=until,
        source=source,
    )
    log.warning(
        "sign-in failed: staff id=%s username=%s reason=%s failures=%s locked_until=%s from %s",
        staff.id,
        staff.username,
        outcome.value,
        failed if failed is not None else "-",
        until or "-",
        source or "-",
    )


def staff_for_session(
    session: Session, staff_id: int, stamp: int | None, issued_at: float, now: float
) -> Staff | None:
    """The staff member a session cookie names, if the session still holds.

    A session ends when it is older than ``PLUT_SESSION_MINUTES``, claims to be
    from the future, its account is gone or disabled, or the password changed
    after it was issued (``stamp`` differs from :func:`password_stamp`).

    Args:
        session: A reading session.
        staff_id: The id in the cookie.
        stamp: The password stamp in the cookie.
        issued_at: When the cookie was issued (seconds since 1970).
        now: The current time (seconds since 1970).
    """
    limit = get_settings().session_minutes * 60
    if not (issued_at - 60 <= now <= issued_at + limit):
        return None
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active or not staff.password_hash:
        return None
    return staff if password_stamp(staff) == stamp else None
