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
