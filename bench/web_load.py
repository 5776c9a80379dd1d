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
import re
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from _web import FIRST_SESSION_DAY, Visitor, dated_session, running_app, set_up_person

# Each recorded session gets its own id and its own day (see _web.FIRST_SESSION_DAY);
# wrk's two threads take days from their own ranges.
POST_SCRIPT = """
wrk.method = "POST"
local counter = 0
local template = nil
local first = 0
local length = 0
local offset = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 3000)
  threads = threads + 1
end
function init(args)
  local f = io.open(args[1], "r"); template = f:read("*a"); f:close()
  first = tonumber(args[2]); length = tonumber(args[3])
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end
function request()
  counter = counter + 1
  local id = string.format("bench-%d-%d-%d", math.random(1, 1e9), counter, os.time())
  local start = first + (offset + counter) * 86400
  local body = template:gsub("__ID__", id)
  body = body:gsub("__START__", os.date("!%Y-%m-%dT%H:%M:%S+00:00", start))
  body = body:gsub("__END__", os.date("!%Y-%m-%dT%H:%M:%S+00:00", start + length))
  return wrk.format(nil, nil, nil, body)
end
"""


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


def wrk_round(
    base: str,
    visitor: Visitor,
    work: Path,
    *,
    seconds: int,
    connections: int,
    warm_up: int = 0,
    rate: float | None = None,
) -> dict[str, dict[str, float]]:
    """wrk on the three endpoints at ``base`` in turn: figures by endpoint name."""
    template, length = dated_session(visitor)
    record = work / "record.json"
    record.write_text(template)
    pacing = ""
    if rate:
        pacing = f"\nfunction delay()\n  return {connections * 1000 / rate:.0f}\nend\n"
    lua = work / "post.lua"
    lua.write_text(POST_SCRIPT + pacing)
    paced = work / "paced.lua"
    paced.write_text(pacing)
    headers = ["-H", f"Cookie: {visitor.cookie}", "-H", f"X-CSRF-Token: {visitor.token}"]
    first = str(int(FIRST_SESSION_DAY.timestamp()))
    post = [*headers, "-H", "Content-Type: application/json", "-s", str(lua)]
    post += ["--", str(record), first, str(length)]
    gets = [*headers, "-s", str(paced)] if rate else headers
    cases = {
        "GET /plan": (base + "/plan", gets),
        "GET /api/v1/script": (base + "/api/v1/script", gets),
        "POST /api/v1/sessions": (base + "/api/v1/sessions", post),
    }
    figures = {}
    for name, (url, extra) in cases.items():
        if warm_up:
            _wrk(url, warm_up, connections, extra)
        figures[name] = _wrk(url, seconds, connections, extra)
    return figures


def page_weight(base: str, visitor: Visitor) -> str:
    """The session page's HTML, CSS and JS, in KB."""
    request = urllib.request.Request(base + "/session", headers=visitor.headers())
    html = urllib.request.urlopen(request).read()
    css = urllib.request.urlopen(base + "/static/sicoach.css").read()
    js = urllib.request.urlopen(base + "/static/session.js").read()
    total = len(html) + len(css) + len(js)
    return (
        f"session page weight: HTML {len(html) / 1024:.1f} KB + CSS {len(css) / 1024:.1f} KB"
        f" + JS {len(js) / 1024:.1f} KB = {total / 1024:.1f} KB (goal < 100 KB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=None, help="pace at most R requests/s")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install --no-install-recommends wrk)")
    data_dir = Path(tempfile.mkdtemp(prefix="sicoach-bench-"))
    try:
        with running_app(data_dir, args.database_url, workers=args.workers) as (base,):
            visitor = set_up_person(base)
            print(page_weight(base, visitor))
            print(f"steps in the script: {len(visitor.script['steps'])}")
            database = "PostgreSQL" if args.database_url else "SQLite"
            pace = f", paced at most {args.rate:g} req/s" if args.rate else ""
            print(
                f"{database}, {args.workers} workers, wrk -c{args.connections} "
                f"-d{args.seconds}s{pace}:"
            )
            figures = wrk_round(
                base,
                visitor,
                data_dir,
                seconds=args.seconds,
                connections=args.connections,
                rate=args.rate,
            )
            for name, found in figures.items():
                print(
                    f"  {name:24s} {found['rps']:8.1f} req/s   p50 {found['p50']:6.1f} ms"
                    f"   p99 {found['p99']:6.1f} ms"
                )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
