"""Code lists of the PLUT domain: service catalogue seed, permit types, channels.

These are data, versioned by ``CODES_VERSION``; the service catalogue is copied
into the ``service_type`` table (editable there) by ``plut db upgrade``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTIVITY_KINDS",
    "ACTIVITY_MODES",
    "CODES_VERSION",
    "EDUCATION_LEVELS",
    "EVENT_KINDS",
    "LEGAL_FORMS",
    "ONLINE_CHANNELS",
    "OUTREACH_CHANNELS",
    "PARTNER_TYPES",
    "PERMIT_STATUSES",
    "PERMIT_TYPES",
    "REFERRAL_STATUSES",
    "SERVICE_CATALOGUE",
    "SERVICE_FIELDS",
    "ServiceSeed",
]

CODES_VERSION = "2026.1"

#: PLUT fields of service (bidang), code → (Indonesian, English).
SERVICE_FIELDS: dict[str, tuple[str, str]] = {
    "kelembagaan": ("Kelembagaan", "Institutional"),
    "sdm": ("Sumber Daya Manusia", "Human resources"),
    "produksi": ("Produksi", "Production"),
    "pembiayaan": ("Pembiayaan", "Financing"),
    "pemasaran": ("Pemasaran", "Marketing"),
    "ti_digital": ("Teknologi Informasi / Digital", "IT / digital"),
    "jaringan_kerja_sama": ("Jaringan Kerja Sama", "Networks and partnerships"),
}

DELIVERY_MODES: dict[str, tuple[str, str]] = {
    "konsultasi": ("Konsultasi", "Consultation"),
    "pendampingan": ("Pendampingan", "Mentoring"),
    "pelatihan": ("Pelatihan", "Training"),
    "fasilitasi": ("Fasilitasi", "Facilitation"),
    "event": ("Acara", "Event"),
}


@dataclass(frozen=True)
class ServiceSeed:
    """One service of the seeded catalogue."""

    code: str
    name_id: str
    name_en: str
    field: str
    delivery_mode: str
    default_sla_days: int


SERVICE_CATALOGUE: tuple[ServiceSeed, ...] = (
    ServiceSeed(
        "konsultasi_bisnis",
        "Konsultasi bisnis",
        "Business consultation",
        "kelembagaan",
        "konsultasi",
        14,
    ),
    ServiceSeed(
        "pendampingan",
        "Pendampingan usaha",
        "Business mentoring",
        "kelembagaan",
        "pendampingan",
        90,
    ),
    ServiceSeed(
        "fasilitasi_izin",
        "Fasilitasi perizinan berusaha",
        "Business-permit facilitation",
        "kelembagaan",
        "fasilitasi",
        30,
    ),
    ServiceSeed("branding", "Branding dan desain merek", "Branding", "pemasaran", "fasilitasi", 30),
    ServiceSeed("rumah_kemasan", "Rumah kemasan", "Packaging house", "produksi", "fasilitasi", 21),
    ServiceSeed(
        "pemasaran_digital",
        "Promosi dan pemasaran digital",
        "Promotion and digital marketing",
        "ti_digital",
        "pendampingan",
        30,
    ),
    ServiceSeed("pameran", "Pameran", "Exhibition", "pemasaran", "event", 60),
    ServiceSeed(
        "pelatihan_sdm",
        "Pelatihan SDM dan keterampilan",
        "HR and skills training",
        "sdm",
        "pelatihan",
        45,
    ),
    ServiceSeed(
        "bantuan_hukum", "Bantuan hukum daring", "Online legal aid", "kelembagaan", "konsultasi", 14
    ),
    ServiceSeed(
        "akses_pembiayaan",
        "Akses pembiayaan (KUR)",
        "Financing access (KUR)",
        "pembiayaan",
        "fasilitasi",
        30,
    ),
    ServiceSeed(
        "akses_pasar",
        "Akses pasar dan kemitraan komunitas bisnis",
        "Market access and business-community partnership",
        "jaringan_kerja_sama",
        "fasilitasi",
        45,
    ),
    ServiceSeed(
        "penyuluhan_lapangan",
        "Kunjungan penyuluhan lapangan",
        "Field extension visit",
        "produksi",
        "pendampingan",
        30,
    ),
    ServiceSeed(
        "penggunaan_fasilitas",
        "Penggunaan fasilitas gedung PLUT",
        "Facility use",
        "produksi",
        "fasilitasi",
        7,
    ),
    ServiceSeed(
        "pendampingan_milenial",
        "Konsultan pendamping wirausaha muda (milenial)",
        "Mentoring for young entrepreneurs",
        "sdm",
        "pendampingan",
        90,
    ),
    ServiceSeed(
        "pendampingan_oap",
        "Konsultan pendamping wirausaha Orang Asli Papua",
        "Mentoring for Orang Asli Papua entrepreneurs",
        "sdm",
        "pendampingan",
        90,
    ),
    ServiceSeed(
        "komoditas_unggulan",
        "Pengembangan komoditas unggulan daerah",
        "Regional flagship-commodity development",
        "produksi",
        "pendampingan",
        90,
    ),
)

#: Permit types facilitated: code → (Indonesian, English).
PERMIT_TYPES: dict[str, tuple[str, str]] = {
    "nib": ("NIB (Nomor Induk Berusaha)", "NIB business identification number"),
    "pirt": ("SPP-IRT / PIRT", "Home-industry food permit (SPP-IRT)"),
    "halal": ("Sertifikat halal", "Halal certificate"),
    "bpom_md": ("Izin edar BPOM MD", "BPOM MD distribution permit"),
    "merek": ("Pendaftaran merek", "Trademark registration"),
    "sni": ("Sertifikasi SNI", "SNI certification"),
    "lainnya": ("Izin lainnya", "Other permit"),
}

PERMIT_STATUSES = ("disiapkan", "diajukan", "terbit", "ditolak", "dibatalkan")

#: How an enterprise heard of the PLUT.
OUTREACH_CHANNELS: dict[str, tuple[str, str]] = {
    "media_sosial": ("Media sosial", "Social media"),
    "petugas_lapangan": ("Petugas lapangan", "Field officer"),
    "acara": ("Acara / pameran", "Event"),
    "rujukan_pemerintah": ("Rujukan instansi pemerintah", "Government referral"),
    "teman": ("Teman / keluarga", "Friend or family"),
    "datang_langsung": ("Datang langsung", "Walk-in"),
    "situs_web": ("Situs web", "Website"),
}

PARTNER_TYPES: dict[str, tuple[str, str]] = {
    "bank_kur": ("Bank penyalur KUR", "KUR bank"),
    "bpom": ("BPOM", "BPOM"),
    "lembaga_halal": ("Lembaga halal (BPJPH/LPH)", "Halal agency"),
    "bantuan_hukum": ("Lembaga bantuan hukum", "Legal aid body"),
    "komunitas_bisnis": ("Komunitas bisnis", "Business community"),
    "instansi_lain": ("Instansi lain", "Other agency"),
}

REFERRAL_STATUSES = ("dikirim", "diterima", "diproses", "selesai", "ditolak")

ACTIVITY_KINDS = ("sesi", "kunjungan", "telepon", "pelatihan", "dokumen")
ACTIVITY_MODES = ("tatap_muka", "daring", "kunjungan_lapangan")
EVENT_KINDS = ("pameran", "pelatihan", "sosialisasi", "temu_bisnis", "promosi")
LEGAL_FORMS = ("perorangan", "cv", "pt_perorangan", "pt", "firma", "koperasi", "lainnya")

#: Online sales and promotion channels an enterprise uses.
ONLINE_CHANNELS = ("whatsapp", "instagram", "facebook", "tiktok", "shopee", "tokopedia", "website")

#: Highest completed education of an owner (SD, SMP, SMA/SMK, diploma, S1, S2, S3).
EDUCATION_LEVELS = ("sd", "smp", "sma_smk", "diploma", "s1", "s2", "s3")
