"""Messages in Bahasa Indonesia (default) and English.

Every user-facing sentence lives in a catalogue under :mod:`plut_nb.messages`,
keyed by a stable id; :func:`t` picks the language from ``PLUT_LANG`` (or an
explicit ``lang``) and fills in ``{placeholders}``. A missing key falls back to
Indonesian, then to the key itself, so a gap shows up as text, never a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

__all__ = ["current_lang", "t"]


@cache
def _catalogue() -> Mapping[str, Mapping[str, str]]:
    from plut_nb.messages import CATALOGUE

    return CATALOGUE


def current_lang() -> str:
    """The configured interface language, ``"id"`` or ``"en"``."""
    from plut_nb.settings import get_settings

    return get_settings().lang


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` (default: the configured one) and format it.

    Args:
        key: Message id, e.g. ``"nik.length"``.
        lang: ``"id"`` or ``"en"``; ``None`` uses ``PLUT_LANG``.
        **params: Values for the message's ``{placeholders}``.

    Returns:
        The formatted message.
    """
    entry = _catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang or current_lang()) or entry.get("id") or key
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
