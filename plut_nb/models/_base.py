"""Shared column helpers for the table models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    """The current time in UTC (stored timezone-aware)."""
    return datetime.now(UTC)


def created_at_field() -> Any:
    """A ``created_at`` column set on insert."""
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False)


def money_field(**kw: Any) -> Any:
    """A Rupiah amount: whole rupiah in a 64-bit integer (sales reach tens of billions)."""
    return Field(default=None, sa_type=BigInteger, **kw)


def json_list_field() -> Any:
    """A list of short codes stored as JSON (works on SQLite and PostgreSQL)."""
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))
