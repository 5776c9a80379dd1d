"""Latency under a paced (open-loop) load: requests sent on a schedule, whatever the answers do.

    PYTHONPATH=src python bench/web_paced.py [--database-url URL] [--seconds S]
        [--get-rate 200] [--post-rate 100] [--workers 2] [--instances 1]

wrk is closed-loop: each connection waits for its answer before it sends again, so a slow
answer delays the requests behind it and they are never counted as late (coordinated
omission). Here request ``i`` is due at ``start + i / rate`` and is sent then, on an idle
keep-alive connection or a new one, however many answers are still outstanding; its latency
is counted from the time it was due, so queueing in the app shows in the tail.

The app runs as in ``bench/web_load.py`` (local mode, uvicorn, 2 workers, loopback); one
person with the typical intake's plan. Each endpoint gets an unmeasured warm-up of 2 s at its
rate, then ``--seconds`` of measured load: GET /plan and GET /api/v1/script at ``--get-rate``,
POST /api/v1/sessions (a new session id each time, the whole 146-step session) at
``--post-rate``. It prints requests due, answered, the rate reached, p50/p90/p99/max in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import statistics
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _web import Visitor, dated_session, running_app, session_body, set_up_person

MAX_CONNECTIONS = 1024
IDLE_SECONDS = 4.0
DRAIN_SECONDS = 15.0


class Connections:
    """Keep-alive HTTP/1.1 connections to one host, opened as the schedule needs them."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.busy = 0

    async def take(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """An idle connection, or a new one (never a wait for another request's answer).

        A connection idle longer than IDLE_SECONDS is closed rather than used: the server
        may already have closed it (uvicorn keeps an idle connection 5 s).
        """
        if self.busy >= MAX_CONNECTIONS:
            raise RuntimeError(f"more than {MAX_CONNECTIONS} requests outstanding")
        self.busy += 1
        now = time.perf_counter()
        while self.idle:
            reader, writer, since = self.idle.pop()
            if now - since < IDLE_SECONDS:
                return reader, writer
            writer.close()
        try:
            return await asyncio.open_connection(self.host, self.port)
        except OSError:
            self.busy -= 1
            raise

    def give_back(self, pair: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> None:
        """Return a connection whose answer was read in full."""
        self.busy -= 1
        self.idle.append((*pair, time.perf_counter()))

    def drop(self, writer: asyncio.StreamWriter) -> None:
        """Forget a connection that failed."""
        self.busy -= 1
        writer.close()

    def close(self) -> None:
        """Close every idle connection."""
        for _, writer, _ in self.idle:
            writer.close()
        self.idle.clear()


async def _exchange(connections: Connections, request: bytes) -> int:
    """Send one request and read its whole answer; the HTTP status."""
    pair = await connections.take()
    reader, writer = pair
    try:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length:
            await reader.readexactly(length)
    except BaseException:
        connections.drop(writer)
        raise
    connections.give_back(pair)
    return status


@dataclass
class Run:
    """What one paced run saw: latency from the due time of each answered request (s)."""

    due: int = 0
    latencies: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def fail(self, what: str) -> None:
        """Count a failed request by what went wrong."""
        self.failures[what] = self.failures.get(what, 0) + 1


async def paced(
    bases: list[str], make_request: Callable[[int], bytes], rate: float, seconds: float
) -> Run:
    """Send ``rate`` requests a second for ``seconds``, round robin over ``bases``."""
    pools = []
    for base in bases:
        parts = urllib.parse.urlsplit(base)
        pools.append(Connections(parts.hostname or "127.0.0.1", parts.port or 80))
    run = Run()
    tasks = []

    async def one(number: int, due: float) -> None:
        try:
            status = await _exchange(pools[number % len(pools)], make_request(number))
        except (OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
            run.fail(type(exc).__name__)
            return
        if status >= 400:
            run.fail(f"HTTP {status}")
            return
        run.latencies.append(time.perf_counter() - due)

    count = int(rate * seconds)
    start = time.perf_counter() + 0.05
    for number in range(count):
        due = start + number / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        tasks.append(asyncio.create_task(one(number, due)))
    run.due = count
    done, pending = await asyncio.wait(tasks, timeout=DRAIN_SECONDS)
    for task in pending:
        task.cancel()
        run.fail(f"no answer {DRAIN_SECONDS:g} s after the last was due")
    run.seconds = time.perf_counter() - start
    for pool in pools:
        pool.close()
    return run


def _request(method: str, path: str, visitor: Visitor, body: bytes = b"") -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Cookie: {visitor.cookie}",
        f"X-CSRF-Token: {visitor.token}",
        "Connection: keep-alive",
    ]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def requests_for(visitor: Visitor, run_id: str) -> dict[str, Callable[[int], bytes]]:
    """Request makers by endpoint; each recorded session gets an id of its own."""
    plan = _request("GET", "/plan", visitor)
    script = _request("GET", "/api/v1/script", visitor)
    template, length = dated_session(visitor)
    numbers = itertools.count()

    def session(_number: int) -> bytes:
        body = session_body(template, length, next(numbers), f"paced-{run_id}")
        return _request("POST", "/api/v1/sessions", visitor, body)

    return {
        "GET /plan": lambda _n: plan,
        "GET /api/v1/script": lambda _n: script,
        "POST /api/v1/sessions": session,
    }


def _ms(run: Run, share: float) -> float:
    ordered = sorted(run.latencies)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(name: str, rate: float, run: Run) -> str:
    """One table row: endpoint, rate asked and reached, answered of due, percentiles."""
    answered = len(run.latencies)
    median = statistics.median(run.latencies) * 1000 if run.latencies else float("nan")
    failed = ", ".join(f"{v} {k}" for k, v in sorted(run.failures.items())) or "none"
    return (
        f"| {name} | {rate:g} | {answered / run.seconds:.1f} | {answered}/{run.due} | "
        f"{median:.1f} | {_ms(run, 0.90):.1f} | {_ms(run, 0.99):.1f} | "
        f"{max(run.latencies, default=float('nan')) * 1000:.1f} | {failed} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--get-rate", type=float, default=200)
    parser.add_argument("--post-rate", type=float, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--only", default=None, help="one endpoint, e.g. 'GET /plan'")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="sicoach-paced-"))
    try:
        with running_app(
            data_dir, args.database_url, workers=args.workers, instances=args.instances
        ) as bases:
            visitor = set_up_person(bases[0])
            makers = requests_for(visitor, str(int(time.time())))
            database = "PostgreSQL" if args.database_url else "SQLite"
            print(
                f"{database}, {args.instances} instance(s) x {args.workers} worker(s), "
                f"open loop, {args.seconds:g} s per endpoint after 2 s warm-up"
            )
            print(
                "| endpoint | rate asked | reached | answered/due | p50 ms | p90 ms | p99 ms "
                "| max ms | failed |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            for name, make in makers.items():
                if args.only and name != args.only:
                    continue
                rate = args.post_rate if name.startswith("POST") else args.get_rate
                asyncio.run(paced(bases, make, rate, 2))
                run = asyncio.run(paced(bases, make, rate, args.seconds))
                print(report(name, rate, run), flush=True)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
