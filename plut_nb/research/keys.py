"""The secret key behind the pseudonymous ids of research extracts.

A research extract replaces every database id with ``HMAC-SHA256(key, "<kind>:<id>")``
(the first 16 hex digits). With the same key, the same enterprise gets the same
pseudonym in every extract, so extracts taken months apart join; without the key
the pseudonym cannot be turned back into the id (nor checked against a guessed id).

Where the key comes from, first match wins:

1. a key file named explicitly (``plut export research --key-file``);
2. ``PLUT_RESEARCH_KEY`` (the key itself, at least 16 characters);
3. ``PLUT_RESEARCH_KEY_FILE`` (a file holding it);
4. ``research.key`` under ``PLUT_DATA_DIR``, created with 256 random bits on first use
   (readable by its owner only). Keep it with the database backups: a lost key means
   new extracts no longer join old ones.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.settings import Settings, get_settings

__all__ = [
    "DEFAULT_KEY_FILE",
    "MIN_KEY_BYTES",
    "PSEUDONYM_HEX_DIGITS",
    "Pseudonymizer",
    "ResearchKeyError",
    "key_fingerprint",
    "load_research_key",
]

DEFAULT_KEY_FILE = "research.key"
"""Name of the generated key file under the data folder."""

MIN_KEY_BYTES = 16
PSEUDONYM_HEX_DIGITS = 16
"""64 bits: at a million ids the chance of any collision is below 1 in 30 million."""
_DIGITS = PSEUDONYM_HEX_DIGITS


class ResearchKeyError(PlutError):
    """The pseudonymisation key is missing, unreadable or too short."""


def _checked(raw: bytes, source: str) -> bytes:
    key = raw.strip()
    if len(key) < MIN_KEY_BYTES:
        raise ResearchKeyError(t("research.key.short", source=source, n=MIN_KEY_BYTES))
    return key


def _read(path: Path) -> bytes:
    try:
        return _checked(path.read_bytes(), str(path))
    except FileNotFoundError as exc:
        raise ResearchKeyError(t("research.key.missing", path=path)) from exc
    except OSError as exc:
        raise ResearchKeyError(t("research.key.unreadable", path=path, detail=exc)) from exc


def _create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    # O_EXCL: two exports starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    return key


def load_research_key(
    key_file: Path | None = None, *, settings: Settings | None = None, create: bool = True
) -> bytes:
    """The pseudonymisation key (see the module docstring for where it comes from).

    Args:
        key_file: A key file to use instead of the configured key.
        settings: Settings to read; default the process settings.
        create: Create ``research.key`` under the data folder when no key is configured.

    Returns:
        The key bytes (surrounding whitespace removed).

    Raises:
        ResearchKeyError: The key is missing (and may not be created), unreadable or
            shorter than :data:`MIN_KEY_BYTES`.
    """
    if key_file is not None:
        return _read(Path(key_file))
    s = settings or get_settings()
    if s.research_key is not None:
        return _checked(s.research_key.get_secret_value().encode("utf-8"), "PLUT_RESEARCH_KEY")
    if s.research_key_file is not None:
        return _read(s.research_key_file)
    default = s.data_dir / DEFAULT_KEY_FILE
    if default.exists() or not create:
        return _read(default)
    return _create(default)


def key_fingerprint(key: bytes) -> str:
    """A short tag of the key: two extracts with the same tag share pseudonyms.

    It is an HMAC of a fixed text, so it tells nothing about the key itself.
    """
    return hmac.new(key, b"plut-nb/research/fingerprint", hashlib.sha256).hexdigest()[:12]


class Pseudonymizer:
    """Turns database ids into stable pseudonyms under one key.

    Args:
        key: The secret key (see :func:`load_research_key`).
    """

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ResearchKeyError(t("research.key.short", source="key", n=MIN_KEY_BYTES))
        self._key = key

    def one(self, kind: str, value: int | str) -> str:
        """The pseudonym of id ``value`` of entity ``kind`` (``enterprise``, ``person`` ...)."""
        return hmac.digest(self._key, f"{kind}:{value}".encode(), "sha256").hex()[:_DIGITS]

    def many(self, kind: str, values: Iterable[int | str | None]) -> list[str | None]:
        """Pseudonyms of several ids; ``None`` stays ``None``."""
        key, digest = self._key, hmac.digest
        return [
            None if v is None else digest(key, f"{kind}:{v}".encode(), "sha256").hex()[:_DIGITS]
            for v in values
        ]
