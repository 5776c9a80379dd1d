"""The cookie-signing key must be at least 32 random bytes (issue 13, finding 5)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from sicoach.settings import Settings
from sicoach.web import ConfigurationError, create_app
from sicoach.web.secret_key import new_secret_key, secret_key_problem


def _server(tmp_path: Path, key: str) -> Settings:
    return Settings(
        data_dir=tmp_path, mode="server", secret_key=key, base_url="https://clinic.example.org"
    )


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "x" * 64,
        "ab" * 40,
        secrets.token_hex(16),  # 16 bytes
        secrets.token_urlsafe(24),  # 24 bytes
        "change-me-please",
    ],
)
def test_a_weak_secret_key_is_refused_with_how_to_make_a_good_one(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigurationError, match="SICOACH_SECRET_KEY") as refused:
        create_app(_server(tmp_path, key))
    assert "32 random bytes" in str(refused.value) or "random" in str(refused.value)
    assert "sicoach accounts secret-key" in str(refused.value)


@pytest.mark.parametrize(
    "key", [secrets.token_hex(32), secrets.token_urlsafe(32), new_secret_key()]
)
def test_a_key_of_32_random_bytes_or_more_is_accepted(tmp_path: Path, key: str) -> None:
    assert secret_key_problem(key) is None
    create_app(_server(tmp_path, key)).state.context.engine.dispose()


def test_local_mode_replaces_a_weak_key_file_with_a_good_one(tmp_path: Path) -> None:
    (tmp_path / "web-secret-key").write_text("x")
    create_app(Settings(data_dir=tmp_path)).state.context.engine.dispose()
    assert secret_key_problem((tmp_path / "web-secret-key").read_text()) is None
