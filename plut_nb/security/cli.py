"""``plut users``: staff accounts for administrators (add, passwd, disable, enable, list).

Registered in :mod:`plut_nb.cli` as ``app.add_typer(users_app, name="users")``.
A password is typed at a hidden prompt (twice) or read as one line from standard
input with ``--password-stdin`` (for scripts: ``printf '%s\\n' "$PW" | plut users
passwd NAME --password-stdin``); it never appears on the command line, in the
output or in the audit trail. ``list`` never prints password hashes. Each change
is audited with the operating-system user who ran the command.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from plut_nb.errors import PlutError, ValidationError
from plut_nb.i18n import t

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["users_app"]

users_app = typer.Typer(
    help="Staff accounts: add, change password, disable/enable, list.", no_args_is_help=True
)

_console = Console(stderr=True, soft_wrap=True, highlight=False)

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password as one line from standard input."),
]


def _fail(exc: PlutError) -> NoReturn:
    _console.print(exc.message, style="red", markup=False)
    raise typer.Exit(code=1)


def _by() -> str:
    from plut_nb.security.commands import shell_user

    return shell_user()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            _fail(PlutError(t("password.stdin_empty")))
        return password
    first = typer.prompt(t("signin.password"), hide_input=True)
    again = typer.prompt(t("signin.password") + " (2)", hide_input=True)
    if first != again:
        _fail(PlutError(t("password.mismatch")))
    return str(first)


def _engine() -> Engine:
    from plut_nb.db import default_engine, ensure_current

    engine = default_engine()
    ensure_current(engine)
    return engine


@users_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Sign-in name, e.g. konsultan.medan.")],
    name: Annotated[str, typer.Option(help="The person's name as the apps show it.")],
    centre: Annotated[str, typer.Option(help="Code of their centre, e.g. PLUT-SUMUT.")],
    role: Annotated[
        list[str],
        typer.Option(
            help="A role (repeat for several): front_office, consultant, field_officer, "
            "manager, evaluator, researcher, admin."
        ),
    ],
    scope: Annotated[str, typer.Option(help="centre, province or national.")] = "centre",
    field: Annotated[
        list[str] | None, typer.Option(help="A PLUT field (bidang) they serve (repeatable).")
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create a staff account that can sign in to the apps."""
    from plut_nb.db import session_scope
    from plut_nb.security.accounts import add_account

    engine = _engine()
    password = _read_password(password_stdin)
    try:
        with session_scope(engine) as session:
            staff = add_account(
                session,
                username=username,
                name=name,
                centre_code=centre,
                roles=role,
                password=password,
                scope=scope,
                service_fields=field or [],
                by=_by(),
            )
            shown = f"{staff.username} ({', '.join(staff.roles)}, {centre})"
    except ValidationError as exc:
        _fail(exc)
    typer.echo(f"Account created: {shown}")


@users_app.command("passwd")
def passwd(
    username: Annotated[str, typer.Argument(help="The account's sign-in name.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password; unlocks the account and signs its open sessions out."""
    from plut_nb.db import session_scope
    from plut_nb.security.accounts import set_password

    engine = _engine()
    password = _read_password(password_stdin)
    try:
        with session_scope(engine) as session:
            staff = set_password(session, username, password, by=_by())
            shown = staff.username
    except PlutError as exc:
        _fail(exc)
    typer.echo(f"Password changed: {shown}")


def _set_active(username: str, active: bool) -> None:
    from plut_nb.db import session_scope
    from plut_nb.security.accounts import set_active

    engine = _engine()
    try:
        with session_scope(engine) as session:
            shown = set_active(session, username, active, by=_by()).username
    except PlutError as exc:
        _fail(exc)
    typer.echo(f"Account {'enabled' if active else 'disabled'}: {shown}")


@users_app.command("disable")
def disable(username: Annotated[str, typer.Argument(help="The account's sign-in name.")]) -> None:
    """Disable an account: it cannot sign in and its open sessions end."""
    _set_active(username, False)


@users_app.command("enable")
def enable(username: Annotated[str, typer.Argument(help="The account's sign-in name.")]) -> None:
    """Enable a disabled account again."""
    _set_active(username, True)


@users_app.command("list")
def list_(
    centre: Annotated[str | None, typer.Option(help="Only this centre (code).")] = None,
) -> None:
    """List accounts: name, centre, roles, scope, status, whether a password is set."""
    from plut_nb.db import read_scope
    from plut_nb.security.accounts import list_accounts

    engine = _engine()
    with read_scope(engine) as session:
        rows = list_accounts(session, centre)
    header = ("username", "name", "centre", "roles", "scope", "status", "password", "last_sign_in")
    lines = [header]
    for r in rows:
        status = "disabled" if not r.active else "active"
        if r.locked_until is not None:
            status += f", locked until {r.locked_until:%Y-%m-%d %H:%M} UTC"
        last = f"{r.last_login_at:%Y-%m-%d %H:%M} UTC" if r.last_login_at else "-"
        pw = "set" if r.has_password else "none"
        lines.append(
            (r.username, r.name, r.centre_code, ",".join(r.roles), r.scope, status, pw, last)
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        typer.echo("  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
