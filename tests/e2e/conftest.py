"""Browser tests: a real uvicorn server on a free loopback port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

SECRET = "e2e-secret-key-that-is-long-enough-0123456789"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
# What Chromium said about Content-Security-Policy on the pages of the running test.
_csp_violations: list[str] = []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running app: its address and its data folder."""

    url: str
    data_dir: Path


def start_server(
    data_dir: Path, mode: str, more_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], Server]:
    """Start the app (``more_env``: other SICOACH_ settings) and wait until it answers."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "SICOACH_DATA_DIR": str(data_dir),
        "SICOACH_MODE": mode,
        "SICOACH_SECRET_KEY": SECRET,
        "SICOACH_BASE_URL": url,
        **(more_env or {}),
    }
    env.pop("SICOACH_DATABASE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "sicoach.web.app:create_app_from_environment",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/exercises", timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the app did not start") from None
            time.sleep(0.1)
    return process, Server(url, data_dir)


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[Server]:
    """A local-mode app (one person, no login) on its own SQLite file."""
    process, server = start_server(tmp_path / "data", "local")
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def server_mode_server(tmp_path: Path) -> Iterator[Server]:
    """A server-mode app (accounts and roles) on its own SQLite file."""
    process, server = start_server(tmp_path / "data", "server")
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def shots(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Where screenshots go: $SICOACH_SCREENSHOTS (to look at them) or the test's temp folder."""
    root = Path(os.environ.get("SICOACH_SCREENSHOTS", tmp_path / "shots"))
    folder = root / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser: Browser, size: str, scheme: str = "light") -> Page:
    """A fresh browser context at a phone or desktop size, light or dark."""
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.on("console", _note_csp_violation)
    return page


def _note_csp_violation(message: ConsoleMessage) -> None:
    if "Content Security Policy" in message.text:
        _csp_violations.append(f"{message.location.get('url')}: {message.text}")


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    """Fail a browser test whose pages broke the Content-Security-Policy (a refused
    script, style or picture is a page that does not work as built)."""
    _csp_violations.clear()
    yield
    found = list(_csp_violations)
    _csp_violations.clear()
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


def snap(page: Page, path: Path, *, full_page: bool = True) -> None:
    """Save a screenshot to look at; then scroll back, as a full-page shot leaves Chromium's
    scroll position stale and the next click would miss."""
    page.wait_for_load_state("load")
    page.screenshot(path=path, full_page=full_page)
    page.evaluate("window.scrollTo(0, 0)")
