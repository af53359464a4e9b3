"""Checking the rows of the next chunk in a second process while this one writes.

Validation (the intake's checks) and writing take about the same time per row,
so on a machine with two cores or more an import checks chunk *n + 1* in a
worker process while the main process matches and writes chunk *n*. Checking
is pure — no database, no files — so doing it elsewhere changes nothing about
what is written, in which order, or how a killed import resumes. The worker is
started with ``spawn`` (a fresh interpreter: no database connection of the
parent is inherited) and holds a copy of the importer.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import t
from plut_nb.io._gc import THRESHOLDS as _GC_THRESHOLDS
from plut_nb.io.base import Row
from plut_nb.io.readers import SourceRow

__all__ = ["Preparer", "prepare_rows"]

_IMPORTER: Any = None
_SETTLED = False


def prepare_rows(importer: Any, rows: list[Any]) -> list[Any]:
    """``importer.prepare`` of each row: the prepared item, or the row's list of errors."""
    out: list[Any] = []
    for row in rows:
        if row.source.bad_encoding:
            out.append([FieldError("", "import.encoding", t("import.encoding"))])
            continue
        try:
            out.append(importer.prepare(row))
        except ValidationError as exc:
            out.append(exc.errors)
    return out


def _start(importer: bytes) -> None:
    global _IMPORTER
    _IMPORTER = pickle.loads(importer)
    # the worker lives for one import: collect as the writer does (plut_nb.io._gc)
    gc.set_threshold(*_GC_THRESHOLDS)


def _prepare(rows: list[tuple[int, bool, dict[str, str], frozenset[str]]]) -> list[Any]:
    global _SETTLED
    out = prepare_rows(
        _IMPORTER,
        [Row(SourceRow(line, [], bad), values, numeric) for line, bad, values, numeric in rows],
    )
    if not _SETTLED:  # the first chunk loaded the reference tables: keep them out of collections
        gc.freeze()
        _SETTLED = True
    return out


class Preparer:
    """Prepares chunks in this process (``workers=0``) or in one worker process."""

    def __init__(self, importer: Any, workers: int):
        self._importer = importer
        self._pool = (
            ProcessPoolExecutor(
                max_workers=1,
                mp_context=get_context("spawn"),
                initializer=_start,
                initargs=(pickle.dumps(importer),),
            )
            if workers > 0
            else None
        )

    def submit(self, rows: list[Any]) -> Callable[[], list[Any]]:
        """Start preparing ``rows``; the returned function waits for and returns the result."""
        if self._pool is None:
            done = prepare_rows(self._importer, rows)
            return lambda: done
        light = [  # plain tuples without the cells (the worker needs none): cheap to pickle
            (r.source.line, r.source.bad_encoding, r.values, r.numeric) for r in rows
        ]
        return self._pool.submit(_prepare, light).result

    def close(self) -> None:
        """Stop the worker (pending work is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
