"""Where the runs of a batch execute: interchangeable executors behind one base class.

An executor calls ``fn(item)`` for every item somewhere — other processes on
this machine, or the workers of a Dask cluster — and hands back each result as
soon as it is ready. ``fn`` must be a module-level function and the items
picklable. A call that raises (or a worker that dies) is handed back as the
exception, so one broken run never stops the others.

Built-ins, registered at import (papermill's ``engines.py`` is the model)::

    local   a pool of ``workers`` processes on this machine
    dask    the cluster behind a ``dask.distributed`` scheduler address

Another back-end subclasses :class:`Executor` and calls
``executors.register("name", TheClass)``.
"""

from __future__ import annotations

import multiprocessing
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, ClassVar, Self, TypeVar

from plut_nb.batch.definition import BatchError
from plut_nb.i18n import t

__all__ = [
    "DaskExecutor",
    "Executor",
    "ExecutorRegistry",
    "LocalExecutor",
    "executors",
    "get_executor",
]

J = TypeVar("J")
R = TypeVar("R")


class Executor(ABC):
    """Runs ``fn`` over items and yields ``(item, result or exception)`` as each finishes.

    Use it as a context manager so its resources (processes, connections) are released.
    """

    name: ClassVar[str] = ""

    def __init__(self, *, workers: int = 1, scheduler: str | None = None) -> None:
        """Prepare the executor.

        Args:
            workers: How many runs at once (where the back-end lets the caller decide).
            scheduler: Address of a cluster scheduler (for back-ends that need one).
        """
        self.workers = max(1, int(workers))
        self.scheduler = scheduler

    @abstractmethod
    def map_unordered(
        self, fn: Callable[[J], R], items: Sequence[J]
    ) -> Iterator[tuple[J, R | BaseException]]:
        """Call ``fn`` on every item; yield each item with its result, in completion order."""

    @property
    def description(self) -> str:
        """A short human description (shown when a batch starts)."""
        return f"{self.name} ({self.workers})"

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        """Release resources; called on leaving the ``with`` block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """A pool of ``workers`` fresh processes on this machine (started with ``spawn``)."""

    name = "local"

    def map_unordered(
        self, fn: Callable[[J], R], items: Sequence[J]
    ) -> Iterator[tuple[J, R | BaseException]]:
        """Call ``fn`` on every item in the pool; yield results as they complete."""
        if not items:
            return
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(items)),
            mp_context=multiprocessing.get_context("spawn"),
        )
        pending: dict[Future[R], J] = {pool.submit(fn, item): item for item in items}
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    exc = future.exception()
                    yield item, (exc if exc is not None else future.result())
        finally:
            pool.shutdown(wait=not pending, cancel_futures=True)


class DaskExecutor(Executor):
    """The workers of a ``dask.distributed`` cluster (needs the ``dask`` extra)."""

    name = "dask"

    def __init__(self, *, workers: int = 1, scheduler: str | None = None) -> None:
        """Connect to the scheduler at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``)."""
        super().__init__(workers=workers, scheduler=scheduler)
        if not scheduler:
            raise BatchError(t("batch.executor.scheduler"))
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - the dask extra is installed in CI
            raise BatchError(t("batch.executor.no_dask")) from exc
        try:
            self._client: Any = Client(scheduler, set_as_default=False, timeout=15)
        except OSError as exc:
            raise BatchError(t("batch.executor.connect", address=scheduler, detail=exc)) from exc

    @property
    def description(self) -> str:
        """The scheduler address and how many workers it has."""
        n = len(self._client.scheduler_info().get("workers", {}))
        return f"dask {self.scheduler} ({n})"

    def map_unordered(
        self, fn: Callable[[J], R], items: Sequence[J]
    ) -> Iterator[tuple[J, R | BaseException]]:
        """Submit every call to the cluster; yield results as they complete."""
        from distributed import as_completed

        futures = {self._client.submit(fn, item, pure=False): item for item in items}
        try:
            for future in as_completed(list(futures), loop=self._client.loop):
                item = futures[future]
                try:
                    yield item, future.result()
                except Exception as exc:
                    yield item, exc
        finally:
            self._client.cancel([f for f in futures if not f.done()])

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self._client.close()


class ExecutorRegistry:
    """Executor classes by name."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Executor]] = {}

    def register(self, name: str, cls: type[Executor]) -> None:
        """Make ``cls`` available as ``name`` (a later registration replaces an earlier one)."""
        self._classes[name] = cls

    def names(self) -> list[str]:
        """The registered names, sorted."""
        return sorted(self._classes)

    def get(self, name: str, **options: Any) -> Executor:
        """A new executor of kind ``name``, built with ``options``.

        Raises:
            BatchError: No executor is registered under ``name``.
        """
        try:
            cls = self._classes[name]
        except KeyError:
            known = ", ".join(self.names())
            raise BatchError(t("batch.executor.unknown", name=name, known=known)) from None
        return cls(**options)


executors = ExecutorRegistry()
executors.register(LocalExecutor.name, LocalExecutor)
executors.register(DaskExecutor.name, DaskExecutor)


def get_executor(name: str, **options: Any) -> Executor:
    """A new executor from the default registry (see :meth:`ExecutorRegistry.get`)."""
    return executors.get(name, **options)
