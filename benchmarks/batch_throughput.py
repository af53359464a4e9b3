"""Throughput of ``plut batch run`` against a serial loop of papermill CLI calls (issue 4).

Generates the demo data (``plut demo``: 5,000 enterprises) in a temporary data
folder, writes a 24-run batch definition of the evaluation notebook (the three
demo centres x the four quarters of 2026 x Indonesian and English), and times

- **serial**: one ``papermill NOTEBOOK OUT -r ... --cwd ...`` process per run, one
  after the other, against the live database (no snapshot, HTML or metrics);
- **batch**: ``plut batch run DEFINITION --workers 2`` — snapshot, every run in a
  fresh kernel, HTML report and metrics per run, manifest, index, metrics tables.

Each round runs both, alternating which goes first; the target is batch wall time
≤ 0.4 × serial wall time. Load averages are printed with each figure, because the
machine is shared.

    python benchmarks/batch_throughput.py [--rounds 2] [--workers 2] [--enterprises 5000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from _batch_bench import (
    evaluation_runs,
    generate_demo,
    load,
    run_batch,
    serial_papermill,
    write_definition,
)

TARGET = 0.4


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--enterprises", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    runs = evaluation_runs()
    ratios: list[float] = []
    with tempfile.TemporaryDirectory(prefix="plut-bench-batch-") as tmp:
        root = Path(tmp)
        data = root / "data"
        seconds = generate_demo(data, args.enterprises, args.seed)
        print(f"demo: {args.enterprises:,} enterprises in {seconds:.1f} s; load {load()}")
        definition = write_definition(root / "batch.yaml", runs, "batch throughput benchmark")
        for rnd in range(args.rounds):
            order = ("serial", "batch") if rnd % 2 == 0 else ("batch", "serial")
            serial_s = batch_s = 0.0
            for which in order:
                before = load()
                if which == "serial":
                    serial_s, cpu = serial_papermill(runs, root / f"serial-{rnd}", data)
                    print(
                        f"round {rnd + 1} serial papermill CLI: {len(runs)} runs in "
                        f"{serial_s:.1f} s ({serial_s / len(runs):.2f} s/run, CPU {cpu:.2f} s/run); "
                        f"load before {before}, after {load()}",
                        flush=True,
                    )
                else:
                    batch = run_batch(definition, root / f"batch-{rnd}", data, args.workers)
                    if batch.exit_code != 0 or batch.ok != len(runs):
                        raise SystemExit(f"batch failed: exit {batch.exit_code}, {batch.ok} ok")
                    batch_s = batch.wall_s
                    print(
                        f"round {rnd + 1} plut batch run --workers {args.workers}: "
                        f"{len(runs)} runs in {batch_s:.1f} s (median run {batch.median_s():.2f} s, "
                        f"CPU {statistics.mean(batch.cpu()):.2f} s/run, "
                        f"snapshot {batch.snapshot_s or 0:.2f} s); load before {before}, after {load()}",
                        flush=True,
                    )
            ratios.append(batch_s / serial_s)
            print(f"round {rnd + 1} ratio batch/serial: {ratios[-1]:.3f}", flush=True)
    ratio = statistics.median(ratios)
    verdict = "OK" if ratio <= TARGET else "OVER TARGET"
    shown = ", ".join(f"{r:.3f}" for r in ratios)
    print(f"ratio batch/serial: median {ratio:.3f} of [{shown}] (target <= {TARGET}) -> {verdict}")


if __name__ == "__main__":
    main()
