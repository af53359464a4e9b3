"""Per-run cost and memory of ``plut batch run`` at the demo size and at 1,000,000 enterprises (issue 4).

Runs the same 24-run batch of the evaluation notebook (the three showcase
centres x the four quarters of 2026 x Indonesian and English, ``--workers 2``)
on two databases made by ``plut demo``: the demo size (5,000 enterprises, the
three showcase centres) and a large one (1,000,000 enterprises spread over
``--centres`` PLUTs). For each it prints the snapshot time, the median run
duration and CPU time (from the manifest), the runs' peak memory (each run's
process plus its kernel, from the manifest) and the peak of each worker's whole
process tree (the pool worker, its papermill host, the run and its kernel,
polled with psutil every 0.2 s), and how many enterprises a run reports on (its
slice). Targets: median run at the large size <= 2 x at the demo size; peak
memory per worker < 1 GB at the large size.

What the large database tests: the requirement is that a run's cost follows its
own slice, not the size of the whole database. So by default the large database
is generated with ``--centres 3 x large / small`` (600 for 1M / 5,000), capped at
the most the region table allows (537): the showcase centres then hold about as
many enterprises as at the demo size (1.12x at 537) while the database is 200x
larger. The script prints the slice ratio (enterprises served per run,
large/demo) next to the time ratio. ``--centres N`` sets another spread, e.g.
``--centres 100`` for a realistic national one (about 100 PLUTs exist; the
showcase slices are then 3 x 1M / 100 / 5,000 = 6x the demo size), or
``--centres 3`` for the dense database where every enterprise is in the three
showcase centres (200x).

A large demo database takes ~10-15 minutes to generate; ``--large-db PATH`` uses
a kept one (opened read-only and copied, the copy migrated) or generates it
there with the chosen ``--centres`` when the file does not exist yet. A kept
file's own centre count is read and printed (and a mismatch with ``--centres``
reported).

    python benchmarks/batch_growth.py [--large-db /tmp/benchdb/demo-1000000-seed7-c537.db]
        [--centres N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import statistics
import subprocess
import tempfile
from pathlib import Path

from _batch_bench import (
    BatchRun,
    copy_database,
    demo_command,
    env_for,
    evaluation_runs,
    generate_demo,
    load,
    run_batch,
    write_definition,
)

from plut_nb.demo import max_centres

TIME_TARGET = 2.0
MEMORY_TARGET_MB = 1024.0


def equal_slice_centres(large: int, small: int) -> int:
    """Centres that give the showcase centres at ``large`` the slices they have at ``small``
    (``3 x large / small``), or the nearest the region table allows."""
    return min(max_centres(), max(3, round(3 * large / small)))


def _centres_in(path: Path) -> int:
    """How many centres a kept database holds (read-only)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT count(*) FROM centre").fetchone()[0])


def _generate_into(path: Path, enterprises: int, seed: int, centres: int) -> None:
    """``plut demo`` straight into ``path`` (kept for later runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    env = {**env_for(path.parent), "PLUT_DB_URL": f"sqlite:///{path.resolve()}"}
    subprocess.run(
        demo_command(enterprises, seed, centres),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _served(batch: BatchRun) -> list[float]:
    """Enterprises served per run (its metrics): the size of each run's slice."""
    out = []
    for run in batch.runs:
        path = batch.folder / run["metrics"]
        if path.is_file():
            value = json.loads(path.read_text(encoding="utf-8")).get("umkm_served")
            if value is not None:
                out.append(float(value))
    return out


def _report(label: str, n: int, batch: BatchRun, served: list[float]) -> None:
    print(
        f"{label} ({n:,} enterprises): {batch.ok}/{len(batch.runs)} ok in {batch.wall_s:.1f} s; "
        f"snapshot {batch.snapshot_s or 0:.2f} s; median run {batch.median_s():.2f} s "
        f"(min {min(batch.durations()):.2f}, max {max(batch.durations()):.2f}), "
        f"median CPU {statistics.median(batch.cpu()):.2f} s; "
        f"run peak RSS max {max(batch.peak_rss()):.0f} MB; "
        f"worker tree peak {batch.peak.worker_mb:.0f} MB, whole batch {batch.peak.total_mb:.0f} MB; "
        f"median enterprises served per run {statistics.median(served):,.0f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--small", type=int, default=5000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--large-db",
        type=Path,
        help="a kept demo database of --large enterprises (read-only); generated there if absent",
    )
    ap.add_argument(
        "--centres",
        type=int,
        help="centres of the large database (default: 3 x large / small, capped at the most "
        "the region table allows, so the showcase slices match the demo size)",
    )
    args = ap.parse_args()
    centres = args.centres or equal_slice_centres(args.large, args.small)
    print(
        f"large database: {args.large:,} enterprises over {centres} centres; expected showcase "
        f"slice large/demo {3 * args.large / centres / args.small:.2f}",
        flush=True,
    )
    runs = evaluation_runs()
    results: dict[str, BatchRun] = {}
    served: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="plut-bench-growth-") as tmp:
        root = Path(tmp)
        definition = write_definition(root / "batch.yaml", runs, "batch growth benchmark")
        for label, n in (("demo", args.small), ("large", args.large)):
            data = root / label
            if label == "large" and args.large_db is not None:
                if not args.large_db.exists():
                    _generate_into(args.large_db, n, args.seed, centres)
                kept = _centres_in(args.large_db)
                if kept != centres:
                    print(f"NOTE: {args.large_db} holds {kept} centres, not {centres}")
                seconds = copy_database(args.large_db, data)
                print(
                    f"{label}: copied {args.large_db} ({kept} centres) and migrated the copy "
                    f"in {seconds:.0f} s"
                )
            else:
                spread = centres if label == "large" else 3
                seconds = generate_demo(data, n, args.seed, spread)
                print(
                    f"{label}: {n:,} enterprises over {spread} centres generated in {seconds:.0f} s"
                )
            before = load()
            results[label] = run_batch(definition, root / f"batch-{label}", data, args.workers)
            print(f"{label}: load before {before}, after {load()}")
            served[label] = _served(results[label])
            _report(label, n, results[label], served[label])
            if results[label].ok != len(runs):
                failed = [r for r in results[label].runs if r["status"] != "ok"]
                raise SystemExit(f"{label}: runs failed: {failed[:3]}")
    small, large = results["demo"], results["large"]
    ratio = large.median_s() / small.median_s()
    cpu_ratio = statistics.median(large.cpu()) / statistics.median(small.cpu())
    slice_ratio = statistics.median(served["large"]) / statistics.median(served["demo"])
    print(
        f"median run large/demo: {ratio:.2f} (CPU {cpu_ratio:.2f}); slice large/demo "
        f"(enterprises served per run): {slice_ratio:.2f} (target <= {TIME_TARGET}) -> "
        f"{'OK' if ratio <= TIME_TARGET else 'OVER TARGET'}"
    )
    peak = large.peak.worker_mb
    print(
        f"peak memory per worker at {args.large:,}: {peak:.0f} MB "
        f"(target < {MEMORY_TARGET_MB:.0f}) -> {'OK' if peak < MEMORY_TARGET_MB else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
