"""Indonesian names for the demo: people by gender and regional flavour, businesses.

Flavours: ``umum`` (Malay/Javanese names common across Indonesia), ``batak``
(given name + marga, Sumatera Utara), ``sunda`` (West Java) and ``papua``
(Christian given names + Biak clan names). The caller draws the random indices,
so the functions here are pure and deterministic.
"""

from __future__ import annotations

__all__ = [
    "FLAVOURS",
    "GIVEN_NAMES",
    "POSITIVE_WORDS",
    "SECOND_NAMES",
    "business_name",
    "person_name",
]

FLAVOURS = ("umum", "batak", "sunda", "papua")

#: Given names by flavour and gender (``L`` men, ``P`` women).
GIVEN_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "umum": {
        "L": ("Budi", "Agus", "Joko", "Rudi", "Hendra", "Andi", "Dedi", "Eko", "Rizky", "Fajar",
              "Ahmad", "Muhammad", "Imam", "Slamet", "Bambang", "Teguh", "Dimas", "Arief",
              "Irfan", "Hasan", "Yusuf", "Wahyu", "Rahmat", "Hadi", "Syahrul", "Zulkifli"),
        "P": ("Siti", "Sri", "Dewi", "Rina", "Nur", "Wati", "Fitri", "Yuni", "Ayu", "Indah",
              "Ratna", "Putri", "Nurul", "Anisa", "Dian", "Ika", "Lina", "Eka", "Wulan",
              "Rahmawati", "Nurhayati", "Sari", "Mega", "Rini", "Nadia", "Syafitri"),
    },
    "batak": {
        "L": ("Parlindungan", "Tigor", "Horas", "Maruli", "Poltak", "Binsar", "Togar", "Hotman",
              "Sahat", "Marihot", "Jonner", "Bonar", "Lamhot", "Daniel", "Samuel", "Robert",
              "Frans", "Hisar", "Bangun", "Tumpal"),
        "P": ("Romauli", "Tiurma", "Rosmawati", "Lasma", "Dameria", "Sondang", "Rotua",
              "Hotmauli", "Ruth", "Lenny", "Friska", "Ester", "Martha", "Tiominar", "Nurmala",
              "Sinta", "Risma", "Debora", "Maria", "Yohana"),
    },
    "sunda": {
        "L": ("Asep", "Ujang", "Dadang", "Cecep", "Dede", "Yayan", "Wawan", "Iwan", "Endang",
              "Ade", "Acep", "Deden", "Jajang", "Ruhiyat", "Engkos", "Ayi", "Agus", "Dudi"),
        "P": ("Euis", "Neneng", "Iis", "Entin", "Imas", "Yeni", "Nining", "Ai", "Cucu", "Rina",
              "Popon", "Eneng", "Tati", "Lilis", "Nunung", "Elis", "Enok", "Wida"),
    },
    "papua": {
        "L": ("Yohanes", "Markus", "Yusuf", "Daniel", "Otniel", "Benyamin", "Yakobus", "Petrus",
              "Frans", "Nikolaus", "Melkias", "Yulianus", "Kornelis", "Obed", "Septinus",
              "Ruben", "Yafet", "Hendrik", "Marthen", "Zakeus"),
        "P": ("Maria", "Yuliana", "Agustina", "Ribka", "Yohana", "Mariana", "Ester", "Debora",
              "Naomi", "Sara", "Fransina", "Lea", "Martha", "Elisabeth", "Yosina", "Adolfina",
              "Orpa", "Selfina", "Dorkas", "Priskila"),
    },
}  # fmt: skip

#: Family names (marga, clan) or second names, by flavour and gender.
SECOND_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "umum": {
        "L": ("Santoso", "Saputra", "Setiawan", "Pratama", "Hidayat", "Wijaya", "Kurniawan",
              "Prasetyo", "Nugroho", "Lubis", "Syahputra", "Ramadhan", "Firmansyah", "Hakim"),
        "P": ("Lestari", "Wulandari", "Rahayu", "Handayani", "Sari", "Kusuma", "Anggraini",
              "Puspita", "Maharani", "Susanti", "Ningsih", "Fitriani", "Amelia", "Safitri"),
    },
    "batak": {
        g: ("Siregar", "Simanjuntak", "Nasution", "Harahap", "Lubis", "Sitompul", "Hutapea",
            "Simatupang", "Sinaga", "Situmorang", "Pardede", "Sihombing", "Panjaitan",
            "Manurung", "Tambunan", "Hutagalung", "Silalahi", "Sembiring", "Ginting", "Tarigan",
            "Purba", "Saragih", "Damanik", "Gultom", "Napitupulu", "Simbolon", "Sitorus",
            "Pasaribu", "Aritonang", "Butarbutar", "Lumbantobing", "Marpaung")
        for g in ("L", "P")
    },
    "sunda": {
        "L": ("Saepudin", "Sutisna", "Suryana", "Hidayat", "Mulyana", "Permana", "Sopyan",
              "Kurnia", "Gunawan", "Ruslan", "Supriatna", "Rahmat"),
        "P": ("Nurhasanah", "Kartika", "Rosita", "Komalasari", "Suryani", "Nurjanah", "Rohmah",
              "Sumiati", "Kurniasih", "Maryani", "Sulastri", "Rostika"),
    },
    "papua": {
        g: ("Rumbiak", "Mansoben", "Rumaropen", "Kapisa", "Wompere", "Rumbewas", "Mandowen",
            "Rumansara", "Korwa", "Ap", "Wakum", "Rumbrawer", "Krey", "Sawaki", "Msen",
            "Mambor", "Warikar", "Awom", "Rumkorem", "Inggamer", "Yarangga", "Mandibondibo",
            "Rumainum", "Kafiar", "Sroyer", "Wambrauw")
        for g in ("L", "P")
    },
}  # fmt: skip

#: Hopeful words Indonesian business names are built from.
POSITIVE_WORDS = (
    "Berkah", "Jaya", "Makmur", "Sejahtera", "Sentosa", "Maju", "Abadi", "Mandiri", "Lestari",
    "Barokah", "Rezeki", "Bersama", "Sukses", "Mulia", "Indah", "Sehati", "Harapan", "Karya",
    "Anugerah", "Sumber", "Utama", "Nusantara", "Cahaya", "Amanah",
)  # fmt: skip

_HONORIFIC = {
    ("umum", "L"): "Pak", ("umum", "P"): "Bu",
    ("batak", "L"): "Amang", ("batak", "P"): "Inang",
    ("sunda", "L"): "Mang", ("sunda", "P"): "Ceu",
    ("papua", "L"): "Bapa", ("papua", "P"): "Mama",
}  # fmt: skip


def person_name(flavour: str, gender: str, i: int, j: int, two_part: bool) -> str:
    """A person's name.

    Args:
        flavour: One of :data:`FLAVOURS`.
        gender: ``"L"`` or ``"P"``.
        i: Random index into the given names (taken modulo their number).
        j: Random index into the second names.
        two_part: Add a second name (always for ``batak`` and ``papua``, who carry
            a marga or clan name).

    Returns:
        e.g. ``"Romauli Situmorang"``, ``"Asep Saepudin"``, ``"Siti"``.
    """
    given = GIVEN_NAMES[flavour][gender]
    first = given[i % len(given)]
    if two_part or flavour in ("batak", "papua"):
        second = SECOND_NAMES[flavour][gender]
        return f"{first} {second[j % len(second)]}"
    return first


def business_name(
    pattern: int,
    legal_form: str,
    product: str,
    place: str,
    owner_given: str,
    flavour: str,
    gender: str,
    k1: int,
    k2: int,
) -> str:
    """An Indonesian business name.

    Args:
        pattern: Which pattern for a sole proprietorship (modulo 4): product + place
            + hopeful word ("Kopi Lintong Sejahtera"), product + honorific + owner
            ("Keripik Singkong Bu Rina"), "UD" + two hopeful words ("UD Berkah
            Jaya"), product + hopeful word ("Roti Mulia").
        legal_form: CV and PT forms get "CV …" / "PT … " names.
        product: Product word of the enterprise's KBLI.
        place: Place word of its regency.
        owner_given: The owner's first given name.
        flavour: Owner's name flavour (chooses the honorific).
        gender: Owner's gender (chooses the honorific).
        k1: Random index of the first hopeful word.
        k2: Random index of the second hopeful word.

    Returns:
        The name.
    """
    w1 = POSITIVE_WORDS[k1 % len(POSITIVE_WORDS)]
    w2 = POSITIVE_WORDS[k2 % len(POSITIVE_WORDS)]
    if w2 == w1:
        w2 = POSITIVE_WORDS[(k2 + 1) % len(POSITIVE_WORDS)]
    if legal_form == "cv":
        return f"CV {w1} {w2}"
    if legal_form in ("pt", "pt_perorangan"):
        return f"PT {product} {place} {w1}"
    p = pattern % 4
    if p == 0:
        return f"{product} {place} {w1}"
    if p == 1:
        return f"{product} {_HONORIFIC[(flavour, gender)]} {owner_given}"
    if p == 2:
        return f"UD {w1} {w2}"
    return f"{product} {w1}"
