"""What the web benchmarks share: the app started on loopback, one person set up through
its pages, the intake as its form posts it and a session as recorded."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from sicoach.settings import Settings
from sicoach.store.db import open_database

__all__ = [
    "FIRST_SESSION_DAY",
    "Visitor",
    "asgi_get",
    "dated_session",
    "free_port",
    "intake_form_fields",
    "running_app",
    "session_body",
    "session_record",
    "set_up_person",
]

TYPICAL = Path(__file__).resolve().parents[1] / "examples" / "intakes" / "typical.yaml"


def intake_form_fields(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """An intake mapping as the form's fields: dotted names, 'true'/'false', lists repeated."""
    fields: list[tuple[str, str]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else key, child)
        elif isinstance(value, list):
            fields.extend((prefix, str(v)) for v in value)
        elif isinstance(value, bool):
            fields.append((prefix, "true" if value else "false"))
        elif value is not None:
            fields.append((prefix, str(value)))

    walk("", {k: v for k, v in answers.items() if k != "schema"})
    return fields


def session_record(
    script: dict[str, Any], session_id: str, started: datetime, pain: tuple[int, int, int]
) -> dict[str, Any]:
    """Today's script played to the end from ``started``, with the pain before, during, after."""
    before, during, after = pain
    return {
        "schema": "sicoach.session/1",
        "id": session_id,
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=script["total_seconds"])).isoformat(),
        "completed": True,
        "steps": [
            {
                "index": n,
                "exercise": s["exercise"],
                "side": s["side"],
                "rep": s["rep"],
                "phase": s["phase"],
                "planned_seconds": s["seconds"],
                "actual_seconds": s["seconds"],
                "outcome": "completed",
            }
            for n, s in enumerate(script["steps"])
        ],
        "pain_before": before,
        "pain_during": during,
        "pain_after": after,
    }


async def asgi_get(
    app: Any, path: str, headers: list[tuple[bytes, bytes]], *, host: str = "127.0.0.1"
) -> tuple[int, float]:
    """One GET awaited straight through the ASGI app, as a server calls it: the status and
    the milliseconds it took. ``path`` may carry a query; ``https`` unless on loopback."""
    path_only, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http" if host == "127.0.0.1" else "https",
        "path": path_only,
        "raw_path": path_only.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", host.encode()), *headers],
        "client": ("127.0.0.1", 50000),
        "server": (host, 80 if host == "127.0.0.1" else 443),
    }
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    begin = time.perf_counter()
    await app(scope, receive, send)
    return status, (time.perf_counter() - begin) * 1000


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the app at {url} did not start") from None
            time.sleep(0.2)


@contextmanager
def running_app(
    data_dir: Path,
    database_url: str | None = None,
    *,
    workers: int = 2,
    instances: int = 1,
    command: str = "uvicorn",
) -> Iterator[list[str]]:
    """Start the app in local mode on loopback; yield the base URL of each instance.

    ``command="uvicorn"`` runs uvicorn's factory with the app's own protocol (what
    ``sicoach serve`` runs); ``command="serve"`` runs ``sicoach serve`` itself. Several
    instances are separate processes on their own ports, sharing one database. The
    database is migrated once first, as ``sicoach serve`` does, so workers do not race.
    """
    env = {**os.environ, "SICOACH_DATA_DIR": str(data_dir), "SICOACH_MODE": "local"}
    env.pop("SICOACH_DATABASE_URL", None)
    if database_url:
        env["SICOACH_DATABASE_URL"] = database_url
    url = database_url or f"sqlite:///{data_dir / 'sicoach.sqlite3'}"
    open_database(Settings(database_url=url, data_dir=data_dir).resolved_database_url).dispose()
    servers: list[subprocess.Popen[bytes]] = []
    bases = []
    try:
        for _ in range(instances):
            port = free_port()
            if command == "serve":
                run = "from sicoach.cli.main import run; run()"
                argv = [sys.executable, "-c", run, "serve", "--port", str(port)]
                argv += ["--workers", str(workers)]
            else:
                argv = [sys.executable, "-m", "uvicorn", "--factory"]
                argv += ["sicoach.web.app:create_app_from_environment", "--host", "127.0.0.1"]
                argv += ["--port", str(port), "--workers", str(workers), "--log-level", "warning"]
                argv += ["--http", "sicoach.web.server:NoDelayH11Protocol"]
            servers.append(subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL))
            bases.append(f"http://127.0.0.1:{port}")
        for base, server in zip(bases, servers, strict=True):
            _wait(base + "/exercises", server)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


@dataclass(frozen=True)
class Visitor:
    """The one person of local mode, as a client sees them: cookie, CSRF token, a session."""

    cookie: str
    token: str
    script: dict[str, Any]
    record: dict[str, Any]

    def headers(self) -> dict[str, str]:
        """What every request sends: the browser session's cookie and its CSRF token."""
        return {"Cookie": self.cookie, "X-CSRF-Token": self.token}


def set_up_person(base: str) -> Visitor:
    """Give the typical intake through the form at ``base``; read today's script."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/start").read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', page)
    if token is None:
        raise SystemExit("no CSRF token on /start")
    answers = yaml.safe_load(TYPICAL.read_text())
    form = [("csrf_token", token.group(1)), *intake_form_fields(answers)]
    opener.open(base + "/start", data=urllib.parse.urlencode(form).encode()).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    script = json.loads(opener.open(base + "/api/v1/script").read())
    started = datetime.now(UTC) - timedelta(hours=1)
    record = session_record(script, "__ID__", started, (3, 2, 2))
    return Visitor(cookie=cookie, token=token.group(1), script=script, record=record)


# Recorded sessions a day apart from here on, as wger's bench gives each session its own
# date: one person doing thousands of sessions in a day would make each new one read an
# ever longer pain history, which no person has.
FIRST_SESSION_DAY = datetime(2010, 1, 4, 9, 0, tzinfo=UTC)


def dated_session(visitor: Visitor) -> tuple[str, float]:
    """The session record as JSON with ``__ID__``, ``__START__`` and ``__END__`` to fill,
    and its length in seconds."""
    template = {**visitor.record, "started_at": "__START__", "ended_at": "__END__"}
    return json.dumps(template), float(visitor.script["total_seconds"])


def session_body(template: str, length: float, number: int, prefix: str) -> bytes:
    """Session ``number`` of a run: its own id and its own day."""
    started = FIRST_SESSION_DAY + timedelta(days=number)
    body = template.replace("__ID__", f"{prefix}-{number}")
    body = body.replace("__START__", started.isoformat())
    return body.replace("__END__", (started + timedelta(seconds=length)).isoformat()).encode()
