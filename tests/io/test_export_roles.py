"""Who may export which rows: ``plut export csv|parquet|excel`` with ``--as``, and the services.

Two centres: PLUT-SUMUT (the seeded bakeries of Medan, one owner with an
e-mail address) and PLUT-BIAK (three sago businesses with NIK, phone and
e-mail). Masked exports hide every NIK, phone and e-mail; full values are for
managers and admins, and only of the centres they cover; researchers and
evaluators export nothing; every export leaves an audit entry without
personal data, and a refusal writes no file.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from plut_nb.cli import app
from plut_nb.db import default_engine, read_scope
from plut_nb.errors import PermissionDenied
from plut_nb.io._export_scope import SCOPED_TABLES
from plut_nb.io.actors import SYSTEM_IMPORT_USER
from plut_nb.io.tables import export_tables, exportable_tables
from plut_nb.models import AuditEntry, Centre, Enterprise, Ownership, Person, Staff
from plut_nb.security.commands import command_actor
from plut_nb.security.permissions import Action
from plut_nb.services import IntakeForm, register_enterprise
from tests._seed import seed_directory

ACCOUNTS = {
    "manajer.sumut": ("PLUT-SUMUT", ["manager"]),
    "konsultan.sumut": ("PLUT-SUMUT", ["consultant"]),
    "evaluator.sumut": ("PLUT-SUMUT", ["evaluator"]),
    "peneliti.sumut": ("PLUT-SUMUT", ["researcher"]),
    "admin.sumut": ("PLUT-SUMUT", ["admin"]),
    "manajer.biak": ("PLUT-BIAK", ["manager"]),
}


def _biak_nik(i: int) -> str:
    """A valid NIK of Biak Kota (91.06.01): a woman born 12 Mar 1990."""
    return f"910601520390{i + 1:04d}"


def _two_centres(engine: Engine) -> None:
    seed_directory(engine, n=6)
    with Session(engine, expire_on_commit=False) as s:
        biak = Centre(code="PLUT-BIAK", name="PLUT Biak Numfor", level="kabupaten",
                      region_code="91.06")  # fmt: skip
        s.add(biak)
        s.flush()
        centres = {c.code: c for c in s.exec(select(Centre)).all()}
        staff = {}
        for username, (code, roles) in ACCOUNTS.items():
            staff[username] = Staff(centre_id=centres[code].id, username=username,  # type: ignore[arg-type]
                                    name=username, roles=roles)  # fmt: skip
            s.add(staff[username])
        s.flush()
        register_enterprise(
            s,
            staff["manajer.sumut"],
            IntakeForm(enterprise_name="Kopi Sidikalang", village_code="12.71.01.1001",
                       owner_name="Tiur Simanjuntak", nik="1271015508850003",
                       phone="081361234567", email="tiur@contoh.id",
                       service_code="konsultasi_bisnis"),
        )  # fmt: skip
        for i in range(3):
            register_enterprise(
                s,
                staff["manajer.biak"],
                IntakeForm(enterprise_name=f"Sagu Biak {i}", village_code="91.06.01.1001",
                           owner_name=f"Mama Biak {i}", nik=_biak_nik(i),
                           phone=f"08138{800000 + i}", email=f"biak{i}@contoh.id",
                           service_code="branding"),
            )  # fmt: skip
        s.commit()


def _people(engine: Engine, centre: str) -> list[Person]:
    """Owners of the enterprises registered at ``centre``."""
    with Session(engine) as s:
        query = (
            select(Person)
            .join(Ownership, col(Ownership.person_id) == col(Person.id))
            .join(Enterprise, col(Enterprise.id) == col(Ownership.enterprise_id))
            .join(Centre, col(Centre.id) == col(Enterprise.registered_centre_id))
            .where(Centre.code == centre)
        )
        return list(s.exec(query).all())


def _identifiers(people: list[Person]) -> list[str]:
    return [v for p in people for v in (p.nik, p.phone, p.email) if v]


def _read(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    return pq.read_table(path).to_pylist()


def _all_text(folder: Path) -> str:
    return json.dumps({p.name: _read(p) for p in sorted(folder.iterdir())}, default=str)


def _actor(engine: Engine, username: str | None, action: Action) -> Staff:
    return command_actor(engine, username, action, entity="export", key="test")


# --- the services, on SQLite and PostgreSQL --------------------------------------------


def test_every_table_has_a_scope_rule() -> None:
    assert set(exportable_tables()) == SCOPED_TABLES


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_masked_export_holds_no_full_nik_phone_or_email(
    engine: Engine, tmp_path: Path, fmt: str
) -> None:
    _two_centres(engine)
    system = _actor(engine, None, Action.export_tables)  # national scope, reads the audit trail
    out = tmp_path / "semua"
    result = export_tables(engine, out, actor=system, fmt=fmt)
    assert [p.name for p in result.files] == [f"{t}.{fmt}" for t in exportable_tables()]
    assert result.centres is None and result.personal_data is False
    everyone = _people(engine, "PLUT-SUMUT") + _people(engine, "PLUT-BIAK")
    assert len(everyone) == 11 and sum(1 for p in everyone if p.email) == 4
    assert result.rows["person"] == 11 and result.rows["audit_entry"] > 0
    text = _all_text(out)
    assert [v for v in _identifiers(everyone) if v in text] == []
    people = {str(r["name"]): r for r in _read(out / f"person.{fmt}")}
    biak = people["Mama Biak 0"]
    assert str(biak["nik"]) == "9106********0001" and biak["email"] == "***"
    assert str(biak["phone"]).startswith("+62813") and "*" in str(biak["phone"])


def test_a_manager_exports_personal_data_of_their_own_centre_only(
    engine: Engine, tmp_path: Path
) -> None:
    _two_centres(engine)
    manager = _actor(engine, "manajer.sumut", Action.export_personal_data)
    result = export_tables(
        engine, tmp_path / "sumut", actor=manager, tables=["person", "enterprise"],
        personal_data=True,
    )  # fmt: skip
    assert result.centres == ["PLUT-SUMUT"] and result.personal_data is True
    people = _read(tmp_path / "sumut" / "person.csv")
    own = _people(engine, "PLUT-SUMUT")
    assert sorted(r["nik"] for r in people) == sorted(p.nik or "" for p in own)
    assert "tiur@contoh.id" in {r["email"] for r in people}  # full values
    assert not [v for v in _identifiers(_people(engine, "PLUT-BIAK")) if v in _all_text(
        tmp_path / "sumut")]  # fmt: skip
    names = {r["name"] for r in _read(tmp_path / "sumut" / "enterprise.csv")}
    assert result.rows == {"person": 8, "enterprise": 8} and len(names) == 8
    assert not any(n.startswith("Sagu Biak") for n in names)

    biak = _actor(engine, "manajer.biak", Action.export_personal_data)
    result = export_tables(engine, tmp_path / "biak", actor=biak, personal_data=True)
    assert result.rows["enterprise"] == 3 and result.rows["service_case"] == 3
    assert result.rows["centre"] == 1 and result.rows["staff"] == 1
    assert {r["nik"] for r in _read(tmp_path / "biak" / "person.csv")} == {
        _biak_nik(i) for i in range(3)
    }

    with pytest.raises(PermissionDenied) as err:
        export_tables(
            engine, tmp_path / "lain", actor=manager, personal_data=True, centre_code="PLUT-BIAK"
        )
    assert err.value.action == "export_personal_data" and err.value.centre == "PLUT-BIAK"
    assert not (tmp_path / "lain").exists()


@pytest.mark.parametrize("username", ["peneliti.sumut", "evaluator.sumut", "konsultan.sumut"])
def test_the_service_refuses_full_personal_data_to_other_roles(
    engine: Engine, tmp_path: Path, username: str
) -> None:
    _two_centres(engine)
    with Session(engine, expire_on_commit=False) as s:
        actor = s.exec(select(Staff).where(Staff.username == username)).one()
    with pytest.raises(PermissionDenied):
        export_tables(engine, tmp_path / "out", actor=actor, personal_data=True)
    assert not (tmp_path / "out").exists()


# --- the commands ----------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    _two_centres(default_engine())
    return CliRunner()


def _entries(prefix: str) -> list[tuple[str, AuditEntry]]:
    """Audit entries whose action starts with ``prefix``, oldest first, with their actor."""
    with read_scope() as s:
        rows = s.exec(
            select(AuditEntry, Staff)
            .join(Staff, col(Staff.id) == col(AuditEntry.actor_id))
            .where(col(AuditEntry.action).startswith(prefix))
            .order_by(col(AuditEntry.id))
        ).all()
        return [(staff.username, entry) for entry, staff in rows]


def _no_personal_data(after: dict[str, Any] | None) -> None:
    engine = default_engine()
    everyone = _people(engine, "PLUT-SUMUT") + _people(engine, "PLUT-BIAK")
    text = json.dumps(after, ensure_ascii=False)
    assert not [v for v in _identifiers(everyone) + [p.name for p in everyone] if v in text]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("username", ["peneliti.sumut", "evaluator.sumut"])
def test_researchers_and_evaluators_export_no_tables(
    runner: CliRunner, tmp_path: Path, username: str, fmt: str
) -> None:
    out = tmp_path / "ekspor"
    res = runner.invoke(app, ["export", fmt, str(out), "--personal-data", "--as", username])
    assert res.exit_code == 2
    assert "tidak berwenang" in res.output and "data pribadi lengkap" in res.output
    res = runner.invoke(app, ["export", fmt, str(out), "--as", username])
    assert res.exit_code == 2 and "mengekspor tabel data" in res.output
    assert not out.exists()
    denied = [(who, e.action, (e.after or {})["reason"]) for who, e in _entries("denied:")]
    assert denied == [
        (username, "denied:export_personal_data", "role"),
        (username, "denied:export_tables", "role"),
    ]
    assert _entries("export.") == []


def test_a_consultant_exports_masked_tables_without_the_audit_trail(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "ekspor"
    res = runner.invoke(app, ["export", "csv", str(out), "--personal-data", "--as",
                              "konsultan.sumut"])  # fmt: skip
    assert res.exit_code == 2 and not out.exists()
    res = runner.invoke(app, ["export", "csv", str(out), "--as", "konsultan.sumut"])
    assert res.exit_code == 0, res.output
    files = {p.name for p in out.iterdir()}
    assert "person.csv" in files and "audit_entry.csv" not in files
    people = _people(default_engine(), "PLUT-SUMUT")
    assert not [v for v in _identifiers(people) if v in _all_text(out)]
    [(who, entry)] = _entries("export.")
    after = entry.after or {}
    assert (who, entry.action, entry.entity, entry.entity_id) == (
        "konsultan.sumut",
        "export.csv",
        "export",
        "ekspor",
    )
    assert after["personal_data"] is False and after["centres"] == ["PLUT-SUMUT"]
    assert after["rows"]["person"] == 8 and "audit_entry" not in after["rows"]
    _no_personal_data(after)

    res = runner.invoke(app, ["export", "csv", str(tmp_path / "audit"), "--table",
                              "audit_entry", "--as", "konsultan.sumut"])  # fmt: skip
    assert res.exit_code == 2 and "jejak audit" in res.output
    assert not (tmp_path / "audit").exists()
    [(_, denied)] = _entries("denied:read_audit")
    assert denied.entity_id == "audit_entry"


def test_a_manager_exports_personal_data_of_their_centre_and_it_is_audited(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "lengkap"
    res = runner.invoke(app, ["export", "parquet", str(out), "--personal-data", "--table",
                              "person", "--as", "manajer.sumut"])  # fmt: skip
    assert res.exit_code == 0, res.output
    niks = {r["nik"] for r in _read(out / "person.parquet")}
    assert niks == {p.nik for p in _people(default_engine(), "PLUT-SUMUT")}
    [(who, entry)] = _entries("export.")
    after = entry.after or {}
    assert (who, entry.action, entry.entity_id) == ("manajer.sumut", "export.parquet", "lengkap")
    assert after["output"] == str(out.resolve()) and after["format"] == "parquet"
    assert after["tables"] == ["person"] and after["rows"] == {"person": 8}
    assert after["personal_data"] is True and after["centres"] == ["PLUT-SUMUT"]
    assert str(after["by"]).startswith("cli") and "error" not in after
    _no_personal_data(after)

    other = tmp_path / "biak"
    res = runner.invoke(app, ["export", "csv", str(other), "--personal-data", "--centre",
                              "PLUT-BIAK", "--as", "manajer.sumut"])  # fmt: skip
    assert res.exit_code == 2 and "PLUT-BIAK" in res.output and "di luar cakupan" in res.output
    assert not other.exists()
    [(_, denied)] = _entries("denied:export_personal_data")
    assert (denied.after or {})["reason"] == "scope"
    refused = _entries("export.")[-1][1].after or {}
    assert refused["error"] == "PermissionDenied" and "rows" not in refused


def test_the_report_workbook_needs_a_role_at_its_centre(runner: CliRunner, tmp_path: Path) -> None:
    args = ["--centre", "PLUT-SUMUT", "--from", "2000-01-01", "--to", "2100-12-31"]
    out = tmp_path / "laporan.xlsx"
    for username in ("evaluator.sumut", "peneliti.sumut", "manajer.biak"):
        res = runner.invoke(app, ["export", "excel", str(out), *args, "--as", username])
        assert res.exit_code == 2 and "tidak berwenang" in res.output, username
        assert not out.exists()
    res = runner.invoke(app, ["export", "excel", str(out), *args, "--as", "manajer.sumut"])
    assert res.exit_code == 0, res.output
    served = list(load_workbook(out)["UMKM Dilayani"].iter_rows(min_row=2, values_only=True))
    names = {r[1] for r in served}
    assert len(served) == 8 and not any(str(n).startswith("Sagu Biak") for n in names)
    entries = [(who, e.action, e.after or {}) for who, e in _entries("export.")]
    assert [(who, action) for who, action, _ in entries] == [
        ("manajer.biak", "export.excel"),  # refused at the service: scope
        ("manajer.sumut", "export.excel"),
    ]
    assert entries[0][2]["error"] == "PermissionDenied"
    after = entries[1][2]
    assert after["centre"] == "PLUT-SUMUT" and after["rows"]["UMKM Dilayani"] == 8
    assert after["personal_data"] is False and after["from"] == str(date(2000, 1, 1))
    _no_personal_data(after)


def test_without_as_the_export_is_made_as_the_system_account(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "semua"
    res = runner.invoke(app, ["export", "csv", str(out), "--personal-data"])
    assert res.exit_code == 0, res.output
    assert len(_read(out / "person.csv")) == 11 and (out / "audit_entry.csv").is_file()
    [(who, entry)] = _entries("export.")
    assert who == SYSTEM_IMPORT_USER and (entry.after or {})["centres"] == "all"
