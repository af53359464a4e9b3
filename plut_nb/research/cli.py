"""``plut export research OUT``: the command function (registered by :mod:`plut_nb.cli`).

A plain typer-compatible function; heavy imports happen when it runs, so
importing this module costs nothing for other ``plut`` commands. It acts as a
staff member (``--as``; default the system account that stands for the shell's
operator) who needs the ``read_deidentified`` permission (evaluators,
researchers), and leaves an audit entry per extract (see
:mod:`plut_nb.security.commands`). Exit status 1 when the extract was not written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["export_research"]


def export_research(
    out: Annotated[Path, typer.Argument(help="Folder to write the extract to (new or empty).")],
    fmt: Annotated[
        str, typer.Option("--format", help="File format of the tables: parquet or csv.")
    ] = "parquet",
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="Key for the pseudonymous ids (default: PLUT_RESEARCH_KEY, "
            "PLUT_RESEARCH_KEY_FILE or research.key in the data folder, created once).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date ages are measured at, YYYY-MM-DD (default today)."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an earlier extract in OUT.")
    ] = False,
    username: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Write the extract as this staff member (username; role evaluator or "
            "researcher), recorded in the audit trail. Default: the system account "
            "'sistem.impor', which stands for you, the operator of this shell (your OS user "
            "is recorded too).",
        ),
    ] = None,
) -> None:
    """Write the de-identified research extract (no names, NIK, phone, email or address)."""
    from datetime import date
    from typing import cast

    from rich.console import Console

    from plut_nb.db import default_engine
    from plut_nb.errors import PlutError
    from plut_nb.i18n import t
    from plut_nb.research._tables import Format
    from plut_nb.research.extract import export_research_extract
    from plut_nb.security.commands import audited_command
    from plut_nb.security.permissions import Action

    console = Console(stderr=True, soft_wrap=True)
    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        console.print(f"[red]--as-of: {exc}[/red]")
        raise typer.Exit(code=2) from exc
    engine = default_engine()
    folder = out.expanduser().resolve()
    try:
        with audited_command(
            engine,
            username,
            Action.read_deidentified,
            action="research.extract",
            entity="research_extract",
            key=folder.name,
            what={"output": str(folder), "format": fmt, "overwrite": overwrite},
        ) as audit:
            summary = export_research_extract(
                out,
                engine=engine,
                fmt=cast(Format, fmt),  # checked by export_research_extract
                key_file=key_file,
                as_of=when,
                overwrite=overwrite,
            )
            audit.what.update(
                rows=dict(summary.rows),
                key_fingerprint=summary.key_fingerprint,
                as_of=summary.as_of.isoformat() if summary.as_of else None,
            )
    except PlutError as exc:
        console.print(exc.message, style="red", markup=False, highlight=False)
        raise typer.Exit(code=1) from exc
    rows = ", ".join(f"{name} {n:,}" for name, n in summary.rows.items())
    typer.echo(
        t(
            "research.extract.done",
            path=summary.folder,
            fingerprint=summary.key_fingerprint,
            rows=rows,
        )
    )
