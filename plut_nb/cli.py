"""The ``plut`` command line: database, demo data and serving the staff apps."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import Engine

from plut_nb.batch.cli import batch_app
from plut_nb.errors import PlutError
from plut_nb.io.cli import register_io_commands
from plut_nb.security.cli import users_app

app = typer.Typer(
    help="PLUT-NB: case management and research workbooks for PLUT-KUMKM.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema and reference data.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(batch_app, name="batch")
register_io_commands(app)  # import, export, fieldsheet, backup, restore
app.add_typer(users_app, name="users")

console = Console(stderr=True, soft_wrap=True)


def _fail(exc: PlutError) -> None:
    console.print(f"[red]{exc.message}[/red]")
    raise typer.Exit(code=1)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema and sync the code lists."""
    from plut_nb.db import default_engine, session_scope, upgrade
    from plut_nb.services import sync_reference_data

    engine = default_engine()
    upgrade(engine)
    with session_scope(engine) as session:
        added = sync_reference_data(session)
    console.print(
        f"Database at the newest schema ({engine.url.render_as_string()}); {added} services added."
    )


@db_app.command("status")
def db_status() -> None:
    """Show the database URL and whether its schema is current."""
    from plut_nb.db import current_revision, default_engine, head_revision

    engine = default_engine()
    current, head = current_revision(engine), head_revision()
    typer.echo(f"url: {engine.url.render_as_string()}\nschema: {current or '-'}\nnewest: {head}")
    if current != head:
        typer.echo("Run: plut db upgrade")
        raise typer.Exit(code=1)


@app.command()
def demo(
    enterprises: Annotated[int, typer.Option(help="How many enterprises to generate.")] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 42,
    effect: Annotated[
        float, typer.Option(help="Planted effect of assistance on log annual sales.")
    ] = 0.12,
    if_absent: Annotated[
        bool, typer.Option("--if-absent", help="Do nothing when the database already holds data.")
    ] = False,
    centres: Annotated[
        int,
        typer.Option(
            help="How many centres (PLUTs): the three showcase ones, then further regency- and "
            "province-level PLUTs across Indonesia; each further one gets 1/N of the "
            "enterprises and the showcase shares shrink by 3/N (at most 537 with the current "
            "region table)."
        ),
    ] = 3,
) -> None:
    """Fill the (empty) database with a realistic synthetic dataset."""
    from sqlalchemy import func, select

    from plut_nb.db import default_engine, read_scope, session_scope, upgrade
    from plut_nb.demo import generate_demo, max_centres
    from plut_nb.models import Centre
    from plut_nb.services import sync_reference_data

    if not 3 <= centres <= max_centres():
        console.print(f"[red]--centres must be between 3 and {max_centres()}.[/red]")
        raise typer.Exit(code=1)
    engine = default_engine()
    upgrade(engine)
    with session_scope(engine) as session:
        sync_reference_data(session)
    with read_scope(engine) as session:
        has_data = session.execute(select(func.count()).select_from(Centre)).scalar_one() > 0
    if has_data:
        if if_absent:
            console.print("Demo data already present; nothing to do.")
            _demo_accounts(engine)
            return
        console.print(
            "[red]The database already holds data; demo data goes into an empty one.[/red]"
        )
        raise typer.Exit(code=1)
    summary = generate_demo(
        engine, enterprises=enterprises, seed=seed, effect=effect, progress=True, centres=centres
    )
    console.print(summary)
    _demo_accounts(engine)


def _demo_accounts(engine: Engine) -> None:
    """Give the demo accounts the demo password (those without one) and say so."""
    from plut_nb.db import session_scope
    from plut_nb.security.demo_accounts import DEMO_PASSWORD, install_demo_accounts

    with session_scope(engine) as session:
        logins = install_demo_accounts(session)
    if logins:
        console.print(
            f"{len(logins)} demo accounts (one per role and centre), password {DEMO_PASSWORD}; "
            "`plut serve` lists them."
        )


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8866,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser.")
    ] = False,
    ip: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    dev: Annotated[
        bool,
        typer.Option("--dev", help="Development mode: no sign-in, a staff picker; loopback only."),
    ] = False,
) -> None:
    """Serve the staff apps with Voila behind sign-in and print their URLs."""
    from plut_nb.serve import run_voila

    try:
        code = run_voila(port=port, open_browser=not no_browser, ip=ip, dev=dev)
    except PlutError as exc:
        _fail(exc)
    sys.exit(code)


@app.command()
def version() -> None:
    """Print the version of PLUT-NB and of its reference tables."""
    from importlib.metadata import version as pkg_version

    from plut_nb.reference.codes import CODES_VERSION
    from plut_nb.reference.kbli import KBLI_VERSION
    from plut_nb.reference.regions import REGION_TABLE_VERSION

    typer.echo(f"plut-nb {pkg_version('plut-nb')}")
    typer.echo(f"codes {CODES_VERSION}; {KBLI_VERSION}; regions {REGION_TABLE_VERSION}")


def main() -> None:  # pragma: no cover - console entry point alias
    """Run the CLI."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
