from __future__ import annotations

import pytest

from plut_nb.errors import ValidationError
from plut_nb.rules import mask_phone, normalize_phone


@pytest.mark.parametrize(
    ("value", "e164"),
    [
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("628123456789", "+628123456789"),
        ("+62 (0)812 3456 7890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("0812345678", "+62812345678"),  # 10 digits: shortest mobile
        ("0812345678901", "+62812345678901"),  # 13 digits: longest mobile
        ("021 555 1234", "+62215551234"),
        ("021-5551234", "+62215551234"),
        ("(021) 555-1234", "+62215551234"),
        ("0361 234567", "+62361234567"),
        ("+6221 5551234", "+62215551234"),
    ],
)
def test_valid_numbers(value: str, e164: str) -> None:
    assert normalize_phone(value) == e164
    assert normalize_phone(e164) == e164


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("+1 555 123 4567", "phone.country"),
        ("+44 20 7946 0958", "phone.country"),
        ("0044 20 7946 0958", "phone.country"),
        ("112", "phone.prefix"),
        ("5551234", "phone.prefix"),
        ("08123456", "phone.mobile_length"),  # 8 digits
        ("08123456789012", "phone.mobile_length"),  # 14 digits
        ("021 555", "phone.landline_length"),
        ("0215551234567", "phone.landline_length"),
        ("0112345678", "phone.invalid"),
        ("0812-3456-78ab", "phone.digits"),
        ("<script>alert(1)</script>", "phone.digits"),
        ("٠٨١٢٣٤٥٦٧٨٩٠", "phone.digits"),
        ("0" * 10_000, "phone.too_long"),
        ("0", "phone.mobile_length"),
        ("+", "phone.country"),
        ("", "required"),
        (None, "required"),
        (81234567890, "rules.not_text"),
    ],
)
def test_invalid_numbers(value: object, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_phone(value)
    assert [e.code for e in exc.value.errors] == [code]
    assert exc.value.errors[0].field == "phone"


def test_foreign_number_message() -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_phone("+1 555 123 4567")
    assert "+62" in exc.value.message
    assert exc.value.message.startswith("Nomor HP '+1 555 123 4567' bukan nomor Indonesia")


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("+6281234567890", "+62812****7890"),
        ("0812-3456-7890", "+62812****7890"),
        ("+62215551234", "+62215**1234"),
        ("not a phone 1234", "*********1234"),
        ("123", "***"),
    ],
)
def test_mask_phone(value: str, masked: str) -> None:
    assert mask_phone(value) == masked


def test_mask_phone_non_text() -> None:
    assert mask_phone(None) == ""  # type: ignore[arg-type]
