"""Keeping NIKs and phone numbers out of logs (UU 27/2022).

The services never log personal data and the engines hide statement
parameters (:mod:`plut_nb.db.engine`), but a log line may still quote an
exception that carries user input. :func:`install_log_redaction` makes every
log record of the process pass through :func:`redact` — message, arguments and
formatted traceback — so a NIK or phone number that slips into one is masked
the way the apps show it (``3201********0001``, ``+62812****7890``).

:func:`scrub_snapshot` removes personal identifiers from a batch's copy of the
database (``snapshot.sqlite``, kept with the batch outputs): owners' NIK,
phone, e-mail and name, and staff password hashes. The evaluation needs none
of them (gender, birth date, disability and Orang Asli Papua status stay).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from typing import Any

from plut_nb.rules.masking import mask_nik, mask_phone

__all__ = ["install_log_redaction", "redact", "scrub_snapshot"]

_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
# +62 or 62 followed by 8-13 digits, or a local mobile number 08xx…
_PHONE = re.compile(r"(?<![\d+])(?:\+62\d{8,13}|62\d{8,13}|08\d{7,11})(?!\d)")


def redact(text: str) -> str:
    """``text`` with every 16-digit run (a NIK) and Indonesian phone number masked."""
    text = _NIK.sub(lambda m: mask_nik(m.group(0)), text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


_installed = False


def install_log_redaction() -> None:
    """Mask NIKs and phone numbers in every log record created from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()
    formatter = logging.Formatter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.msg = redact(record.getMessage())
            record.args = None
            if record.exc_info and record.exc_info[0] is not None:
                record.exc_text = redact(formatter.formatException(record.exc_info))
            if record.stack_info:
                record.stack_info = redact(record.stack_info)
        except Exception:  # a log call must never fail because of the redaction
            record.msg, record.args = "(log message withheld: could not be redacted)", None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def scrub_snapshot(conn: sqlite3.Connection) -> None:
    """Blank the personal identifiers of a SQLite copy of the database, in place.

    ``secure_delete`` makes SQLite overwrite the old values with zeros, so they
    are not left in free space of the file. Tables missing from an old schema
    are skipped (the caller refuses such a copy anyway). Commits.
    """
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.execute("PRAGMA secure_delete = ON")
    if "person" in tables:
        conn.execute("UPDATE person SET nik = NULL, phone = NULL, email = NULL, name = 'P' || id")
    if "staff" in tables:
        conn.execute("UPDATE staff SET password_hash = NULL")
    conn.commit()
