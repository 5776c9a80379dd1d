"""Run-time configuration (DESIGN.md contract 7), read from ``SICOACH_*`` variables.

Read through :func:`get_settings`, never at import, so tests and commands can set the
environment first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("sicoach", appauthor=False))


class Settings(BaseSettings):
    """Where sicoach keeps its data and how it runs."""

    model_config = SettingsConfigDict(env_prefix="SICOACH_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    mode: Literal["local", "server"] = "local"
    secret_key: str | None = None
    base_url: str | None = None
    clinic_name: str | None = Field(default=None, max_length=200)
    smtp_url: str | None = None

    # Ours: the number the emergency advice offers to call; 911 in the United States.
    emergency_number: str = "911"

    @field_validator("emergency_number")
    @classmethod
    def _phone_number(cls, value: str) -> str:
        number = value.strip()
        if re.fullmatch(r"\+?[0-9]{2,15}", number):
            return number
        raise ValueError(
            "SICOACH_EMERGENCY_NUMBER must be the number to call, digits only with an "
            f"optional leading +, like 911 or 112, got {value!r}"
        )

    @field_validator("base_url")
    @classmethod
    def _site_address(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value.strip())
        extra = parts.username or parts.password or parts.query or parts.fragment
        plain = not extra and parts.path in ("", "/")
        if parts.scheme in ("http", "https") and parts.hostname and plain:
            return f"{parts.scheme}://{parts.netloc.lower()}"
        raise ValueError(
            "SICOACH_BASE_URL must be the address people open, a scheme and host with no "
            f"path, like https://clinic.example.org, got {value!r}"
        )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value is None or value.startswith(("sqlite", "postgresql")):
            return value
        raise ValueError(
            f"SICOACH_DATABASE_URL must start with sqlite:// or postgresql://, got {value!r}"
        )

    @property
    def resolved_database_url(self) -> str:
        """The database URL: the configured one, or a SQLite file in the data directory."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://"):
                return "postgresql+psycopg://" + url.removeprefix("postgresql://")
            return url
        return f"sqlite:///{self.data_dir / 'sicoach.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings for this process, read once from the environment."""
    return Settings()
