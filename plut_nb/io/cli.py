"""``plut import``, ``plut export``, ``plut fieldsheet``, ``plut backup`` and ``plut restore``.

Registered in :mod:`plut_nb.cli` by :func:`register_io_commands`. ``export_app``
is a typer app so further export commands (``plut export research``) can be
added to it. Exit status: 0 on success; 1 when an import rejected rows (the
error file says which and why); 2 when the command could not run at all.

``plut export excel|csv|parquet`` act as a staff member (``--as``; default the
system account that stands for the shell's operator) who needs
``export_tables`` — or ``export_personal_data`` (managers, admins) for
``--personal-data`` — and leave an audit entry per export (``export.csv`` …:
output, tables, rows per table, centres, whether personal data was included;
see :mod:`plut_nb.security.commands`). The services check the role again and
write only the rows of the centres the actor covers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from plut_nb.errors import PlutError
from plut_nb.i18n import t

if TYPE_CHECKING:
    from collections.abc import Mapping
    from contextlib import AbstractContextManager

    from plut_nb.security.commands import CommandAudit

__all__ = ["export_app", "fieldsheet_app", "import_app", "register_io_commands"]

import_app = typer.Typer(
    help="Import enterprises, people, indicators or cases from CSV or Excel (.xlsx).",
    no_args_is_help=True,
)
export_app = typer.Typer(
    help="Export: the reporting workbook, or tables as CSV/Parquet.", no_args_is_help=True
)
fieldsheet_app = typer.Typer(help="Offline Excel field sheets.", no_args_is_help=True)

_console = Console(stderr=True, soft_wrap=True)

AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Act as this staff member (username). Default: the system account "
        "'sistem.impor', which stands for you, the operator of this shell (roles "
        "admin+manager+evaluator, national scope, cannot sign in).",
    ),
]
CentreOption = Annotated[
    str | None,
    typer.Option(
        "--centre", help="Centre code the rows belong to (default: yours / the only one)."
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Validate and report; save nothing but the error file.")
]
EncodingOption = Annotated[
    str, typer.Option(help="Encoding of a CSV file without byte-order mark (e.g. cp1252).")
]
SheetOption = Annotated[
    str | None, typer.Option(help="Sheet of a workbook (default: Isian/first).")
]
ChunkOption = Annotated[
    int | None,
    typer.Option(help="Rows per transaction (default: the library's, 5000).", min=1),
]


def _fail(exc: PlutError) -> None:
    _console.print(exc.message, style="red", markup=False, highlight=False)
    raise typer.Exit(code=2)


def _run_import(
    kind: str,
    file: Path,
    username: str | None,
    centre: str | None,
    dry_run: bool,
    encoding: str,
    sheet: str | None,
    chunk_size: int | None,
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from plut_nb.db import default_engine, ensure_current
    from plut_nb.io.importing import DEFAULT_CHUNK_ROWS, import_file

    engine = default_engine()
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:,} " + t("import.rows_word")),
        TimeRemainingColumn(),
        console=_console,
        transient=True,
    ) as bar:
        task = bar.add_task(file.name, total=None, rows=0)

        def progress(position: int, total: int | None, rows: int) -> None:
            bar.update(task, completed=position, total=total, rows=rows)

        try:
            ensure_current(engine)
            summary = import_file(
                engine,
                kind,
                file,
                username=username,
                centre_code=centre,
                dry_run=dry_run,
                encoding=encoding,
                sheet=sheet,
                chunk_size=chunk_size or DEFAULT_CHUNK_ROWS,
                progress=progress,
                workers=None,  # a second process checks rows while this one writes
            )
        except PlutError as exc:
            _fail(exc)
            return
    typer.echo(summary.text())
    if summary.rejected:
        raise typer.Exit(code=1)


def _import_command(kind: str, doc: str) -> None:
    def command(
        file: Annotated[Path, typer.Argument(help="CSV (.csv/.txt/.tsv) or Excel (.xlsx) file.")],
        username: AsOption = None,
        centre: CentreOption = None,
        dry_run: DryRunOption = False,
        encoding: EncodingOption = "utf-8",
        sheet: SheetOption = None,
        chunk_size: ChunkOption = None,
    ) -> None:
        _run_import(kind, file, username, centre, dry_run, encoding, sheet, chunk_size)

    command.__doc__ = doc
    import_app.command(kind)(command)


_import_command(
    "enterprises",
    "Enterprises with owner and baseline figures (validated as at intake). "
    "Re-running a file changes nothing; a killed import resumes where it stopped.",
)
_import_command("people", "Owners and contact persons, matched by NIK.")
_import_command("indicators", "Indicator snapshots (sales, capital, employees, markets) by date.")
_import_command("cases", "Cases with their status, moved through the case workflow.")


def _date(text: str, name: str) -> date:
    from plut_nb.io.values import parse_date

    day = parse_date(text, name)
    if day is None:
        raise typer.BadParameter(f"{name}: a date is required")
    return day


ExportAsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Export as this staff member (username; front office, consultant, field "
        "officer, manager or admin; --personal-data: manager or admin), recorded in the "
        "audit trail; only the rows of the centres they cover are written. Default: the "
        "system account 'sistem.impor', which stands for you, the operator of this shell "
        "(your OS user is recorded too).",
    ),
]


def _audited_export(
    username: str | None,
    personal: bool,
    *,
    action: str,
    key: str,
    what: Mapping[str, object],
) -> AbstractContextManager[CommandAudit]:
    from plut_nb.db import default_engine
    from plut_nb.security.commands import audited_command
    from plut_nb.security.permissions import Action

    permission = Action.export_personal_data if personal else Action.export_tables
    return audited_command(
        default_engine(),
        username,
        permission,
        action=action,
        entity="export",
        key=key,
        what={**what, "personal_data": personal},
    )


@export_app.command("excel")
def export_excel(
    out: Annotated[Path, typer.Argument(help="The .xlsx file to write.")],
    centre: Annotated[str, typer.Option("--centre", help="Centre code, e.g. PLUT-SUMUT.")],
    start: Annotated[str, typer.Option("--from", help="First day, e.g. 2026-01-01.")],
    end: Annotated[str, typer.Option("--to", help="Last day, e.g. 2026-06-30.")],
    username: ExportAsOption = None,
) -> None:
    """The government-reporting workbook of one centre and period."""
    from plut_nb.analytics.scope import Period
    from plut_nb.db import default_engine
    from plut_nb.io.workbook import write_report_workbook

    path = out.expanduser().resolve()
    try:
        period = Period(_date(start, "start"), _date(end, "end"))
        what = {"output": str(path), "centre": centre, "from": str(period.start)}
        what["to"] = str(period.end)
        with _audited_export(
            username, False, action="export.excel", key=path.name, what=what
        ) as audit:
            report = write_report_workbook(
                default_engine(), centre, period, path, actor=audit.actor
            )
            audit.what["rows"] = dict(report.rows)
    except PlutError as exc:
        _fail(exc)
        return
    typer.echo(t("export.written", path=report.path))


def _export_tables(
    fmt: str,
    out_dir: Path,
    tables: list[str] | None,
    personal: bool,
    centre: str | None,
    username: str | None,
) -> None:
    from plut_nb.db import default_engine
    from plut_nb.io.tables import export_tables

    folder = out_dir.expanduser().resolve()
    what = {"output": str(folder), "format": fmt, "tables": tables or "all", "centre": centre}
    try:
        with _audited_export(
            username, personal, action=f"export.{fmt}", key=folder.name, what=what
        ) as audit:
            result = export_tables(
                default_engine(),
                folder,
                actor=audit.actor,
                tables=tables,
                fmt=fmt,
                personal_data=personal,
                centre_code=centre,
            )
            audit.what.update(rows=dict(result.rows), centres=result.centres or "all")
    except PlutError as exc:
        _fail(exc)
        return
    for path in result.files:
        typer.echo(t("export.written", path=path))


TableOption = Annotated[
    list[str] | None, typer.Option("--table", help="A table to export (repeat; default: all).")
]
PersonalOption = Annotated[
    bool,
    typer.Option(
        "--personal-data",
        help="Write NIK, phone and e-mail unmasked (managers and admins only; audited).",
    ),
]
ExportCentreOption = Annotated[
    str | None,
    typer.Option("--centre", help="Only this centre's rows (default: every centre you cover)."),
]


@export_app.command("csv")
def export_csv(
    out_dir: Annotated[Path, typer.Argument(help="Folder for <table>.csv files.")],
    table: TableOption = None,
    personal_data: PersonalOption = False,
    centre: ExportCentreOption = None,
    username: ExportAsOption = None,
) -> None:
    """Chosen tables as CSV files (UTF-8), one per table."""
    _export_tables("csv", out_dir, table, personal_data, centre, username)


@export_app.command("parquet")
def export_parquet(
    out_dir: Annotated[Path, typer.Argument(help="Folder for <table>.parquet files.")],
    table: TableOption = None,
    personal_data: PersonalOption = False,
    centre: ExportCentreOption = None,
    username: ExportAsOption = None,
) -> None:
    """Chosen tables as Parquet files (typed columns), one per table."""
    _export_tables("parquet", out_dir, table, personal_data, centre, username)


@fieldsheet_app.command("new")
def fieldsheet_new(
    out: Annotated[Path, typer.Argument(help="The .xlsx file to write.")],
    centre: CentreOption = None,
    rows: Annotated[int, typer.Option(help="Pre-numbered rows.", min=1, max=5000)] = 200,
) -> None:
    """Write an Excel field sheet to fill offline and import later."""
    from plut_nb.db import default_engine
    from plut_nb.io.fieldsheet import write_field_sheet

    try:
        path = write_field_sheet(default_engine(), out, centre_code=centre, rows=rows)
    except PlutError as exc:
        _fail(exc)
        return
    typer.echo(t("export.written", path=path))


def backup(file: Annotated[Path, typer.Argument(help="The backup file to write.")]) -> None:
    """Consistent copy of the embedded SQLite database, while the apps are in use."""
    from plut_nb.db import default_engine
    from plut_nb.io.backup import backup_database

    try:
        info = backup_database(default_engine(), file)
    except PlutError as exc:
        _fail(exc)
        return
    typer.echo(
        t("backup.done", path=info.path, revision=info.revision, enterprises=info.enterprises)
    )


def restore(
    file: Annotated[Path, typer.Argument(help="A file written by plut backup.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a database that holds data.")
    ] = False,
) -> None:
    """Restore the embedded database from a backup (checks its schema version)."""
    from plut_nb.db import default_engine
    from plut_nb.io.backup import restore_database

    try:
        info = restore_database(default_engine(), file, force=force)
    except PlutError as exc:
        _fail(exc)
        return
    typer.echo(t("restore.done", path=info.path, revision=info.revision))
    if info.kept:
        typer.echo(t("restore.kept", path=info.kept))
    if info.needs_upgrade:
        typer.echo(t("restore.upgrade"))


def register_io_commands(app: typer.Typer) -> None:
    """Add ``import``, ``export``, ``fieldsheet``, ``backup`` and ``restore`` to ``app``."""
    from plut_nb.research.cli import export_research  # the de-identified research extract

    export_app.command("research")(export_research)
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
    app.add_typer(fieldsheet_app, name="fieldsheet")
    app.command("backup")(backup)
    app.command("restore")(restore)
