"""``sicoach serve`` and ``sicoach accounts``: start the web app, refuse unsafe settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app

runner = CliRunner()


def test_local_mode_listens_only_on_this_computer(data_dir: Path) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "only listens on this computer" in result.output


def test_server_mode_without_a_secret_key_refuses_to_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sicoach.settings import get_settings

    monkeypatch.setenv("SICOACH_MODE", "server")
    monkeypatch.delenv("SICOACH_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "SICOACH_SECRET_KEY" in result.output


def test_serve_refuses_a_weak_secret_key(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SICOACH_MODE", "server")
    monkeypatch.setenv("SICOACH_SECRET_KEY", "x")
    monkeypatch.setenv("SICOACH_BASE_URL", "https://clinic.example.org")
    from sicoach.settings import get_settings

    get_settings.cache_clear()
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "sicoach accounts secret-key" in result.output


def test_serve_prints_its_address_and_serves_the_app(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "SICOACH_DATA_DIR": str(tmp_path), "SICOACH_MODE": "local"}
    env.pop("SICOACH_DATABASE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sicoach.cli.main import run; run()",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in line
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the app did not answer"
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_accounts_add_makes_a_clinician_who_can_log_in(data_dir: Path) -> None:
    from sicoach.services import accounts
    from sicoach.settings import get_settings
    from sicoach.store.db import open_database

    result = runner.invoke(
        app, ["accounts", "add", "ann@clinic.test"], input="correct horse battery\n" * 2
    )
    assert result.exit_code == 0, result.output
    engine = open_database(get_settings().resolved_database_url)
    actor = accounts.log_in(
        accounts.unit_of_work(engine), "ann@clinic.test", "correct horse battery"
    )
    assert actor.role == "clinician"


def test_accounts_add_refuses_an_unknown_role(data_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["accounts", "add", "x@y.test", "--role", "boss"],
        input="p" * 12 + "\n" + "p" * 12 + "\n",
    )
    assert result.exit_code == 2
    assert "--role must be one of" in result.output
