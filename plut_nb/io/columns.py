"""Column layouts of the import files and how a file's header row is recognised.

Each kind of import (enterprises, people, indicators, cases) has a layout: the
fields it reads, which are required, and the headers accepted for each —
Indonesian first (``Nama Usaha``, ``Kode Desa``, ``Omzet``), the field names
themselves as the English/technical form. Matching ignores case, spaces and
punctuation; column order is free. Headers that match nothing are reported as
extra columns and otherwise ignored.

Spreadsheets often carry a title row, or a group row above the headers whose
cells were merged across several columns (``Pemilik`` over ``Nama | NIK |
No. HP``). :func:`find_header` therefore looks at the first rows, fills each
group cell forward over the merged span, and tries ``"<group> <header>"`` before
the header alone, so ``Pemilik / Nama`` is the owner's name while ``Usaha /
Nama`` is the enterprise's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from plut_nb.errors import ValidationError
from plut_nb.io.values import header_key

__all__ = ["HEADER_SCAN_ROWS", "Column", "HeaderMatch", "Layout", "find_header"]

#: How many rows from the top may hold titles and group rows above the header.
HEADER_SCAN_ROWS = 12

#: Columns that are never data: the error file's own columns and row numbers.
ERROR_COLUMNS = ("baris_asal", "kolom_bermasalah", "alasan")
_IGNORED = frozenset({*ERROR_COLUMNS, "no", "nomor", "no_urut", "nomor_urut"})


@dataclass(frozen=True)
class Column:
    """One field of a layout and the headers that name it.

    Attributes:
        field: The field name (an :class:`~plut_nb.services.IntakeForm` field
            where there is one).
        headers: Accepted headers; the first is the one templates write.
        required: The file must have this column.
    """

    field: str
    headers: tuple[str, ...]
    required: bool = False

    @property
    def title(self) -> str:
        """The header templates and error files write."""
        return self.headers[0]


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of import."""

    kind: str
    columns: tuple[Column, ...]
    aliases: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        aliases: dict[str, str] = {}
        for col in self.columns:
            for name in (*col.headers, col.field):
                aliases.setdefault(header_key(name), col.field)
        object.__setattr__(self, "aliases", aliases)

    def column(self, name: str) -> Column:
        """The column of field ``name``."""
        return next(c for c in self.columns if c.field == name)

    def field_for(self, text: str) -> str | None:
        """The field a header names, or ``None``."""
        return self.aliases.get(header_key(text))


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header is and what each column holds.

    Attributes:
        row_index: Index (0-based) of the header among the rows scanned.
        headers: The header cells as written (group prefix included when used).
        fields: Column index → field.
        extra: Headers that matched no field (reported, ignored).
    """

    row_index: int
    headers: list[str]
    fields: dict[int, str]
    extra: list[str]


def _fill_forward(row: Sequence[str]) -> list[str]:
    out, last = [], ""
    for cell in row:
        last = cell.strip() or last
        out.append(last)
    return out


def _match_row(
    layout: Layout, row: Sequence[str], above: Sequence[str] | None
) -> tuple[list[str], dict[int, str], list[str]]:
    groups = _fill_forward(above) if above is not None else []
    headers: list[str] = []
    fields: dict[int, str] = {}
    extra: list[str] = []
    for i, cell in enumerate(row):
        text = cell.strip()
        group = groups[i] if i < len(groups) else ""
        if not text and above is not None and i < len(above) and above[i].strip():
            text, group = above[i].strip(), ""  # merged down over two header rows
        found, shown = None, text
        if text and group and header_key(group) != header_key(text):
            for combined in (f"{text} {group}", f"{group} {text}"):
                found = layout.field_for(combined)
                if found:
                    shown = f"{group} / {text}"
                    break
        if found is None and text:
            found = layout.field_for(text)
        headers.append(shown)
        if found is None or found in fields.values():
            if text and header_key(text) not in _IGNORED:
                extra.append(text)
            continue
        fields[i] = found
    return headers, fields, extra


def find_header(layout: Layout, rows: Sequence[Sequence[str]]) -> HeaderMatch:
    """Find the header among the first rows: the one naming the most known fields.

    Args:
        layout: The import's layout.
        rows: The first rows of the file (at most :data:`HEADER_SCAN_ROWS`), as text.

    Returns:
        The header match.

    Raises:
        ValidationError: ``import.no_header`` when no row names two known
            columns; ``import.missing_columns`` when required columns are absent.
    """
    best: HeaderMatch | None = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        above = rows[i - 1] if i > 0 else None
        headers, fields, extra = _match_row(layout, row, above)
        if best is None or len(fields) > len(best.fields):
            best = HeaderMatch(i, headers, fields, extra)
    if best is None or len(best.fields) < 2:
        expected = ", ".join(c.title for c in layout.columns if c.required)
        raise ValidationError.single("file", "import.no_header", expected=expected)
    missing = [
        c.title for c in layout.columns if c.required and c.field not in best.fields.values()
    ]
    if missing:
        raise ValidationError.single("file", "import.missing_columns", columns=", ".join(missing))
    return best


def _c(name: str, *headers: str, required: bool = False) -> Column:
    return Column(name, headers, required)


_OWNER = (
    _c("nik", "NIK", "NIK Pemilik", "Nomor Induk Kependudukan", "No KTP"),
    _c("phone", "No HP", "Nomor HP", "HP", "Telepon", "No Telepon", "Nomor Telepon", "WhatsApp"),
    _c("email", "Email", "E-mail", "Surel"),
    _c("education", "Pendidikan", "Pendidikan Terakhir"),
    _c("disability", "Disabilitas", "Penyandang Disabilitas"),
    _c("orang_asli_papua", "Orang Asli Papua", "OAP"),
)
_FIGURES = (
    _c("capital", "Modal", "Modal Usaha"),
    _c("sales", "Omzet", "Omzet Tahunan", "Omset", "Penjualan Tahunan"),
    _c("employees", "Tenaga Kerja", "Jumlah Tenaga Kerja", "Karyawan"),
    _c("employees_women", "Tenaga Kerja Perempuan", "Karyawan Perempuan"),
    _c("market_local", "Pasar Lokal"),
    _c("market_regional", "Pasar Regional"),
    _c("market_national", "Pasar Nasional"),
    _c("market_export", "Pasar Ekspor"),
    _c("online_channels", "Kanal Daring", "Penjualan Daring", "Penjualan Online"),
)
_ENTERPRISE_REF = (
    _c("nib", "NIB", "NIB Usaha"),
    _c("source_key", "Kode Sumber", "Kode Sumber Usaha", "ID Sumber"),
    _c("enterprise_id", "ID Usaha"),
)

ENTERPRISES = Layout(
    "enterprises",
    (
        _c("source_key", "Kode Sumber", "ID Sumber"),
        _c("enterprise_name", "Nama Usaha", "Nama UMKM", "Usaha Nama", "Nama", required=True),
        _c("nib", "NIB", "Nomor Induk Berusaha"),
        _c("legal_form", "Bentuk Usaha", "Badan Usaha", "Bentuk Badan Usaha"),
        _c("kbli", "KBLI", "Kode KBLI", "KBLI 2020"),
        _c("products", "Produk", "Produk Utama"),
        _c("street_address", "Alamat", "Alamat Usaha", "Jalan"),
        _c("village_code", "Kode Desa", "Kode Kelurahan", "Kode Desa/Kelurahan", required=True),
        _c("founding_year", "Tahun Berdiri", "Tahun Mulai Usaha"),
        _c("outreach_channel", "Sumber Informasi", "Tahu PLUT Dari", "Kanal Penjangkauan"),
        _c("registered_on", "Tanggal Daftar", "Tanggal Registrasi", "Tgl Daftar"),
        _c("owner_name", "Nama Pemilik", "Pemilik", "Pemilik Nama", required=True),
        *_OWNER,
        *_FIGURES,
    ),
)

PEOPLE = Layout(
    "people",
    (
        _c("owner_name", "Nama", "Nama Lengkap", "Nama Pemilik", required=True),
        *_OWNER,
        _c("birth_date", "Tanggal Lahir", "Tgl Lahir"),
        _c("gender", "Jenis Kelamin", "JK", "L/P"),
        _c("nib", "NIB Usaha", "NIB"),
        _c("source_key", "Kode Sumber Usaha", "Kode Sumber"),
        _c("role", "Peran"),
    ),
)

INDICATORS = Layout(
    "indicators",
    (
        *_ENTERPRISE_REF,
        _c("taken_on", "Tanggal", "Tanggal Data", "Per Tanggal", required=True),
        _c("kind", "Jenis Data", "Jenis"),
        *_FIGURES,
    ),
)

CASES = Layout(
    "cases",
    (
        *_ENTERPRISE_REF,
        _c("case_number", "Nomor Kasus"),
        _c("service_code", "Layanan", "Kode Layanan", "Jenis Layanan", required=True),
        _c("opened_on", "Tanggal Buka", "Tanggal Masuk", "Tanggal", required=True),
        _c("channel", "Kanal", "Sumber Informasi"),
        _c("description", "Uraian", "Deskripsi", "Keterangan"),
        _c("priority", "Prioritas"),
        _c("status", "Status"),
        _c("assigned_to", "Petugas", "Username Petugas"),
        _c("closed_on", "Tanggal Selesai"),
        _c("resolution", "Hasil", "Resolusi"),
    ),
)

LAYOUTS: dict[str, Layout] = {lay.kind: lay for lay in (ENTERPRISES, PEOPLE, INDICATORS, CASES)}
"""Layout of each kind of import."""
