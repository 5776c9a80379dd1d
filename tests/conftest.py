"""Fixtures every test area shares: an isolated data directory and the real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# The machine is shared and CI has two cores: a slow example is not a failure.
settings.register_profile("sicoach", deadline=None)
settings.load_profile("sicoach")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh SICOACH_DATA_DIR (and SQLite default) for one test."""
    from sicoach.settings import get_settings

    directory = tmp_path / "data"
    monkeypatch.setenv("SICOACH_DATA_DIR", str(directory))
    monkeypatch.delenv("SICOACH_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield directory
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive Debian's Chromium; Playwright's own browser download is never used."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
    }
