"""Per-run cost and memory of ``plut batch run`` at the demo size and at 1,000,000 enterprises (issue 4).

Runs the same 24-run batch of the evaluation notebook (the three demo centres x
the four quarters of 2026 x Indonesian and English, ``--workers 2``) on two
databases made by ``plut demo``: the demo size (5,000 enterprises) and a large
one (1,000,000). For each it prints the snapshot time, the median run duration
and CPU time (from the manifest), the runs' peak memory (each run's process
plus its kernel, from the manifest) and the peak of each worker's whole process
tree (the pool worker, its papermill host, the run and its kernel, polled with
psutil every 0.2 s), and how many enterprises a run reports on (its slice).
Targets: median run at the large size <= 2 x at the demo size; peak memory per
worker < 1 GB at the large size.

A large demo database takes ~10 minutes to generate; ``--large-db PATH`` uses a
kept one (opened read-only and copied, the copy migrated) or generates it there
when the file does not exist yet.

    python benchmarks/batch_growth.py [--large-db /tmp/benchdb/demo-1000000-seed7.db]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from _batch_bench import (
    BIN,
    BatchRun,
    copy_database,
    env_for,
    evaluation_runs,
    generate_demo,
    load,
    run_batch,
    write_definition,
)

TIME_TARGET = 2.0
MEMORY_TARGET_MB = 1024.0


def _generate_into(path: Path, enterprises: int, seed: int) -> None:
    """``plut demo`` straight into ``path`` (kept for later runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    env = {**env_for(path.parent), "PLUT_DB_URL": f"sqlite:///{path.resolve()}"}
    subprocess.run(
        [str(BIN / "plut"), "demo", "--enterprises", str(enterprises), "--seed", str(seed)],
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
    args = ap.parse_args()
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
                    _generate_into(args.large_db, n, args.seed)
                seconds = copy_database(args.large_db, data)
                print(f"{label}: copied {args.large_db} and migrated the copy in {seconds:.0f} s")
            else:
                seconds = generate_demo(data, n, args.seed)
                print(f"{label}: {n:,} enterprises generated in {seconds:.0f} s")
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
        f"median run large/demo: {ratio:.2f} (CPU {cpu_ratio:.2f}; enterprises served per run "
        f"{slice_ratio:.0f}x) (target <= {TIME_TARGET}) -> "
        f"{'OK' if ratio <= TIME_TARGET else 'OVER TARGET'}"
    )
    peak = large.peak.worker_mb
    print(
        f"peak memory per worker at {args.large:,}: {peak:.0f} MB "
        f"(target < {MEMORY_TARGET_MB:.0f}) -> {'OK' if peak < MEMORY_TARGET_MB else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
