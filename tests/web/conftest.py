"""Web test fixtures: an app per test on its own SQLite file, and helpers to post forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from fastapi.testclient import TestClient

from sicoach.settings import Settings
from sicoach.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
SECRET = "test-secret-key-that-is-long-enough-0123456789"
LOCAL = "http://127.0.0.1"  # local mode answers only loopback host names


def make_client(tmp_path: Path, mode: str = "local", **more: Any) -> TestClient:
    """A client for a fresh app: local mode at a loopback address; server mode at its
    base URL, over HTTPS so its secure cookies are sent. ``more`` are other settings."""
    settings = Settings(
        data_dir=tmp_path / "data",
        mode=mode,
        secret_key=SECRET if mode == "server" else None,
        base_url="https://testserver" if mode == "server" else None,
        **more,
    )
    base = "https://testserver" if mode == "server" else LOCAL
    return TestClient(create_app(settings), base_url=base)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """A local-mode app (one person, no login)."""
    with make_client(tmp_path) as test_client:
        yield test_client


def csrf(client: TestClient, page: str = "/exercises") -> str:
    """The CSRF token of the client's browser session, read from a page."""
    html = client.get(page).text
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "every page carries the CSRF token"
    return found.group(1)


def typical_answers() -> dict[str, Any]:
    """The typical example intake as a mapping."""
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "typical.yaml").read_text())
    return data


def intake_form(answers: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """An intake as the form posts it: dotted names, 'true'/'false', lists repeated."""
    fields: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else key, child)
        elif isinstance(value, list):
            fields.extend((prefix, str(v)) for v in value)
        elif isinstance(value, bool):
            fields.append((prefix, "true" if value else "false"))
        elif value is None:
            fields.append((prefix, ""))
        else:
            fields.append((prefix, str(value)))

    data = dict(answers if answers is not None else typical_answers())
    data.pop("schema", None)
    walk("", data)
    return fields


def post_intake(client: TestClient, answers: dict[str, Any] | None = None) -> Any:
    """Post the intake form with a valid CSRF token."""
    token = csrf(client)
    body = urlencode([("csrf_token", token), *intake_form(answers)])
    return client.post(
        "/start",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
