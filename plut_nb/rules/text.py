"""Normalising names for search and duplicate matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key", "name_sorted_key"]

_MAX = 200


def name_key(name: str) -> str:
    """A business or person name reduced for matching.

    Lower case, accents removed, punctuation as spaces, single spaces, at most
    200 characters: ``"Keripik  Sanjai, Bu Rína!"`` → ``"keripik sanjai bu rina"``.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()[:_MAX]


def name_sorted_key(name: str) -> str:
    """:func:`name_key` with its words in alphabetical order.

    Sorting by this key puts ``"Bu Rina Keripik"`` next to ``"Keripik Bu Rina"``,
    so duplicate search can compare a bounded neighbourhood in both orders.
    """
    return " ".join(sorted(name_key(name).split()))[:_MAX]
