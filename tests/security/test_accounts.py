"""Accounts and sign-in bookkeeping on SQLite and PostgreSQL: add, passwd, disable, lockout, sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from plut_nb.errors import NotFound, ValidationError
from plut_nb.models import AuditEntry, Centre, Staff
from plut_nb.security.accounts import (
    SignInOutcome,
    add_account,
    as_utc,
    list_accounts,
    password_stamp,
    set_active,
    set_password,
    sign_in,
    staff_for_session,
)
from plut_nb.settings import reset_settings

PASSWORD = "ikan-asin-77"


def _add(session: Session, username: str = "konsultan.medan", **kw: object) -> Staff:
    args: dict[str, object] = {
        "username": username,
        "name": "Wulan Puspita",
        "centre_code": "PLUT-SUMUT",
        "roles": ["consultant"],
        "password": PASSWORD,
    }
    args.update(kw)
    staff = add_account(session, **args)  # type: ignore[arg-type]
    session.commit()
    return staff


def _audit(session: Session, staff: Staff) -> list[AuditEntry]:
    return list(
        session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.entity) == "staff", col(AuditEntry.entity_id) == str(staff.id))
            .order_by(col(AuditEntry.id))
        )
    )


def test_add_account_hashes_the_password_and_audits(session: Session, centre: Centre) -> None:
    staff = _add(session, "Konsultan.Medan", by="cli:admin")
    assert staff.username == "konsultan.medan" and staff.roles == ["consultant"]
    assert staff.password_hash and staff.password_hash.startswith("$argon2id$")
    assert password_stamp(staff) is not None
    [entry] = _audit(session, staff)
    assert entry.action == "account.add" and entry.actor_id is None
    assert entry.after is not None and entry.after["by"] == "cli:admin"
    assert PASSWORD not in str(entry.after) and "argon2" not in str(entry.after)


def test_add_account_reports_every_bad_field(session: Session, centre: Centre) -> None:
    _add(session)
    with pytest.raises(ValidationError) as exc:
        add_account(
            session,
            username="konsultan.medan",
            name=" ",
            centre_code="PLUT-XXX",
            roles=["boss"],
            password=PASSWORD,
            scope="planet",
        )
    assert set(exc.value.by_field) == {"username", "name", "roles", "scope", "centre"}
    with pytest.raises(ValidationError) as bad_name:
        add_account(session, username="a b", name="X", centre_code="PLUT-SUMUT",
                    roles=["admin"], password=PASSWORD)  # fmt: skip
    assert list(bad_name.value.by_field) == ["username"]
    with pytest.raises(ValidationError) as short:
        add_account(session, username="baru.medan", name="X", centre_code="PLUT-SUMUT",
                    roles=["admin"], password="pendek")  # fmt: skip
    assert list(short.value.by_field) == ["password"]


def test_sign_in_right_wrong_unknown(session: Session, centre: Centre) -> None:
    staff = _add(session)
    assert sign_in(session, "nobody", PASSWORD).outcome is SignInOutcome.unknown
    wrong = sign_in(session, "konsultan.medan", "ikan-asin-78", source="10.0.0.9")
    session.commit()
    assert wrong.outcome is SignInOutcome.wrong_password and wrong.staff is None
    session.refresh(staff)
    assert staff.failed_logins == 1
    ok = sign_in(session, " KONSULTAN.MEDAN ", PASSWORD, source="10.0.0.9")
    session.commit()
    assert ok.outcome is SignInOutcome.ok and ok.staff is not None and ok.staff.id == staff.id
    session.refresh(staff)
    assert staff.failed_logins == 0 and staff.last_login_at is not None
    actions = [
        (e.action, e.actor_id, (e.after or {}).get("source")) for e in _audit(session, staff)
    ]
    assert actions[1:] == [
        ("signin.failed", staff.id, "10.0.0.9"),
        ("signin", staff.id, "10.0.0.9"),
    ]
    assert all("ikan-asin" not in str(e.after) for e in _audit(session, staff))


def test_failures_lock_then_the_lock_expires(
    session: Session, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLUT_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("PLUT_LOGIN_LOCK_MINUTES", "15")
    reset_settings()
    staff = _add(session)
    t0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    for k in range(3):
        result = sign_in(session, "konsultan.medan", "salah-salah", now=t0 + timedelta(seconds=k))
        session.commit()
        assert result.outcome is SignInOutcome.wrong_password
    session.refresh(staff)
    assert staff.failed_logins == 3
    assert as_utc(staff.locked_until) == t0 + timedelta(seconds=2, minutes=15)
    during = sign_in(session, "konsultan.medan", PASSWORD, now=t0 + timedelta(minutes=10))
    session.commit()
    assert during.outcome is SignInOutcome.locked, "the right password must not open a lock"
    # after the lock one more failure locks again at once; the right password opens it
    later = t0 + timedelta(minutes=16)
    again = sign_in(session, "konsultan.medan", "salah-salah", now=later)
    session.commit()
    session.refresh(staff)
    assert again.outcome is SignInOutcome.wrong_password
    assert as_utc(staff.locked_until) == later + timedelta(minutes=15)
    ok = sign_in(session, "konsultan.medan", PASSWORD, now=later + timedelta(minutes=16))
    session.commit()
    session.refresh(staff)
    assert (
        ok.outcome is SignInOutcome.ok and staff.failed_logins == 0 and staff.locked_until is None
    )


def test_passwd_unlocks_and_disable_refuses(session: Session, centre: Centre) -> None:
    staff = _add(session)
    staff.failed_logins, staff.locked_until = 9, datetime.now(UTC) + timedelta(hours=1)
    session.add(staff)
    session.commit()
    set_password(session, "konsultan.medan", "garam-laut-88")
    session.commit()
    assert sign_in(session, "konsultan.medan", PASSWORD).outcome is SignInOutcome.wrong_password
    assert sign_in(session, "konsultan.medan", "garam-laut-88").outcome is SignInOutcome.ok
    set_active(session, "konsultan.medan", False)
    session.commit()
    assert sign_in(session, "konsultan.medan", "garam-laut-88").outcome is SignInOutcome.inactive
    with pytest.raises(NotFound):
        set_password(session, "tidak.ada", "garam-laut-88")
    actions = [e.action for e in _audit(session, staff)]
    assert actions.count("account.passwd") == 1 and actions.count("account.disable") == 1


def test_list_accounts_shows_status_without_password_material(
    session: Session, centre: Centre
) -> None:
    _add(session)
    _add(session, "cs.medan", name="Rina", roles=["front_office"])
    set_active(session, "cs.medan", False)
    session.add(
        Staff(centre_id=centre.id, username="pl.medan", name="Tanpa Sandi", roles=["field_officer"])
    )  # type: ignore[arg-type]
    session.commit()
    rows = {r.username: r for r in list_accounts(session)}
    assert set(rows) == {"konsultan.medan", "cs.medan", "pl.medan"}
    assert rows["cs.medan"].active is False and rows["pl.medan"].has_password is False
    assert rows["konsultan.medan"].centre_code == "PLUT-SUMUT"
    assert not any(hasattr(r, "password_hash") for r in rows.values())
    assert list_accounts(session, "PLUT-LAIN") == []


def test_a_session_holds_until_expiry_password_change_or_disable(
    session: Session, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLUT_SESSION_MINUTES", "60")
    reset_settings()
    staff = _add(session)
    assert staff.id is not None
    stamp, now = password_stamp(staff), 1_800_000_000.0
    assert staff_for_session(session, staff.id, stamp, now - 3599, now) is not None
    assert staff_for_session(session, staff.id, stamp, now - 3601, now) is None
    assert staff_for_session(session, staff.id, stamp, now + 120, now) is None  # from the future
    assert staff_for_session(session, staff.id, None, now, now) is None
    assert staff_for_session(session, 999_999, stamp, now, now) is None
    set_password(session, "konsultan.medan", "garam-laut-88")
    session.commit()
    assert staff_for_session(session, staff.id, stamp, now, now) is None
    fresh = password_stamp(session.get(Staff, staff.id))  # type: ignore[arg-type]
    assert fresh != stamp and staff_for_session(session, staff.id, fresh, now, now) is not None
    set_active(session, "konsultan.medan", False)
    session.commit()
    assert staff_for_session(session, staff.id, fresh, now, now) is None
