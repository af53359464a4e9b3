"""``plut batch``: run papermill batches and summarise their folders.

Registered in :mod:`plut_nb.cli` as ``app.add_typer(batch_app, name="batch")``.

Exit status of ``run`` and ``status``: 0 when every run succeeded, 1 when a run
failed, timed out or has not run yet, 2 when the batch could not be run or read
at all (an invalid definition, an existing folder without ``--resume``, a role
that may not run batches, ...).

``run`` acts as a staff member (``--as``; default the system account that
stands for the shell's operator) who needs the ``run_batches`` permission, and
leaves an audit entry per batch (see :mod:`plut_nb.security.commands`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from plut_nb.errors import PlutError
from plut_nb.i18n import t

__all__ = ["batch_app"]

batch_app = typer.Typer(
    help="Evaluation batches: run a notebook once per parameter set with papermill.",
    no_args_is_help=True,
)

_console = Console(stderr=True, soft_wrap=True)


def _fail(exc: PlutError) -> None:
    _console.print(exc.message, style="red", markup=False, highlight=False)
    raise typer.Exit(code=2)


def _summarise(result: object) -> None:
    from plut_nb.batch.outputs import INDEX
    from plut_nb.batch.runner import BatchResult

    assert isinstance(result, BatchResult)
    counts = result.counts
    out = Console(soft_wrap=True, highlight=False)
    out.print(t("batch.cli.folder", folder=result.folder), markup=False)
    out.print(
        t("batch.cli.counts", total=len(result.runs), **counts),
        style="green" if result.succeeded else "red",
        markup=False,
    )
    problems = [r for r in result.runs if r.status != "ok"]
    if problems:
        table = Table(show_header=True, header_style="bold")
        for head in ("run", "status", "cell", "error"):
            table.add_column(t(f"batch.cli.col.{head}"), overflow="fold")
        for r in problems:
            cell = "" if r.cell_index is None else str(r.cell_index)
            error = f"{r.error_name}: {r.error_message}" if r.error_name else ""
            table.add_row(r.id, t(f"batch.status.{r.status}"), cell, error)
        out.print(table)
    if (result.folder / INDEX).is_file():
        out.print(t("batch.cli.index", path=result.folder / INDEX), markup=False)


@batch_app.command("run")
def run(
    file: Annotated[
        Path, typer.Argument(help="Batch definition (YAML), e.g. parameters/smoke.yaml.")
    ],
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Runs at once on this machine, each in a fresh kernel (the cluster decides with --scheduler).",
        ),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786): run on that cluster."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Continue the batch in its folder: re-run only missing or failed runs."
        ),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(min=0.1, help="Seconds per run, wall clock (default: the definition's)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="Batch folder (default: the definition's output).")
    ] = None,
    username: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Run the batch as this staff member (username; role manager or evaluator), "
            "recorded in the audit trail. Default: the system account 'sistem.impor', which "
            "stands for you, the operator of this shell (your OS user is recorded too).",
        ),
    ] = None,
) -> None:
    """Run every run of a batch definition and write its reports, manifest and metrics."""
    from plut_nb.batch.definition import load_definition
    from plut_nb.batch.runner import run_batch
    from plut_nb.db import default_engine
    from plut_nb.security.commands import audited_command
    from plut_nb.security.permissions import Action

    engine = default_engine()
    what = {"definition": str(file.expanduser().resolve()), "resume": resume}
    try:
        with audited_command(
            engine,
            username,
            Action.run_batches,
            action="batch.run",
            entity="batch",
            key=file.name,
            what=what,
        ) as audit:
            definition = load_definition(file)
            result = run_batch(
                definition,
                workers=workers,
                scheduler=scheduler,
                resume=resume,
                timeout=timeout,
                output=output,
                source=engine,
                progress=True,
            )
            audit.what.update(output=str(result.folder), runs=len(result.runs), **result.counts)
    except PlutError as exc:
        _fail(exc)
        return
    _summarise(result)
    raise typer.Exit(code=0 if result.succeeded else 1)


@batch_app.command("status")
def status(
    folder: Annotated[Path, typer.Argument(help="A batch folder (it holds manifest.json).")],
) -> None:
    """Summarise a batch from its manifest: runs per status and what went wrong."""
    from plut_nb.batch.runner import read_batch

    try:
        result = read_batch(folder)
    except PlutError as exc:
        _fail(exc)
        return
    _summarise(result)
    raise typer.Exit(code=0 if result.succeeded else 1)
