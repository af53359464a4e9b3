"""What the demo data is made of: centres, their regencies, KBLI mixes, channels.

Every figure here is an assumption of the synthetic world, chosen to look like
PLUT practice (flagship commodities by region, more field-officer outreach in
Papua), not a statistic.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CENTRES", "KBLI_DEMO", "CentreProfile", "KbliProfile", "RegencyProfile"]


@dataclass(frozen=True)
class KbliProfile:
    """A KBLI 2020 sub-class the demo uses.

    Attributes:
        title: The KBLI 2020 title (Indonesian).
        median_sales_juta: Median annual sales of a demo enterprise, Rp million.
        products: Product words used in business names and the products field.
        food: Food products (PIRT, halal and BPOM permits apply).
    """

    title: str
    median_sales_juta: int
    products: tuple[str, ...]
    food: bool


#: Real KBLI 2020 five-digit codes with their titles.
KBLI_DEMO: dict[str, KbliProfile] = {
    "01131": KbliProfile(
        "Pertanian Hortikultura Sayuran Daun", 90, ("Sayur", "Sayur Organik"), True
    ),
    "01133": KbliProfile("Pertanian Hortikultura Sayuran Buah", 100, ("Tomat", "Cabai"), True),
    "01230": KbliProfile("Pertanian Buah Jeruk", 150, ("Jeruk",), True),
    "03111": KbliProfile(
        "Penangkapan Pisces/Ikan Bersirip di Laut", 120, ("Hasil Laut", "Ikan Segar"), True
    ),
    "10211": KbliProfile(
        "Industri Penggaraman/Pengeringan Ikan", 150, ("Ikan Asin", "Teri Medan"), True
    ),
    "10212": KbliProfile(
        "Industri Pengasapan/Pemanggangan Ikan", 150, ("Ikan Asar", "Ikan Asap"), True
    ),
    "10710": KbliProfile("Industri Produk Roti dan Kue", 300, ("Roti", "Bolu", "Roti Ganda"), True),
    "10750": KbliProfile("Industri Makanan dan Masakan Olahan", 200, ("Rendang", "Sambal"), True),
    "10761": KbliProfile("Industri Pengolahan Kopi", 350, ("Kopi", "Kopi Arabika"), True),
    "10792": KbliProfile(
        "Industri Kue-Kue Basah", 150, ("Bika Ambon", "Kue Basah", "Lapis Legit"), True
    ),
    "10794": KbliProfile(
        "Industri Kerupuk, Keripik, Peyek dan Sejenisnya",
        200,
        ("Keripik", "Keripik Singkong", "Kerupuk", "Rengginang"),
        True,
    ),
    "10799": KbliProfile(
        "Industri Produk Makanan Lainnya YTDL", 150, ("Dodol", "Makanan Ringan"), True
    ),
    "14111": KbliProfile(
        "Industri Pakaian Jadi (Konveksi) dari Tekstil", 400, ("Konveksi", "Busana"), False
    ),
    "15201": KbliProfile(
        "Industri Alas Kaki untuk Keperluan Sehari-hari", 450, ("Sepatu", "Sandal"), False
    ),
    "47112": KbliProfile(
        "Perdagangan Eceran Berbagai Macam Barang yang Utamanya Makanan, Minuman atau "
        "Tembakau Bukan di Minimarket/Supermarket/Hypermarket (Tradisional)",
        250,
        ("Toko", "Kelontong"),
        False,
    ),
    "47911": KbliProfile(
        "Perdagangan Eceran melalui Media untuk Komoditi Makanan, Minuman, Tembakau, Kimia, "
        "Farmasi, Kosmetik dan Alat Laboratorium",
        300,
        ("Olshop", "Toko Daring"),
        False,
    ),
    "56101": KbliProfile("Restoran", 600, ("Rumah Makan", "Resto"), True),
    "56102": KbliProfile("Warung Makan", 180, ("Warung Makan", "Warung"), True),
    "56103": KbliProfile("Kedai Makanan", 120, ("Kedai", "Lapo"), True),
}

#: Codes every regency has a little of, besides its dominant ones.
BACKGROUND_KBLI: tuple[str, ...] = (
    "47112", "56102", "56103", "47911", "14111", "10750", "10799", "10794", "10710", "56101",
)  # fmt: skip


@dataclass(frozen=True)
class RegencyProfile:
    """A regency or city a centre serves.

    Attributes:
        code: Kemendagri regency code, e.g. ``"12.71"``.
        weight: Share of the centre's enterprises located here.
        dominant_kbli: The regency's flagship KBLI codes with their shares; the
            rest of its enterprises spread over :data:`BACKGROUND_KBLI`.
        flagship: Name of the regional flagship commodity (komoditas unggulan)
            of each dominant code.
        flavours: Name flavours of its residents with their shares.
        places: Place words for business names.
        oap_share: Share of owners who are Orang Asli Papua.
    """

    code: str
    weight: float
    dominant_kbli: dict[str, float]
    flagship: dict[str, str]
    flavours: dict[str, float]
    places: tuple[str, ...]
    oap_share: float = 0.0


@dataclass(frozen=True)
class CentreProfile:
    """A demo centre (PLUT) and the world around it."""

    code: str
    name: str
    level: str
    region_code: str
    city: str  # for usernames: cs.medan
    share: float  # of all demo enterprises at 3 centres; scaled by 3 / N with N centres
    regencies: tuple[RegencyProfile, ...]
    outreach: dict[str, float]
    field_officer_share: float  # of staff among case workers
    service_weights: dict[str, float]


_BASE_SERVICES: dict[str, float] = {
    "konsultasi_bisnis": 0.20,
    "pendampingan": 0.10,
    "fasilitasi_izin": 0.15,
    "branding": 0.06,
    "rumah_kemasan": 0.06,
    "pemasaran_digital": 0.09,
    "pameran": 0.04,
    "pelatihan_sdm": 0.07,
    "bantuan_hukum": 0.02,
    "akses_pembiayaan": 0.07,
    "akses_pasar": 0.04,
    "penyuluhan_lapangan": 0.04,
    "penggunaan_fasilitas": 0.02,
    "pendampingan_milenial": 0.02,
    "pendampingan_oap": 0.0,
    "komoditas_unggulan": 0.02,
}


def _services(**changes: float) -> dict[str, float]:
    out = dict(_BASE_SERVICES)
    out.update(changes)
    return out


_SUMUT = (
    RegencyProfile("12.71", 0.40, {"10792": 0.25, "56102": 0.20, "10710": 0.15},
                   {"10792": "Bika Ambon Medan", "10710": "Bolu Meranti"},
                   {"batak": 0.45, "umum": 0.55}, ("Medan", "Deli", "Kesawan")),
    RegencyProfile("12.07", 0.15, {"10794": 0.30, "10710": 0.20, "56102": 0.15},
                   {"10794": "Keripik Deli Serdang"},
                   {"batak": 0.35, "umum": 0.65}, ("Lubuk Pakam", "Deli", "Tanjung Morawa")),
    RegencyProfile("12.06", 0.08, {"01131": 0.30, "01230": 0.25, "56102": 0.10},
                   {"01131": "Sayur Karo", "01230": "Jeruk Berastagi"},
                   {"batak": 0.85, "umum": 0.15}, ("Berastagi", "Karo", "Kabanjahe")),
    RegencyProfile("12.08", 0.07, {"10761": 0.30, "10794": 0.20, "47112": 0.15},
                   {"10761": "Kopi Simalungun"},
                   {"batak": 0.75, "umum": 0.25}, ("Simalungun", "Sidamanik", "Raya")),
    RegencyProfile("12.16", 0.05, {"10761": 0.45, "47112": 0.15},
                   {"10761": "Kopi Arabika Lintong"},
                   {"batak": 0.9, "umum": 0.1}, ("Lintong", "Doloksanggul", "Humbang")),
    RegencyProfile("12.12", 0.05, {"10761": 0.30, "56103": 0.20, "10794": 0.15},
                   {"10761": "Kopi Toba"},
                   {"batak": 0.9, "umum": 0.1}, ("Balige", "Toba", "Laguboti")),
    RegencyProfile("12.72", 0.07, {"10710": 0.40, "56102": 0.15, "47112": 0.15},
                   {"10710": "Roti Siantar"},
                   {"batak": 0.6, "umum": 0.4}, ("Siantar", "Pematang")),
    RegencyProfile("12.18", 0.06, {"10211": 0.35, "03111": 0.20, "47112": 0.10},
                   {"10211": "Ikan Asin Bedagai"},
                   {"batak": 0.3, "umum": 0.7}, ("Bedagai", "Sergai", "Perbaungan")),
    RegencyProfile("12.05", 0.07, {"10794": 0.25, "10211": 0.20, "47112": 0.15},
                   {"10794": "Keripik Langkat"},
                   {"batak": 0.3, "umum": 0.7}, ("Langkat", "Stabat", "Tanjung Pura")),
)  # fmt: skip

_BIAK = (
    RegencyProfile("91.06", 1.0, {"03111": 0.35, "10212": 0.25, "56102": 0.10},
                   {"03111": "Ikan Tuna Biak", "10212": "Ikan Asar Biak"},
                   {"papua": 0.8, "umum": 0.2}, ("Biak", "Numfor", "Padaido", "Bosnik"),
                   oap_share=0.8),
)  # fmt: skip

_BOGOR = (
    RegencyProfile("32.01", 1.0, {"10794": 0.25, "14111": 0.22, "15201": 0.15},
                   {"10794": "Keripik Bogor", "14111": "Konveksi Bogor", "15201": "Sepatu Ciomas"},
                   {"sunda": 0.7, "umum": 0.3}, ("Bogor", "Cibinong", "Puncak", "Ciawi")),
)  # fmt: skip

CENTRES: tuple[CentreProfile, ...] = (
    CentreProfile(
        code="PLUT-SUMUT",
        name="PLUT-KUMKM Provinsi Sumatera Utara",
        level="provinsi",
        region_code="12",
        city="medan",
        share=0.55,
        regencies=_SUMUT,
        outreach={"media_sosial": 0.30, "petugas_lapangan": 0.10, "acara": 0.12,
                  "rujukan_pemerintah": 0.10, "teman": 0.15, "datang_langsung": 0.15,
                  "situs_web": 0.08},
        field_officer_share=0.3,
        service_weights=_services(),
    ),
    CentreProfile(
        code="PLUT-BIAK",
        name="PLUT-KUMKM Kabupaten Biak Numfor",
        level="kabupaten_kota",
        region_code="91.06",
        city="biak",
        share=0.15,
        regencies=_BIAK,
        outreach={"media_sosial": 0.10, "petugas_lapangan": 0.38, "acara": 0.12,
                  "rujukan_pemerintah": 0.15, "teman": 0.12, "datang_langsung": 0.10,
                  "situs_web": 0.03},
        field_officer_share=0.5,
        service_weights=_services(pendampingan_oap=0.10, penyuluhan_lapangan=0.10,
                                  pemasaran_digital=0.04),
    ),
    CentreProfile(
        code="PLUT-BOGOR",
        name="PLUT-KUMKM Kabupaten Bogor",
        level="kabupaten_kota",
        region_code="32.01",
        city="bogor",
        share=0.30,
        regencies=_BOGOR,
        outreach={"media_sosial": 0.30, "petugas_lapangan": 0.12, "acara": 0.12,
                  "rujukan_pemerintah": 0.10, "teman": 0.16, "datang_langsung": 0.12,
                  "situs_web": 0.08},
        field_officer_share=0.3,
        service_weights=_services(pendampingan_milenial=0.05),
    ),
)  # fmt: skip
