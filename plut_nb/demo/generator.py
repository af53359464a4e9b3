"""A deterministic synthetic PLUT dataset with a known programme effect.

``generate_demo(engine)`` fills an empty, migrated database: three centres
(PLUT-SUMUT, the province PLUT in Medan serving nine regencies/cities of
Sumatera Utara; PLUT-BIAK, regency PLUT of Biak Numfor, Papua; PLUT-BOGOR,
regency PLUT of Kabupaten Bogor), their staff (no passwords), events, and per
enterprise: the owner (valid NIK), ownership, four indicator snapshots, cases
in every status with activities, referrals, permit applications and IKM survey
responses, and event attendance. The same ``seed``, ``enterprises`` and
``centres`` give the same rows. Rows are written in chunks of 5,000 enterprises
(one transaction each) with ids allocated here, so memory stays bounded at a
million enterprises.

Further centres (``centres=N``, ``plut demo --centres N``)
--------------------------------------------------------
With ``N > 3``, ``N - 3`` further PLUTs are generated from the region table
(``plut_nb.demo._national``): regency-level PLUTs in other regencies and cities,
round-robin over the provinces, never in a showcase regency; once every regency
has one, province-level PLUTs (at most :func:`max_centres` centres in all, 537
with the 2025 table). Each has staff and events scaled to its own enterprises
like the showcase centres, a KBLI mix, name flavours and an Orang Asli Papua
share that suit its region, and outreach/service weights from a showcase
template. Shares: each enterprise belongs to a centre drawn with the showcase
shares (0.55, 0.15, 0.30) scaled by ``3 / N`` and ``1 / N`` for each further
centre: ``enterprises=1_000_000, centres=537`` gives each showcase centre
3,000,000 / 537 / 5,000 = 1.12 times what the default ``enterprises=5_000`` gives
it — a national database in which each centre's slice stays small. Demo
accounts remain for the showcase centres only. ``centres=3`` (the default) gives
exactly the rows it gave before the option existed. The data-generating process
below is the same for every centre; the planted effect is the same everywhere.

Data-generating process of the indicator panel (what an impact analysis must recover)
-----------------------------------------------------------------------------------
Waves ``t = 0..3`` are taken on 2025-12-31 (kind ``baseline``), 2026-03-31,
2026-06-30 and 2026-09-30 (``tindak_lanjut``); every enterprise has all four
(figures for waves before registration count as recalled at intake).

Assignment. Each enterprise independently falls in a cohort: first assisted in
(W0, W1) 25 %, (W1, W2) 25 %, (W2, W3) 25 %, after W3 (up to 2026-11-27) 15 %,
never (came through events only, has no case) 10 %. Its first assistance day
``F_i`` (``opened_on`` of its first case) is uniform over the days strictly
between the cohort's wave dates, so about 25 % are never assisted within the
window. Assignment is independent of everything below.

Outcomes, with ``post_it = 1`` when ``F_i`` exists and ``F_i < W_t`` (wave date)::

    log(sales_it) = log(m_k) + a_i + d_t + effect * post_it + e_it
    log(emp_it)   = 0.7 + 0.45 * a_i + b_i + (effect / 2) * post_it + u_it

with ``m_k`` the median sales of the enterprise's KBLI code (``profiles.KBLI_DEMO``),
``a_i ~ N(0, 0.8²)``, ``b_i ~ N(0, 0.5²)`` enterprise fixed effects, common wave
shocks ``d = (0, 0.03, 0.02, 0.05)``, noise ``e_it ~ N(0, 0.10²)``, ``u_it ~ N(0,
0.08²)``. Sales are rounded to Rp 1,000; employees are ``max(1, round(exp(.)))``
(so the employment effect is attenuated by rounding). The true effect of assistance is
``effect`` on log sales (default 0.12) and ``effect / 2`` on log employment, the
same in every wave after the first case (no dynamics, no heterogeneity). Capital
grows 1 % per wave with no effect. ``size_class`` is the PP 7/2021 class by sales.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel
from tqdm import tqdm

from plut_nb.db.bulk import bulk_insert as _insert
from plut_nb.demo._cases import build_attendance, build_cases
from plut_nb.demo._enterprises import build_enterprises, finish_registration
from plut_nb.demo._national import max_centres
from plut_nb.demo._world import build_world
from plut_nb.demo.profiles import CENTRES
from plut_nb.errors import Conflict
from plut_nb.reference.codes import SERVICE_CATALOGUE

__all__ = ["CHUNK_SIZE", "DemoSummary", "generate_demo", "max_centres"]

CHUNK_SIZE = 5000
"""Enterprises generated and written per transaction."""

# Insert order respects foreign keys.
_TABLES = ("person", "enterprise", "ownership", "indicator_snapshot", "event_attendance",
           "service_case", "activity", "referral", "permit_application", "survey_response")  # fmt: skip


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote.

    Attributes:
        seed: The random seed.
        enterprises: Number of enterprises.
        counts: Rows written per table.
        effect_log_sales: The planted effect of assistance on log sales.
        effect_log_employment: The planted effect on log employment.
        centres: Number of centres (the three showcase ones and the further ones).
    """

    seed: int
    enterprises: int
    counts: dict[str, int] = field(default_factory=dict)
    effect_log_sales: float = 0.0
    effect_log_employment: float = 0.0
    centres: int = 3


def _advance_sequences(conn: Any) -> None:
    """On PostgreSQL, move each id sequence past the ids allocated here."""
    if conn.dialect.name != "postgresql":
        return
    for name, tbl in SQLModel.metadata.tables.items():
        if "id" in tbl.c and tbl.c["id"].autoincrement is not False and tbl.c["id"].primary_key:
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )


def generate_demo(
    engine: Engine,
    *,
    enterprises: int = 5000,
    seed: int = 42,
    effect: float = 0.12,
    progress: bool = True,
    centres: int = 3,
) -> DemoSummary:
    """Fill an empty, migrated database with a synthetic PLUT dataset.

    Args:
        engine: The database (already at the newest migration).
        enterprises: How many enterprises (UMKM) to create, up to about a million.
        seed: Random seed; the same seed and size give identical rows.
        effect: Planted effect of assistance on log sales (see the module docstring).
        progress: Show a progress bar.
        centres: How many centres (PLUTs): the three showcase ones, then
            ``centres - 3`` further ones across the country (see "Further centres"
            in the module docstring), at most :func:`max_centres`.

    Returns:
        A :class:`DemoSummary` with the row counts and the planted effect.

    Raises:
        Conflict: The database already holds centres or enterprises.
        ValueError: ``enterprises`` is not positive, or ``centres`` is not between
            3 and :func:`max_centres`.
    """
    if enterprises < 1:
        raise ValueError("enterprises must be at least 1")
    if not len(CENTRES) <= centres <= max_centres():
        raise ValueError(
            f"centres must be between {len(CENTRES)} and {max_centres()}, not {centres}"
        )
    tables = SQLModel.metadata.tables
    with engine.connect() as conn:
        for name in ("centre", "enterprise"):
            if conn.execute(select(func.count()).select_from(tables[name])).scalar_one():
                raise Conflict(
                    "Basis data tidak kosong: data demo hanya diisi ke basis data kosong.",
                    entity=name,
                )
        has_services = conn.execute(
            select(func.count()).select_from(tables["service_type"])
        ).scalar_one()
    world, setup_rows = build_world(np.random.default_rng([seed, 1_000_003]), enterprises, centres)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        if not has_services:
            services = [
                {"code": s.code, "name_id": s.name_id, "name_en": s.name_en, "field": s.field,
                 "delivery_mode": s.delivery_mode, "default_sla_days": s.default_sla_days,
                 "active": True}
                for s in SERVICE_CATALOGUE
            ]  # fmt: skip
            _insert(conn, "service_type", services)
            counts["service_type"] = len(services)
        for name in ("centre", "staff", "event"):
            _insert(conn, name, setup_rows[name])
            counts[name] = len(setup_rows[name])
    with tqdm(total=enterprises, disable=not progress, unit=" UMKM", desc="demo") as bar:
        for chunk_no, start in enumerate(range(0, enterprises, CHUNK_SIZE)):
            n = min(CHUNK_SIZE, enterprises - start)
            rng = np.random.default_rng([seed, chunk_no])
            rows, block = build_enterprises(rng, world, n, effect)
            rows["event_attendance"] = build_attendance(rng, world, block)
            finish_registration(rows, block)
            rows.update(build_cases(rng, world, block))
            with engine.begin() as conn:
                for name in _TABLES:
                    _insert(conn, name, rows[name])
                    counts[name] = counts.get(name, 0) + len(rows[name])
            del rows, block
            bar.update(n)
    after: dict[str, Any] = {"enterprises": enterprises, "seed": seed, "effect": effect}
    if centres != len(CENTRES):  # the default's entry stays as it always was
        after["centres"] = centres
    with engine.begin() as conn:
        _insert(conn, "audit_entry", [{
            "actor_id": world.admin_id, "action": "demo.generate", "entity": "demo",
            "entity_id": str(seed), "before": None, "after": after,
        }])  # fmt: skip
        counts["audit_entry"] = 1
        _advance_sequences(conn)
    return DemoSummary(seed, enterprises, counts, effect, effect / 2, centres)
