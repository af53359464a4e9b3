"""Roles on the command line: ``plut batch run`` and ``plut export research`` with ``--as``.

End to end through the ``plut`` command on the embedded database of the test's
data folder: who may run a batch or take the research extract, what a refusal
prints and leaves behind (nothing but its audit entry), and the audit entry of
every batch and extract that ran.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope, session_scope, upgrade
from plut_nb.errors import PermissionDenied
from plut_nb.io.actors import SYSTEM_IMPORT_USER, SYSTEM_ROLES
from plut_nb.models import AuditEntry, Centre, Person, Staff, StaffScope
from plut_nb.security.commands import command_actor
from plut_nb.security.permissions import Action
from tests._seed import seed_directory

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "evaluation" / "_batch_smoke.ipynb"

ACCOUNTS = {
    "evaluator.sumut": ["evaluator"],
    "konsultan.sumut": ["consultant"],
    "peneliti.sumut": ["researcher"],
}  # and "cs", front office, from seed_directory


@pytest.fixture
def runner() -> CliRunner:
    """26 enterprises (25 with NIK and phone) and one account per role under test."""
    engine = default_engine()
    seed_directory(engine)
    with session_scope(engine) as s:
        centre = s.exec(select(Centre)).one()
        for username, roles in ACCOUNTS.items():
            s.add(Staff(centre_id=centre.id, username=username, name=username, roles=roles))  # type: ignore[arg-type]
    return CliRunner()


@pytest.fixture
def batch_file(tmp_path: Path) -> Path:
    """A one-run definition of the smoke notebook writing to ``tmp_path/out``."""
    path = tmp_path / "evaluasi.yaml"
    path.write_text(
        f"notebook: {NOTEBOOK}\noutput: out\ntimeout: 300\n"
        "parameters:\n  period_start: 2000-01-01\n  period_end: 2100-12-31\n"
        'runs:\n  - {region: "12"}\n',
        encoding="utf-8",
    )
    return path


def _entries(action: str) -> list[tuple[str, AuditEntry]]:
    """Audit entries with ``action``, oldest first, with their actor's username."""
    with read_scope() as s:
        rows = s.exec(
            select(AuditEntry, Staff)
            .join(Staff, col(Staff.id) == col(AuditEntry.actor_id))
            .where(col(AuditEntry.action) == action)
            .order_by(col(AuditEntry.id))
        ).all()
        return [(staff.username, entry) for entry, staff in rows]


def _personal_data() -> list[str]:
    with read_scope() as s:
        people = s.exec(select(Person)).all()
        return [v for p in people for v in (p.nik, p.phone, p.name) if v]


def _no_personal_data(after: dict[str, Any] | None) -> None:
    text = json.dumps(after, ensure_ascii=False)
    assert not [v for v in _personal_data() if v in text]


# --- batches ---------------------------------------------------------------------------


@pytest.mark.slow
def test_an_evaluator_runs_a_batch_and_the_run_is_audited(
    runner: CliRunner, batch_file: Path, tmp_path: Path
) -> None:
    res = runner.invoke(app, ["batch", "run", str(batch_file), "--as", "evaluator.sumut"])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "out"
    assert json.loads((folder / "manifest.json").read_text())["summary"]["ok"] == 1
    [(who, entry)] = _entries("batch.run")
    assert who == "evaluator.sumut"
    assert (entry.entity, entry.entity_id, entry.before) == ("batch", "evaluasi.yaml", None)
    after = entry.after or {}
    assert after["definition"] == str(batch_file.resolve())
    assert after["output"] == str(folder.resolve())
    assert (after["runs"], after["ok"], after["failed"], after["timeout"]) == (1, 1, 0, 0)
    assert str(after["by"]).startswith("cli") and "error" not in after
    _no_personal_data(after)


def test_a_consultant_may_not_run_a_batch_and_nothing_is_written(
    runner: CliRunner, batch_file: Path, tmp_path: Path
) -> None:
    res = runner.invoke(app, ["batch", "run", str(batch_file), "--as", "konsultan.sumut"])
    assert res.exit_code == 2
    assert "tidak berwenang" in res.output and "menjalankan batch evaluasi" in res.output
    assert not (tmp_path / "out").exists()
    [(who, denied)] = _entries("denied:run_batches")
    assert who == "konsultan.sumut" and denied.entity_id == "evaluasi.yaml"
    assert (denied.after or {})["reason"] == "role"
    assert _entries("batch.run") == []


def test_refusals_speak_english_when_asked(
    runner: CliRunner, batch_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plut_nb.settings import reset_settings

    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    res = runner.invoke(app, ["batch", "run", str(batch_file), "--as", "cs"])
    assert res.exit_code == 2 and "is not allowed to: run evaluation batches" in res.output


def test_an_unknown_or_disabled_account_is_refused(
    runner: CliRunner, batch_file: Path, tmp_path: Path
) -> None:
    res = runner.invoke(app, ["batch", "run", str(batch_file), "--as", "tidak.ada"])
    assert res.exit_code == 2 and "tidak.ada" in res.output
    assert runner.invoke(app, ["users", "disable", "evaluator.sumut"]).exit_code == 0
    res = runner.invoke(app, ["batch", "run", str(batch_file), "--as", "evaluator.sumut"])
    assert res.exit_code == 2
    assert not (tmp_path / "out").exists()
    [(who, denied)] = _entries("denied:run_batches")
    assert who == "evaluator.sumut" and (denied.after or {})["reason"] == "inactive"


# --- the research extract --------------------------------------------------------------


@pytest.mark.parametrize("username", ["peneliti.sumut", "evaluator.sumut"])
def test_researchers_and_evaluators_take_the_extract_and_it_is_audited(
    runner: CliRunner, tmp_path: Path, username: str
) -> None:
    out = tmp_path / "riset"
    res = runner.invoke(app, ["export", "research", str(out), "--format", "csv", "--as", username])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    [(who, entry)] = _entries("research.extract")
    assert who == username
    assert (entry.entity, entry.entity_id) == ("research_extract", "riset")
    after = entry.after or {}
    assert after["output"] == str(out.resolve()) and after["format"] == "csv"
    assert after["rows"] == {name: t["rows"] for name, t in manifest["tables"].items()}
    assert after["rows"]["enterprises"] == 26
    assert after["key_fingerprint"] == manifest["key_fingerprint"]
    _no_personal_data(after)


def test_front_office_may_not_take_the_extract_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "riset"
    res = runner.invoke(app, ["export", "research", str(out), "--as", "cs"])
    assert res.exit_code == 1
    assert "tidak berwenang" in res.output and "ekstrak riset" in res.output
    assert not out.exists()
    assert not (tmp_path / "data" / "research.key").exists()  # not even the key is made
    [(who, denied)] = _entries("denied:read_deidentified")
    assert who == "cs" and denied.entity == "research_extract"
    assert _entries("research.extract") == []


def test_a_failed_extract_is_audited_with_its_error(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "riset"
    out.mkdir()
    (out / "catatan.txt").write_text("bukan ekstrak", encoding="utf-8")
    res = runner.invoke(app, ["export", "research", str(out), "--as", "peneliti.sumut"])
    assert res.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["catatan.txt"]
    [(who, entry)] = _entries("research.extract")
    assert who == "peneliti.sumut" and (entry.after or {})["error"] == "ExtractError"
    assert "rows" not in (entry.after or {})


# --- without --as: the system account, standing for the shell's operator ---------------


def test_without_as_the_extract_is_taken_as_the_system_account(
    runner: CliRunner, tmp_path: Path
) -> None:
    with session_scope() as s:  # several centres: the system account is made at the first
        s.add(Centre(code="PLUT-BIAK", name="PLUT Biak", level="kabupaten", region_code="91.06"))
    res = runner.invoke(app, ["export", "research", str(tmp_path / "riset")])
    assert res.exit_code == 0, res.output
    [(who, entry)] = _entries("research.extract")
    assert who == SYSTEM_IMPORT_USER and str((entry.after or {})["by"]).startswith("cli")
    with read_scope() as s:
        system = s.exec(select(Staff).where(Staff.username == SYSTEM_IMPORT_USER)).one()
        assert system.roles == list(SYSTEM_ROLES) and system.scope == StaffScope.national
        assert system.password_hash is None  # it cannot sign in


def test_an_older_system_account_gets_the_missing_role_and_a_disabled_one_refuses(
    runner: CliRunner, tmp_path: Path
) -> None:
    engine = default_engine()
    with session_scope(engine) as s:
        centre = s.exec(select(Centre)).one()
        assert centre.id is not None
        s.add(
            Staff(
                centre_id=centre.id,
                username=SYSTEM_IMPORT_USER,
                name="Impor data (sistem)",
                roles=["admin", "manager"],
                scope=StaffScope.national,
            )
        )
    actor = command_actor(engine, None, Action.read_deidentified, entity="x", key="y")
    assert actor.username == SYSTEM_IMPORT_USER and actor.has_role("evaluator")
    [(who, update)] = _entries("update")
    assert who == SYSTEM_IMPORT_USER
    assert (update.before, update.after) == (
        {"roles": ["admin", "manager"]},
        {"roles": ["admin", "manager", "evaluator"]},
    )
    assert runner.invoke(app, ["users", "disable", SYSTEM_IMPORT_USER]).exit_code == 0
    with pytest.raises(PermissionDenied):
        command_actor(engine, None, Action.run_batches, entity="batch", key="b.yaml")
    res = runner.invoke(app, ["export", "research", str(tmp_path / "riset")])
    assert res.exit_code == 1 and not (tmp_path / "riset").exists()


def test_without_as_an_empty_database_is_named_as_the_reason(tmp_path: Path) -> None:
    upgrade(default_engine())  # migrated, but no centre and no staff
    res = CliRunner().invoke(app, ["export", "research", str(tmp_path / "riset")])
    assert res.exit_code == 1 and "belum berisi PLUT" in res.output
    assert not (tmp_path / "riset").exists()
