"""Web app under load: requests/s and p50/p99 latency with wrk on loopback, 2 worker processes.

Run: PYTHONPATH=src python bench/web_load.py [--database-url URL] [--seconds N] [--connections N]

One person with the typical intake's plan is set up first; then wrk drives, for a bounded
time each: the plan page (GET /plan), the session script API (GET /api/v1/script) and
recording a session (POST /api/v1/sessions, a new session id every request). It also
prints the weight of the session page (HTML + CSS + JS). wrk is closed-loop: it sends as
fast as answers come back on N connections, so the figures are at saturation. With
``--rate R`` each connection waits N/R seconds between requests (wrk's ``delay()``), so
the load is paced at no more than R requests/s, the way the p99 goal is stated.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from _web import intake_form_fields, session_record
from sicoach.settings import Settings
from sicoach.store.db import open_database

ROOT = Path(__file__).resolve().parents[1]
TYPICAL = ROOT / "examples" / "intakes" / "typical.yaml"

POST_SCRIPT = """
wrk.method = "POST"
local counter = 0
local template = nil
function init(args)
  local f = io.open(args[1], "r"); template = f:read("*a"); f:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end
function request()
  counter = counter + 1
  local id = string.format("bench-%d-%d-%d", math.random(1, 1e9), counter, os.time())
  local body = template:gsub("__ID__", id)
  return wrk.format(nil, nil, nil, body)
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the app did not start") from None
            time.sleep(0.2)


def _latency_ms(text: str, label: str) -> float:
    found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not found:
        raise SystemExit(f"no {label}% latency in wrk output:\n{text}")
    value, unit = float(found.group(1)), found.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def _wrk(url: str, seconds: int, connections: int, extra: list[str]) -> dict[str, float]:
    """Run wrk for ``seconds``; ``extra`` holds headers and, for a POST, the script and its args."""
    script_args = extra[extra.index("--") :] if "--" in extra else []
    options = extra[: len(extra) - len(script_args)]
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            *options,
            url,
            *script_args,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    text = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses:\n{text}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rate is None:
        raise SystemExit(f"no requests/s in wrk output:\n{text}")
    return {
        "rps": float(rate.group(1)),
        "p50": _latency_ms(text, "50"),
        "p99": _latency_ms(text, "99"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rate", type=float, default=None, help="pace at most R requests/s")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install --no-install-recommends wrk)")

    data_dir = Path(tempfile.mkdtemp(prefix="sicoach-bench-"))
    env = {**os.environ, "SICOACH_DATA_DIR": str(data_dir), "SICOACH_MODE": "local"}
    env.pop("SICOACH_DATABASE_URL", None)
    if args.database_url:
        env["SICOACH_DATABASE_URL"] = args.database_url
    # Migrate once before the workers start, as `sicoach serve` does, so they do not race.
    url = args.database_url or f"sqlite:///{data_dir / 'sicoach.sqlite3'}"
    open_database(Settings(database_url=url, data_dir=data_dir).resolved_database_url).dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
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
            "--workers",
            "2",
            "--http",
            "sicoach.web.server:NoDelayH11Protocol",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        _wait(base + "/exercises", server)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/start").read().decode()
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token
        answers = yaml.safe_load(TYPICAL.read_text())
        form = [("csrf_token", token.group(1)), *intake_form_fields(answers)]
        body = urllib.parse.urlencode(form).encode()
        opener.open(base + "/start", data=body).read()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        script = json.loads(opener.open(base + "/api/v1/script").read())
        started = datetime.now(UTC) - timedelta(hours=1)
        record = session_record(script, "__ID__", started, (3, 2, 2))
        template = data_dir / "record.json"
        template.write_text(json.dumps(record))
        pacing = ""
        if args.rate:
            pause_ms = args.connections * 1000 / args.rate
            pacing = f"\nfunction delay()\n  return {pause_ms:.0f}\nend\n"
        lua = data_dir / "post.lua"
        lua.write_text(POST_SCRIPT + pacing)
        paced = data_dir / "paced.lua"
        paced.write_text(pacing)

        html = opener.open(base + "/session").read()
        css = opener.open(base + "/static/sicoach.css").read()
        js = opener.open(base + "/static/session.js").read()
        total = len(html) + len(css) + len(js)
        print(
            f"session page weight: HTML {len(html) / 1024:.1f} KB + CSS {len(css) / 1024:.1f} KB"
            f" + JS {len(js) / 1024:.1f} KB = {total / 1024:.1f} KB (goal < 100 KB)"
        )
        print(
            f"steps in the script: {len(script['steps'])}; record body "
            f"{len(template.read_bytes()) / 1024:.1f} KB"
        )

        headers = ["-H", f"Cookie: {cookie}", "-H", f"X-CSRF-Token: {token.group(1)}"]
        if args.rate:
            headers += ["-s", str(paced)]
        database = "PostgreSQL" if args.database_url else "SQLite"
        pace = f", paced at most {args.rate:g} req/s" if args.rate else ""
        print(f"{database}, 2 workers, wrk -c{args.connections} -d{args.seconds}s{pace}:")
        post = [
            *headers[:4],
            "-H",
            "Content-Type: application/json",
            "-s",
            str(lua),
            "--",
            str(template),
        ]
        cases = [
            ("GET /plan (page)", base + "/plan", headers),
            ("GET /api/v1/script", base + "/api/v1/script", headers),
            ("POST /api/v1/sessions", base + "/api/v1/sessions", post),
        ]
        for name, url, extra in cases:
            figures = _wrk(url, args.seconds, args.connections, extra)
            print(
                f"  {name:24s} {figures['rps']:8.1f} req/s   p50 {figures['p50']:6.1f} ms"
                f"   p99 {figures['p99']:6.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
