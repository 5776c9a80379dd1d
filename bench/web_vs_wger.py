"""sicoach beside the peer wger 2.1, in one interleaved run: sicoach, wger, sicoach.

    PYTHONPATH=src python bench/web_vs_wger.py [--seconds 15] [--database-url URL]

The peer is set up and started by ``../shared/peers/wger_setup.sh`` (gunicorn, 2 sync
workers, SQLite) and measured by its own ``wger_bench.sh``; this script runs that between
two rounds of sicoach with the same wrk settings (2 threads, 4 connections, a 2 s warm-up,
then ``--seconds`` per endpoint), sicoach on 2 uvicorn workers and a fresh SQLite file (or
the given database) each round. It prints each request pair (``../shared/peers/README.md``)
with both sicoach figures, wger's, and the ratio of each sicoach run to wger.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from _web import running_app, set_up_person
from web_load import wrk_round

PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers"
WGER_RESULTS = Path("/tmp/peers/wger-bench/results.tsv")
WGER_PID = Path("/tmp/peers/wger.pid")
PAIRS = {
    "GET /plan": "GET /api/v2/workout/1/",
    "GET /api/v1/script": "GET /api/v2/workout/1/canonical_representation/",
    "POST /api/v1/sessions": "POST /api/v2/workoutsession/",
}
GOALS = {"GET /plan": 10, "GET /api/v1/script": 10, "POST /api/v1/sessions": 5}


def sicoach_round(database_url: str | None, seconds: int) -> dict[str, dict[str, float]]:
    """One round of wrk on sicoach's three endpoints, a fresh app and person."""
    work = Path(tempfile.mkdtemp(prefix="sicoach-vs-"))
    try:
        with running_app(work, database_url, workers=2) as (base,):
            visitor = set_up_person(base)
            return wrk_round(base, visitor, work, seconds=seconds, connections=4, warm_up=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def wger_round(seconds: int) -> dict[str, dict[str, float]]:
    """wger_bench.sh once, with the same duration: req/s and p99 by endpoint."""
    env = {
        **os.environ,
        "WGER_BENCH_DURATION": str(seconds),
        "WGER_BENCH_RUNS": "1",
        "WGER_BENCH_WARMUP": "2",
    }
    subprocess.run(["bash", str(PEERS / "wger_bench.sh")], env=env, check=True, timeout=600)
    found = {}
    with WGER_RESULTS.open() as results:
        for row in csv.DictReader(results, delimiter="\t"):
            found[row["endpoint"]] = {"rps": float(row["req_s"]), "p99": float(row["p99_ms"])}
    return found


def _wger_running() -> bool:
    try:
        os.kill(int(WGER_PID.read_text()), 0)
    except (OSError, ValueError):
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if not _wger_running():
        print(f"skipped: the peer is not running (start it with {PEERS / 'wger_setup.sh'})")
        return
    first = sicoach_round(args.database_url, args.seconds)
    wger = wger_round(args.seconds)
    second = sicoach_round(args.database_url, args.seconds)
    print(
        "| sicoach vs wger | sicoach req/s (run 1, run 2) | wger req/s | ratio | goal "
        "| sicoach p99 ms | wger p99 ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for ours, theirs in PAIRS.items():
        peer = wger[theirs]
        a, b = first[ours], second[ours]
        print(
            f"| {ours} vs {theirs} | {a['rps']:.0f}, {b['rps']:.0f} | {peer['rps']:.0f} | "
            f"{a['rps'] / peer['rps']:.1f}x, {b['rps'] / peer['rps']:.1f}x | "
            f"{GOALS[ours]}x | {a['p99']:.1f}, {b['p99']:.1f} | {peer['p99']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
