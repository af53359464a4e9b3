from __future__ import annotations

import pytest

from plut_nb.rules import mask_nik


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("3201015508950001", "3201********0001"),
        ("3201 0155 0895 0001", "3201********0001"),
        ("3201-01.5508950001", "3201********0001"),
        ("123456789", "1234*6789"),
        ("12345678", "********"),
        ("", ""),
    ],
)
def test_mask_nik(value: str, masked: str) -> None:
    assert mask_nik(value) == masked


def test_mask_nik_hides_the_birth_date() -> None:
    assert "550895" not in mask_nik("3201015508950001")
    assert mask_nik(None) == ""  # type: ignore[arg-type]
