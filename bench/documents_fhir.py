"""FHIR export and calendar time for one person with a year of daily sessions.

Prints medians of repeated runs (2-core shared VM: compare within one run only).
Run: PYTHONPATH=src python bench/documents_fhir.py
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _plans import full_plan
from sicoach.catalog import default_catalog
from sicoach.documents.calendar import calendar_ics
from sicoach.documents.fhir import (
    OdiScoreRecord,
    PainRatingRecord,
    PersonRecord,
    PlanVersionRecord,
    SessionEntry,
    fhir_bundle,
)
from sicoach.program.plan_model import Plan
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult

DAYS = 365
RUNS = 5


def session(day: int, plan: Plan) -> SessionRecord:
    start = datetime(2025, 11, 25, 7, 30, tzinfo=UTC) + timedelta(days=day)
    steps: list[StepResult] = []
    for planned in plan.exercises:
        for rep in range(1, planned.repetitions + 1):
            for side in planned.sides:
                for phase in (Phase.HOLD, Phase.RELEASE):
                    steps.append(
                        StepResult(
                            index=len(steps),
                            exercise=planned.id,
                            side=side.value,
                            rep=rep,
                            phase=phase,
                            planned_seconds=planned.hold_seconds,
                            actual_seconds=planned.hold_seconds,
                            outcome=StepOutcome.COMPLETED,
                        )
                    )
    return SessionRecord(
        id=f"s{day}",
        started_at=start,
        ended_at=start + timedelta(minutes=15),
        completed=True,
        steps=steps,
    )


def median_seconds(action: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``RUNS`` calls."""
    wall, cpu = [], []
    for _ in range(RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    catalog = default_catalog()
    plan = full_plan()
    sessions = [session(d, plan) for d in range(DAYS)]
    pain = [
        PainRatingRecord(s.started_at, 4, when, s.id)
        for d, s in enumerate(sessions)
        for when in ("before", "after")
    ]
    odi = [OdiScoreRecord(sessions[m * 30].started_at, 40 - m) for m in range(12)]

    def export() -> str:
        bundle = fhir_bundle(
            person=PersonRecord("bench-person", "Bench Person"),
            plans=[PlanVersionRecord(1, sessions[0].started_at, plan)],
            catalog=catalog,
            sessions=[SessionEntry(s, 1) for s in sessions],
            pain_ratings=pain,
            odi_scores=odi,
        )
        return json.dumps(bundle)

    text = export()
    entries = len(json.loads(text)["entry"])
    print(
        f"FHIR export, {DAYS} daily sessions ({len(sessions[0].steps)} steps each), "
        f"{len(pain)} pain ratings, {len(odi)} ODI scores: {entries} resources, "
        f"{len(text) / 1e6:.2f} MB JSON"
    )
    wall, cpu = median_seconds(export)
    print(f"  median of {RUNS}: {wall:.2f} s wall, {cpu:.2f} s CPU")

    def ics() -> bytes:
        return calendar_ics(
            plan,
            catalog,
            person_key="bench-person",
            plan_version=3,
            starts_on=date(2026, 11, 26),
            preferred_time=None,
            stamp=datetime(2026, 11, 25, tzinfo=UTC),
        )

    print_stored_export(plan, sessions, pain)
    wall, cpu = median_seconds(ics)
    print(f"Calendar file: {len(ics())} bytes, median of {RUNS}: {wall * 1000:.1f} ms wall")
    print(f"  load average while running: {os.getloadavg()[0]:.1f} (2 cores)")


def print_stored_export(
    plan: Plan, sessions: list[SessionRecord], pain: list[PainRatingRecord]
) -> None:
    """The same year through the store: SQLite file, export document, FHIR bundle."""
    from sicoach.bootstrap import open_store
    from sicoach.outcomes.pain import PainKind, PainRating
    from sicoach.services import people, printouts
    from sicoach.settings import Settings
    from sicoach.store.records import PlanVersion, StoredSession

    catalog = default_catalog()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Settings(data_dir=Path(folder)))
        uow = store.unit_of_work()
        person = people.add_person(uow, "Bench Person")
        began = time.perf_counter()
        # The year goes straight into the store's repositories: this measures the export.
        with uow:
            first = PlanVersion(1, sessions[0].started_at, "bench", "bench", plan.to_json_dict())
            uow.plans.add(person.id, first)
            for record in sessions:
                uow.sessions.add(person.id, StoredSession(record=record, plan_version=1))
            uow.pain.add_all(
                person.id,
                [
                    PainRating(PainKind(r.kind or "before"), r.score, r.at, r.session_id)
                    for r in pain
                ],
            )
            uow.commit()
        print(f"  stored the year in SQLite in {time.perf_counter() - began:.1f} s")

        def export() -> str:
            return printouts.fhir_bundle(uow, person.id, catalog).decode()

        wall, cpu = median_seconds(export)
        print(f"  export from SQLite to FHIR, median of {RUNS}: {wall:.2f} s wall, {cpu:.2f} s CPU")
        store.engine.dispose()


if __name__ == "__main__":
    main()
