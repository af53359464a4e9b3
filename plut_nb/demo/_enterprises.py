"""One chunk of enterprises with their owners, ownership links and indicator snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from plut_nb.demo._world import DATES, TODAY, WAVE_DATES, WINDOW_START, World, day, stamp
from plut_nb.demo.names import business_name, person_name
from plut_nb.demo.profiles import BACKGROUND_KBLI, KBLI_DEMO
from plut_nb.reference.codes import ONLINE_CHANNELS
from plut_nb.rules.size import SizeClass, rule_set_on
from plut_nb.rules.text import name_key, name_sorted_key

SIZE_RULE_SET = rule_set_on(WAVE_DATES[0]).name  # every wave falls under PP 7/2021
_WAVES = np.array([day(w) for w in WAVE_DATES])
_WAVE_SHOCK = np.array([0.0, 0.03, 0.02, 0.05])  # common log-sales shock of each wave
_COHORT_P = (0.25, 0.25, 0.25, 0.15, 0.10)  # waves 1-3, after wave 3, events only
_LEGAL = ("perorangan", "cv", "pt_perorangan", "pt", "firma", "lainnya")
_LEGAL_P = (0.76, 0.10, 0.09, 0.03, 0.01, 0.01)
_EDU = ("sd", "smp", "sma_smk", "diploma", "s1", "s2")
_EDU_P = (0.12, 0.15, 0.45, 0.08, 0.18, 0.02)
_ONLINE = ONLINE_CHANNELS
_ONLINE_P = np.array([0.7, 0.4, 0.35, 0.25, 0.2, 0.12, 0.05])
_OPERATORS = ("811", "812", "813", "821", "822", "852", "853", "857", "878", "895")
_STREETS = ("Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Pahlawan", "Jl. Imam Bonjol",
            "Jl. Gatot Subroto", "Jl. Ahmad Yani", "Jl. Pemuda", "Gg. Mawar", "Jl. Pasar Baru")  # fmt: skip
_SIZES = (SizeClass.MIKRO.value, SizeClass.KECIL.value, SizeClass.MENENGAH.value, "besar")


@dataclass
class EnterpriseBlock:
    """What the case generator needs to know about the chunk's enterprises."""

    ids: np.ndarray
    centre: np.ndarray  # index into world.centres
    registered: np.ndarray  # day numbers
    first_case: np.ndarray  # day of the first case; -1 for events-only enterprises
    events_only: np.ndarray
    food: np.ndarray
    nib: list[str | None]
    youth: np.ndarray
    oap: np.ndarray


def build_enterprises(
    rng: np.random.Generator, world: World, n: int, effect: float
) -> tuple[dict[str, list[dict[str, Any]]], EnterpriseBlock]:
    """Rows of ``enterprise``, ``person``, ``ownership`` and ``indicator_snapshot``."""
    ids = world.take_ids("enterprise", n)
    centre = rng.choice(len(world.centres), n, p=[c.share for c in world.centres])
    cohort = rng.choice(5, n, p=_COHORT_P)
    events_only = cohort == 4
    # First assistance day: uniform strictly between the wave dates of its cohort.
    lo = np.append(_WAVES, day(TODAY) + 1)[np.minimum(cohort, 3)] + 1
    hi = np.append(_WAVES[1:], day(TODAY) + 1)[np.minimum(cohort, 3)] - 1
    first_case = np.where(events_only, -1, lo + (rng.random(n) * (hi - lo + 1)).astype(np.int64))
    lag = np.where(rng.random(n) < 0.5, 0, rng.integers(1, 46, n))
    registered = np.maximum(first_case - lag, day(WINDOW_START))
    # Events-only enterprises register at their first event (set by the case generator).
    registered = np.where(events_only, -1, registered)

    gender = np.where(rng.random(n) < 0.58, "P", "L")
    age_band = rng.choice(3, n, p=(0.32, 0.45, 0.23))
    age = np.choose(age_band, [rng.uniform(18.2, 30.99, n), rng.uniform(31, 50.99, n),
                               rng.uniform(51, 70.99, n)])  # fmt: skip
    birth = day(TODAY) - (age * 365.25).astype(np.int64)
    legal = rng.choice(len(_LEGAL), n, p=_LEGAL_P)
    has_nib = (rng.random(n) < 0.55) | (legal >= 1) & (legal <= 3)
    u = rng.random((n, 8))
    ints = rng.integers(0, 1 << 30, (n, 8))
    online = rng.random((n, len(_ONLINE))) < _ONLINE_P * np.where(age < 31, 1.3, 0.8)[:, None]
    fe = rng.normal(0.0, 0.8, n)  # enterprise fixed effect of log sales
    sales_noise = rng.normal(0.0, 0.10, (n, 4))
    emp_fe = rng.normal(0.0, 0.5, n)
    emp_noise = rng.normal(0.0, 0.08, (n, 4))
    capital = np.round(np.exp(rng.normal(np.log(30e6), 1.1, n)) / 1e5) * 1e5
    house = rng.integers(1, 250, n)

    rows: dict[str, list[dict[str, Any]]] = {"enterprise": [], "person": [], "ownership": []}
    kbli_out: list[str] = []
    last_owner: dict[int, tuple[int, int]] = {}
    owner_of = np.zeros(n, np.int64)
    nib_out: list[str | None] = []
    food = np.zeros(n, bool)
    oap = np.zeros(n, bool)
    for k in range(n):
        cf = world.centres[int(centre[k])]
        rprofs = cf.profile.regencies
        r = int(rng.choice(len(rprofs), p=[x.weight for x in rprofs])) if len(rprofs) > 1 else 0
        rp, rf = rprofs[r], cf.regencies[r]
        v = int(ints[k, 0] % len(rf.villages))
        village = rf.villages[v]
        dom = list(rp.dominant_kbli)
        cum = np.cumsum(list(rp.dominant_kbli.values()))
        pick = int(np.searchsorted(cum, u[k, 0], side="right"))
        kbli = (
            dom[pick]
            if pick < len(dom)
            else BACKGROUND_KBLI[int(ints[k, 1] % len(BACKGROUND_KBLI))]
        )
        kp = KBLI_DEMO[kbli]
        food[k] = kp.food
        flav_names = list(rp.flavours)
        fl = flav_names[
            int(
                np.searchsorted(np.cumsum(list(rp.flavours.values())), u[k, 1], side="right").clip(
                    0, len(flav_names) - 1
                )
            )
        ]
        g = str(gender[k])
        eid = int(ids[k])
        shared = last_owner.get(int(centre[k]))
        if shared is not None and u[k, 2] < 0.05:
            pid, first_name_idx = shared
            del last_owner[int(centre[k])]  # at most two enterprises per person
            given = rows["person"][first_name_idx]["name"].split()[0]
            oap[k] = rows["person"][first_name_idx]["orang_asli_papua"]
            g = rows["person"][first_name_idx]["gender"]
        else:
            pid = int(world.take_ids("person", 1)[0])
            pname = person_name(fl, g, int(ints[k, 2]), int(ints[k, 3]), u[k, 3] < 0.6)
            given = pname.split()[0]
            is_oap = u[k, 4] < (0.97 if fl == "papua" else (0.05 if rp.oap_share else 0.002))
            oap[k] = is_oap
            pdistrict = (
                rf.districts[v]
                if u[k, 5] < 0.85
                else rf.districts[int(ints[k, 4] % len(rf.districts))]
            )
            bd = DATES[int(birth[k])]
            dd = bd.day + (40 if g == "P" else 0)
            key = int(f"{pdistrict.replace('.', '')}{dd:02d}{bd.month:02d}{bd.year % 100:02d}")
            # Serials are issued in order per district and birth date; start each key
            # at a small deterministic offset so they are not all 0001.
            serial = world.nik_serial.get(key, (key * 7919) % 40) + 1
            world.nik_serial[key] = serial
            operator = _OPERATORS[pid % len(_OPERATORS)]
            person = {
                "id": pid, "nik": f"{key:012d}{serial:04d}", "name": pname, "gender": g,
                "birth_date": bd,
                "phone": f"+62{operator}{(pid * 48271 + 1234567) % 100_000_000:08d}",
                "email": f"{name_key(pname).replace(' ', '.')}{pid % 997}@gmail.com" if u[k, 6] < 0.35 else None,
                "education": _EDU[int(np.searchsorted(np.cumsum(_EDU_P), u[k, 7] * 0.9999, side="right"))],
                "disability": bool(ints[k, 5] % 100 < 8), "orang_asli_papua": bool(is_oap),
                "created_at": None,  # set below, when the registration day is known
            }  # fmt: skip
            rows["person"].append(person)
            last_owner[int(centre[k])] = (pid, len(rows["person"]) - 1)
        owner_of[k] = pid
        lf = _LEGAL[int(legal[k])]
        product = kp.products[int(ints[k, 6] % len(kp.products))]
        place = rp.places[int(ints[k, 7] % len(rp.places))]
        name = business_name(int(ints[k, 1] >> 8), lf, product, place, given, fl, g,
                             int(ints[k, 2] >> 8), int(ints[k, 3] >> 8))  # fmt: skip
        nib = f"9120{(eid * 7919 + 123457) % 1_000_000_000:09d}" if has_nib[k] else None
        nib_out.append(nib)
        kbli_out.append(kbli)
        founded = int(TODAY.year - min(max(age[k] - 18, 0), rng.geometric(0.15) - 1))
        rows["enterprise"].append({
            "id": eid, "name": name, "name_key": name_key(name), "name_sorted": name_sorted_key(name), "nib": nib, "legal_form": lf,
            "kbli_code": kbli, "kbli_codes": [kbli], "products": product,
            "flagship_commodity": rp.flagship.get(kbli),
            "street_address": f"{_STREETS[int(ints[k, 5] % len(_STREETS))]} No. {int(house[k])}",
            "village_code": village, "district_code": village[:8], "regency_code": village[:5],
            "province_code": village[:2], "founding_year": founded,
            "online_channels": [c for c, on in zip(_ONLINE, online[k], strict=True) if on],
            "outreach_channel": "acara" if events_only[k] else _choice(cf.profile.outreach, u[k, 4]),
            "registered_centre_id": cf.id, "registered_on": None, "capital_at_registration": int(capital[k]),
            "source_key": None, "created_by_id": cf.front_office[int(ints[k, 4] % len(cf.front_office))],
            "created_at": None,
        })  # fmt: skip
        rows["ownership"].append({"id": int(world.take_ids("ownership", 1)[0]), "enterprise_id": eid,
                                  "person_id": pid, "role": "pemilik"})  # fmt: skip

    block = EnterpriseBlock(ids, centre, registered, first_case, events_only, food, nib_out,
                            age < 31, oap)  # fmt: skip
    rows["indicator_snapshot"] = _snapshots(rng, world, block, kbli_out, fe, emp_fe, sales_noise,
                                            emp_noise, capital, gender, online, effect)  # fmt: skip
    return rows, block


def finish_registration(rows: dict[str, list[dict[str, Any]]], block: EnterpriseBlock) -> None:
    """Fill registration days and creation stamps once events-only enterprises have theirs."""
    person_day: dict[int, int] = {}
    for k, (ent, own) in enumerate(zip(rows["enterprise"], rows["ownership"], strict=True)):
        d = int(block.registered[k])
        ent["registered_on"] = DATES[d]
        ent["created_at"] = stamp(d)
        person_day[own["person_id"]] = min(d, person_day.get(own["person_id"], d))
    for p in rows["person"]:
        p["created_at"] = stamp(person_day[p["id"]])


def _choice(weights: dict[str, float], u: float) -> str:
    keys = list(weights)
    i = int(np.searchsorted(np.cumsum(list(weights.values())), u * 0.9999, side="right"))
    return keys[min(i, len(keys) - 1)]


def _snapshots(
    rng: np.random.Generator,
    world: World,
    block: EnterpriseBlock,
    kbli: list[str],
    fe: np.ndarray,
    emp_fe: np.ndarray,
    sales_noise: np.ndarray,
    emp_noise: np.ndarray,
    capital: np.ndarray,
    gender: np.ndarray,
    online: np.ndarray,
    effect: float,
) -> list[dict[str, Any]]:
    n = len(block.ids)
    base = np.log(np.array([KBLI_DEMO[c].median_sales_juta for c in kbli]) * 1e6)
    # post[i, t]: wave t is after enterprise i's first case (never for events-only).
    post = (block.first_case[:, None] >= 0) & (block.first_case[:, None] < _WAVES[None, :])
    log_sales = base[:, None] + fe[:, None] + _WAVE_SHOCK[None, :] + effect * post + sales_noise
    sales = np.round(np.exp(log_sales) / 1000.0).astype(np.int64) * 1000
    log_emp = 0.7 + 0.45 * fe[:, None] + emp_fe[:, None] + (effect / 2) * post + emp_noise
    emp = np.maximum(1, np.round(np.exp(log_emp))).astype(np.int64)
    women_share = np.where(gender == "P", 0.6, 0.35)
    women = rng.binomial(emp, women_share[:, None])
    cap = (capital[:, None] * np.exp(0.01 * np.arange(4))[None, :]).round(-5).astype(np.int64)
    market = rng.random((n, 4, 3)) < np.array([0.3, 0.08, 0.01]) + post[:, :, None] * np.array(
        [0.1, 0.04, 0.0]
    )
    limits = [np.array(rule_set_on(w).sales_limits) for w in WAVE_DATES]
    size = np.stack([np.searchsorted(limits[t], sales[:, t], side="left") for t in range(4)], 1)
    ids = world.take_ids("indicator_snapshot", n * 4).reshape(n, 4)
    recorder = [[*c.front_office, *c.field_officers] for c in world.centres]
    pick = rng.integers(0, 1 << 30, n)
    out: list[dict[str, Any]] = []
    for k in range(n):
        staff = recorder[int(block.centre[k])]
        by = staff[int(pick[k] % len(staff))]
        channels = [c for c, on in zip(_ONLINE, online[k], strict=True) if on]
        for t in range(4):
            out.append({
                "id": int(ids[k, t]), "enterprise_id": int(block.ids[k]), "taken_on": WAVE_DATES[t],
                "kind": "baseline" if t == 0 else "tindak_lanjut",
                "sales_annual": int(sales[k, t]), "capital": int(cap[k, t]),
                "employees_total": int(emp[k, t]), "employees_women": int(women[k, t]),
                "market_local": True, "market_regional": bool(market[k, t, 0]),
                "market_national": bool(market[k, t, 1]), "market_export": bool(market[k, t, 2]),
                "online_channels": channels, "size_class": _SIZES[int(size[k, t])],
                "size_rule_set": SIZE_RULE_SET, "recorded_by_id": by,
                "created_at": stamp(int(_WAVES[t]) + 1),
            })  # fmt: skip
    return out
