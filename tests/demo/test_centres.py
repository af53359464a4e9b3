"""``generate_demo(..., centres=N)`` / ``plut demo --centres N``: further PLUTs across Indonesia."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lokal import parse_nik, wilayah
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from typer.testing import CliRunner

import plut_nb.demo.generator as generator
from plut_nb.cli import app
from plut_nb.db.engine import make_engine
from plut_nb.db.schema import upgrade
from plut_nb.demo import generate_demo, max_centres
from plut_nb.demo.profiles import CENTRES, KBLI_DEMO

SHOWCASE = {c.code: c for c in CENTRES}
SHOWCASE_REGENCIES = {r.code for c in CENTRES for r in c.regencies}


def _make(path: Path, n: int, centres: int, seed: int = 42) -> sqlite3.Connection:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    summary = generate_demo(engine, enterprises=n, seed=seed, centres=centres, progress=False)
    engine.dispose()
    assert summary.centres == centres
    return sqlite3.connect(path)


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """4,000 enterprises over 20 centres: 17 regency-level PLUTs besides the showcase three."""
    return _make(tmp_path_factory.mktemp("c20") / "d.db", 4000, 20)


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The most centres the region table allows, province-level PLUTs included."""
    return _make(tmp_path_factory.mktemp("cmax") / "d.db", 3000, max_centres(), seed=5)


def _served(db: sqlite3.Connection) -> dict[str, int]:
    return dict(
        db.execute(
            "SELECT c.code, count(e.id) FROM centre c "
            "LEFT JOIN enterprise e ON e.registered_centre_id = c.id GROUP BY c.code"
        ).fetchall()
    )


def test_centre_count_levels_and_codes(twenty, national) -> None:
    codes = [r[0] for r in twenty.execute("SELECT code FROM centre ORDER BY id")]
    assert len(codes) == 20 and codes[:3] == list(SHOWCASE)
    levels = Counter(r[0] for r in twenty.execute("SELECT level FROM centre"))
    assert levels == {"kabupaten_kota": 19, "provinsi": 1}  # the 17 further ones are regency-level
    rows = national.execute("SELECT code, level, region_code FROM centre").fetchall()
    assert len(rows) == max_centres() > 500
    assert len({r[0] for r in rows}) == len(rows)
    province_level = [r for r in rows if r[1] == "provinsi"]
    assert len(province_level) == 38  # PLUT-SUMUT and one per other province
    for code, level, region in rows:
        assert wilayah.get_wilayah(region) is not None, code
        assert len(region) == (2 if level == "provinsi" else 5)
    further = [r[2] for r in rows if r[1] == "kabupaten_kota" and r[0] not in SHOWCASE]
    assert len(set(further)) == len(further)  # one regency-level PLUT per regency
    assert not set(further) & SHOWCASE_REGENCIES


def test_shares_scale_by_three_over_n(twenty) -> None:
    served = _served(twenty)
    showcase_total = sum(served[c] for c in SHOWCASE)
    assert showcase_total == pytest.approx(4000 * 3 / 20, rel=0.12)
    for code, profile in SHOWCASE.items():  # relative shares kept among the showcase centres
        assert served[code] / showcase_total == pytest.approx(profile.share, abs=0.05)
    for code, n in served.items():
        if code not in SHOWCASE:
            assert n == pytest.approx(4000 / 20, rel=0.3), code
    staff = dict(
        twenty.execute(
            "SELECT c.code, count(s.id) FROM staff s JOIN centre c ON c.id = s.centre_id "
            "GROUP BY c.code"
        ).fetchall()
    )
    assert all(n >= 7 for n in staff.values())  # manager, front office, consultants, field officers


def test_codes_usernames_and_case_numbers_are_unique(twenty, national) -> None:
    for db in (twenty, national):
        for sql in (
            "SELECT code FROM centre",
            "SELECT username FROM staff",
            "SELECT number FROM service_case",
            "SELECT nik FROM person",
            "SELECT phone FROM person",
        ):
            values = [r[0] for r in db.execute(sql)]
            assert len(set(values)) == len(values), sql
    mismatched = national.execute(
        "SELECT count(*) FROM service_case k JOIN centre c ON c.id = k.centre_id "
        "WHERE k.number NOT LIKE c.code || '-%'"
    ).fetchone()[0]
    assert mismatched == 0


def test_every_enterprise_lies_where_its_centre_serves(national) -> None:
    rows = national.execute(
        "SELECT c.code, c.level, c.region_code, e.village_code, e.regency_code "
        "FROM enterprise e JOIN centre c ON c.id = e.registered_centre_id"
    ).fetchall()
    showcase_of = {code: {r.code for r in p.regencies} for code, p in SHOWCASE.items()}
    for code, level, region, village, regency in rows:
        assert village.startswith(regency)
        if code in showcase_of:
            assert regency in showcase_of[code]
        elif level == "kabupaten_kota":
            assert regency == region, (code, village)
        else:
            assert regency[:2] == region and regency not in SHOWCASE_REGENCIES, (code, village)
    villages = {r[3] for r in rows}
    assert all(wilayah.get_wilayah(v) is not None for v in villages)
    cases_elsewhere = national.execute(
        "SELECT count(*) FROM service_case k JOIN enterprise e ON e.id = k.enterprise_id "
        "WHERE k.centre_id != e.registered_centre_id"
    ).fetchone()[0]
    assert cases_elsewhere == 0


def test_further_profiles_are_plausible(twenty, national) -> None:
    codes = [r[0] for r in twenty.execute("SELECT DISTINCT kbli_code FROM enterprise")]
    assert set(codes) <= set(KBLI_DEMO)
    for nik, birth, gender in national.execute("SELECT nik, birth_date, gender FROM person"):
        info = parse_nik(nik)
        assert info.valid and info.birth_date == birth and info.gender == gender, nik
    oap = national.execute(
        "SELECT substr(e.regency_code, 1, 1) = '9', avg(p.orang_asli_papua), count(*) "
        "FROM enterprise e JOIN ownership o ON o.enterprise_id = e.id "
        "JOIN person p ON p.id = o.person_id GROUP BY 1 ORDER BY 1"
    ).fetchall()
    (_, elsewhere, _), (_, papua, n_papua) = oap
    assert n_papua > 50 and papua > 0.5 and elsewhere < 0.02
    flagships = national.execute(
        "SELECT count(DISTINCT flagship_commodity) FROM enterprise "
        "WHERE flagship_commodity IS NOT NULL"
    ).fetchone()[0]
    assert flagships > 100  # named after their own regencies


def test_centres_out_of_range_are_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/x.db")
    upgrade(engine)
    for bad in (2, max_centres() + 1):
        with pytest.raises(ValueError, match="centres"):
            generate_demo(engine, enterprises=10, centres=bad, progress=False)
    res = CliRunner().invoke(
        app, ["demo", "--enterprises", "10", "--centres", str(max_centres() + 1)]
    )
    assert res.exit_code == 1 and "--centres" in res.output


def test_cli_centres_option_and_demo_accounts_only_at_showcase_centres() -> None:
    from plut_nb.db import default_engine, read_scope
    from plut_nb.models import Centre
    from plut_nb.security.demo_accounts import demo_logins

    res = CliRunner().invoke(app, ["demo", "--enterprises", "60", "--seed", "3", "--centres", "6"])
    assert res.exit_code == 0, res.output
    with read_scope(default_engine()) as s:
        assert s.execute(select(func.count()).select_from(Centre)).scalar_one() == 6
        logins = demo_logins(s)
    assert logins and {login.centre_code for login in logins} == set(SHOWCASE)


def _fingerprint(monkeypatch: pytest.MonkeyPatch, path: Path, **options: Any) -> str:
    """sha256 of every row the generator writes (the service catalogue aside), in order."""
    digest = hashlib.sha256()
    real_insert = generator._insert

    def record(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
        if table != "service_type":
            digest.update(json.dumps([table, rows], sort_keys=True, default=str).encode())
        real_insert(conn, table, rows)

    monkeypatch.setattr(generator, "_insert", record)
    monkeypatch.setattr(generator, "CHUNK_SIZE", 25)  # three chunks
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    generate_demo(engine, enterprises=60, seed=11, progress=False, **options)
    engine.dispose()
    return digest.hexdigest()


def test_the_default_gives_the_rows_it_gave_before_the_option(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Taken with the generator as it was before ``centres`` existed; a deliberate change
    # of the default demo data must update it (and say so).
    before = "a222ec56e92d76e02a8274202e7351a7d3dc6753895277967416fde346aef48c"
    assert _fingerprint(monkeypatch, tmp_path / "a.db") == before
    assert _fingerprint(monkeypatch, tmp_path / "b.db", centres=3) == before
    assert _fingerprint(monkeypatch, tmp_path / "c.db", centres=4) != before


def test_centres_on_both_databases(engine: Engine) -> None:
    """Further centres on SQLite and PostgreSQL; later inserts do not collide with demo ids."""
    from plut_nb.models import Centre, Staff
    from plut_nb.services import IntakeForm, register_enterprise

    summary = generate_demo(engine, enterprises=120, seed=9, centres=8, progress=False)
    assert summary.counts["centre"] == 8 and summary.counts["enterprise"] == 120
    with Session(engine) as s:
        further = s.execute(
            select(Centre).where(Centre.code.not_in(list(SHOWCASE))).order_by(Centre.id)  # type: ignore[attr-defined]
        ).scalars()
        centre = next(iter(further))
        actor = (
            s.execute(
                select(Staff).where(Staff.centre_id == centre.id).order_by(Staff.id)  # type: ignore[arg-type]
            )
            .scalars()
            .first()
        )
        assert actor is not None
        village = wilayah.list_wilayah(wilayah.list_wilayah(centre.region_code)[0].code)[0].code
        result = register_enterprise(
            s,
            actor,
            IntakeForm(enterprise_name="Keripik Pisang Bu Sari", village_code=village,
                       owner_name="Sari Lestari", service_code="branding"),
        )  # fmt: skip
        s.commit()
        assert result.case_number.startswith(centre.code)
