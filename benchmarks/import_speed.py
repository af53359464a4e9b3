"""Benchmark: ``plut import enterprises`` against a plain ``executemany`` of the same rows.

Run: ``python benchmarks/import_speed.py --rows 1000000``. Writes a CSV of valid
enterprise rows (name, NIB for half of them, KBLI, village, owner with NIK and
phone, sales as ``Rp25.000.000``, capital as ``1,5 jt``, employees, founding
year, registration date), then:

- **import**: ``import_file`` in a child process (its own peak RSS; with
  ``--workers 1``, the default and what ``plut import`` does for a file this
  size, rows are checked in a second process while the first writes — its
  memory is added) into a fresh migrated SQLite database: reading, the intake's
  validation of every row, duplicate checks, matching and bulk writes,
  committed in chunks of the default size (``DEFAULT_CHUNK_ROWS``, 5,000 rows,
  what ``plut import`` uses);
- **baseline**: the same rows, already valid and already converted to what the
  database stores (source key included), inserted with plain
  ``sqlite3.executemany`` into the same four tables (person, enterprise,
  ownership, baseline indicator snapshot) of another fresh migrated database;
  only the ``executemany`` calls and the commits are timed. It runs once before
  and once after the import and the mean counts, because the machine is shared
  and its load drifts. An enterprise-table-only baseline is printed too, and
  CPU seconds of both, which the other processes on the machine disturb less.

Targets (issue 6): import rows/s ≥ 25 % of the baseline's; import peak memory < 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

_CHILD = """
import json, resource, sys, threading, time
import psutil
from sqlmodel import Session
from plut_nb.db import make_engine, upgrade
from plut_nb.io import import_file
from plut_nb.models import Centre
from plut_nb.services import sync_reference_data

def hwm_mb():  # this process's own high-water mark (ru_maxrss would include the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

peak_all, done = [0.0], [False]
def sample():  # this process plus its worker, every 0.1 s
    me = psutil.Process()
    while not done[0]:
        try:
            rss = me.memory_info().rss + sum(c.memory_info().rss for c in me.children())
        except psutil.Error:
            continue
        peak_all[0] = max(peak_all[0], rss / 2**20)
        time.sleep(0.1)

if __name__ == "__main__":
    engine = make_engine("sqlite:///" + sys.argv[1])
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.add(Centre(code="PLUT-SUMUT", name="PLUT Sumut", level="provinsi", region_code="12"))
        s.commit()
    threading.Thread(target=sample, daemon=True).start()
    t0, c0 = time.perf_counter(), time.process_time()
    extra = {"chunk_size": int(sys.argv[4])} if len(sys.argv) > 4 else {}
    summary = import_file(engine, "enterprises", sys.argv[2],
                          on=__import__("datetime").date(2026, 6, 30), workers=int(sys.argv[3]),
                          **extra)
    seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker process, if any
    cpu = time.process_time() - c0 + usage.ru_utime + usage.ru_stime
    done[0] = True
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": hwm_mb(), "all_mb": peak_all[0],
                      "inserted": summary.inserted, "rejected": summary.rejected}))
"""
_HEADER = ["Nama Usaha", "NIB", "KBLI", "Kode Desa", "Tahun Berdiri", "Tanggal Daftar",
           "Nama Pemilik", "NIK", "No HP", "Omzet", "Modal", "Tenaga Kerja"]  # fmt: skip
_KBLI = ("10710", "10792", "47111", "56103", "14111", "10794", "13921", "16292")
_WORDS = ("Berkah", "Jaya", "Makmur", "Sentosa", "Abadi", "Mandiri", "Sejahtera", "Rezeki")
_KINDS = ("Roti", "Kopi", "Keripik", "Batik", "Kue", "Sambal", "Tenun", "Kerajinan")


def _villages() -> list[str]:
    from plut_nb.reference.regions import children

    out = []
    for district in children("12.71")[:6]:
        out.extend(v.code for v in children(district.code))
    return out


def _row(i: int, villages: list[str]) -> list[str]:
    day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 60 + (i // 336) % 40
    serial = 1 + i // 13440
    nik = f"127101{day:02d}{month:02d}{year:02d}{serial:04d}"
    name = f"{_KINDS[i % 8]} {_WORDS[(i // 8) % 8]} {_WORDS[(i // 64) % 8]} {i}"
    return [
        name,
        f"9{i:012d}" if i % 2 == 0 else "",
        _KBLI[i % len(_KBLI)],
        villages[i % len(villages)],
        str(1990 + i % 35),
        f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025",
        f"Pemilik Usaha {i}",
        nik,
        f"0812{i:08d}",
        f"Rp{25 + i % 900}.000.000",
        f"{1 + i % 9},5 jt",
        str(1 + i % 20),
    ]


def write_csv(path: Path, n: int) -> None:
    """The benchmark's input: ``n`` valid enterprise rows."""
    villages = _villages()
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(_HEADER)
        for i in range(n):
            out.writerow(_row(i, villages))


def _stored(n: int, villages: list[str], chunk: int) -> Iterator[tuple[list, list, list, list]]:
    """The rows as the database stores them (already valid), in chunks."""
    from plut_nb.io.importers._enterprise_rows import derived_source_key
    from plut_nb.rules import parse_nik
    from plut_nb.rules.text import name_key, name_sorted_key

    now = datetime(2026, 6, 30, tzinfo=UTC).isoformat(sep=" ")
    for start in range(0, n, chunk):
        people, ents, owners, snaps = [], [], [], []
        for i in range(start, min(n, start + chunk)):
            r = _row(i, villages)
            facts = parse_nik(r[7])
            d, m, _ = r[5].split("/")
            reg = date(2025, int(m), int(d)).isoformat()
            v = r[3]
            people.append((i + 1, r[7], r[6], facts.gender, facts.birth_date.isoformat(),
                           "+62812" + r[8][4:], None, None, 0, 0, now))  # fmt: skip
            ents.append((i + 1, r[0], name_key(r[0]), name_sorted_key(r[0]), r[1] or None,
                         "perorangan", r[2], json.dumps([r[2]]), None, None, None, v, v[:8], v[:5],
                         v[:2], int(r[4]), "[]", "datang_langsung", 1, reg,
                         int(r[10].split(",")[0]) * 1_000_000 + 500_000,
                         derived_source_key(name_key(r[0]), v, r[6]), 1, now))  # fmt: skip
            owners.append((i + 1, i + 1, "pemilik"))
            sales = int(r[9][2:].replace(".", ""))
            snaps.append((i + 1, reg, "baseline", sales, int(r[10].split(",")[0]) * 1_000_000 + 500_000,
                          int(r[11]), None, 1, 0, 0, 0, "[]", "mikro", "PP 7/2021 Pasal 35", 1, now))  # fmt: skip
        yield people, ents, owners, snaps


_SQL = {
    "person": "INSERT INTO person (id, nik, name, gender, birth_date, phone, email, education, "
    "disability, orang_asli_papua, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "enterprise": "INSERT INTO enterprise (id, name, name_key, name_sorted, nib, legal_form, "
    "kbli_code, kbli_codes, products, flagship_commodity, street_address, village_code, "
    "district_code, regency_code, province_code, founding_year, online_channels, "
    "outreach_channel, registered_centre_id, registered_on, capital_at_registration, "
    "source_key, created_by_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "ownership": "INSERT INTO ownership (enterprise_id, person_id, role) VALUES (?,?,?)",
    "indicator_snapshot": "INSERT INTO indicator_snapshot (enterprise_id, taken_on, kind, "
    "sales_annual, capital, employees_total, employees_women, market_local, market_regional, "
    "market_national, market_export, online_channels, size_class, size_rule_set, "
    "recorded_by_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
}


def baseline(path: Path, n: int, *, tables: tuple[str, ...]) -> tuple[float, float]:
    """Wall and CPU seconds of plain ``executemany`` inserts of the already-valid rows."""
    from plut_nb.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("INSERT INTO centre (id, code, name, level, region_code, created_at) "
                "VALUES (1, 'X', 'X', 'provinsi', '12', '2026-01-01')")  # fmt: skip
    con.execute("INSERT INTO staff (id, centre_id, username, name, roles, service_fields, active, "
                "scope, failed_logins, created_at) VALUES (1, 1, 'x', 'x', '[]', '[]', 1, "
                "'national', 0, '2026-01-01')")  # fmt: skip
    seconds = cpu = 0.0
    order = ("person", "enterprise", "ownership", "indicator_snapshot")
    for chunk in _stored(n, _villages(), 100_000):
        rows = dict(zip(order, chunk, strict=True))
        t0, c0 = time.perf_counter(), time.process_time()
        con.execute("BEGIN")
        for table in order:
            if table in tables:
                con.executemany(_SQL[table], rows[table])
        con.execute("COMMIT")
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
    con.close()
    path.unlink()
    return seconds, cpu


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="0: check rows in the writing process (library "
        "default); 1: in a second process, as plut import does for files over 4 MB",
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        help="rows per transaction (default: the library's DEFAULT_CHUNK_ROWS, as plut import)",
    )
    args = parser.parse_args()
    n = args.rows
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "umkm.csv"
        t0 = time.perf_counter()
        write_csv(src, n)
        print(f"input: {n:,} rows, {src.stat().st_size / 1e6:,.0f} MB CSV "
              f"(written in {time.perf_counter() - t0:.0f} s)", flush=True)  # fmt: skip
        all_tables = ("person", "enterprise", "ownership", "indicator_snapshot")
        before, before_cpu = baseline(Path(tmp) / "base1.db", n, tables=all_tables)
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(Path(tmp) / "import.db"), str(src), str(args.workers),
             *([str(args.chunk_size)] if args.chunk_size else [])],
            check=True, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        imp = json.loads(out.stdout.strip().splitlines()[-1])
        (Path(tmp) / "import.db").unlink()
        after, after_cpu = baseline(Path(tmp) / "base2.db", n, tables=all_tables)
        base_ent, _ = baseline(Path(tmp) / "base_ent.db", n, tables=("enterprise",))
    # the machine is shared: the baseline runs before and after the import, and counts once
    base, base_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    rate, base_rate, ent_rate = n / imp["seconds"], n / base, n / base_ent
    from plut_nb.io.importing import DEFAULT_CHUNK_ROWS

    chunk = args.chunk_size or DEFAULT_CHUNK_ROWS
    print(f"import (workers={args.workers}, chunks of {chunk:,}): {imp['seconds']:.1f} s, "
          f"{rate:,.0f} rows/s "
          f"({imp['inserted']:,} inserted, {imp['rejected']:,} rejected)")  # fmt: skip
    print(f"baseline executemany:  {base:.1f} s, {base_rate:,.0f} rows/s "
          f"(mean of {before:.1f} s before and {after:.1f} s after the import; "
          "person + enterprise + ownership + baseline snapshot per row)")  # fmt: skip
    print(f"  enterprise table only: {base_ent:.1f} s, {ent_rate:,.0f} rows/s")
    print(f"ratio import/baseline: {rate / base_rate:.1%} (target >= 25%)")
    print(f"  vs enterprise-only baseline: {rate / ent_rate:.1%}")
    print(f"CPU seconds: import {imp['cpu']:.1f} (both processes), baseline {base_cpu:.1f}; "
          f"ratio of rows per CPU-second {base_cpu / imp['cpu']:.1%}")  # fmt: skip
    print(f"peak memory (import):  {imp['peak_mb']:,.0f} MB (target < 500); with the "
          f"worker process, sampled every 0.1 s: {imp['all_mb']:,.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
