"""Database access: engines, sessions and schema migrations."""

from plut_nb.db.engine import default_engine, make_engine, read_scope, session_scope
from plut_nb.db.schema import current_revision, ensure_current, head_revision, upgrade

__all__ = [
    "current_revision",
    "default_engine",
    "ensure_current",
    "head_revision",
    "make_engine",
    "read_scope",
    "session_scope",
    "upgrade",
]
