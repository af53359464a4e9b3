"""Settings from the environment, in one pydantic object.

``PLUT_DB_URL``   SQLAlchemy URL; default a SQLite file ``plut.db`` under the data folder.
``PLUT_DATA_DIR`` folder for the embedded database, batch outputs and logs (default ``./data``).
``PLUT_LANG``     ``id`` (Bahasa Indonesia, default) or ``en``.
``PLUT_TIMEZONE`` zone of the centre's working day (default ``Asia/Jakarta``, WIB).
``PLUT_RESEARCH_KEY`` / ``PLUT_RESEARCH_KEY_FILE`` secret key of the pseudonymous ids in
research extracts (default: ``research.key`` under the data folder, created on first use).
``PLUT_AUTH``     ``on`` (default): sign-in in front of the apps; ``off``: development mode
(a staff picker, loopback only).
``PLUT_SESSION_MINUTES`` how long a sign-in lasts (default 600, a working day).
``PLUT_LOGIN_MAX_FAILURES`` / ``PLUT_LOGIN_LOCK_MINUTES`` failed sign-ins in a row that lock
an account (default 5), and for how long (default 15).
``PLUT_BEHIND_TLS`` ``true`` when a TLS proxy serves the apps: cookies become ``Secure``.
``PLUT_COOKIE_SECRET_FILE`` file with the key that signs session cookies (default: a new
random key per start, so a restart signs everyone out).
``PLUT_KERNEL_IDLE_MINUTES`` an app page's kernel whose browser has gone (tab closed,
laptop asleep, connection lost) is stopped after this many idle minutes (default 60);
kernels of open pages are never stopped.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
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
    research_key: SecretStr | None = None
    research_key_file: Path | None = None
    auth: Literal["on", "off"] = "on"
    session_minutes: float = Field(default=600, gt=0)
    login_max_failures: int = Field(default=5, ge=1)
    login_lock_minutes: float = Field(default=15, ge=0)
    behind_tls: bool = False
    cookie_secret_file: Path | None = None
    kernel_idle_minutes: float = Field(default=60, gt=0)

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, v: Path) -> Path:
        return v.expanduser().resolve()

    @field_validator("lang", "auth", mode="before")
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
