"""Normalising names for search and duplicate matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key", "name_sorted_key", "sorted_words"]

_MAX = 200
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """A business or person name reduced for matching.

    Lower case, accents removed, punctuation as spaces, single spaces, at most
    200 characters: ``"Keripik  Sanjai, Bu Rína!"`` → ``"keripik sanjai bu rina"``.
    """
    text = name
    if not text.isascii():  # NFKD and dropping non-ASCII leave ASCII text as it is
        text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = _NOT_KEY.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip()[:_MAX]


def name_sorted_key(name: str) -> str:
    """:func:`name_key` with its words in alphabetical order.

    Sorting by this key puts ``"Bu Rina Keripik"`` next to ``"Keripik Bu Rina"``,
    so duplicate search can compare a bounded neighbourhood in both orders.
    """
    return sorted_words(name_key(name))


def sorted_words(key: str) -> str:
    """The words of a :func:`name_key` in alphabetical order (``name_sorted_key`` of its name)."""
    return " ".join(sorted(key.split()))[:_MAX]
