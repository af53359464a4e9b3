"""The fixed frame of a demo run: calendar, regions, centres, staff, events, id counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from lokal import wilayah

from plut_nb.demo._national import further_centres, short_name
from plut_nb.demo.names import person_name
from plut_nb.demo.profiles import CENTRES, CentreProfile

DAY0 = date(1950, 1, 1)
_N_DAYS = (date(2028, 12, 31) - DAY0).days + 1
DATES: list[date] = [DAY0 + timedelta(days=i) for i in range(_N_DAYS)]

WINDOW_START = date(2025, 12, 1)
TODAY = date(2026, 11, 27)  # the "as of" day of the demo: statuses are as on this day
WAVE_DATES = (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))


def day(d: date) -> int:
    """Day number of ``d`` (days since 1950-01-01), the demo's internal date unit."""
    return (d - DAY0).days


# Office hours (09:00 WIB = 02:00 UTC) of each day in the window, for created_at.
_STAMP_FROM = day(date(2025, 1, 1))
_STAMPS: list[datetime] = [
    datetime(d.year, d.month, d.day, 2, 0, tzinfo=UTC) for d in DATES[_STAMP_FROM:]
]


def stamp(day_no: int) -> datetime:
    """A deterministic timestamp on day ``day_no`` (09:00 Jakarta time)."""
    return _STAMPS[day_no - _STAMP_FROM]


@dataclass
class RegencyFrame:
    """A served regency with its villages."""

    code: str
    villages: list[str]
    districts: list[str]  # district code of each village


@dataclass
class CentreFrame:
    """A centre of this run with the ids of its staff and events."""

    profile: CentreProfile
    id: int
    regencies: list[RegencyFrame]
    share: float = 0.0  # of all enterprises of this run
    front_office: list[int] = field(default_factory=list)
    consultants: list[int] = field(default_factory=list)
    field_officers: list[int] = field(default_factory=list)
    manager: int = 0
    event_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    event_days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    event_kinds: list[str] = field(default_factory=list)


@dataclass
class World:
    """Everything chunks share. Counters make ids and serials unique across chunks."""

    centres: list[CentreFrame]
    admin_id: int
    next_id: dict[str, int] = field(default_factory=dict)
    nik_serial: dict[int, int] = field(default_factory=dict)
    case_seq: dict[tuple[int, int], int] = field(default_factory=dict)

    def take_ids(self, table: str, n: int) -> np.ndarray:
        """Allocate ``n`` consecutive primary keys of ``table``."""
        start = self.next_id.get(table, 1)
        self.next_id[table] = start + n
        return np.arange(start, start + n, dtype=np.int64)


def _regency_frame(code: str) -> RegencyFrame:
    villages: list[str] = []
    for district in wilayah.list_wilayah(code):
        villages.extend(v.code for v in wilayah.list_wilayah(district.code))
    return RegencyFrame(code, villages, [v[:8] for v in villages])


_EVENT_KINDS = ("pameran", "pelatihan", "sosialisasi", "temu_bisnis", "promosi")
_EVENT_P = (0.25, 0.30, 0.20, 0.10, 0.15)
_EVENT_TITLE = {
    "pameran": "Pameran Produk UMKM",
    "pelatihan": "Pelatihan Pemasaran Digital",
    "sosialisasi": "Sosialisasi Perizinan Berusaha",
    "temu_bisnis": "Temu Bisnis dan Kemitraan",
    "promosi": "Bazar Promosi Produk Unggulan",
}
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")  # fmt: skip
_COMMUNITIES = ("IWAPI", "HIPMI", "Komunitas UMKM Naik Kelas", "Rumah BUMN", "Akumindo",
                "Asosiasi Pengusaha Kopi", "Komunitas Wirausaha Muda")  # fmt: skip
_FIELDS = ("kelembagaan", "sdm", "produksi", "pembiayaan", "pemasaran", "ti_digital",
           "jaringan_kerja_sama")  # fmt: skip


def build_world(
    rng: np.random.Generator, enterprises: int, centres: int = len(CENTRES)
) -> tuple[World, dict[str, list[dict[str, Any]]]]:
    """Plan the centres, staff and events of a run.

    Args:
        rng: The setup random generator.
        enterprises: How many enterprises the run will create (scales staff and events).
        centres: How many centres: the showcase ones, then ``centres - 3`` further
            ones (:func:`plut_nb.demo._national.further_centres`). Every share is
            scaled by ``3 / centres``, so each further centre gets ``1 / centres``.

    Returns:
        The :class:`World` and the rows to insert for ``centre``, ``staff`` and ``event``.
    """
    world = World(centres=[], admin_id=0)
    rows: dict[str, list[dict[str, Any]]] = {"centre": [], "staff": [], "event": []}
    created = stamp(day(date(2025, 1, 6)))
    scale = len(CENTRES) / centres  # exactly 1.0 by default: the shares stay bit-identical
    for profile in (*CENTRES, *further_centres(centres - len(CENTRES))):
        cid = int(world.take_ids("centre", 1)[0])
        rows["centre"].append({
            "id": cid, "code": profile.code, "name": profile.name, "level": profile.level,
            "region_code": profile.region_code, "created_at": created,
        })  # fmt: skip
        frame = CentreFrame(
            profile, cid, [_regency_frame(r.code) for r in profile.regencies], profile.share * scale
        )
        world.centres.append(frame)
        n_here = enterprises * frame.share
        flavour = max(profile.regencies[0].flavours, key=profile.regencies[0].flavours.__getitem__)
        plan = [("manager", "manajer", 1), ("front_office", "cs", max(2, round(n_here / 3000)))]
        workers = min(300, max(4, round(n_here / 800)))
        n_field = max(2, round(workers * profile.field_officer_share))
        plan += [("consultant", "konsultan", workers - n_field), ("field_officer", "pl", n_field)]
        if profile.code == "PLUT-SUMUT":
            plan += [
                ("evaluator", "evaluator", 1),
                ("researcher", "peneliti", 1),
                ("admin", "admin", 1),
            ]
        for role, prefix, count in plan:
            for k in range(count):
                sid = int(world.take_ids("staff", 1)[0])
                gender = "P" if rng.random() < 0.5 else "L"
                ij = rng.integers(0, 1000, 2)
                handle = prefix if k == 0 or role == "manager" else f"{prefix}{k + 1}"
                if role in ("consultant", "field_officer"):
                    handle = f"{prefix}{k + 1}"
                fields = (
                    sorted(rng.choice(_FIELDS, 2, replace=False).tolist())
                    if role == "consultant"
                    else (["produksi", "kelembagaan"] if role == "field_officer" else [])
                )
                rows["staff"].append({
                    "id": sid, "centre_id": cid, "username": f"{handle}.{profile.city}",
                    "name": person_name(flavour, gender, int(ij[0]), int(ij[1]), True),
                    "roles": [role], "service_fields": fields, "active": True,
                    "password_hash": None, "last_login_at": None, "created_at": created,
                })  # fmt: skip
                if role == "manager":
                    frame.manager = sid
                elif role == "front_office":
                    frame.front_office.append(sid)
                elif role == "consultant":
                    frame.consultants.append(sid)
                elif role == "field_officer":
                    frame.field_officers.append(sid)
                elif role == "admin":
                    world.admin_id = sid
        _plan_events(rng, world, frame, n_here, rows["event"])
    return world, rows


def _plan_events(
    rng: np.random.Generator,
    world: World,
    frame: CentreFrame,
    n_here: float,
    out: list[dict[str, Any]],
) -> None:
    n_ev = max(12, int(np.ceil(n_here / 150)))
    first, last = day(WINDOW_START), day(TODAY)
    days = np.sort(rng.integers(first, last + 1, n_ev))
    kinds = rng.choice(len(_EVENT_KINDS), n_ev, p=_EVENT_P)
    lengths = rng.integers(1, 4, n_ev)
    community = rng.integers(0, len(_COMMUNITIES) * 2, n_ev)
    ids = world.take_ids("event", n_ev)
    city = short_name(frame.profile.name.removeprefix("PLUT-KUMKM "))
    places = (f"Gedung {frame.profile.name}", f"Alun-alun {city}", f"Hotel di {city}")
    for k in range(n_ev):
        kind = _EVENT_KINDS[int(kinds[k])]
        d = DATES[int(days[k])]
        out.append({
            "id": int(ids[k]), "centre_id": frame.id, "kind": kind,
            "name": f"{_EVENT_TITLE[kind]} {city} {_MONTHS[d.month - 1]} {d.year} #{k + 1}",
            "starts_on": d, "ends_on": DATES[int(days[k] + lengths[k] - 1)],
            "place": places[k % 3],
            "partner_community": _COMMUNITIES[c] if (c := int(community[k])) < len(_COMMUNITIES) else None,
            "created_by_id": frame.manager, "created_at": stamp(int(days[k]) - 20),
        })  # fmt: skip
        frame.event_kinds.append(kind)
    frame.event_ids = ids
    frame.event_days = days
