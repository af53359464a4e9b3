"""No full NIK or phone number of the data in logs, error messages or batch outputs (UU 27/2022).

The log test works on SQLite and PostgreSQL with SQL logging on; the batch test
runs the evaluation report as a batch on demo data and scans every byte of
its output folder (executed notebooks, HTML, metrics, manifest, snapshot).
"""

from __future__ import annotations

import logging
from pathlib import Path

import ipywidgets as w
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from plut_nb.db import default_engine, upgrade
from plut_nb.errors import PlutError
from plut_nb.models import Person, Staff
from plut_nb.rules import mask_nik, mask_phone
from plut_nb.security.redaction import redact
from plut_nb.services.board import case_view
from plut_nb.services.directory import search_enterprises
from plut_nb.services.intake import IntakeForm, register_enterprise
from plut_nb.services.reference_data import sync_reference_data
from tests.security import OWNERS, World, build_world

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "evaluation" / "laporan_evaluasi.ipynb"


def identifiers(nik: str | None, phone: str | None) -> list[str]:
    """A NIK and a phone (E.164) in every form they could be written: ``+62…``, ``62…``, ``08…``."""
    out = [nik] if nik else []
    if phone:
        national = phone.removeprefix("+62")
        out += [phone, "62" + national, "0" + national]
    return out


def test_redact_masks_niks_and_phones_only() -> None:
    nik, phone = OWNERS["new"]
    text = f"nik={nik} hp={phone} e164=+62{phone[1:]} id=12345 tahun 2026 nib=9120000000001"
    assert redact(text) == (
        f"nik={mask_nik(nik)} hp={mask_phone(phone)} e164={mask_phone(phone)} id=12345 "
        "tahun 2026 nib=9120000000001"
    )


@pytest.fixture
def world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as s:
        return build_world(s)


def test_logs_and_errors_hold_no_full_nik_or_phone(
    engine: Engine, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    from widgets._feedback import show_error  # installs the log redaction, as every app does

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")  # statements and rows
    messages: list[str] = []
    nik, phone = "1271010101800177", "081270000177"
    with Session(engine, expire_on_commit=False) as s:
        fo = s.get(Staff, world.staff["front_office"].id)
        mgr = s.get(Staff, world.staff["manager"].id)
        res = s.get(Staff, world.staff["researcher"].id)
        assert fo is not None and mgr is not None and res is not None
        form = IntakeForm(enterprise_name="Usaha Log", village_code="12.71.01.1001",
                          owner_name="Pemilik Log", nik=nik, phone=phone,
                          service_code="branding")  # fmt: skip
        done = register_enterprise(s, fo, form)
        s.commit()
        view = case_view(s, mgr, done.case_id)  # a manager of the centre: full values
        assert view.enterprise.owner_nik == nik
        search_enterprises(s, fo, "usaha log")
        for call in (
            lambda: case_view(s, res, done.case_id),  # refused: logged
            lambda: register_enterprise(s, fo, form.model_copy(update={"nib": "12"})),
        ):
            try:
                call()
            except PlutError as exc:
                messages.append(exc.message)
        s.rollback()
        # A unique NIK broken below the services: SQLAlchemy hides the statement's
        # parameters, but PostgreSQL's own DETAIL quotes the key, so such an error is
        # only ever logged (redacted) — the services turn it into a masked Conflict.
        s.add(Person(nik=nik, name="Salinan", phone="+62" + phone[1:]))
        with pytest.raises(IntegrityError) as info:
            s.flush()
        assert "SQL parameters hidden" in str(info.value)
        logging.getLogger("widgets").error("database error", exc_info=info.value)
        s.rollback()
    # an unexpected error in an app is logged with its traceback, redacted
    target = w.HTML()
    show_error(target, RuntimeError(f"gagal menyimpan pemilik {nik} / {phone}"))
    assert "Traceback" not in target.value and nik not in target.value
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "INSERT INTO person" in logged  # SQL was logged, so the scan below means something
    assert mask_nik(nik) in logged  # the redacted error
    everything = logged + "\n".join(messages)
    found = [i for i in identifiers(nik, "+62" + phone[1:]) if i in everything]
    assert found == []
    for owner_nik, owner_phone in OWNERS.values():
        e164 = "+62" + owner_phone[1:]
        assert [i for i in identifiers(owner_nik, e164) if i in everything] == []


@pytest.mark.slow
def test_a_batch_on_demo_data_outputs_no_full_nik_or_phone(tmp_path: Path) -> None:
    from plut_nb.batch.definition import load_definition
    from plut_nb.batch.runner import run_batch
    from plut_nb.demo import generate_demo

    engine = default_engine()
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()
    generate_demo(engine, enterprises=150, seed=7, progress=False)
    with Session(engine) as s:
        people = s.execute(select(col(Person.nik), col(Person.phone))).all()
    secrets = sorted({i for nik, phone in people for i in identifiers(nik, phone)})
    assert len(secrets) > 300  # NIKs and phones of the owners in several forms
    definition = tmp_path / "batch.yaml"
    definition.write_text(
        f"""\
notebook: {NOTEBOOK}
output: out
parameters:
  period_start: 2026-01-01
  period_end: 2026-06-30
runs:
  - {{scope_kind: centre, scope_code: PLUT-SUMUT}}
  - {{scope_kind: centre, scope_code: PLUT-TIDAK-ADA}}
""",
        encoding="utf-8",
    )
    result = run_batch(load_definition(definition), workers=2)
    assert sorted(r.status for r in result.runs) == ["failed", "ok"]
    out = tmp_path / "out"
    files = [p for p in out.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"snapshot.sqlite", "manifest.json", "metrics.csv", "report.html"} <= names
    leaks = []
    for path in files:
        data = path.read_bytes()
        leaks += [(path.name, x) for x in secrets if x.encode() in data]
    assert leaks == []
    snapshot = out / "snapshot.sqlite"
    from plut_nb.db import make_engine

    snap = make_engine(f"sqlite:///{snapshot}")
    with Session(snap) as s:
        kept = s.execute(select(col(Person.nik), col(Person.phone), col(Person.gender))).all()
    snap.dispose()
    assert len(kept) == len(people) and all(n is None and p is None for n, p, _ in kept)
    assert {g for _, _, g in kept} >= {"L", "P"}  # what the evaluation needs stays
