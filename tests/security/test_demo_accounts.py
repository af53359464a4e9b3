"""Demo accounts: one per role at each demo centre, only on a demo database, printed while valid."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlmodel import Session

from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.models import Centre, Role
from plut_nb.security.accounts import find_account, set_password
from plut_nb.security.demo_accounts import (
    DEMO_PASSWORD,
    demo_logins,
    install_demo_accounts,
    is_demo_database,
)
from plut_nb.security.passwords import verify_password


def test_demo_accounts_cover_every_role_and_centre(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    upgrade(engine)
    generate_demo(engine, enterprises=40, seed=3, progress=False)
    with Session(engine) as s:
        assert is_demo_database(s) and demo_logins(s) == []  # no passwords yet
        logins = install_demo_accounts(s)
        s.commit()
        assert {login.role for login in logins} == {r.value for r in Role}
        per_centre = Counter(login.centre_code for login in logins)
        assert per_centre["PLUT-SUMUT"] == 7 and per_centre["PLUT-BIAK"] == 4
        for login in logins:
            assert verify_password(find_account(s, login.username).password_hash, DEMO_PASSWORD).ok
        assert install_demo_accounts(s) == logins  # idempotent, nothing re-hashed
        # a demo account whose password was changed is no longer printed
        set_password(s, "manajer.biak", "rahasia-baru-1")
        s.commit()
        shown = {login.username for login in demo_logins(s)}
        assert "manajer.biak" not in shown and len(shown) == len(logins) - 1
    engine.dispose()


def test_a_real_database_gets_no_demo_accounts(session: Session, centre: Centre) -> None:
    assert not is_demo_database(session)
    assert install_demo_accounts(session) == [] and demo_logins(session) == []
