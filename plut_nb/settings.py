"""Settings from the environment, in one pydantic object.

``PLUT_DB_URL``   SQLAlchemy URL; default a SQLite file ``plut.db`` under the data folder.
``PLUT_DATA_DIR`` folder for the embedded database, batch outputs and logs (default ``./data``).
``PLUT_LANG``     ``id`` (Bahasa Indonesia, default) or ``en``.
``PLUT_TIMEZONE`` zone of the centre's working day (default ``Asia/Jakarta``, WIB).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings", "reset_settings"]


class Settings(BaseSettings):
    """Runtime configuration; every field comes from a ``PLUT_*`` variable."""

    model_config = SettingsConfigDict(env_prefix="PLUT_", frozen=True, extra="ignore")

    data_dir: Path = Field(default=Path("data"))
    db_url: str | None = None
    lang: Literal["id", "en"] = "id"
    timezone: str = "Asia/Jakarta"
    sqlite_busy_timeout_ms: int = 15_000

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, v: Path) -> Path:
        return v.expanduser().resolve()

    @field_validator("lang", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.strip().lower() if isinstance(v, str) else v

    @property
    def database_url(self) -> str:
        """The URL to connect to: ``PLUT_DB_URL`` or the embedded SQLite file."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'plut.db'}"

    @property
    def is_embedded(self) -> bool:
        """True when the database is the embedded SQLite file (or another SQLite URL)."""
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


def reset_settings() -> None:
    """Forget cached settings so the next :func:`get_settings` re-reads the environment."""
    get_settings.cache_clear()
