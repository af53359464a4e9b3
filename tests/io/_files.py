"""Helpers for the import tests: write CSV files and read error files back."""

from __future__ import annotations

import csv
from pathlib import Path


def nik(i: int, *, woman: bool = False) -> str:
    """A valid NIK of Medan Kota (12.71.01) born 1 Jan 1980, serial ``i + 1``."""
    return f"127101{41 if woman else 1:02d}0180{i + 1:04d}"


def write_csv(
    path: Path, rows: list[list[str]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    """Write ``rows`` (header first) as CSV."""
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def read_errors(path: Path, delimiter: str = ",") -> dict[int, dict[str, str]]:
    """Error file rows by original row number (``baris_asal``)."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return {int(r["baris_asal"]): r for r in csv.DictReader(fh, delimiter=delimiter)}
