"""Search latency of the physician directory with a national-size directory (>= 600,000).

Fills a fresh SQLite file with made-up providers at real ZIP centres (70 % spread over every
ZIP the zipcodes package knows, 30 % within 60 miles of a few big cities, so New York is
dense), then times ``search_physicians`` (the service the CLI and the web page call: ZIPs in
the radius, database look-up, ordering) around New York (10001) for radii of 10, 25 and 100
miles, with all specialties, one, and two. Prints p50 and p99 per radius, warm, and the first
search of a process (which loads the ZIP table) apart.

    python bench/physicians_search.py [--providers 650000] [--searches 300] [--database F]

Wall times on this shared 2-core machine include waiting for a core; CPU times (the
process's own time) are printed beside them, with the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, func, select

from sicoach.physicians.nppes import ProviderRecord, SpecialtyMatch
from sicoach.physicians.search import ZipCentre
from sicoach.physicians.specialties import default_specialties
from sicoach.physicians.zip_centres import default_zip_index
from sicoach.services.physicians import search_physicians
from sicoach.store.db import open_database
from sicoach.store.physician_directory import SourceMeta, current_directory, import_full
from sicoach.store.physician_models import PhysicianProvider
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

CITIES = ("10001", "60611", "90012", "77002", "02110", "19103", "94103", "33130")
ORIGIN = "10001"
RADII = (10, 25, 100)
RURAL = "59101"
"""Billings, Montana: a sparse area, where a search has to walk much further."""


def providers(count: int, seed: int) -> Iterator[ProviderRecord]:
    rng = random.Random(seed)
    index = default_zip_index()
    every = [c for c in (index.get(z) for z in _all_zip_codes()) if c is not None]
    near: list[ZipCentre] = []
    for city in CITIES:
        origin = index.get(city)
        assert origin is not None
        near += [c for _, c in index.within(origin, 60)]
    codes = list(default_specialties().code_keys.items())
    for i in range(count):
        centre = rng.choice(near) if rng.random() < 0.3 else rng.choice(every)
        picked = rng.sample(codes, rng.choice((1, 1, 1, 2)))
        matches = {key: SpecialtyMatch(key, code, n == 0) for n, (code, key) in enumerate(picked)}
        yield ProviderRecord(
            npi=f"{1_000_000_000 + i}",
            kind="organization" if rng.random() < 0.2 else "person",
            name=f"PROVIDER {rng.randint(0, 10**6):07d}",
            credential="MD",
            address=f"{rng.randint(1, 9999)} MAIN ST",
            city=centre.city.upper(),
            state=centre.state,
            zip5=centre.zip5,
            phone="2125550100",
            lat=centre.lat,
            lon=centre.lon,
            last_update=None,
            specialties=tuple(matches.values()),
        )


def _all_zip_codes() -> list[str]:
    import zipcodes

    # zipcodes leaves list_all unannotated
    return [z["zip_code"] for z in zipcodes.list_all()]  # type: ignore[no-untyped-call]


def _providers_within(engine: Engine, origin_zip: str, radius: float) -> int:
    index = default_zip_index()
    origin = index.get(origin_zip)
    assert origin is not None
    zips = [c.zip5 for _, c in index.within(origin, radius)]
    with engine.connect() as conn:
        return sum(
            conn.execute(
                select(func.count()).where(PhysicianProvider.zip5.in_(zips[i : i + 5000]))
            ).scalar_one()
            for i in range(0, len(zips), 5000)
        )


def _cold(database: Path) -> str:
    env = {
        **os.environ,
        "SICOACH_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = [sys.executable, "-c", "from sicoach.cli.main import run; run()"]
    command += ["physicians", "search", "--zip", ORIGIN, "--format", "json"]
    runs = []
    for _ in range(3):
        begin = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - begin)
    return f"median {statistics.median(runs):.2f} s of 3"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _build(engine: Engine, count: int) -> None:
    if current_directory(engine) is not None:
        print("directory: reusing the one already in --database")
        return
    started = time.perf_counter()
    kept = import_full(
        engine,
        providers(count, seed=2),
        SourceMeta("synthetic national directory", None, "full"),
        rows_read=lambda: count,
    )
    print(f"directory: {kept:,} providers written in {time.perf_counter() - started:.0f} s")


def _time_radius(engine: Engine, origin: str, radius: int, searches: int) -> None:
    keys = default_specialties().keys
    rng = random.Random(3)
    wall: list[float] = []
    cpu: list[float] = []
    counts: list[int] = []
    for n in range(searches):
        chosen = [] if n % 3 == 0 else rng.sample(keys, 1 if n % 3 == 1 else 2)
        begin, begin_cpu = time.perf_counter(), time.process_time()
        found = search_physicians(
            SqlAlchemyUnitOfWork(engine), origin, radius_miles=radius, specialties=chosen
        )
        cpu.append((time.process_time() - begin_cpu) * 1000)
        wall.append((time.perf_counter() - begin) * 1000)
        counts.append(len(found.results))
    print(
        f"{origin}, radius {radius:>3} mi "
        f"({_providers_within(engine, origin, radius):,} providers inside), "
        f"{searches} searches, median {statistics.median(counts):.0f} results (limit 20):\n"
        f"  wall p50 {statistics.median(wall):.1f} ms, p99 {_percentile(wall, 0.99):.1f} ms; "
        f"CPU p50 {statistics.median(cpu):.1f} ms, p99 {_percentile(cpu, 0.99):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--providers", type=int, default=650_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--database", type=Path, help="SQLite file to keep and reuse")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sicoach-bench-search-", dir="/tmp"))
    database = args.database or folder / "bench.sqlite3"
    try:
        engine = open_database(f"sqlite:///{database}")
        _build(engine, args.providers)
        print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
        print(f"CLI search in a new process (imports, migrations, ZIP table): {_cold(database)}")
        for radius in RADII:
            _time_radius(engine, ORIGIN, radius, args.searches)
        _time_radius(engine, RURAL, 100, args.searches)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
