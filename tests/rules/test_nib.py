from __future__ import annotations

import pytest

from plut_nb.errors import ValidationError
from plut_nb.rules import normalize_nib


@pytest.mark.parametrize(
    ("value", "nib"),
    [
        ("9120123456789", "9120123456789"),
        (" 9120 1234 56789 ", "9120123456789"),
        ("0220000000001", "0220000000001"),
    ],
)
def test_valid(value: str, nib: str) -> None:
    assert normalize_nib(value) == nib


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("912012345678", "nib.length"),
        ("91201234567890", "nib.length"),
        ("9" * 10_000, "nib.length"),
        ("912012345678A", "nib.digits"),
        ("NIB9120123456", "nib.digits"),
        ("<script>", "nib.digits"),
        ("٩١٢٠١٢٣٤٥٦٧٨٩", "nib.digits"),
        ("", "required"),
        (None, "required"),
        (9120123456789, "rules.not_text"),
    ],
)
def test_invalid(value: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_nib(value)
    assert [e.code for e in exc.value.errors] == [code]
    assert exc.value.errors[0].field == "nib"


def test_message_says_what_and_how() -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_nib("912012345678")
    assert exc.value.message == "NIB harus 13 digit angka; yang diisi 12 digit."
