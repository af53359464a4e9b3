"""Importing a file: read, validate, match, write in chunks; report; resume after a kill.

:func:`import_file` drives one import. Rows are read one at a time
(:mod:`plut_nb.io.readers`), the header is found (:mod:`plut_nb.io.columns`),
and rows are handled in chunks of ``chunk_size``:

1. each row is checked by the kind's :class:`Importer` with the intake's own
   validation; a row that fails goes to the error file with its reasons;
2. a row whose key (source key, NIB, NIK …) an earlier row of the file already
   had is a duplicate row and is rejected, naming that row;
3. the importer matches the rows with the database — an existing record is
   updated when a value changed (and the change audited) or left alone — and
   inserts the new ones;
4. the error file is flushed, the chunk's progress recorded in the audit trail,
   and the chunk committed as one transaction.

Memory holds one chunk, never the file. A re-run of a file that was killed half
way skips the rows its committed chunks covered (:mod:`plut_nb.io.progress`);
a re-run of a completed file matches every row and changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from plut_nb.clock import today
from plut_nb.errors import FieldError, PlutError, ValidationError
from plut_nb.i18n import t
from plut_nb.io._gc import ImportCollector
from plut_nb.io._parallel import Preparer
from plut_nb.io.actors import SYSTEM_IMPORT_USER, resolve_actor, resolve_centre
from plut_nb.io.base import IMPORTERS, Importer, Outcome, Row, register_importer
from plut_nb.io.columns import HEADER_SCAN_ROWS, HeaderMatch, Layout, find_header
from plut_nb.io.errorfile import ErrorFile
from plut_nb.io.progress import SeenKeys, last_progress, record_progress, run_id
from plut_nb.io.readers import SourceRow, open_table

__all__ = [
    "DEFAULT_CHUNK_ROWS",
    "IMPORTERS",
    "SYSTEM_IMPORT_USER",
    "ImportSummary",
    "Importer",
    "Outcome",
    "Row",
    "import_file",
    "register_importer",
]

_PARALLEL_BYTES = 4 << 20

#: Rows per transaction unless the caller says otherwise. Each commit writes every
#: index page its rows touched, so small chunks rewrite the same pages again and again
#: on a large registry; a chunk of this size holds a few megabytes in memory.
DEFAULT_CHUNK_ROWS = 5000

ProgressCallback = Callable[[int, int | None, int], None]
"""Called after each chunk with (position, total, rows read)."""


@dataclass
class ImportSummary:
    """What an import did (or, with ``dry_run``, would do)."""

    kind: str
    source: Path
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    blank: int = 0
    extra_columns: list[str] = field(default_factory=list)
    error_file: Path | None = None
    resumed_after_line: int | None = None
    dry_run: bool = False
    sheet: str | None = None

    def counts(self) -> dict[str, int]:
        """The counters, for the progress record."""
        return {
            k: getattr(self, k)
            for k in ("read", "inserted", "updated", "unchanged", "rejected", "blank")
        }

    def text(self) -> str:
        """The summary in the configured language."""
        lines = [
            t(
                "import.summary.dry_run" if self.dry_run else "import.summary",
                file=self.source.name,
                **self.counts(),
            )
        ]
        if self.resumed_after_line:
            lines.append(t("import.summary.resumed", line=self.resumed_after_line))
        if self.extra_columns:
            lines.append(t("import.summary.extra", columns=", ".join(self.extra_columns)))
        if self.error_file:
            lines.append(t("import.summary.errors", path=str(self.error_file)))
        return "\n".join(lines)


def _rejection(errors: Sequence[FieldError], match: HeaderMatch, layout: Layout) -> list[str]:
    by_field = {f: match.headers[i] for i, f in match.fields.items()}
    cols: list[str] = []
    for e in errors:
        name = by_field.get(e.field) or next(
            (c.title for c in layout.columns if c.field == e.field), ""
        )
        if name and name not in cols:
            cols.append(name)
    return cols


@dataclass
class _Run:
    importer: Importer
    match: HeaderMatch
    errors: ErrorFile
    seen: SeenKeys
    summary: ImportSummary
    engine: Engine
    run: str
    collector: ImportCollector
    last_line: int = 0

    def reject(self, row: Row, errors: Sequence[FieldError]) -> None:
        cols = _rejection(errors, self.match, self.importer.layout)
        self.errors.add(row.line, row.source.cells, cols, [e.message for e in errors])
        self.summary.rejected += 1

    def chunk(self, rows: list[Row], prepared: list[Any], blank: int) -> None:
        imp = self.importer
        self.summary.read += len(rows)
        self.summary.blank += blank
        ready: list[tuple[Row, Any]] = []
        rejected: dict[int, list[FieldError]] = {}
        for row, item in zip(rows, prepared, strict=True):
            if isinstance(item, list):  # the row's errors
                rejected[row.line] = item
            else:
                ready.append((row, item))
        keyed = [(row, item, imp.keys(item)) for row, item in ready]
        earlier = self.seen.lookup(k for _, _, keys in keyed for k in keys)
        accepted: list[tuple[Row, Any, list[str]]] = []
        local: dict[str, int] = {}
        for row, item, keys in keyed:
            dup = next(
                (
                    (first, k)
                    for k in keys
                    if (first := local.get(k, earlier.get(k))) is not None and first != row.line
                ),
                None,
            )
            if dup is not None:
                shown = imp.describe_key(item, dup[1])
                msg = t("import.duplicate_row", line=dup[0], key=shown)
                rejected[row.line] = [FieldError("", "import.duplicate_row", msg)]
                continue
            for k in keys:
                local.setdefault(k, row.line)
            accepted.append((row, item, keys))
        engine = self.engine.execution_options(plut_read_only=True) if imp.dry_run else self.engine
        with Session(engine, expire_on_commit=False) as session:
            outcomes = imp.apply(session, [item for _, item, _ in accepted]) if accepted else []
            done: list[tuple[str, int]] = []
            for (row, _, keys), outcome in zip(accepted, outcomes, strict=True):
                if isinstance(outcome, ValidationError):
                    rejected[row.line] = outcome.errors
                elif isinstance(outcome, PlutError):
                    rejected[row.line] = [FieldError("", type(outcome).__name__, outcome.message)]
                else:
                    setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
                    done.extend((k, row.line) for k in keys)
            by_line = {row.line: row for row in rows}
            for line in sorted(rejected):
                self.reject(by_line[line], rejected[line])
            self.errors.flush()
            self.seen.add(done)
            first = self.last_line == 0
            self.last_line = rows[-1].line
            if imp.dry_run:
                session.rollback()
            else:
                self.save_progress(session, "berjalan")
                session.commit()
        if first:
            self.collector.settle()

    def save_progress(self, session: Session, status: str) -> None:
        record_progress(
            session,
            self.importer.actor,
            self.run,
            {
                "status": status,
                "kind": self.importer.kind,
                "file": self.summary.source.name,
                "line": self.last_line,
                "error_rows": self.errors.count,
                **self.summary.counts(),
                "created": self.importer.take_created(),
            },
        )


def import_file(
    engine: Engine,
    kind: str,
    path: Path,
    *,
    username: str | None = None,
    centre_code: str | None = None,
    dry_run: bool = False,
    encoding: str = "utf-8",
    sheet: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_ROWS,
    progress: ProgressCallback | None = None,
    on: date | None = None,
    workers: int | None = 0,
) -> ImportSummary:
    """Import ``path`` (CSV or Excel) as ``kind`` (enterprises, people, indicators, cases).

    Args:
        engine: The database.
        kind: A key of :data:`IMPORTERS`.
        path: The file.
        username: Act as this staff member (default: :data:`SYSTEM_IMPORT_USER`).
        centre_code: The centre the rows belong to (default: the actor's, or the only one).
        dry_run: Validate and match, report, write nothing but the error file.
        encoding: Encoding of a CSV file without byte-order mark.
        sheet: Sheet of a workbook (default ``Isian`` or the first).
        chunk_size: Rows per transaction.
        progress: Called after each chunk.
        on: "Today" for dates that default to it.
        workers: Processes checking rows beside the one writing (0 or 1); ``None``
            chooses: 1 for files over 4 MB on a machine with two cores or more
            (``plut import`` does). The worker is a spawned interpreter, so a
            calling script needs the ``if __name__ == "__main__":`` guard.

    Returns:
        The summary; rejected rows are in :attr:`ImportSummary.error_file`.

    Raises:
        ValidationError: The file cannot be read as this kind (no header,
            required columns missing, unknown file type).
        PermissionDenied: The actor may not do this import.
    """
    from plut_nb.io import importers  # noqa: F401  (registers the built-in importers)

    if kind not in IMPORTERS:
        raise ValidationError.single("kind", "code.unknown", value=kind)
    cls = IMPORTERS[kind]
    path = Path(path)
    summary = ImportSummary(kind, path, dry_run=dry_run)
    with open_table(path, encoding=encoding, sheet=sheet) as reader:
        summary.sheet = reader.sheet
        rows = reader.rows()
        head = [r for _, r in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
        match = find_header(cls.layout, [r.cells for r in head])
        summary.extra_columns = match.extra
        with Session(engine, expire_on_commit=False) as session:
            actor = resolve_actor(session, username, centre_code, create=not dry_run)
            centre = resolve_centre(session, centre_code, actor)
            importer = cls(actor, centre, dry_run=dry_run, on=on or today())
            importer.start(session)
            assert centre.id is not None
            run = run_id(path, kind, centre.id)
            previous = None if dry_run else last_progress(session, run)
            session.expunge_all()  # closing keeps them loaded; a rollback would expire them
        seen_path = SeenKeys.beside(path)
        if dry_run:
            seen_path = seen_path.with_name(seen_path.name + ".uji")
            seen_path.unlink(missing_ok=True)
        seen = SeenKeys(seen_path, run)
        resume = previous if previous and previous.get("status") == "berjalan" else None
        if resume and seen.fresh:
            resume = None  # keys of the first part are lost: go through the whole file again
        if resume:
            summary.resumed_after_line = int(resume["line"])
            for name in summary.counts():
                setattr(summary, name, int(resume.get(name, 0)))
        header_cells = head[match.row_index].cells if head else []
        errors = ErrorFile.open(
            path, header_cells, reader.delimiter, keep=int(resume["error_rows"]) if resume else 0
        )
        collector = ImportCollector()
        state = _Run(importer, match, errors, seen, summary, engine, run, collector)
        skip_to = summary.resumed_after_line or head[match.row_index].line
        key_column = next((i for i, f in match.fields.items() if f == "source_key"), None)
        chunk: list[Row] = []
        complete = False
        if workers is None:
            workers = (
                1 if (os.cpu_count() or 1) > 1 and path.stat().st_size > _PARALLEL_BYTES else 0
            )
        preparer = Preparer(importer, workers)
        # chunk n is written while chunk n + 1 is checked (in the worker, when there is one)
        pending: tuple[list[Row], Callable[[], list[Any]], int] | None = None
        blank = 0  # blank rows met since the last chunk started (counted with that chunk)
        try:
            with collector:
                for source in _chain(head, rows):
                    if source.line <= skip_to:
                        continue
                    if source.blank or _key_only(source, key_column):
                        blank += 1
                        continue
                    chunk.append(_row(source, match))
                    if len(chunk) >= chunk_size:
                        job = (chunk, preparer.submit(chunk), blank)
                        if pending:
                            state.chunk(pending[0], pending[1](), pending[2])
                            if progress:
                                progress(reader.position, reader.total, summary.read)
                        pending, chunk, blank = job, [], 0
                if chunk:
                    job = (chunk, preparer.submit(chunk), blank)
                    if pending:
                        state.chunk(pending[0], pending[1](), pending[2])
                    pending, blank = job, 0
                if pending:
                    state.chunk(pending[0], pending[1](), pending[2])
                summary.blank += blank  # blank rows after the last data row
                if progress:
                    progress(reader.position, reader.total, summary.read)
                if not dry_run:
                    with Session(engine) as session:
                        state.save_progress(session, "selesai")
                        session.commit()
            complete = True
        finally:
            preparer.close()
            seen.close(delete=complete or dry_run)
            summary.error_file = errors.finish(reader.error_format if complete else "csv")
    return summary


def _chain(head: list[SourceRow], rest: Any) -> Any:
    yield from head
    yield from rest


def _key_only(source: SourceRow, key_column: int | None) -> bool:
    """A pre-numbered row of a field sheet that nobody filled: only its source key."""
    if key_column is None:
        return False
    return all(not c.strip() for i, c in enumerate(source.cells) if i != key_column)


_NONE: frozenset[str] = frozenset()


def _row(source: SourceRow, match: HeaderMatch) -> Row:
    cells = source.cells
    width = len(cells)
    values = {f: cells[i].strip() for i, f in match.fields.items() if i < width}
    numeric = (
        frozenset(f for i, f in match.fields.items() if i in source.numeric)
        if source.numeric
        else _NONE
    )
    return Row(source, values, numeric)
