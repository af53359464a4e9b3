"""KBLI 2020, the Indonesian standard industrial classification (Klasifikasi Baku
Lapangan Usaha Indonesia), read from ``reference/data/kbli2020.csv``.

The hierarchy: section letter ``A``–``U`` (level 1) → 2-digit division (level 2)
→ 3-digit group → 4-digit class → 5-digit sub-class (level 5, what OSS uses).
The CSV has the header ``code,level,section,title``; codes are text and keep
their leading zeros (``01111``). Every row is checked against the fixed
division → section map of KBLI 2020 when the file is loaded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "DATA_PATH",
    "KBLI_VERSION",
    "SECTION_DIVISIONS",
    "KbliCode",
    "get_kbli",
    "kbli_codes",
    "section_of",
]

KBLI_VERSION = "KBLI 2020 (Peraturan BPS No. 2 Tahun 2020)"
"""The edition of the classification the data file holds."""

DATA_PATH: Path = Path(__file__).parent / "data" / "kbli2020.csv"
"""The CSV the functions read; tests may point it at a fixture."""

SECTION_DIVISIONS: MappingProxyType[str, tuple[int, int]] = MappingProxyType(
    {
        "A": (1, 3),
        "B": (5, 9),
        "C": (10, 33),
        "D": (35, 35),
        "E": (36, 39),
        "F": (41, 43),
        "G": (45, 47),
        "H": (49, 53),
        "I": (55, 56),
        "J": (58, 63),
        "K": (64, 66),
        "L": (68, 68),
        "M": (69, 75),
        "N": (77, 82),
        "O": (84, 84),
        "P": (85, 85),
        "Q": (86, 88),
        "R": (90, 93),
        "S": (94, 96),
        "T": (97, 98),
        "U": (99, 99),
    }
)
"""Each section letter with its first and last 2-digit division (inclusive)."""


@dataclass(frozen=True)
class KbliCode:
    """One entry of KBLI 2020.

    Attributes:
        code: ``"G"`` for a section, else 2–5 digits with leading zeros kept.
        level: 1 (section) to 5 (sub-class).
        section: The section letter the code belongs to.
        title: The Indonesian title.
    """

    code: str
    level: int
    section: str
    title: str


def section_of(code: str) -> str | None:
    """The section letter of a KBLI code, from its first two digits.

    Args:
        code: A section letter or a code of 2–5 ASCII digits.

    Returns:
        The letter (``"47111"`` → ``"G"``), or ``None`` when the code is malformed
        or its division belongs to no section (e.g. ``"04"``).
    """
    if not isinstance(code, str):
        return None
    if len(code) == 1 and code in SECTION_DIVISIONS:
        return code
    if not (2 <= len(code) <= 5 and code.isascii() and code.isdigit()):
        return None
    division = int(code[:2])
    for letter, (first, last) in SECTION_DIVISIONS.items():
        if first <= division <= last:
            return letter
    return None


def _check_row(row: dict[str, str], line: int, path: Path) -> KbliCode:
    try:
        code = row["code"].strip()
        level = int(row["level"])
        section = row["section"].strip()
        title = row["title"].strip()
    except (KeyError, ValueError, AttributeError) as exc:
        raise ValueError(f"{path}:{line}: malformed KBLI row {row!r}") from exc
    expected_len = 1 if level == 1 else level
    if not 1 <= level <= 5 or len(code) != expected_len:
        raise ValueError(f"{path}:{line}: code {code!r} does not fit level {level}")
    if section_of(code) != section or not title:
        raise ValueError(f"{path}:{line}: code {code!r} is not in section {section!r}")
    return KbliCode(code=code, level=level, section=section, title=title)


@lru_cache(maxsize=4)
def _load(path: Path) -> MappingProxyType[str, KbliCode]:
    table: dict[str, KbliCode] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or list(reader.fieldnames)[:4] != [
            "code",
            "level",
            "section",
            "title",
        ]:
            raise ValueError(f"{path}: header must be code,level,section,title")
        for line, row in enumerate(reader, start=2):
            entry = _check_row(row, line, path)
            if entry.code in table:
                raise ValueError(f"{path}:{line}: duplicate code {entry.code!r}")
            table[entry.code] = entry
    return MappingProxyType(table)


def _table() -> MappingProxyType[str, KbliCode]:
    return _load(DATA_PATH if isinstance(DATA_PATH, Path) else Path(DATA_PATH))


def get_kbli(code: str) -> KbliCode | None:
    """Look up a KBLI 2020 code.

    Args:
        code: A section letter (``"G"``) or a 2–5 digit code (``"47111"``).

    Returns:
        The entry, or ``None`` when the code is not in KBLI 2020.

    Raises:
        FileNotFoundError: The data file is missing.
        ValueError: The data file is malformed (the message names the line).
    """
    if not isinstance(code, str) or len(code) > 5:
        return None
    return _table().get(code)


def kbli_codes(level: int | None = None) -> list[KbliCode]:
    """All KBLI 2020 entries, or those of one level, in file order.

    Args:
        level: 1 (sections) … 5 (sub-classes); ``None`` for every level.

    Returns:
        The entries.
    """
    entries = _table().values()
    return [e for e in entries if level is None or e.level == level]
