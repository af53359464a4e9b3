"""The research extract: no personal data, stable keyed pseudonyms, faithful values."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import typer
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from plut_nb.db import default_engine
from plut_nb.demo import generate_demo
from plut_nb.errors import PlutError
from plut_nb.research.dataset import load_extract
from plut_nb.research.extract import MANIFEST, export_research_extract
from plut_nb.research.keys import (
    Pseudonymizer,
    ResearchKeyError,
    key_fingerprint,
    load_research_key,
)
from plut_nb.settings import get_settings, reset_settings
from tests.research.conftest import KEY

AS_OF = date(2026, 11, 27)
OTHER_KEY = b"another-secret-key-for-the-test-0000"


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    generate_demo(engine, enterprises=150, seed=5, progress=False)
    return engine


def _personal_values(engine: Engine) -> list[str]:
    """Every personal or identifying value of the source, as text."""
    queries = (
        "SELECT name FROM person", "SELECT nik FROM person", "SELECT phone FROM person",
        "SELECT email FROM person", "SELECT name FROM enterprise", "SELECT nib FROM enterprise",
        "SELECT street_address FROM enterprise", "SELECT village_code FROM enterprise",
        "SELECT name FROM staff", "SELECT username FROM staff", "SELECT number FROM service_case",
        "SELECT number FROM permit_application", "SELECT partner_name FROM referral",
    )  # fmt: skip
    values: set[str] = set()
    with engine.connect() as conn:
        for q in queries:
            values.update(str(v) for (v,) in conn.execute(text(q)) if v)
    return sorted(values)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_no_personal_value_appears_in_the_extract(
    demo_engine: Engine, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "x"
    export_research_extract(out, engine=demo_engine, fmt=fmt, key=KEY, as_of=AS_OF)  # type: ignore[arg-type]
    extract = load_extract(out)
    cells: set[str] = set()
    for df in extract.tables.values():
        for column in df.columns:
            cells.update(df[column].dropna().astype(str).str.lower())
    blob = "\n".join(sorted(cells))
    if fmt == "csv":
        blob += "\n".join(p.read_text("utf-8").lower() for p in out.glob("*.csv"))
    blob += (out / MANIFEST).read_text("utf-8").lower()
    personal = _personal_values(demo_engine)
    assert len(personal) > 600  # names, NIKs, phones, emails, addresses, NIBs ... were checked
    # Whole words only: a one-word staff name such as "Ai" is part of "selesai".
    leaked = [v for v in personal if re.search(rf"(?<!\w){re.escape(v.lower())}(?!\w)", blob)]
    assert leaked == []
    with demo_engine.connect() as conn:  # database ids are replaced as well
        ids = {str(v) for (v,) in conn.execute(text("SELECT id FROM enterprise"))}
    assert not ids & set(extract.enterprises["enterprise_id"])


def test_pseudonyms_are_keyed_hmac_and_stable(demo_engine: Engine, tmp_path: Path) -> None:
    a = export_research_extract(tmp_path / "a", engine=demo_engine, key=KEY, as_of=AS_OF)
    b = export_research_extract(tmp_path / "b", engine=demo_engine, key=KEY, as_of=AS_OF)
    c = export_research_extract(tmp_path / "c", engine=demo_engine, key=OTHER_KEY, as_of=AS_OF)
    ea, eb, ec = (load_extract(s.folder).enterprises for s in (a, b, c))
    assert list(ea["enterprise_id"]) == list(eb["enterprise_id"])  # same key: same ids
    assert list(ea["owner_id"]) == list(eb["owner_id"])
    assert not set(ea["enterprise_id"]) & set(ec["enterprise_id"])  # other key: all differ
    assert a.key_fingerprint == b.key_fingerprint != c.key_fingerprint
    with demo_engine.connect() as conn:
        first_id = conn.execute(text("SELECT min(id) FROM enterprise")).scalar_one()
    expected = hmac.new(KEY, f"enterprise:{first_id}".encode(), hashlib.sha256).hexdigest()[:16]
    assert ea["enterprise_id"].iloc[0] == expected
    # Two extracts join on the pseudonyms: every snapshot of one finds its enterprise in the other.
    joined = load_extract(a.folder).snapshots.merge(eb, on="enterprise_id", how="left")
    assert joined["centre"].notna().all()


def test_values_match_the_source_record_by_record(demo_engine: Engine, tmp_path: Path) -> None:
    export_research_extract(tmp_path / "x", engine=demo_engine, key=KEY, as_of=AS_OF)
    ent = load_extract(tmp_path / "x").enterprises.set_index("enterprise_id")
    pseudo = Pseudonymizer(KEY)
    sql = (
        "SELECT e.id, e.regency_code, e.kbli_code, e.outreach_channel, p.gender, p.birth_date, "
        "p.orang_asli_papua, p.disability FROM enterprise e JOIN ownership o ON o.enterprise_id = "
        "e.id AND o.role = 'pemilik' JOIN person p ON p.id = o.person_id ORDER BY e.id"
    )
    with demo_engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    assert len(rows) == len(ent) == 150
    for eid, regency, kbli, channel, gender, born, oap, disabled in rows:
        born = born if isinstance(born, date) else date.fromisoformat(born)
        got = ent.loc[pseudo.one("enterprise", eid)]
        age = AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))
        assert (got["regency_code"], got["kbli_code"], got["outreach_channel"]) == (
            regency, kbli, channel)  # fmt: skip
        assert (got["owner_gender"], bool(got["owner_oap"]), bool(got["owner_disability"])) == (
            gender, bool(oap), bool(disabled))  # fmt: skip
        assert got["owner_birth_year"] == born.year
        assert bool(got["owner_youth"]) is (age <= 30)
        group = "18_30" if age <= 30 else ("31_50" if age <= 50 else "51_plus")
        assert got["owner_age_group"] == group


def test_csv_and_parquet_read_back_the_same(demo_engine: Engine, tmp_path: Path) -> None:
    export_research_extract(tmp_path / "p", engine=demo_engine, key=KEY, as_of=AS_OF)
    export_research_extract(tmp_path / "c", engine=demo_engine, fmt="csv", key=KEY, as_of=AS_OF)
    p, c = load_extract(tmp_path / "p"), load_extract(tmp_path / "c")
    for name, df in p.tables.items():
        pd.testing.assert_frame_equal(df, c.tables[name], check_exact=False)
    manifest = json.loads((tmp_path / "p" / MANIFEST).read_text())
    assert manifest["tables"]["snapshots"]["rows"] == 600 == len(p.snapshots)
    assert "NIK" in manifest["excluded"] and manifest["key_fingerprint"] == key_fingerprint(KEY)
    columns = {c for t in manifest["tables"].values() for c in t["columns"]}
    assert not columns & {"name", "nik", "phone", "email", "street_address", "village_code", "nib"}


def test_a_folder_with_other_files_is_refused(demo_engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(PlutError, match="tidak kosong"):
        export_research_extract(tmp_path, engine=demo_engine, key=KEY)
    with pytest.raises(PlutError, match="bukan ekstrak"):
        export_research_extract(tmp_path, engine=demo_engine, key=KEY, overwrite=True)
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    out = tmp_path / "x"
    export_research_extract(out, engine=demo_engine, key=KEY)
    export_research_extract(out, engine=demo_engine, fmt="csv", key=KEY, overwrite=True)
    assert sorted(p.suffix for p in out.iterdir()) == [".csv"] * 6 + [".json"]


def test_key_sources_and_a_generated_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.delenv("PLUT_RESEARCH_KEY", raising=False)
    monkeypatch.delenv("PLUT_RESEARCH_KEY_FILE", raising=False)
    reset_settings()
    first = load_research_key()  # nothing configured: created under the data folder
    key_file = get_settings().data_dir / "research.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert load_research_key() == first and len(first) == 64
    monkeypatch.setenv("PLUT_RESEARCH_KEY", "k" * 20)
    reset_settings()
    assert load_research_key() == b"k" * 20
    monkeypatch.setenv("PLUT_RESEARCH_KEY", "short")
    reset_settings()
    with pytest.raises(ResearchKeyError, match="terlalu pendek"):
        load_research_key()
    monkeypatch.delenv("PLUT_RESEARCH_KEY")
    monkeypatch.setenv("PLUT_RESEARCH_KEY_FILE", str(tmp_path / "absent.key"))
    reset_settings()
    with pytest.raises(ResearchKeyError, match="tidak ada"):
        load_research_key()
    (tmp_path / "given.key").write_text("  given-key-0123456789\n")
    assert load_research_key(tmp_path / "given.key") == b"given-key-0123456789"


def test_cli_function_writes_the_extract(demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from plut_nb.research.cli import export_research

    url = demo_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("PLUT_DB_URL", url)
    monkeypatch.setenv("PLUT_RESEARCH_KEY", KEY.decode())
    reset_settings()
    app = typer.Typer()
    app.command("research")(export_research)
    app.command("other")(lambda: None)  # two commands: "research" stays a sub-command
    runner = CliRunner()
    try:
        result = runner.invoke(app, ["research", str(tmp_path / "x"), "--as-of", "2026-11-27"])
        again = runner.invoke(app, ["research", str(tmp_path / "x")])
        bad = runner.invoke(app, ["research", str(tmp_path / "y"), "--as-of", "27-11-2026"])
    finally:
        default_engine().dispose()  # the command used the configured (test) database
    assert result.exit_code == 0, result.output
    assert "enterprises 150" in result.output and key_fingerprint(KEY) in result.output
    assert len(load_extract(tmp_path / "x").enterprises) == 150
    assert again.exit_code == 1  # the folder now holds an extract: --overwrite needed
    assert bad.exit_code == 2
