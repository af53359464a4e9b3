"""Reading import files row by row, whatever their type, with bounded memory.

Readers are registered by file suffix (``.csv``/``.txt``/``.tsv`` and
``.xlsx``/``.xlsm``) behind one base class, as papermill registers its engines;
:func:`open_table` picks one. Every reader yields :class:`SourceRow` objects —
the row number a person sees in the file, the cells as text — and reports how
far it has read, for a progress bar.

CSV files are read as bytes and decoded line by line, so one line saved in the
wrong encoding (a ``é`` from Windows-1252 in a UTF-8 file) marks that row, not
the whole file; a UTF-8 or UTF-16 byte-order mark is honoured; the delimiter
(comma, semicolon — Excel's choice with Indonesian settings — tab or bar) is
sniffed from the first lines. Excel workbooks are streamed with openpyxl's
read-only mode.
"""

from __future__ import annotations

import codecs
import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar

from plut_nb.errors import ValidationError
from plut_nb.io.values import cell_text

__all__ = ["CsvReader", "SourceRow", "TableReader", "XlsxReader", "open_table", "register_reader"]


@dataclass(frozen=True)
class SourceRow:
    """One row of an import file.

    Attributes:
        line: Row number as shown by a spreadsheet or text editor (1 = first).
        cells: The cells as text.
        bad_encoding: Some bytes of the row are not in the file's encoding
            (they were replaced by ``�`` in ``cells``).
        numeric: Indexes of cells that were numbers in the workbook (a NIK
            stored as a number has lost its last digit).
    """

    line: int
    cells: list[str]
    bad_encoding: bool = False
    numeric: frozenset[int] = field(default_factory=frozenset)

    @property
    def blank(self) -> bool:
        """Every cell is empty or whitespace."""
        return not any(c.strip() for c in self.cells)


class TableReader(ABC):
    """Base class of the readers: iterate :meth:`rows`, then :meth:`close`."""

    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Error files of this input are written in this format (``csv`` or ``xlsx``).
    error_format: ClassVar[str] = "csv"

    def __init__(self, path: Path, *, encoding: str = "utf-8", sheet: str | None = None):
        self.path = Path(path)
        self.encoding = encoding
        self.sheet = sheet
        self.delimiter = ","

    @abstractmethod
    def rows(self) -> Iterator[SourceRow]:
        """Every row of the file from the top, header rows included."""

    @property
    @abstractmethod
    def position(self) -> int:
        """How far reading has got, in the unit of :attr:`total`."""

    @property
    @abstractmethod
    def total(self) -> int | None:
        """Size of the file in the unit of :attr:`position` (``None``: unknown)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the file."""

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_READERS: dict[str, type[TableReader]] = {}


def register_reader(cls: type[TableReader]) -> type[TableReader]:
    """Register a reader class for its :attr:`~TableReader.suffixes` (usable as a decorator)."""
    for suffix in cls.suffixes:
        _READERS[suffix] = cls
    return cls


def open_table(path: Path, *, encoding: str = "utf-8", sheet: str | None = None) -> TableReader:
    """The reader registered for ``path``'s suffix.

    Raises:
        ValidationError: ``import.file_type`` (unknown suffix) or ``import.no_file``.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationError.single("file", "import.no_file", path=str(path))
    cls = _READERS.get(path.suffix.casefold())
    if cls is None:
        known = ", ".join(sorted(_READERS))
        raise ValidationError.single("file", "import.file_type", suffix=path.suffix, known=known)
    return cls(path, encoding=encoding, sheet=sheet)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 64 * 1024


@register_reader
class CsvReader(TableReader):
    """Delimited text: CSV (comma or semicolon), TSV; decoded line by line."""

    suffixes = (".csv", ".txt", ".tsv")

    def __init__(self, path: Path, *, encoding: str = "utf-8", sheet: str | None = None):
        super().__init__(path, encoding=encoding, sheet=sheet)
        self._fh: IO[bytes] = self.path.open("rb")
        self._size = self.path.stat().st_size
        self._read = 0
        head = self._fh.read(_SNIFF_BYTES)
        self._skip = 0
        for bom, name in _BOMS:
            if head.startswith(bom):
                self.encoding, self._skip = name, len(bom) if name == "utf-8" else 0
                break
        sample = head[self._skip :].decode(
            "utf-16" if self.encoding == "utf-16" else self.encoding, errors="replace"
        )
        self.delimiter = _sniff(sample, tsv=self.path.suffix.casefold() == ".tsv")
        self._fh.seek(self._skip)

    def _lines(self, bad: set[int]) -> Iterator[str]:
        if self.encoding == "utf-16":  # no line-by-line decoding: read as text
            text = io.TextIOWrapper(self._fh, encoding="utf-16", newline="")
            for line in text:
                self._read = min(self._size, self._read + 2 * len(line))
                yield line
            return
        decoder_name = self.encoding
        for number, raw in enumerate(self._fh, start=1):
            self._read += len(raw)
            try:
                yield raw.decode(decoder_name)
            except UnicodeDecodeError:
                bad.add(number)
                yield raw.decode(decoder_name, errors="replace")

    def rows(self) -> Iterator[SourceRow]:
        """Records of the file; a record spans several lines when a quoted cell holds newlines."""
        bad: set[int] = set()
        reader = csv.reader(self._lines(bad), delimiter=self.delimiter)
        done = 0  # physical lines consumed by earlier records
        for cells in reader:
            first, last = done + 1, reader.line_num
            done = last
            flagged = bool(bad) and any(n in bad for n in range(first, last + 1))
            if flagged:
                bad.difference_update(range(first, last + 1))
            yield SourceRow(first, cells, flagged)

    @property
    def position(self) -> int:
        """Bytes read."""
        return self._read

    @property
    def total(self) -> int:
        """File size in bytes."""
        return self._size

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


def _sniff(sample: str, *, tsv: bool) -> str:
    if tsv:
        return "\t"
    lines = [ln for ln in sample.splitlines() if ln.strip()][:20]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","


@register_reader
class XlsxReader(TableReader):
    """Excel workbooks (.xlsx, .xlsm), streamed in read-only mode.

    The sheet is ``sheet`` when given, otherwise ``Isian`` (the field sheet's
    data sheet) when present, otherwise the first sheet.
    """

    suffixes = (".xlsx", ".xlsm")
    error_format = "xlsx"

    def __init__(self, path: Path, *, encoding: str = "utf-8", sheet: str | None = None):
        super().__init__(path, encoding=encoding, sheet=sheet)
        from openpyxl import load_workbook

        try:
            self._wb: Any = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # zipfile/openpyxl raise many kinds for a broken file
            raise ValidationError.single(
                "file", "import.bad_workbook", path=self.path.name, error=type(exc).__name__
            ) from exc
        names = list(self._wb.sheetnames)
        if sheet is not None and sheet not in names:
            self._wb.close()
            raise ValidationError.single(
                "file", "import.no_sheet", sheet=sheet, sheets=", ".join(names)
            )
        self.sheet = sheet or ("Isian" if "Isian" in names else names[0])
        self._ws = self._wb[self.sheet]
        self._row = 0

    def rows(self) -> Iterator[SourceRow]:
        """Rows from row 1, cells converted by :func:`~plut_nb.io.values.cell_text`."""
        for number, values in enumerate(self._ws.iter_rows(min_row=1, values_only=True), start=1):
            self._row = number
            numeric = frozenset(
                i
                for i, v in enumerate(values)
                if isinstance(v, int | float) and not isinstance(v, bool)
            )
            yield SourceRow(number, [cell_text(v) for v in values], False, numeric)

    @property
    def position(self) -> int:
        """Rows read."""
        return self._row

    @property
    def total(self) -> int | None:
        """Rows in the sheet, when the workbook records its dimensions."""
        return self._ws.max_row if isinstance(self._ws.max_row, int) else None

    def close(self) -> None:
        """Close the workbook."""
        self._wb.close()
