"""Cell values as spreadsheets hold them: text, dates, yes/no, code lists.

Readers hand every cell over as text (:func:`cell_text`), so one row looks the
same whether it came from a CSV file or an Excel sheet. Amounts and counts are
parsed later by the intake's own parsers; this module reads what the intake
form never sees typed: dates in the forms Indonesian spreadsheets use, yes/no
columns, and codes written as their labels (``"Media sosial"`` for
``media_sosial``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cache

from plut_nb.errors import ValidationError
from plut_nb.i18n import t
from plut_nb.reference.codes import (
    EDUCATION_LEVELS,
    LEGAL_FORMS,
    ONLINE_CHANNELS,
    OUTREACH_CHANNELS,
)
from plut_nb.rules._common import fail, shown

__all__ = [
    "CODE_LISTS",
    "code_from_text",
    "codes_from_text",
    "header_key",
    "parse_date",
    "parse_yes_no",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)
_YES = frozenset({"ya", "y", "yes", "1", "true", "benar", "x", "v", "✓", "✔"})
_NO = frozenset({"tidak", "tdk", "t", "no", "n", "0", "false", "salah", "-"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """A header or label reduced for matching: lower case, words joined by ``_``.

    ``"Nama Usaha"``, ``"nama_usaha"`` and ``" NAMA-USAHA "`` all become ``nama_usaha``.
    """
    return _NON_WORD.sub("_", text.casefold()).strip("_")


def parse_date(text: str, field: str) -> date | None:
    """A date as spreadsheets write it; blank is ``None``.

    Accepted: ``2024-03-05`` (ISO, also with a time), ``05/03/2024``,
    ``5-3-2024``, ``05.03.2024`` and ``05/03/24`` (day first, as in Indonesia),
    ``5 Maret 2024`` / ``5 Mar 2024`` (Indonesian or English month names), and
    an Excel serial day number (``45356``).

    Raises:
        ValidationError: ``import.date`` — not one of these forms or no such day.
    """
    raw = text.strip()
    if not raw:
        return None
    try:
        if m := _ISO.fullmatch(raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.fullmatch(raw):
            year = int(m[3])
            if len(m[3]) == 2:  # 24 → 2024, 85 → 1985 (a century window on today)
                pivot = date.today().year % 100
                year += 2000 if year <= pivot else 1900
            return date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.fullmatch(raw)) and m[2].casefold() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
        if _SERIAL.fullmatch(raw):
            return _EXCEL_EPOCH + timedelta(days=int(float(raw)))
    except ValueError:
        pass  # 31/02/2024: the right form, but no such day
    raise fail(field, "import.date", value=shown(raw))


def parse_yes_no(text: str, field: str) -> bool | None:
    """``ya``/``tidak`` (also y/t, 1/0, yes/no, x, ✓); blank is ``None``.

    Raises:
        ValidationError: ``import.yes_no``.
    """
    raw = text.strip().casefold()
    if not raw:
        return None
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise fail(field, "import.yes_no", value=shown(text.strip()))


@cache
def _labels(list_name: str) -> Mapping[str, str]:
    """Label or code (reduced by :func:`header_key`) → code, in both languages."""
    out: dict[str, str] = {}
    if list_name == "outreach_channel":
        for code, names in OUTREACH_CHANNELS.items():
            for label in (code, *names):
                out[header_key(label)] = code
        return out
    prefix, codes = _PREFIXED[list_name]
    for code in codes:
        out[header_key(code)] = code
        for lang in ("id", "en"):
            out.setdefault(header_key(t(f"{prefix}.{code}", lang)), code)
    return out


_PREFIXED: dict[str, tuple[str, Iterable[str]]] = {
    "legal_form": ("ui.intake.legal", LEGAL_FORMS),
    "education": ("ui.intake.edu", EDUCATION_LEVELS),
    "online_channels": ("ui.intake.online", ONLINE_CHANNELS),
    "priority": ("ui.intake.priority", ("rendah", "normal", "tinggi", "mendesak")),
}

#: Fields whose values are codes of a list, accepted as code or label.
CODE_LISTS = ("legal_form", "outreach_channel", "education", "online_channels", "priority")


def code_from_text(text: str, list_name: str) -> str:
    """The code for ``text`` (a code or its label, any case); unknown text is returned as is.

    Returning unknown text unchanged lets the intake's own check report it
    (``code.unknown``), with the same message as the form.
    """
    raw = text.strip()
    return _labels(list_name).get(header_key(raw), raw) if raw else ""


def codes_from_text(text: str, list_name: str) -> list[str]:
    """Several codes separated by commas, semicolons or slashes (e.g. online channels).

    Raises:
        ValidationError: ``code.unknown`` naming the first unknown entry.
    """
    out: list[str] = []
    for part in re.split(r"[,;/]", text):
        if not part.strip():
            continue
        code = _labels(list_name).get(header_key(part))
        if code is None:
            raise fail(list_name, "code.unknown", value=shown(part.strip()))
        if code not in out:
            out.append(code)
    return out


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: numbers without a spurious ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def ensure_valid(errors: list[ValidationError]) -> None:
    """Raise one :class:`ValidationError` joining ``errors`` (nothing when empty)."""
    if errors:
        raise ValidationError([e for exc in errors for e in exc.errors])
