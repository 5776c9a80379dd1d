"""In process: what GET /plan and GET /api/v1/script cost, and what they do to the database.

    PYTHONPATH=src python bench/web_reads.py [--repeat N] [--database-url URL]

One local-mode app (no HTTP server), one person with the typical example's plan, a
session yesterday with its pain and today's pain on waking (so today's dose differs from
the plan's first version). For each read it prints the median time of N requests through
Starlette's TestClient and called directly (the ASGI app awaited in this thread's event
loop, as uvicorn calls it, without TestClient's thread hand-offs), the CPU time of the
process per direct request (worker threads included), and, for the first request after the
pain answers, the transactions opened, the SQL statements run and the writes (INSERT,
UPDATE, DELETE) made, counted by SQLAlchemy engine events. Reads should write nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import event

from _web import asgi_get, intake_form_fields, session_record
from sicoach.settings import Settings
from sicoach.web.app import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "intakes" / "typical.yaml"
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _csrf(client: TestClient) -> str:
    page = client.get("/start").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF token on /start"
    return found.group(1)


def _one_session(client: TestClient, token: str) -> None:
    script = client.get("/api/v1/script").json()
    start = datetime.now(UTC) - timedelta(days=1)
    record = session_record(script, str(uuid.uuid4()), start, (3, 2, 2))
    headers = {"X-CSRF-Token": token}
    answer = client.post("/api/v1/sessions", json=record, headers=headers)
    assert answer.status_code == 201, answer.text
    morning = {"value": 1, "when": "next-morning"}
    assert client.post("/api/v1/pain", json=morning, headers=headers).status_code == 201


async def _time_direct(
    app: Any, path: str, headers: list[tuple[bytes, bytes]], repeat: int
) -> tuple[float, float, float]:
    """Median and fastest wall ms, and CPU ms per request, of ``repeat`` direct GETs."""
    for _ in range(20):
        assert (await asgi_get(app, path, headers))[0] == 200
    times = []
    cpu = time.process_time()
    for _ in range(repeat):
        times.append((await asgi_get(app, path, headers))[1])
    used = (time.process_time() - cpu) * 1000 / repeat
    return statistics.median(times), min(times), used


class Counts:
    """Transactions, statements and writes seen on one engine."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def watch(self, engine: Any) -> None:
        event.listen(engine, "begin", lambda conn: self.seen.update(["transactions"]))
        event.listen(engine, "before_cursor_execute", self._statement)

    def _statement(self, conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        self.seen["statements"] += 1
        if WRITE.match(sql):
            self.seen["writes"] += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), database_url=args.database_url)
        app = create_app(settings)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            token = _csrf(client)
            body = urlencode(
                [("csrf_token", token), *intake_form_fields(yaml.safe_load(EXAMPLE.read_text()))]
            )
            client.post(
                "/start",
                content=body.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            _one_session(client, token)
            counts = Counts()
            counts.watch(app.state.context.engine)
            cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
            direct_headers = [(b"cookie", cookie.encode())]
            print(
                "| request | TestClient median ms | direct median ms | direct fastest ms "
                "| CPU ms | transactions | statements | writes |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for path in ("/plan", "/api/v1/script"):
                counts.seen.clear()
                assert client.get(path).status_code == 200
                once = dict(counts.seen)
                for _ in range(20):
                    assert client.get(path).status_code == 200
                times = []
                for _ in range(args.repeat):
                    begin = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - begin) * 1000)
                median, fastest, cpu = asyncio.run(
                    _time_direct(app, path, direct_headers, args.repeat)
                )
                print(
                    f"| GET {path} | {statistics.median(times):.2f} | {median:.2f} | "
                    f"{fastest:.2f} | {cpu:.2f} | {once.get('transactions', 0)} | "
                    f"{once.get('statements', 0)} | {once.get('writes', 0)} |"
                )


if __name__ == "__main__":
    main()
