"""Benchmark: the impact estimation on 1,000,000 enterprises x 4 snapshots.

Run::

    python benchmarks/impact_scale.py --db /tmp/benchdb/demo-1000000-seed7.db
    python benchmarks/impact_scale.py --simulate 1000000

``--db`` reads a demo database (opened read-only, never changed) and first writes its
research extract (``export_research_extract``, timed, own peak memory).
``--simulate N`` instead writes an extract of N enterprises drawn with the demo
generator's data-generating process (cohorts, first-case days between the waves,
enterprise effects, wave shocks, the planted effect, rounding; see
``plut_nb/demo/generator.py``) without names or cases beyond the first.

Then, in a fresh child process (its peak RSS is its own): load the extract, build the
panel, Callaway–Sant'Anna group-time ATTs, overall ATT, event study, pre-trend test,
TWFE, and the heterogeneity table (``analyse_impact`` in full). Peak memory is read
right after the estimation (target < 4,000 MB). In the same child, as the baseline:
one statsmodels OLS fit of the same design (the demeaned TWFE design: assisted +
wave dummies, 4 M rows), plain and with enterprise-clustered errors. Printed:
seconds of each step, the ratios to the baseline, and the estimates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

KEY = b"benchmark-key-not-secret-0123456789"

_EXTRACT_FROM_DB = """
import json, resource, sqlite3, sys, time
from pathlib import Path
from sqlalchemy import create_engine
from plut_nb.research.extract import export_research_extract
db, out, key = sys.argv[1], Path(sys.argv[2]), sys.argv[3].encode()
engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(f"file:{db}?mode=ro", uri=True))
t0 = time.perf_counter()
summary = export_research_extract(out, engine=engine, key=key)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": summary.rows}))
"""

_SIMULATE = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
import numpy as np, pandas as pd
from plut_nb.research._tables import TABLES, TableWriter
from plut_nb.research.extract import MANIFEST
n, out, effect, seed = int(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
rng = np.random.default_rng(seed)
waves = pd.to_datetime(["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"]).values.astype("datetime64[D]")
today = np.datetime64("2026-11-27")
cohort = rng.choice(5, n, p=(0.25, 0.25, 0.25, 0.15, 0.10))
lo = np.append(waves, today + 1)[np.minimum(cohort, 3)] + 1
hi = np.append(waves[1:], today + 1)[np.minimum(cohort, 3)] - 1
first = lo + (rng.random(n) * ((hi - lo).astype(int) + 1)).astype(int)
assisted = cohort < 4
post = assisted[:, None] & (first[:, None] < waves[None, :])
fe, emp_fe = rng.normal(0, 0.8, n), rng.normal(0, 0.5, n)
log_sales = np.log(150e6) + fe[:, None] + np.array([0, 0.03, 0.02, 0.05]) + effect * post + rng.normal(0, 0.1, (n, 4))
log_emp = 0.7 + 0.45 * fe[:, None] + emp_fe[:, None] + effect / 2 * post + rng.normal(0, 0.08, (n, 4))
ids = np.char.mod("%016x", rng.integers(0, 2**62, n))
prov = rng.choice(["12", "91", "32"], n, p=(0.55, 0.15, 0.30))
fields = np.array(["kelembagaan", "sdm", "produksi", "pembiayaan", "pemasaran", "ti_digital", "jaringan_kerja_sama"])
out.mkdir(parents=True, exist_ok=True)
w = TableWriter(out, "enterprises", "parquet")
w.write(pd.DataFrame({"enterprise_id": ids, "province_code": prov, "regency_code": prov,
                      "owner_gender": np.where(rng.random(n) < 0.58, "P", "L")}))
w.close()
w = TableWriter(out, "snapshots", "parquet")
sales = np.round(np.exp(log_sales) / 1000) * 1000
emp = np.maximum(1, np.round(np.exp(log_emp)))
w.write(pd.DataFrame({"enterprise_id": np.repeat(ids, 4), "taken_on": np.tile(waves, n),
                      "sales_annual": sales.ravel(), "employees_total": emp.ravel().astype(int),
                      "size_class": "mikro"}))
w.close()
w = TableWriter(out, "cases", "parquet")
w.write(pd.DataFrame({"case_id": ids[assisted], "enterprise_id": ids[assisted],
                      "service_field": rng.choice(fields, int(assisted.sum())),
                      "status": "selesai", "opened_on": first[assisted]}))
w.close()
for name in ("permits", "referrals", "events"):
    TableWriter(out, name, "parquet").close()
(out / MANIFEST).write_text(json.dumps({"format": "parquet", "as_of": "2026-11-27",
    "created_at": "simulated", "key_fingerprint": "simulated",
    "tables": {name: {} for name in TABLES}}))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": {"enterprises": n, "snapshots": 4 * n}}))
"""

_ESTIMATE = """
import json, resource, sys, time
import statsmodels.api as sm
from plut_nb.research import did
from plut_nb.research.dataset import load_extract
from plut_nb.research.impact import HETEROGENEITY, analyse_impact
from plut_nb.research.panel import build_panel
times = {}
t0 = time.perf_counter()
extract = load_extract(sys.argv[1])
times["load_extract"] = time.perf_counter() - t0
t1 = time.perf_counter()
panel = build_panel(extract, "log_sales")
times["panel"] = time.perf_counter() - t1
t1 = time.perf_counter()
gt = did.group_time_att(panel)
att = did.aggregate(gt)
event, _ = did.event_study(gt)
pre = did.pretrend_test(gt)
times["callaway_santanna"] = time.perf_counter() - t1
t1 = time.perf_counter()
tw = did.twfe(panel)
times["twfe"] = time.perf_counter() - t1
core_seconds = time.perf_counter() - t0
t1 = time.perf_counter()
full = analyse_impact(extract, "log_sales", heterogeneity=HETEROGENEITY)
times["analyse_impact_full"] = time.perf_counter() - t1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
y, x, entity = did.twfe_design(panel)
t1 = time.perf_counter()
ols = sm.OLS(y, x).fit()
times["statsmodels_ols"] = time.perf_counter() - t1
t1 = time.perf_counter()
ols_cl = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": entity})
times["statsmodels_ols_clustered"] = time.perf_counter() - t1
print(json.dumps({
    "times": times, "core_seconds": core_seconds, "peak_mb": peak,
    "peak_mb_with_baseline": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": int(len(y)), "enterprises": panel.n,
    "att": [att.estimate, att.ci_low, att.ci_high], "twfe": [tw.estimate, tw.ci_low, tw.ci_high],
    "ols": float(ols.params[0]), "ols_clustered_se": float(ols_cl.bse[0]), "twfe_se": tw.se,
    "pretrend_p": pre[2], "heterogeneity_rows": int(len(full.heterogeneity)),
}))
"""


def _child(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Build the extract, time the estimation and the statsmodels baseline, print figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="demo SQLite database (opened read-only)")
    source.add_argument("--simulate", type=int, metavar="N", help="simulate N enterprises")
    parser.add_argument("--effect", type=float, default=0.12, help="planted effect (--simulate)")
    parser.add_argument("--work", type=Path, help="folder for the extract (default: temporary)")
    parser.add_argument("--keep", type=Path, help="write the extract here and keep it; reuse it "
                        "if it is already there (then only the estimation is timed)")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        out = args.keep or Path(tmp) / "extract"
        if (out / "manifest.json").is_file():
            print(f"reusing the extract in {out}")
        else:
            if args.db:
                made = _child(_EXTRACT_FROM_DB, str(args.db.resolve()), str(out), KEY.decode())
                what = f"extract of {args.db}"
            else:
                made = _child(_SIMULATE, str(args.simulate), str(out), str(args.effect), "7")
                what = f"simulated extract, effect {args.effect}"
            print(f"{what}: {made['seconds']:.1f} s, peak {made['peak_mb']:.0f} MB, "
                  f"rows {made['rows']}")  # fmt: skip
        res = _child(_ESTIMATE, str(out))
    t = res["times"]
    ols = t["statsmodels_ols"]
    print(f"panel: {res['enterprises']:,} enterprises, {res['rows']:,} enterprise-wave rows")
    for name, seconds in t.items():
        print(f"  {name:28s} {seconds:8.2f} s   ({seconds / ols:5.2f} x one statsmodels OLS fit)")
    print(f"core estimation (load + panel + CS + TWFE): {res['core_seconds']:.2f} s = "
          f"{res['core_seconds'] / ols:.2f} x one statsmodels OLS fit")  # fmt: skip
    print(f"peak memory of the estimation: {res['peak_mb']:.0f} MB (target < 4000 MB); "
          f"with the statsmodels baseline: {res['peak_mb_with_baseline']:.0f} MB")  # fmt: skip
    a, w = res["att"], res["twfe"]
    print(f"Callaway-Sant'Anna ATT {a[0]:.4f} [{a[1]:.4f}, {a[2]:.4f}]; "
          f"TWFE {w[0]:.4f} [{w[1]:.4f}, {w[2]:.4f}] (statsmodels OLS {res['ols']:.4f}, "
          f"clustered SE {res['ols_clustered_se']:.6f} vs ours {res['twfe_se']:.6f}); "
          f"pre-trend p {res['pretrend_p']:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
