"""Garbage collection tuned for a long import.

CPython's cycle collector scans every tracked object of the process in a full
collection, and it starts one whenever enough objects have survived since the
last. An import keeps a chunk or two of rows alive while it churns through
millions of short-lived ones, so with the default thresholds it ran a dozen full
collections per 50,000 rows, each over the modules, SQLAlchemy's metadata and
the region and KBLI tables: about a fifth of the import's CPU time.

While an import runs, :class:`ImportCollector` leaves the objects that already
existed out of the cycle search (``gc.freeze``: they are still freed by
reference counting, only the search skips them) and collects the young
generation every 10,000 allocations instead of 700, as the batch kernels do
(:mod:`plut_nb.batch._kernel`). Both are undone when the import ends.
"""

from __future__ import annotations

import gc
from types import TracebackType

__all__ = ["THRESHOLDS", "ImportCollector"]

#: Collection thresholds while an import runs (young, middle, old).
THRESHOLDS = (10_000, 10, 10)


class ImportCollector:
    """A context for the import: freeze what exists, collect the young less often."""

    def __init__(self) -> None:
        self._old = gc.get_threshold()
        # someone else froze objects (a pre-forking server): leave freezing to them
        self._freeze = gc.get_freeze_count() == 0

    def __enter__(self) -> ImportCollector:
        gc.set_threshold(max(THRESHOLDS[0], self._old[0]), *THRESHOLDS[1:])
        if self._freeze:
            gc.freeze()
        return self

    def settle(self) -> None:
        """Freeze again once the first chunk loaded the reference tables and caches."""
        if self._freeze:
            gc.freeze()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        gc.set_threshold(*self._old)
        if self._freeze:
            gc.unfreeze()
