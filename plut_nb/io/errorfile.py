"""The error file: every rejected row, as it was, with the column and the reason.

It is written beside the input, ``<name>.galat.csv`` (or ``.galat.xlsx`` for
a workbook): the file's own header, then per rejected row its original cells,
``baris_asal`` (the row number in the input), ``kolom_bermasalah`` (the
columns at fault, as headed in the input) and ``alasan`` (the reasons, in the
configured language). A data steward corrects the rows in this file and
imports it again: the three extra columns are recognised and ignored.

While an import runs the rows go to a CSV file flushed after every chunk; when
a killed import resumes, the file is cut back to the rows of the chunks that
were committed (:meth:`ErrorFile.open`), so no row is reported twice.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from plut_nb.io.columns import ERROR_COLUMNS

__all__ = ["ErrorFile", "error_path"]


def error_path(source: Path, fmt: str = "csv") -> Path:
    """Where the error file of ``source`` goes: beside it, ``<stem>.galat.<fmt>``."""
    return source.with_name(f"{source.stem}.galat.{fmt}")


class ErrorFile:
    """Appends rejected rows; converts to a workbook at the end when the input was one."""

    def __init__(self, path: Path, header: Sequence[str], delimiter: str, fh: IO[str], count: int):
        self.path = path
        self.header = list(header)
        self._fh = fh
        self._writer = csv.writer(fh, delimiter=delimiter)
        self.count = count

    @classmethod
    def open(
        cls, source: Path, header: Sequence[str], delimiter: str, *, keep: int = 0
    ) -> ErrorFile:
        """Start the error file of ``source``, keeping its first ``keep`` rows (a resumed import).

        Args:
            source: The input file.
            header: The input's header cells.
            delimiter: The input's delimiter (CSV error files use the same).
            keep: Rows already reported by the committed part of an earlier run.
        """
        path = error_path(source)
        error_path(source, "xlsx").unlink(missing_ok=True)  # a finished run's report is stale now
        kept: list[list[str]] = []
        if keep and path.is_file():
            with path.open(newline="", encoding="utf-8-sig") as old:
                reader = csv.reader(old, delimiter=delimiter)
                next(reader, None)
                for row in reader:
                    if len(kept) == keep:
                        break
                    kept.append(row)
        fh = path.open("w", newline="", encoding="utf-8-sig")
        out = cls(path, header, delimiter, fh, 0)
        out._writer.writerow([*header, *ERROR_COLUMNS])
        for row in kept:
            out._writer.writerow(row)
        out.count = len(kept)
        return out

    def add(self, line: int, cells: Sequence[str], columns: Sequence[str], reasons: Sequence[str]):
        """Write one rejected row."""
        width = len(self.header)
        row = list(cells[:width]) + [""] * (width - len(cells))
        self._writer.writerow([*row, line, ", ".join(columns), " ".join(reasons)])
        self.count += 1

    def flush(self) -> None:
        """Push written rows to disk (called before each chunk is committed)."""
        self._fh.flush()

    def finish(self, fmt: str) -> Path | None:
        """Close; drop the file when nothing was rejected; convert to ``.xlsx`` when asked.

        Returns:
            The error file, or ``None`` when every row was accepted.
        """
        self._fh.close()
        if self.count == 0:
            self.path.unlink(missing_ok=True)
            return None
        if fmt != "xlsx":
            return self.path
        return _to_workbook(self.path, self._writer.dialect.delimiter)


def _to_workbook(path: Path, delimiter: str) -> Path:
    from openpyxl import Workbook

    target = path.with_suffix(".xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Galat")
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for row in csv.reader(fh, delimiter=delimiter):
            ws.append(row)  # every cell as text: a NIK keeps its 16 digits
    wb.save(target)
    path.unlink()
    return target
