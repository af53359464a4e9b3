"""Background WAL checkpoints for the embedded SQLite database.

In WAL mode SQLite copies the log back into the database file ("checkpoint")
whenever the log passes 1,000 pages, inside whichever commit crosses the line.
On a large registry those pages are scattered and that one commit takes many
times longer than the others: the tail latency staff feel at intake. Following
SQLite's own advice for latency-sensitive writers, the apps' engines move the
routine checkpoint to a daemon thread (PASSIVE: it never blocks readers or
writers) and raise the in-commit threshold to a safety net that only fires if
the thread falls behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

__all__ = ["SAFETY_NET_PAGES", "start_checkpointer"]

log = logging.getLogger(__name__)

#: In-commit checkpoint threshold while a background checkpointer runs (~40 MB of log).
SAFETY_NET_PAGES = 10_000

_running: dict[Path, threading.Thread] = {}
_lock = threading.Lock()


def _loop(path: Path, interval: float, stop: threading.Event) -> None:
    con: sqlite3.Connection | None = None
    try:
        while not stop.wait(interval):
            if not path.exists():  # the database went away (a removed test folder)
                return
            try:
                if con is None:
                    con = sqlite3.connect(path, timeout=0.1, check_same_thread=False)
                con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except Exception as exc:  # busy, locked, file trouble: try again next round
                log.debug("background checkpoint skipped: %s", exc)
    finally:
        if con is not None:
            con.close()


def start_checkpointer(path: Path, interval: float = 1.0) -> threading.Event:
    """Checkpoint ``path`` every ``interval`` seconds in a daemon thread (once per file).

    Returns:
        An event; set it to stop the thread.
    """
    path = path.resolve()
    stop = threading.Event()
    with _lock:
        thread = _running.get(path)
        if thread is not None and thread.is_alive():
            return stop
        thread = threading.Thread(
            target=_loop,
            args=(path, interval, stop),
            name=f"wal-checkpoint:{path.name}",
            daemon=True,
        )
        _running[path] = thread
        thread.start()
    return stop
