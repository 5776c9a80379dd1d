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


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``poppler`` skips without poppler-utils (and fails under CI=true)."""
    if item.get_closest_marker("poppler") is not None:
        from tests.needs import require_poppler

        require_poppler()


def _clear_process_caches() -> None:
    from sicoach.cli.store_access import store
    from sicoach.settings import get_settings

    get_settings.cache_clear()
    store.cache_clear()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh SICOACH_DATA_DIR (and SQLite default) for every test.

    Autouse, so no test reads or writes the real user data directory, and the
    process-wide settings and store caches never leak from one test to the next.
    """
    directory = tmp_path / "data"
    monkeypatch.setenv("SICOACH_DATA_DIR", str(directory))
    monkeypatch.delenv("SICOACH_DATABASE_URL", raising=False)
    _clear_process_caches()
    yield directory
    _clear_process_caches()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive Debian's Chromium; Playwright's own browser download is never used."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
    }
