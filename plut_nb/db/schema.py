"""Schema versions: upgrade with Alembic, and refuse to run on an outdated schema.

Checking the version is what every app kernel and CLI command does first, so it
does not import Alembic (about 0.2 s of imports): :func:`current_revision` reads
the ``alembic_version`` row with plain SQL and :func:`head_revision` reads the
``revision``/``down_revision`` assignments of the migration files as text.
Alembic is imported only to migrate (:func:`upgrade`); a test checks that both
readings agree with Alembic's own.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from plut_nb.errors import SchemaOutOfDate

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["current_revision", "ensure_current", "head_revision", "upgrade"]

_MIGRATIONS = Path(__file__).parent / "migrations"
#: Alembic's default version table (``migrations/env.py`` keeps the default).
_VERSION_TABLE = "alembic_version"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at PLUT-NB's migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _revision_ids(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """``(revision, down_revisions)`` assigned at the top level of a migration file."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = ast.literal_eval(value)
    revision, down = found.get("revision"), found.get("down_revision")
    if not isinstance(revision, str):
        return None
    if isinstance(down, str):
        return revision, (down,)
    if isinstance(down, tuple | list):  # a merge migration
        return revision, tuple(str(d) for d in down)
    return revision, ()


@cache
def head_revision() -> str:
    """The newest migration this code knows, read from the migration files.

    Raises:
        RuntimeError: The migrations do not end in exactly one head (a merge
            migration is missing).
    """
    downs: dict[str, tuple[str, ...]] = {}
    for path in sorted((_MIGRATIONS / "versions").glob("*.py")):
        ids = _revision_ids(path)
        if ids is not None:
            downs[ids[0]] = ids[1]
    replaced = {d for ds in downs.values() for d in ds}
    heads = sorted(set(downs) - replaced)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or ``None`` for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(_VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalars().all()
    # One row on a linear history; several (branches) never equal the single head.
    return ",".join(sorted(rows)) or None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def ensure_current(engine: Engine) -> None:
    """Raise :class:`SchemaOutOfDate` unless the database is at the newest migration.

    Raises:
        SchemaOutOfDate: With the command that fixes it (``plut db upgrade``).
    """
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaOutOfDate(current, head)
