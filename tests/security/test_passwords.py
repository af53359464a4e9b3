"""Argon2id password hashes: verify, refuse, rehash when the parameters change; the rules."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from plut_nb.errors import ValidationError
from plut_nb.security.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password_rules,
    hash_password,
    verify_password,
)


def test_hash_is_argon2id_salted_and_verifies() -> None:
    first, second = hash_password("kopi-gayo-2026"), hash_password("kopi-gayo-2026")
    assert first.startswith("$argon2id$") and first != second  # a fresh salt each time
    assert "kopi-gayo-2026" not in first
    assert verify_password(first, "kopi-gayo-2026").ok
    assert not verify_password(first, "kopi-gayo-2027").ok
    assert verify_password(first, "kopi-gayo-2026").new_hash is None


def test_no_hash_or_garbage_never_verifies() -> None:
    assert not verify_password(None, "anything-at-all").ok
    assert not verify_password("", "anything-at-all").ok
    assert not verify_password("not-a-hash", "anything-at-all").ok
    assert not verify_password(hash_password("kopi-gayo-2026"), "x" * (MAX_PASSWORD_LENGTH + 1)).ok


def test_outdated_parameters_give_a_fresh_hash_on_success() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("kopi-gayo-2026")
    result = verify_password(weak, "kopi-gayo-2026")
    assert result.ok and result.new_hash is not None and result.new_hash != weak
    assert verify_password(result.new_hash, "kopi-gayo-2026") == type(result)(ok=True)
    assert verify_password(weak, "wrong-password").new_hash is None


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("a" * (MIN_PASSWORD_LENGTH - 1), "password.short"),
        ("a" * (MAX_PASSWORD_LENGTH + 1), "password.long"),
        ("Konsultan.Medan", "password.username"),
    ],
)
def test_password_rules(password: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        check_password_rules(password, "konsultan.medan")
    assert [e.code for e in exc.value.errors] == [code]
    assert exc.value.by_field["password"]
    with pytest.raises(ValidationError):
        hash_password(password, "konsultan.medan")
    check_password_rules("a" * MIN_PASSWORD_LENGTH, "konsultan.medan")  # the boundary passes
