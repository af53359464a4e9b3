"""Password hashing (Argon2id through argon2-cffi) and the password rules.

A staff password is stored only as an Argon2id hash (argon2-cffi's
:class:`~argon2.PasswordHasher` with its default, RFC 9106 parameters). The
hash string carries its own parameters and salt, so when the defaults change
in a newer argon2-cffi, :func:`verify_password` reports that the stored hash
should be replaced and the next successful sign-in stores a fresh one.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import t

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "Verification",
    "check_password_rules",
    "hash_password",
    "verify_password",
    "waste_verification",
]

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # hashing is deliberately slow; a huge input must not be


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@dataclass(frozen=True)
class Verification:
    """The result of checking a password against a stored hash.

    Attributes:
        ok: The password matches.
        new_hash: When ``ok`` and the stored hash uses outdated parameters, a
            fresh hash of the same password to store instead; else ``None``.
    """

    ok: bool
    new_hash: str | None = None


def check_password_rules(password: str, username: str = "") -> None:
    """Refuse a password that is too short, too long or equal to the username.

    Raises:
        ValidationError: On field ``password``, saying what the rule is.
    """
    problem = None
    if len(password) < MIN_PASSWORD_LENGTH:
        problem = ("password.short", t("password.short", n=MIN_PASSWORD_LENGTH))
    elif len(password) > MAX_PASSWORD_LENGTH:
        problem = ("password.long", t("password.long", n=MAX_PASSWORD_LENGTH))
    elif username and password.strip().lower() == username.strip().lower():
        problem = ("password.username", t("password.username"))
    if problem:
        raise ValidationError([FieldError("password", problem[0], problem[1])])


def hash_password(password: str, username: str = "") -> str:
    """The Argon2id hash of ``password`` after checking the password rules.

    Raises:
        ValidationError: The password breaks a rule (:func:`check_password_rules`).
    """
    check_password_rules(password, username)
    return _hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> Verification:
    """Check ``password`` against ``stored_hash`` (``None``: no password set, never matches)."""
    if not stored_hash or len(password) > MAX_PASSWORD_LENGTH:
        waste_verification()
        return Verification(ok=False)
    hasher = _hasher()
    try:
        hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return Verification(ok=False)
    if hasher.check_needs_rehash(stored_hash):
        return Verification(ok=True, new_hash=hasher.hash(password))
    return Verification(ok=True)


@cache
def _decoy_hash() -> str:
    return _hasher().hash("plut-nb decoy password, never valid")


def waste_verification() -> None:
    """Spend the time of one verification, so an unknown account answers as slowly as a known one."""
    with contextlib.suppress(VerificationError):
        _hasher().verify(_decoy_hash(), "not the decoy")
