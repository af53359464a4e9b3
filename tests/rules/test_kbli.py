from __future__ import annotations

from pathlib import Path

import pytest

from plut_nb.errors import ValidationError
from plut_nb.reference.kbli import KbliCode
from plut_nb.rules import validate_kbli
from tests.reference.kbli_fixture import use_sample


@pytest.fixture(autouse=True)
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_sample(tmp_path, monkeypatch)


def test_five_digit_code() -> None:
    entry = validate_kbli("47111")
    assert (entry.code, entry.level, entry.section) == ("47111", 5, "G")


def test_leading_zero_and_separators() -> None:
    assert validate_kbli(" 01.111 ").code == "01111"


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        ("g", 1, "G"),
        ("A", 1, "A"),
        ("47", 2, "47"),
        ("107", 3, "107"),
        ("1071", 4, "1071"),
        ("10710", 5, "10710"),
        ("4711", None, "4711"),
        ("U", None, "U"),
    ],
)
def test_levels(code: str, level: int | None, expected: str) -> None:
    entry = validate_kbli(code, level=level)
    assert isinstance(entry, KbliCode)
    assert entry.code == expected


@pytest.mark.parametrize(
    ("code", "level", "error"),
    [
        ("4711", 5, "kbli.length"),
        ("471111", 5, "kbli.format"),
        ("G", 5, "kbli.length"),
        ("47", 1, "kbli.section"),
        ("V", 1, "kbli.section"),
        ("47A11", 5, "kbli.format"),
        ("٤٧١١١", 5, "kbli.format"),
        ("<script>", 5, "kbli.format"),
        ("4" * 10_000, 5, "kbli.format"),
        ("47112", 5, "kbli.unknown"),
        ("04000", 5, "kbli.unknown"),
        ("B", 1, "kbli.unknown"),
        ("", 5, "required"),
        (None, 5, "required"),
        (47111, 5, "rules.not_text"),
    ],
)
def test_invalid(code: object, level: int, error: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_kbli(code, level=level)
    assert [e.code for e in exc.value.errors] == [error]


def test_unknown_message_names_the_code() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_kbli("47112")
    assert "'47112'" in exc.value.message
    assert "KBLI 2020" in exc.value.message


def test_bad_level_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="level"):
        validate_kbli("47111", level=6)
