"""``plut users`` end to end on the embedded database of the test's data folder."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope, session_scope, upgrade
from plut_nb.models import AuditEntry, Centre, Staff
from plut_nb.security.accounts import SignInOutcome, sign_in
from plut_nb.services import sync_reference_data


@pytest.fixture
def runner() -> CliRunner:
    engine = default_engine()
    upgrade(engine)
    with session_scope(engine) as s:
        sync_reference_data(s)
        s.add(
            Centre(
                code="PLUT-SUMUT", name="PLUT Sumatera Utara", level="provinsi", region_code="12"
            )
        )
    return CliRunner()


def _sign_in(username: str, password: str) -> SignInOutcome:
    with session_scope() as s:
        return sign_in(s, username, password).outcome


ADD = ["users", "add", "konsultan.medan", "--name", "Wulan Puspita", "--centre", "PLUT-SUMUT",
       "--role", "consultant", "--role", "field_officer"]  # fmt: skip


def test_add_with_hidden_prompt_then_list_without_hashes(runner: CliRunner) -> None:
    res = runner.invoke(app, ADD, input="teh-manis-2026\nteh-manis-2026\n")
    assert res.exit_code == 0, res.output
    assert "teh-manis-2026" not in res.output  # the prompt hides what is typed
    assert _sign_in("konsultan.medan", "teh-manis-2026") is SignInOutcome.ok
    listed = runner.invoke(app, ["users", "list"])
    assert listed.exit_code == 0
    assert "konsultan.medan" in listed.output and "consultant,field_officer" in listed.output
    assert "argon2" not in listed.output and "set" in listed.output
    with read_scope() as s:
        entry = s.exec(select(AuditEntry).where(col(AuditEntry.action) == "account.add")).one()
        assert str((entry.after or {}).get("by", "")).startswith("cli")


def test_add_refuses_mismatch_bad_role_and_short_password(runner: CliRunner) -> None:
    mismatch = runner.invoke(app, ADD, input="teh-manis-2026\nteh-manis-2027\n")
    assert mismatch.exit_code == 1
    bad = [*ADD[:-4], "--role", "boss", "--password-stdin"]
    res = runner.invoke(app, bad, input="teh-manis-2026\n")
    assert res.exit_code == 1 and "boss" in res.output
    short = runner.invoke(app, [*ADD, "--password-stdin"], input="pendek\n")
    assert short.exit_code == 1 and "10" in short.output
    with read_scope() as s:
        assert s.exec(select(Staff)).all() == []


def test_passwd_disable_enable(runner: CliRunner) -> None:
    assert runner.invoke(app, [*ADD, "--password-stdin"], input="teh-manis-2026\n").exit_code == 0
    res = runner.invoke(
        app, ["users", "passwd", "konsultan.medan", "--password-stdin"], input="kopi-susu-3000\n"
    )
    assert res.exit_code == 0, res.output
    assert _sign_in("konsultan.medan", "teh-manis-2026") is SignInOutcome.wrong_password
    assert _sign_in("konsultan.medan", "kopi-susu-3000") is SignInOutcome.ok
    assert runner.invoke(app, ["users", "disable", "konsultan.medan"]).exit_code == 0
    assert _sign_in("konsultan.medan", "kopi-susu-3000") is SignInOutcome.inactive
    assert "disabled" in runner.invoke(app, ["users", "list"]).output
    assert runner.invoke(app, ["users", "enable", "konsultan.medan"]).exit_code == 0
    assert _sign_in("konsultan.medan", "kopi-susu-3000") is SignInOutcome.ok
    missing = runner.invoke(
        app, ["users", "passwd", "tidak.ada", "--password-stdin"], input="x" * 12
    )
    assert missing.exit_code == 1
    empty = runner.invoke(
        app, ["users", "passwd", "konsultan.medan", "--password-stdin"], input="\n"
    )
    assert empty.exit_code == 1
    with Session(default_engine()) as s:
        actions = [e.action for e in s.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
    assert [a for a in actions if a.startswith("account.")] == [
        "account.add", "account.passwd", "account.disable", "account.enable"
    ]  # fmt: skip


def test_demo_gives_demo_accounts(runner: CliRunner) -> None:
    with session_scope() as s:  # `plut demo` wants an empty database
        s.exec(select(Centre)).one()
        s.delete(s.exec(select(Centre)).one())
    res = runner.invoke(app, ["demo", "--enterprises", "30", "--seed", "2"])
    assert res.exit_code == 0, res.output
    assert "demo accounts" in res.output and "plut-demo-2026" in res.output
    assert _sign_in("konsultan1.medan", "plut-demo-2026") is SignInOutcome.ok
    assert _sign_in("konsultan2.medan", "plut-demo-2026") is SignInOutcome.wrong_password


def test_development_mode_refuses_the_network(runner: CliRunner) -> None:
    res = runner.invoke(app, ["serve", "--dev", "--no-browser", "--ip", "0.0.0.0"])
    assert res.exit_code == 1 and "127.0.0.1" in res.output
