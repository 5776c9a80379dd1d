"""Small factories for the documents tests: plans built straight from the catalog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from sicoach.catalog import Catalog, Laterality, default_catalog
from sicoach.program.plan_model import Excluded, Plan, PlannedExercise, SideName
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult

PlanFactory = Callable[..., Plan]


@pytest.fixture
def catalog() -> Catalog:
    return default_catalog()


def _planned(catalog: Catalog, exercise_id: str) -> PlannedExercise:
    exercise = catalog.get(exercise_id)
    reps = exercise.repetitions.min if exercise.repetitions else 3
    sides = (
        [SideName.LEFT, SideName.RIGHT]
        if exercise.laterality is Laterality.EACH_SIDE
        else [SideName.BOTH]
    )
    return PlannedExercise(
        id=exercise.id,
        hold_seconds=exercise.hold_seconds.start[0],
        repetitions=reps,
        sides=sides,
        reason="in the seed",
    )


@pytest.fixture
def make_plan(catalog: Catalog) -> PlanFactory:
    """A plan with every stretch except those named in ``without``."""

    def make(*, without: tuple[str, ...] = (), minutes: float = 15) -> Plan:
        return Plan(
            eligible=True,
            referral=None,
            exercises=[_planned(catalog, i) for i in catalog.ids if i not in without],
            excluded=[Excluded(id=i, reason="left out for this test") for i in without],
            minutes=minutes,
        )

    return make


def make_session(number: int, *, completed: bool = True) -> SessionRecord:
    """A short session record, one day after another from 2026-11-01 07:30 UTC."""
    start = datetime(2026, 11, 1, 7, 30, tzinfo=UTC) + timedelta(days=number)
    steps = [
        StepResult(
            index=i,
            exercise="press-up-stretch",
            side="both",
            rep=i + 1,
            phase=Phase.HOLD,
            planned_seconds=5,
            actual_seconds=5,
            outcome=StepOutcome.COMPLETED,
        )
        for i in range(3)
    ]
    return SessionRecord(
        id=f"session-{number}",
        started_at=start,
        ended_at=start + timedelta(minutes=12),
        completed=completed,
        steps=steps,
    )
