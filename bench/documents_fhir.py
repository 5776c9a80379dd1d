"""FHIR export and calendar time for one person with a year of daily sessions.

Prints medians of repeated runs (2-core shared VM: compare within one run only).
Run: PYTHONPATH=src python bench/documents_fhir.py
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from sicoach.catalog import Laterality, default_catalog
from sicoach.documents.calendar import calendar_ics
from sicoach.documents.fhir import (
    OdiScoreRecord,
    PainRatingRecord,
    PersonRecord,
    PlanVersionRecord,
    SessionEntry,
    fhir_bundle,
)
from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult

DAYS = 365
RUNS = 5


def full_plan() -> Plan:
    catalog = default_catalog()
    exercises = [
        PlannedExercise(
            id=e.id,
            hold_seconds=e.hold_seconds.start[0],
            repetitions=e.repetitions.min if e.repetitions else 3,
            sides=[SideName.LEFT, SideName.RIGHT]
            if e.laterality is Laterality.EACH_SIDE
            else [SideName.BOTH],
            reason="bench",
        )
        for e in catalog.exercises
    ]
    return Plan(eligible=True, referral=None, exercises=exercises, excluded=[], minutes=15)


def session(day: int, plan: Plan) -> SessionRecord:
    start = datetime(2025, 11, 25, 7, 30, tzinfo=UTC) + timedelta(days=day)
    steps = []
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


def median_seconds(action: object) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return statistics.median(times)


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
    print(f"  median of {RUNS}: {median_seconds(export):.2f} s")

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

    print(
        f"Calendar file: {len(ics())} bytes, median of {RUNS}: {median_seconds(ics) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
