"""Scale out: one process, two worker processes, two separate `sicoach serve`s; one database.

    PYTHONPATH=src python bench/web_scale_out.py --database-url postgresql+psycopg://... \
        [--seconds 10] [--connections 8]

Each layout starts on the same (PostgreSQL) database, one person is set up, and wrk drives
GET /api/v1/script and GET /plan closed-loop for ``--seconds`` each: one wrk with
``--connections`` for a single instance; for two instances one wrk per instance at the same
time, half the connections each, their requests/s added. It prints requests/s per layout
and its ratio to the single process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from _web import Visitor, running_app, set_up_person

PATHS = ("/api/v1/script", "/plan")


def _wrk_many(
    bases: list[str], path: str, visitor: Visitor, seconds: int, connections: int
) -> float:
    """wrk against every base at once, ``connections`` shared out; total requests/s."""
    each = max(1, connections // len(bases))
    runs = [
        subprocess.Popen(
            [
                "wrk",
                f"-t{min(2, each)}",
                f"-c{each}",
                f"-d{seconds}s",
                "-H",
                f"Cookie: {visitor.cookie}",
                base + path,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for base in bases
    ]
    total = 0.0
    for run in runs:
        out, _ = run.communicate(timeout=seconds + 60)
        if "Non-2xx" in out:
            raise SystemExit(f"wrk saw error responses:\n{out}")
        line = next(line for line in out.splitlines() if line.startswith("Requests/sec:"))
        total += float(line.split()[1])
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("SICOACH_BENCH_POSTGRES_URL"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not args.database_url:
        print("skipped: give --database-url (or SICOACH_BENCH_POSTGRES_URL), an empty PostgreSQL")
        return
    layouts = {
        "1 process (uvicorn, 1 worker)": {"workers": 1, "instances": 1, "command": "uvicorn"},
        "2 worker processes (uvicorn --workers 2)": {
            "workers": 2,
            "instances": 1,
            "command": "uvicorn",
        },
        "2 separate `sicoach serve` instances": {
            "workers": 1,
            "instances": 2,
            "command": "serve",
        },
    }
    print("| layout | " + " | ".join(f"GET {p} req/s (ratio)" for p in PATHS) + " |")
    print("|---|" + "---|" * len(PATHS))
    single: dict[str, float] = {}
    for name, layout in layouts.items():
        work = Path(tempfile.mkdtemp(prefix="sicoach-scale-"))
        try:
            with running_app(work, args.database_url, **layout) as bases:  # type: ignore[arg-type]
                visitor = set_up_person(bases[0])
                cells = []
                for path in PATHS:
                    _wrk_many(bases, path, visitor, 2, args.connections)  # warm-up
                    rate = _wrk_many(bases, path, visitor, args.seconds, args.connections)
                    single.setdefault(path, rate)
                    cells.append(f"{rate:.0f} ({rate / single[path]:.2f}x)")
                print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
