"""What makes an import resumable: a run id, progress in the audit trail, keys seen.

- **Run id**: a SHA-1 of the kind, the centre and the file's bytes. The same
  file imported again has the same id; an edited file is a new run.
- **Progress** is an audit entry (``action="import"``, ``entity="import"``,
  ``entity_id`` = run id) written in the same transaction as each chunk of
  rows: how many source rows are done, the counts so far, how many rows the
  error file holds, the ids created. It is committed with the data or not at
  all, so after a kill the last entry says exactly what is in the database.
- **Keys seen** (for duplicate rows inside one file) live in a small SQLite
  file beside the input, ``.<name>.impor``, holding hashes only (never a NIK).
  It is written before each chunk's commit: after a kill it may know a chunk
  the database does not, which is harmless — those rows come again with the
  same row numbers, and a key only counts as a duplicate when it was first
  seen on another row. It is deleted when the import completes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from plut_nb.models import AuditEntry, Staff
from plut_nb.services import _audit

__all__ = ["SeenKeys", "last_progress", "record_progress", "run_id"]

_BLOCK = 1 << 20


def run_id(path: Path, kind: str, centre_id: int) -> str:
    """The id of importing ``path`` as ``kind`` for centre ``centre_id`` (40 hex digits)."""
    digest = hashlib.sha1(f"{kind}\0{centre_id}\0".encode(), usedforsecurity=False)
    with Path(path).open("rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def last_progress(session: Session, run: str) -> dict[str, Any] | None:
    """The latest progress entry of run ``run``, or ``None`` when it never started."""
    entry = session.execute(
        select(AuditEntry)
        .where(col(AuditEntry.entity) == "import", col(AuditEntry.entity_id) == run)
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    ).scalar_one_or_none()
    return dict(entry.after) if entry is not None and entry.after else None


def record_progress(session: Session, actor: Staff, run: str, progress: dict[str, Any]) -> None:
    """Add a progress entry to the caller's transaction (committed with the chunk)."""
    _audit.record(session, actor, "import", "import", run, after=progress)


def _hash(key: str) -> bytes:
    return hashlib.blake2b(key.encode(), digest_size=12).digest()


class SeenKeys:
    """Keys of the rows accepted so far, with the row that first had each."""

    def __init__(self, path: Path, run: str):
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        # the keys are hashes, inserted in no order: keep the b-tree's pages in memory
        self._db.execute("PRAGMA cache_size=-32768")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (run TEXT NOT NULL)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (key BLOB PRIMARY KEY, line INTEGER) WITHOUT ROWID"
        )
        stored = self._db.execute("SELECT run FROM meta").fetchone()
        if stored is None or stored[0] != run:  # another file (or version of it): start over
            self._db.execute("DELETE FROM seen")
            self._db.execute("DELETE FROM meta")
            self._db.execute("INSERT INTO meta VALUES (?)", (run,))
        self.fresh = stored is None or stored[0] != run
        self._hashed: dict[str, bytes] = {}  # keys of the last lookup (add needs them again)

    @staticmethod
    def beside(source: Path) -> Path:
        """Where the keys of ``source`` are kept."""
        return source.with_name(f".{source.name}.impor")

    def lookup(self, keys: Iterable[str]) -> dict[str, int]:
        """Row first seen with each of ``keys`` (keys never seen are absent)."""
        wanted = {_hash(k): k for k in keys}
        self._hashed = {k: h for h, k in wanted.items()}
        out: dict[str, int] = {}
        items = list(wanted)
        for start in range(0, len(items), 500):
            part = items[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, line in self._db.execute(
                f"SELECT key, line FROM seen WHERE key IN ({marks})", part
            ):
                out[wanted[key]] = int(line)
        return out

    def add(self, items: Iterable[tuple[str, int]]) -> None:
        """Remember keys and their rows (the first row stays) and commit."""
        hashed, self._hashed = self._hashed, {}
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?)",
            ((hashed.get(k) or _hash(k), n) for k, n in items),
        )
        self._db.execute("COMMIT")

    def close(self, *, delete: bool) -> None:
        """Close; remove the file (and its WAL) when the import is complete."""
        self._db.close()
        if delete:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
