"""Does intake slow down as the registry grows? (issue: foundation, "Speed")

Fills two fresh SQLite databases with ``plut demo`` data — a small one (default
10,000 enterprises) and a large one (default 1,000,000) — then times the same
intake operation on each: validate the form, find duplicate candidates (exact
NIK/NIB/phone plus fuzzy names in the village/district) and register the
enterprise with its owner, baseline and first case, committed. It prints p50
and p95 per size and the ratio p95(large) / p95(small); the target is ≤ 1.5.
Absolute times drift on shared machines, the ratio within one run does not.

    python benchmarks/intake_scaling.py [--small 10000] [--large 1000000] [--ops 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.models import Enterprise, Staff
from plut_nb.services import (
    IntakeForm,
    find_duplicates,
    register_enterprise,
    sync_reference_data,
    validate_intake,
)

WORDS = [
    "Keripik",
    "Kopi",
    "Batik",
    "Roti",
    "Sambal",
    "Ikan Asap",
    "Tenun",
    "Dodol",
    "Anyaman",
    "Kue",
]
OWNERS = ["Sari", "Budi", "Yohana", "Rudi", "Maria", "Agus", "Fitri", "Daniel"]


def build(path: Path, n: int) -> Engine:
    # The same engine settings as the apps' default engine (background checkpoints).
    if path.exists():  # reuse a database kept from an earlier run (--db-dir)
        return make_engine(f"sqlite:///{path}", background_checkpoints=True)
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=True)
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()
    generate_demo(engine, enterprises=n, seed=7, progress=True)
    return engine


def time_intakes(engine: Engine, ops: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    with Session(engine) as s:
        actor = s.execute(select(Staff).order_by(Staff.id)).scalars().first()  # type: ignore[arg-type]
        villages = [v for (v,) in s.execute(select(Enterprise.village_code).distinct().limit(500))]
        # NIBs past every id so far: unique even when a kept database is reused
        first_nib = 8_000_000_000_000 + (s.execute(select(func.max(Enterprise.id))).scalar() or 0)
    assert actor is not None and villages
    times: list[float] = []
    for i in range(ops):
        village = rng.choice(villages)
        district = village[:8].replace(".", "")
        form = IntakeForm(
            enterprise_name=f"{rng.choice(WORDS)} {rng.choice(OWNERS)} {rng.randint(1, 99)}",
            nib=f"{first_nib + i}",
            village_code=village,
            owner_name=rng.choice(OWNERS),
            nik=f"{district}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(70, 99):02d}{9000 + i % 999:04d}",
            phone=f"0813{rng.randint(10_000_000, 99_999_999)}",
            capital=rng.randint(5, 900) * 1_000_000,
            sales=rng.randint(10, 1900) * 1_000_000,
            service_code="konsultasi_bisnis",
        )
        t0 = time.perf_counter()
        with Session(engine) as s:
            intake = validate_intake(form, on=date(2026, 11, 28))
            find_duplicates(s, actor, intake)
            register_enterprise(s, actor, form, on=date(2026, 11, 28))
            s.commit()
        times.append(time.perf_counter() - t0)
    return times


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--ops", type=int, default=300)
    ap.add_argument(
        "--db-dir",
        type=Path,
        help="keep the generated databases here and reuse them next time (saves ~9 min at 1M)",
    )
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="plut-bench-") as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for label, n in (("small", args.small), ("large", args.large)):
            t0 = time.perf_counter()
            engine = build(folder / f"demo-{n}-seed7.db", n)
            print(
                f"{label}: {n:,} enterprises generated in {time.perf_counter() - t0:,.0f} s",
                flush=True,
            )
            time_intakes(engine, 20, seed=1)  # warm caches (region table, statements)
            results[label] = time_intakes(engine, args.ops, seed=2 if label == "small" else 3)
            engine.dispose()
    for label, n in (("small", args.small), ("large", args.large)):
        xs = results[label]
        print(
            f"{label:>5} {n:>10,} enterprises: p50 {statistics.median(xs) * 1000:7.1f} ms  p95 {p95(xs) * 1000:7.1f} ms"
        )
    ratio = p95(results["large"]) / p95(results["small"])
    print(
        f"p95 ratio large/small: {ratio:.2f} (target <= 1.5) -> {'OK' if ratio <= 1.5 else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
