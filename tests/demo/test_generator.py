"""The demo generator: deterministic, valid identifiers, every status, a planted effect."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from lokal import parse_nik, wilayah
from sqlalchemy import Engine, select

from plut_nb.db.engine import make_engine
from plut_nb.db.schema import upgrade
from plut_nb.demo import DemoSummary, generate_demo
from plut_nb.demo.profiles import KBLI_DEMO
from plut_nb.errors import Conflict


def _make(path: Path, n: int, seed: int = 42) -> tuple[sqlite3.Connection, DemoSummary]:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    summary = generate_demo(engine, enterprises=n, seed=seed, progress=False)
    engine.dispose()
    return sqlite3.connect(path), summary


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite3.Connection, DemoSummary]:
    return _make(tmp_path_factory.mktemp("demo") / "d.db", 300)


def _rows(db: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "created_at"]
    return db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()


def test_same_seed_same_rows_other_seed_differs(demo, tmp_path: Path) -> None:
    db, _ = demo
    again, _ = _make(tmp_path / "a.db", 300)
    other, _ = _make(tmp_path / "b.db", 300, seed=7)
    for table in ("enterprise", "person", "indicator_snapshot", "service_case"):
        assert _rows(db, table) == _rows(again, table)
    assert _rows(db, "enterprise") != _rows(other, "enterprise")


def test_counts_match_the_summary(demo) -> None:
    db, summary = demo
    for table, n in summary.counts.items():
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
    assert summary.counts["enterprise"] == 300
    assert summary.effect_log_sales == pytest.approx(0.12)


def test_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/x.db")
    upgrade(engine)
    generate_demo(engine, enterprises=5, progress=False)
    with pytest.raises(Conflict):
        generate_demo(engine, enterprises=5, progress=False)


def test_every_nik_is_valid_and_matches_the_person(demo) -> None:
    db, _ = demo
    rows = db.execute("SELECT nik, gender, birth_date FROM person").fetchall()
    assert len({r[0] for r in rows}) == len(rows)
    for nik, gender, birth in rows:
        info = parse_nik(nik)
        assert info.valid, (nik, info.errors)
        assert info.gender == gender
        assert info.birth_date == birth
        assert wilayah.get_wilayah(info.district_code) is not None


def test_owner_nik_district_lies_in_the_enterprise_regency(demo) -> None:
    db, _ = demo
    rows = db.execute(
        "SELECT p.nik, e.regency_code FROM person p JOIN ownership o ON o.person_id = p.id "
        "JOIN enterprise e ON e.id = o.enterprise_id"
    ).fetchall()
    assert all(nik[:2] == reg[:2] for nik, reg in rows)
    same = sum(nik[:4] == reg.replace(".", "") for nik, reg in rows)
    assert same / len(rows) > 0.9  # a shared owner may live in another regency
    shared = db.execute(
        "SELECT count(*) FROM (SELECT person_id FROM ownership GROUP BY person_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert shared > 0


def test_phones_and_nibs_are_unique_and_well_formed(demo) -> None:
    db, _ = demo
    phones = [r[0] for r in db.execute("SELECT phone FROM person")]
    assert len(set(phones)) == len(phones)
    assert all(p.startswith("+628") and len(p) in (13, 14) for p in phones)
    nibs = [r[0] for r in db.execute("SELECT nib FROM enterprise WHERE nib IS NOT NULL")]
    assert len(set(nibs)) == len(nibs)
    assert all(len(n) == 13 and n.isdigit() for n in nibs)
    assert 0.5 < len(nibs) / 300 < 0.8


def test_every_case_status_and_unique_numbers(demo) -> None:
    db, _ = demo
    statuses = {r[0] for r in db.execute("SELECT DISTINCT status FROM service_case")}
    assert statuses == {"baru", "ditugaskan", "dalam_proses", "menunggu_pihak_lain", "selesai",
                        "ditutup", "dibatalkan"}  # fmt: skip
    numbers = [r[0] for r in db.execute("SELECT number FROM service_case")]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("PLUT-") and n[-7] == "-" for n in numbers)
    overdue = db.execute(
        "SELECT count(*) FROM service_case WHERE closed_on IS NULL AND due_on < '2026-11-27'"
    ).fetchone()[0]
    assert overdue > 0
    long_term = db.execute(
        "SELECT count(*) FROM (SELECT c.enterprise_id FROM activity a JOIN service_case c "
        "ON c.id = a.case_id GROUP BY c.enterprise_id HAVING sum(a.minutes) >= 300)"
    ).fetchone()[0]
    assert long_term > 0
    issued = db.execute(
        "SELECT count(*) FROM permit_application WHERE status = 'terbit' AND number IS NOT NULL "
        "AND issued_on IS NOT NULL"
    ).fetchone()[0]
    assert issued > 0
    answers = db.execute(
        "SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM survey_response"
    ).fetchall()
    flat = np.array(answers).ravel()
    assert flat.min() >= 1 and flat.max() <= 4 and (flat >= 3).mean() > 0.7


def test_centres_staff_and_regions(demo) -> None:
    db, _ = demo
    centres = dict(db.execute("SELECT code, region_code FROM centre").fetchall())
    assert len(centres) >= 3
    assert centres["PLUT-SUMUT"] == "12"
    assert centres["PLUT-BIAK"] == wilayah.search_wilayah("biak")[0].code
    usernames = {r[0] for r in db.execute("SELECT username FROM staff")}
    assert {"cs.medan", "manajer.biak", "admin.medan"} <= usernames
    assert (
        db.execute("SELECT count(*) FROM staff WHERE password_hash IS NOT NULL").fetchone()[0] == 0
    )
    for village, district, regency, province in db.execute(
        "SELECT village_code, district_code, regency_code, province_code FROM enterprise"
    ):
        assert wilayah.get_wilayah(village) is not None
        assert village.startswith(district) and district.startswith(regency)
        assert regency.startswith(province)
    medan_regencies = {r[0] for r in db.execute(
        "SELECT DISTINCT regency_code FROM enterprise WHERE province_code = '12'")}  # fmt: skip
    assert len(medan_regencies) >= 4


def test_orang_asli_papua_mostly_in_biak(demo) -> None:
    db, _ = demo
    rows = db.execute(
        "SELECT e.regency_code = '91.06', p.orang_asli_papua FROM person p "
        "JOIN ownership o ON o.person_id = p.id JOIN enterprise e ON e.id = o.enterprise_id"
    ).fetchall()
    biak = [oap for in_biak, oap in rows if in_biak]
    elsewhere = [oap for in_biak, oap in rows if not in_biak]
    assert sum(biak) / len(biak) > 0.6
    assert sum(elsewhere) / len(elsewhere) < 0.02


def test_kbli_codes_cluster_by_regency(demo) -> None:
    db, _ = demo
    by_regency: dict[str, Counter[str]] = {}
    for regency, code in db.execute("SELECT regency_code, kbli_code FROM enterprise"):
        assert code in KBLI_DEMO
        by_regency.setdefault(regency, Counter())[code] += 1
    uniform = 1 / len(KBLI_DEMO)
    for regency in ("12.71", "91.06", "32.01"):
        counts = by_regency[regency]
        assert counts.most_common(1)[0][1] / sum(counts.values()) > 3 * uniform


def test_kbli_codes_are_in_kbli_2020() -> None:
    from plut_nb.reference.kbli import get_kbli

    try:
        get_kbli("47112")
    except FileNotFoundError:
        pytest.skip("KBLI 2020 data file not present yet")
    for code in KBLI_DEMO:
        assert get_kbli(code) is not None, code


def _panel(db: sqlite3.Connection) -> tuple[np.ndarray, np.ndarray]:
    sales = np.array(db.execute(
        "SELECT sales_annual FROM indicator_snapshot ORDER BY enterprise_id, taken_on").fetchall(),
        dtype=float).reshape(-1, 4)  # fmt: skip
    first = dict(db.execute("SELECT enterprise_id, min(opened_on) FROM service_case GROUP BY 1"))
    ids = [r[0] for r in db.execute("SELECT id FROM enterprise ORDER BY id")]
    treated = np.array([first.get(i, "9999") < "2026-09-30" for i in ids])
    return np.log(sales), treated


def test_snapshot_waves_and_never_assisted_share(demo) -> None:
    db, _ = demo
    waves = db.execute(
        "SELECT taken_on, kind, count(*) FROM indicator_snapshot GROUP BY 1, 2 ORDER BY 1"
    ).fetchall()
    assert waves == [("2025-12-31", "baseline", 300), ("2026-03-31", "tindak_lanjut", 300),
                     ("2026-06-30", "tindak_lanjut", 300), ("2026-09-30", "tindak_lanjut", 300)]  # fmt: skip
    _, treated = _panel(db)
    assert 0.15 < 1 - treated.mean() < 0.35
    sizes = {r[0] for r in db.execute("SELECT DISTINCT size_rule_set FROM indicator_snapshot")}
    assert sizes == {"PP 7/2021 Pasal 35"}


@pytest.mark.slow
def test_planted_effect_is_recovered(tmp_path: Path) -> None:
    db, summary = _make(tmp_path / "big.db", 2000)
    log_sales, treated = _panel(db)
    change = log_sales[:, 3] - log_sales[:, 0]
    estimate = change[treated].mean() - change[~treated].mean()
    assert estimate == pytest.approx(summary.effect_log_sales, abs=0.03)


def test_demo_then_intake_on_both_databases(engine: Engine) -> None:
    """Demo ids are allocated by the generator; later inserts must not collide (PostgreSQL sequences)."""
    from sqlmodel import Session

    from plut_nb.models import Staff
    from plut_nb.services import IntakeForm, register_enterprise

    generate_demo(engine, enterprises=50, seed=3, progress=False)
    with Session(engine) as s:
        actor = s.execute(select(Staff).order_by(Staff.id)).scalars().first()  # type: ignore[arg-type]
        assert actor is not None
        result = register_enterprise(
            s,
            actor,
            IntakeForm(enterprise_name="Sagu Lempeng Mama Yosina", village_code="91.06.01.1001",
                       owner_name="Yosina Rumbewas", service_code="branding"),
        )  # fmt: skip
        s.commit()
        assert result.case_number.endswith(f"{result.case_id:06d}")
