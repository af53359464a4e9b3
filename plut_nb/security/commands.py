"""Who a ``plut`` command acts as (``--as``), its role check and its audit entry.

Evaluation batches (``plut batch run``), the research extract (``plut export
research``) and the table and workbook exports (``plut export csv|parquet|excel``,
:mod:`plut_nb.io.cli`) name the staff member they act for the way imports do, with
``--as USERNAME`` (the account is found by :mod:`plut_nb.io.actors`). Before
anything is read or written the actor is checked against the permission matrix
with :func:`~plut_nb.security.permissions.require` — ``run_batches`` (managers,
evaluators) or ``read_deidentified`` (evaluators, researchers) — so a refusal
raises :class:`~plut_nb.errors.PermissionDenied`, is logged and leaves a
``denied:<action>`` audit entry, and the command writes nothing.

Each command that was allowed leaves one audit entry when it ends, under the
actor: what it was (definition file, output folder, runs per status; or output
folder, format, rows per table), the operating-system user that ran it
(``by``) and, when it stopped early, the error's class name. Never personal data.

Without ``--as`` the command acts as the system account ``sistem.impor``
(:data:`~plut_nb.io.actors.SYSTEM_IMPORT_USER`), which stands for the operator
at the server's shell: whoever can run ``plut`` there can read the database
itself, so the account holds the roles of every command run from there. ``--as``
is not a sign-in (no password is asked): it says for whom the operator acts,
applies that person's roles and puts their name in the audit trail. Disabling
the system account (``plut users disable sistem.impor``) makes ``--as``
compulsory for imports, batches, extracts and exports.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.errors import ValidationError
from plut_nb.models import Centre, Staff
from plut_nb.security.permissions import Action, require

__all__ = ["CommandAudit", "audited_command", "command_actor", "shell_user"]

log = logging.getLogger("plut_nb.security")


def shell_user() -> str:
    """``cli:<operating-system user>`` of this process, for audit entries (``cli`` if unknown)."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):  # no user name for this uid (containers)
        return "cli"


def command_actor(
    engine: Engine, username: str | None, action: Action, *, entity: str, key: object
) -> Staff:
    """The staff member a command acts as, once the matrix allows them ``action``.

    Args:
        engine: The database.
        username: The ``--as`` account; ``None`` for the system account (made on
            first use, at the first centre: its scope is national).
        action: What the command does, e.g. :attr:`Action.run_batches`.
        entity: What it concerns, for a refusal's audit entry (e.g. ``"batch"``).
        key: Its name (e.g. the definition file's name).

    Returns:
        The actor, detached from any session.

    Raises:
        SchemaOutOfDate: The database needs ``plut db upgrade``.
        NotFound: No account ``username``.
        ValidationError: No ``username`` and no centre yet (an empty database).
        PermissionDenied: The actor is inactive or lacks a role for ``action``
            (logged, and audited as ``denied:<action>``).
    """
    from plut_nb.db import ensure_current
    from plut_nb.io.actors import resolve_actor

    ensure_current(engine)
    with Session(engine, expire_on_commit=False) as session:
        home = None
        if not username:
            first = select(col(Centre.code)).order_by(col(Centre.id)).limit(1)
            home = session.execute(first).scalar_one_or_none()
            if home is None:
                raise ValidationError.single("centre", "command.no_centre")
        actor = resolve_actor(session, username, home)
        require(session, actor, action, entity=entity, key=key)
        session.expunge(actor)
    return actor


@dataclass
class CommandAudit:
    """The audit entry a command leaves; the command adds its results to ``what``."""

    actor: Staff
    action: str
    entity: str
    key: str
    what: dict[str, Any] = field(default_factory=dict)


@contextmanager
def audited_command(
    engine: Engine,
    username: str | None,
    permission: Action,
    *,
    action: str,
    entity: str,
    key: object,
    what: dict[str, Any],
) -> Iterator[CommandAudit]:
    """Check the actor (:func:`command_actor`), run the block, then write its audit entry.

    The entry is written whether the block ends normally or not (then with
    ``error``: the exception's class name), in a transaction of its own.

    Args:
        engine: The database.
        username: The ``--as`` account, or ``None`` for the system account.
        permission: The matrix action the command needs.
        action: The audit entry's action, e.g. ``"batch.run"``.
        entity: The audit entry's entity, e.g. ``"batch"``.
        key: The entity's id (cut to 40 characters), e.g. a file or folder name.
        what: What the command does (paths, options); no personal data.

    Yields:
        The entry to be written; add results to its ``what``.

    Raises:
        PermissionDenied: As :func:`command_actor`; the block does not run.
    """
    actor = command_actor(engine, username, permission, entity=entity, key=key)
    audit = CommandAudit(actor, action, entity, str(key)[:40], {**what, "by": shell_user()})
    try:
        yield audit
    except BaseException as exc:
        audit.what["error"] = type(exc).__name__
        with suppress(Exception):  # logged by _write; the command's own error comes first
            _write(engine, audit)
        raise
    _write(engine, audit)


def _write(engine: Engine, audit: CommandAudit) -> None:
    from plut_nb.db import session_scope
    from plut_nb.services import _audit

    try:
        with session_scope(engine) as session:
            _audit.record(
                session, audit.actor, audit.action, audit.entity, audit.key, after=audit.what
            )
    except Exception:
        log.exception("audit entry of %s %s could not be written", audit.action, audit.key)
        raise
