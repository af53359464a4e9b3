"""One chunk's cases with their activities, referrals, permits and surveys; event attendance."""

from __future__ import annotations

from typing import Any

import numpy as np

from plut_nb.demo._enterprises import EnterpriseBlock
from plut_nb.demo._world import DATES, TODAY, World, day, stamp
from plut_nb.reference.codes import SERVICE_CATALOGUE

_SERVICES = {s.code: s for s in SERVICE_CATALOGUE}
_TODAY = day(TODAY)
_OPEN = ("baru", "ditugaskan", "dalam_proses", "menunggu_pihak_lain")
_VERSION = {"baru": 1, "ditugaskan": 2, "dalam_proses": 3, "menunggu_pihak_lain": 4,
            "selesai": 4, "ditutup": 5, "dibatalkan": 3}  # fmt: skip
_ACTS = {"konsultasi": 1.5, "pendampingan": 4.5, "pelatihan": 2.0, "fasilitasi": 2.5, "event": 1.0}
_NOTES = {
    "sesi": "Sesi konsultasi dengan pemilik usaha",
    "kunjungan": "Kunjungan lapangan ke tempat usaha",
    "telepon": "Tindak lanjut melalui telepon/WhatsApp",
    "pelatihan": "Mengikuti sesi pelatihan",
    "dokumen": "Pemeriksaan dan pengisian dokumen",
}
_REFERRAL = {"akses_pembiayaan": (0.7, "bank_kur"), "bantuan_hukum": (0.5, "bantuan_hukum"),
             "akses_pasar": (0.5, "komunitas_bisnis"), "fasilitasi_izin": (0.3, "lembaga_halal")}  # fmt: skip
_PARTNERS = {
    "bank_kur": {"medan": "Bank Sumut", "biak": "Bank Papua", "bogor": "bank bjb", "": "BRI"},
    "bantuan_hukum": {
        "medan": "LBH Medan",
        "biak": "LBH Papua",
        "bogor": "LBH Bogor",
        "": "Posbakum",
    },
    "komunitas_bisnis": {"": "Komunitas UMKM Naik Kelas"},
    "lembaga_halal": {"": "LPH LPPOM MUI"},
    "bpom": {
        "medan": "Balai Besar POM di Medan",
        "biak": "Loka POM di Kabupaten Biak Numfor",
        "bogor": "Balai POM di Bogor",
        "": "BPOM",
    },
    "instansi_lain": {"": "Dinas Koperasi dan UKM"},
}
_PERMITS_FOOD = (("pirt", 0.35), ("halal", 0.30), ("nib", 0.15), ("bpom_md", 0.10), ("merek", 0.10))
_PERMITS_OTHER = (("nib", 0.40), ("merek", 0.45), ("sni", 0.15))
_VALID_YEARS = {"pirt": 5, "bpom_md": 5, "merek": 10, "sni": 4}
_COMMENTS = ("Pelayanan cepat dan ramah", "Terima kasih, sangat membantu",
             "Mohon jadwal konsultasi ditambah", "Petugas lapangan sangat membantu")  # fmt: skip


def _partner(kind: str, city: str) -> str:
    names = _PARTNERS[kind]
    return names.get(city, names[""])


def _pick(options: tuple[tuple[str, float], ...], u: float) -> int:
    acc = 0.0
    for i, (_, p) in enumerate(options):
        acc += p
        if u < acc:
            return i
    return len(options) - 1


def build_attendance(
    rng: np.random.Generator, world: World, block: EnterpriseBlock
) -> list[dict[str, Any]]:
    """Event registrations; sets the registration day of events-only enterprises."""
    out: list[dict[str, Any]] = []
    n = len(block.ids)
    u = rng.random((n, 4))
    r = rng.integers(0, 1 << 30, (n, 3))
    for k in range(n):
        cf = world.centres[int(block.centre[k])]
        days = cf.event_days
        if block.events_only[k]:
            first = int(r[k, 0] % len(days))
            block.registered[k] = int(days[first])
            chosen = [first]
        elif u[k, 0] < 0.35:
            lo = int(np.searchsorted(days, block.registered[k]))
            if lo >= len(days):
                continue
            chosen = [lo + int(r[k, 0] % (len(days) - lo))]
        else:
            continue
        if u[k, 1] < 0.4 and chosen[0] + 1 < len(days):
            chosen.append(chosen[0] + 1 + int(r[k, 1] % (len(days) - chosen[0] - 1)))
        for j, e in enumerate(chosen):
            ev_day = int(days[e])
            kind = cf.event_kinds[e]
            attended = bool(block.events_only[k] and j == 0) or u[k, 2 + j] < 0.85
            sells = attended and kind in ("pameran", "temu_bisnis", "promosi")
            sales = int(round(float(np.exp(rng.normal(np.log(1.5e6), 0.8))), -3)) if sells else None
            out.append({
                "id": int(world.take_ids("event_attendance", 1)[0]), "event_id": int(cf.event_ids[e]),
                "enterprise_id": int(block.ids[k]),
                "registered_on": DATES[max(int(block.registered[k]), ev_day - int(r[k, 2] % 10))],
                "attended": attended, "sales": sales,
            })  # fmt: skip
    return out


def build_cases(
    rng: np.random.Generator, world: World, block: EnterpriseBlock
) -> dict[str, list[dict[str, Any]]]:
    """Cases of the chunk's assisted enterprises and everything hanging off them."""
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "service_case", "activity", "referral", "permit_application", "survey_response")}  # fmt: skip
    assisted = np.flatnonzero(~block.events_only)
    n_cases = np.minimum(1 + rng.poisson(0.7, len(assisted)), 4)
    for k, nc in zip(assisted.tolist(), n_cases.tolist(), strict=True):
        cf = world.centres[int(block.centre[k])]
        codes = list(cf.profile.service_weights)
        weights = np.array(list(cf.profile.service_weights.values()))
        opened = int(block.first_case[k])
        for c in range(nc):
            if c > 0:
                opened += int(rng.integers(7, 91))
                if opened > _TODAY:
                    break
            code = codes[int(rng.choice(len(codes), p=weights / weights.sum()))]
            u = rng.random(12)
            if code == "pendampingan_oap" and not block.oap[k]:
                code = "pendampingan"
            elif block.oap[k] and u[0] < 0.3:
                code = "pendampingan_oap"
            if block.youth[k] and u[1] < 0.15:
                code = "pendampingan_milenial"
            elif code == "pendampingan_milenial" and not block.youth[k]:
                code = "pendampingan"
            _one_case(rng, world, cf, block, k, code, opened, u, rows)
    return rows


def _one_case(
    rng: np.random.Generator,
    world: World,
    cf: Any,
    block: EnterpriseBlock,
    k: int,
    code: str,
    opened: int,
    u: np.ndarray,
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    svc = _SERVICES[code]
    sla = svc.default_sla_days
    age = _TODAY - opened
    duration = max(1, int(sla * (0.2 + 1.2 * u[2])))
    if u[3] < min(0.93, age / (1.3 * sla)):
        status = "dibatalkan" if u[4] < 0.08 else ("selesai" if u[4] < 0.38 else "ditutup")
        closed: int | None = opened + min(duration, age)
    else:
        closed = None
        if age <= 3:
            status = "baru" if u[4] < 0.6 else "ditugaskan"
        else:
            status = _OPEN[int(np.searchsorted([0.05, 0.25, 0.8], u[4], side="right"))]
    field_work = code == "penyuluhan_lapangan" or (u[5] < cf.profile.field_officer_share * 0.5)
    pool = cf.field_officers if field_work else cf.consultants
    worker = pool[int(u[6] * len(pool))]
    assignee = None if status == "baru" else worker
    front = cf.front_office[int(u[7] * len(cf.front_office))]
    year = DATES[opened].year
    seq = world.case_seq.get((cf.id, year), 0) + 1
    world.case_seq[(cf.id, year)] = seq
    cid = int(world.take_ids("service_case", 1)[0])
    end = closed if closed is not None else _TODAY
    last = opened + min(age, duration) if closed is None else closed
    resolution = None
    if status in ("selesai", "ditutup"):
        resolution = f"Layanan {svc.name_id.lower()} selesai diberikan"
    elif status == "dibatalkan":
        resolution = "Dibatalkan atas permintaan pelaku usaha"
    rows["service_case"].append({
        "id": cid, "number": f"{cf.profile.code}-{year}-{seq:06d}", "enterprise_id": int(block.ids[k]),
        "centre_id": cf.id, "service_code": code,
        "channel": "kunjungan_lapangan" if field_work else ("daring" if u[8] < 0.3 else "datang_langsung"),
        "description": f"Permohonan layanan {svc.name_id.lower()}",
        "priority": "tinggi" if u[9] < 0.1 else ("rendah" if u[9] > 0.95 else "normal"),
        "status": status, "assigned_staff_id": assignee, "opened_on": DATES[opened],
        "due_on": DATES[opened + sla], "closed_on": DATES[closed] if closed is not None else None,
        "resolution": resolution, "version": _VERSION[status], "created_by_id": front,
        "updated_by_id": assignee or front, "updated_at": stamp(min(last, _TODAY)),
        "created_at": stamp(opened),
    })  # fmt: skip
    if status == "baru":
        return
    # Activities
    n_act = (
        1 if status == "ditugaskan" else min(12, 1 + int(rng.poisson(_ACTS[svc.delivery_mode] - 1)))
    )
    held = np.sort(rng.integers(opened, max(opened, end) + 1, n_act))
    long_mode = svc.delivery_mode in ("pendampingan", "pelatihan")
    minutes = rng.choice((60, 90, 120, 180) if long_mode else (15, 30, 45, 60, 90), n_act)
    ua = rng.random((n_act, 3))
    for a in range(n_act):
        if svc.delivery_mode == "pelatihan":
            kind = "pelatihan"
        elif field_work:
            kind = "kunjungan"
        else:
            kind = ("sesi", "sesi", "telepon", "dokumen")[int(ua[a, 0] * 4)]
        mode = {"kunjungan": "kunjungan_lapangan", "telepon": "daring"}.get(
            kind, "daring" if ua[a, 1] < 0.3 else "tatap_muka"
        )
        follow = int(held[a]) + 7 + int(ua[a, 2] * 14) if ua[a, 2] < 0.4 else None
        rows["activity"].append({
            "id": int(world.take_ids("activity", 1)[0]), "case_id": cid, "staff_id": worker,
            "kind": kind, "mode": mode, "held_on": DATES[int(held[a])], "minutes": int(minutes[a]),
            "notes": _NOTES[kind], "next_step": "Tindak lanjut dokumen" if follow else None,
            "follow_up_on": DATES[follow] if follow else None, "created_at": stamp(int(held[a])),
        })  # fmt: skip
    city = cf.profile.city
    # Referral
    p_ref, partner = _REFERRAL.get(code, (0.05, "instansi_lain"))
    if u[10] < p_ref:
        if code == "fasilitasi_izin" and block.food[k] and u[11] < 0.4:
            partner = "bpom"
        ref_day = min(opened + 1 + int(u[11] * 20), _TODAY)
        if closed is not None:
            rstat = "selesai" if u[2] < 0.7 else ("ditolak" if u[2] < 0.85 else "diproses")
        else:
            rstat = ("dikirim", "diterima", "diproses")[int(u[2] * 3)]
        outcome = None
        if rstat == "selesai":
            outcome = "KUR disetujui" if partner == "bank_kur" else "Rujukan ditindaklanjuti mitra"
        elif rstat == "ditolak":
            outcome = "Persyaratan belum lengkap"
        rows["referral"].append({
            "id": int(world.take_ids("referral", 1)[0]), "case_id": cid, "partner_type": partner,
            "partner_name": _partner(partner, city), "status": rstat, "referred_on": DATES[ref_day],
            "follow_up_on": DATES[ref_day + 14], "outcome": outcome, "created_by_id": worker,
            "created_at": stamp(ref_day),
        })  # fmt: skip
    # Permits
    if code in ("fasilitasi_izin", "branding"):
        _permits(rng, world, block, k, cid, code, status, opened, end, rows)
    # IKM survey
    if status in ("selesai", "ditutup") and closed is not None and u[11] < 0.45:
        p = (
            np.array([0.02, 0.08, 0.45, 0.45])
            if city != "biak"
            else np.array([0.03, 0.12, 0.5, 0.35])
        )
        answers = rng.choice((1, 2, 3, 4), 9, p=p)
        sub = min(closed + int(u[0] * 8), _TODAY)
        survey: dict[str, Any] = {f"u{i + 1}": int(answers[i]) for i in range(9)}
        survey.update({
            "id": int(world.take_ids("survey_response", 1)[0]), "case_id": cid, "centre_id": cf.id,
            "submitted_on": DATES[sub],
            "comment": _COMMENTS[int(u[1] * 4)] if u[9] < 0.15 else None, "created_at": stamp(sub),
        })  # fmt: skip
        rows["survey_response"].append(survey)


def _permits(
    rng: np.random.Generator,
    world: World,
    block: EnterpriseBlock,
    k: int,
    cid: int,
    code: str,
    status: str,
    opened: int,
    end: int,
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    options = _PERMITS_FOOD if block.food[k] else _PERMITS_OTHER
    u = rng.random(6)
    if code == "branding":
        if u[0] > 0.5:
            return
        types = ["merek"]
    else:
        first = _pick(options, u[0])
        types = [options[first][0]]
        if u[1] < 0.3:
            types.append(options[(first + 1 + int(u[2] * (len(options) - 1))) % len(options)][0])
    nib = block.nib[int(k)]
    for j, ptype in enumerate(types):
        if status == "dibatalkan":
            pstat = "dibatalkan"
        elif status in ("selesai", "ditutup"):
            pstat = "terbit" if u[3 + j] < 0.75 else ("ditolak" if u[3 + j] < 0.83 else "diajukan")
        elif status == "ditugaskan":
            pstat = "disiapkan"
        else:
            pstat = "diajukan" if u[3 + j] < 0.7 else "disiapkan"
        if ptype == "nib" and pstat == "terbit" and nib is None:
            pstat = "diajukan"
        submitted = min(opened + 3 + int(u[5] * 12), end) if pstat != "disiapkan" else None
        issued = (
            min(submitted + 3 + int(u[4] * 22), end) if pstat == "terbit" and submitted else None
        )
        pid = int(world.take_ids("permit_application", 1)[0])
        number = None
        if issued is not None:
            number = {
                "nib": nib,
                "pirt": f"P-IRT No. 2{block.ids[k] % 10**12:012d}-{DATES[issued].year % 100 + 5:02d}",
                "halal": f"ID{12 + pid % 80:02d}110{pid:010d}{DATES[issued].year % 100:02d}",
                "bpom_md": f"BPOM RI MD {200000000000 + pid}",
                "merek": f"IDM{pid:09d}",
                "sni": f"SPPT-SNI/{pid:06d}/{DATES[issued].year}",
            }[ptype]
        years = _VALID_YEARS.get(ptype)
        expires = None
        if issued is not None and years:
            d = DATES[issued]
            expires = (
                d.replace(year=d.year + years)
                if not (d.month == 2 and d.day == 29)
                else DATES[issued + 365 * years]
            )
        rows["permit_application"].append({
            "id": pid, "case_id": cid, "enterprise_id": int(block.ids[k]), "permit_type": ptype,
            "status": pstat, "submitted_on": DATES[submitted] if submitted else None,
            "issued_on": DATES[issued] if issued is not None else None, "expires_on": expires,
            "number": number, "created_at": stamp(opened + j),
        })  # fmt: skip
