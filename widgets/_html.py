"""Escaping and small HTML pieces for widgets (every user string goes through ``esc``)."""

from __future__ import annotations

import html
from collections.abc import Sequence


def esc(value: object) -> str:
    """HTML-escape any value; ``None`` becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, css_class: str = "plut-table"
) -> str:
    """An HTML table whose every cell is escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{esc(css_class)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


STYLE = """<style>
.plut-table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.plut-table th { background: #1f4e79; color: #fff; text-align: left; padding: 6px 8px; }
.plut-table td { border-bottom: 1px solid #dde3ea; padding: 5px 8px; }
.plut-table tbody tr:nth-child(even) { background: #f5f8fb; }
.plut-error { color: #b00020; font-weight: 600; }
.plut-ok { color: #1b5e20; font-weight: 600; }
.plut-header { display: flex; gap: 16px; align-items: baseline; border-bottom: 2px solid #1f4e79; margin-bottom: 8px; }
.plut-header .plut-who { color: #444; }
</style>"""
"""Shared look of PLUT-NB tables and messages (included once per app)."""
