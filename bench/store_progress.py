"""Storage and progress benchmarks: session write throughput and progress-summary time.

    python bench/store_progress.py [--backend sqlite|postgres|both] [--people 1000] [--steps 60]

- write: sessions recorded through the plan's life (``care.record_session``: the check,
  the status and its event, the dose decided), one transaction each (``--steps`` steps and
  three pain ratings per session), sessions per second.
- one person, 5 years of daily sessions (bulk-loaded), then the progress summary
  (12-week window and the whole history) as the person sees it.
- a clinic of ``--people`` people with 1 year of daily sessions each (bulk-loaded,
  20 steps per session to keep the load time reasonable), progress summary for
  people picked at random.

PostgreSQL comes from SICOACH_BENCH_POSTGRES_URL (default: the private cluster on
127.0.0.1:54331). Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import Engine, insert, text

from sicoach.services import people, progress
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult
from sicoach.store.db import make_engine, migrate
from sicoach.store.models import PainRatingRow, PersonRow, SessionRow, SessionStepRow
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

TYPICAL_INTAKE = Path(__file__).resolve().parents[1] / "examples" / "intakes" / "typical.yaml"

DEFAULT_PG = "postgresql+psycopg://sicoach:sicoach-test@127.0.0.1:54331/sicoach_bench"
EXERCISES = [
    "hamstring-stretch",
    "knee-to-chest-isometric",
    "hip-adductor-stretch",
    "lower-trunk-rotation",
    "quadriceps-stretch",
]
TODAY = date(2026, 11, 25)


def _steps(count: int, hold: float) -> list[StepResult]:
    phases = [(Phase.HOLD, hold), (Phase.RELEASE, 5.0)]
    return [
        StepResult(
            index=i,
            exercise=EXERCISES[(i // 6) % len(EXERCISES)],
            side="left",
            rep=1 + i % 3,
            phase=phases[i % 2][0],
            planned_seconds=phases[i % 2][1],
            actual_seconds=phases[i % 2][1] - 0.1,
            outcome=StepOutcome.COMPLETED,
        )
        for i in range(count)
    ]


def _fresh(backend: str, folder: Path, name: str) -> Engine:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{folder / name}.sqlite3")
    else:
        engine = make_engine(os.environ.get("SICOACH_BENCH_POSTGRES_URL", DEFAULT_PG))
        with engine.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    migrate(engine)
    return engine


def bench_write(engine: Engine, count: int, steps: int) -> float:
    from sicoach.catalog import default_catalog
    from sicoach.program.intake import parse_intake
    from sicoach.services import care

    catalog = default_catalog()
    uow = SqlAlchemyUnitOfWork(engine)
    person = people.local_person(uow)
    start_day = datetime(2020, 1, 1, 8, tzinfo=UTC)
    answers = parse_intake(yaml.safe_load(TYPICAL_INTAKE.read_text(encoding="utf-8")))
    care.give_answers(
        uow, person.id, answers, catalog, on=start_day.date() - timedelta(days=1), at=start_day
    )
    template = _steps(steps, 15.0)
    began = time.perf_counter()
    for n in range(count):
        at = start_day + timedelta(days=n)
        care.record_session(
            uow,
            person.id,
            SessionRecord(
                id=f"w{n}",
                started_at=at,
                ended_at=at + timedelta(hours=1),
                completed=True,
                steps=template,
                pain_before=2,
                pain_during=2,
                pain_after=2,
            ),
            catalog,
            tz=UTC,
        )
    return count / (time.perf_counter() - began)


def bulk_load(engine: Engine, persons: int, days: int, steps: int) -> tuple[list[str], float]:
    """Insert ``persons`` people with ``days`` daily sessions each, fast (Core executemany)."""
    rng = random.Random(7)
    uids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(persons)]
    first = datetime.combine(TODAY - timedelta(days=days), datetime.min.time(), UTC)
    began = time.perf_counter()
    session_id = 0
    with engine.begin() as c:
        c.execute(
            insert(PersonRow),
            [
                {"id": i + 1, "uid": u, "display_name": None, "created_at": first}
                for i, u in enumerate(uids)
            ],
        )
    for pid in range(1, persons + 1):
        session_rows, step_rows, pain_rows = [], [], []
        for day in range(days):
            if rng.random() < 0.15:  # some days are missed
                continue
            session_id += 1
            at = first + timedelta(days=day, hours=8)
            hold = 15 + 15 * day / days
            session_rows.append(
                {
                    "id": session_id,
                    "person_id": pid,
                    "uid": f"s{session_id}",
                    "plan_version": None,
                    "started_at": at,
                    "ended_at": at + timedelta(minutes=20),
                    "completed": rng.random() > 0.1,
                }
            )
            for i in range(steps):
                hold_step = i % 2 == 0
                step_rows.append(
                    {
                        "session_id": session_id,
                        "position": i,
                        "exercise": EXERCISES[(i // 6) % len(EXERCISES)],
                        "side": "left",
                        "rep": 1 + i % 3,
                        "phase": "hold" if hold_step else "release",
                        "planned_seconds": hold if hold_step else 5.0,
                        "actual_seconds": hold if hold_step else 5.0,
                        "outcome": "completed",
                    }
                )
            for kind, value in (("before", rng.randint(2, 7)), ("during", rng.randint(1, 5))):
                pain_rows.append(
                    {
                        "person_id": pid,
                        "session_id": session_id,
                        "kind": kind,
                        "value": value,
                        "recorded_at": at,
                    }
                )
        with engine.begin() as c:
            c.execute(insert(SessionRow), session_rows)
            c.execute(insert(SessionStepRow), step_rows)
            c.execute(insert(PainRatingRow), pain_rows)
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            for table in ("people", "sessions"):
                c.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    # Autovacuum would do this in a running clinic; VACUUM lets PostgreSQL use index-only scans.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))
    return uids, time.perf_counter() - began


def time_progress(engine: Engine, uids: list[str], weeks: int, runs: int) -> float:
    """Median milliseconds of one progress summary (a fresh unit of work each time)."""
    rng = random.Random(11)
    timings = []
    for _ in range(runs):
        uid = rng.choice(uids)
        began = time.perf_counter()
        progress.progress_summary(
            SqlAlchemyUnitOfWork(engine), uid, today=TODAY, tz=UTC, weeks=weeks
        )
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def run(backend: str, folder: Path, clinic: int, steps: int, say: Callable[[str], None]) -> None:
    engine = _fresh(backend, folder, "write")
    rate = bench_write(engine, 300, steps)
    say(
        f"{backend}: write {rate:.0f} sessions/s ({steps} steps + 3 pain ratings each, one "
        f"transaction per session, 300 sessions)"
    )
    engine.dispose()

    engine = _fresh(backend, folder, "person")
    uids, load = bulk_load(engine, 1, 5 * 365, steps)
    warm = time_progress(engine, uids, 12, 3)
    recent = time_progress(engine, uids, 12, 30)
    whole = time_progress(engine, uids, 260, 10)
    say(f"{backend}: one person, 5 years daily ({steps} steps/session), loaded in {load:.1f} s")
    say(f"{backend}:   progress 12 weeks: {recent:.1f} ms median (first call {warm:.1f} ms)")
    say(f"{backend}:   progress whole history (260 weeks): {whole:.1f} ms")
    engine.dispose()

    engine = _fresh(backend, folder, "clinic")
    uids, load = bulk_load(engine, clinic, 365, 20)
    time_progress(engine, uids, 12, 3)
    recent = time_progress(engine, uids, 12, 30)
    year = time_progress(engine, uids, 52, 15)
    say(f"{backend}: clinic {clinic} people x 1 year daily (20 steps each), loaded in {load:.0f} s")
    say(f"{backend}:   progress 12 weeks, random person: {recent:.1f} ms median")
    say(f"{backend}:   progress 52 weeks, random person: {year:.1f} ms median")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory() as folder:
        for backend in backends:
            run(
                backend, Path(folder), args.people, args.steps, lambda line: print(line, flush=True)
            )


if __name__ == "__main__":
    main()
