"""Helpers shared by the rule modules: field labels, errors, input clean-up."""

from __future__ import annotations

import re

from plut_nb.errors import FieldError, ValidationError
from plut_nb.i18n import t

_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_SEPARATORS = re.compile(r"[\s.\-]+")
_SHOWN_MAX = 24


def label(field: str) -> str:
    """The translated label of ``field``, or the field name when it has none."""
    key = f"field.{field}"
    text = t(key)
    return field if text == key else text


def field_error(field: str, key: str, /, **params: object) -> FieldError:
    """One :class:`FieldError` whose code and message key is ``key``."""
    return FieldError(field, key, t(key, None, field=label(field), **params))


def fail(field: str, key: str, /, **params: object) -> ValidationError:
    """A :class:`ValidationError` with one problem (raise it)."""
    return ValidationError([field_error(field, key, **params)])


def shown(value: str) -> str:
    """``value`` shortened for quoting in a message."""
    one_line = " ".join(value.split())
    if len(one_line) > _SHOWN_MAX:
        return one_line[: _SHOWN_MAX - 1] + "…"
    return one_line


def require_text(value: object, field: str) -> str:
    """``value`` stripped, or an error when it is missing, empty or not text.

    Raises:
        ValidationError: ``required`` for ``None``/blank, ``rules.not_text`` for
            other types.
    """
    if value is None:
        raise fail(field, "required")
    if not isinstance(value, str):
        raise fail(field, "rules.not_text", type=type(value).__name__)
    text = value.strip()
    if not text:
        raise fail(field, "required")
    return text


def strip_separators(text: str) -> str:
    """``text`` without whitespace, dots and dashes."""
    return _SEPARATORS.sub("", text)


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is one or more ASCII digits 0–9 (no other numerals)."""
    return _ASCII_DIGITS.fullmatch(text) is not None


def first_non_digit(text: str) -> str:
    """The first character of ``text`` that is not an ASCII digit, for messages."""
    for ch in text:
        if not ("0" <= ch <= "9"):
            return ch if ch.isprintable() else f"U+{ord(ch):04X}"
    return ""
