"""Small builders of valid records; each test changes only what it is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult
from tests.intake_factory import intake_data

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


def intake_answers(**changes: Any) -> dict[str, Any]:
    """A complete contract-5 intake with no asked red flag: contract 5's own example."""
    answers = intake_data(
        {"age": 47, "pain.now": 6, "pain.sides": ["left"], "pain.weeks": 6, "joint_stiff": True}
    )
    answers.update(changes)
    return answers


def plan(hold: float = 15, reps: int = 3) -> Plan:
    """An eligible plan with two stretches."""
    return Plan(
        eligible=True,
        referral=None,
        exercises=[
            PlannedExercise(
                id="hamstring-stretch",
                hold_seconds=hold,
                repetitions=reps,
                sides=[SideName.LEFT, SideName.RIGHT],
                reason="starting hold from the seed",
            ),
            PlannedExercise(
                id="knee-to-chest-isometric",
                hold_seconds=5,
                repetitions=5,
                sides=[SideName.LEFT, SideName.RIGHT],
                reason="starting hold from the seed",
            ),
        ],
        excluded=[],
        minutes=8,
    )


def steps(
    hold: float = 15.0, *, exercise: str = "hamstring-stretch", reps: int = 2
) -> list[StepResult]:
    """Get ready, then hold and release for each rep on the left side, then done."""
    result = [
        StepResult(
            index=0,
            exercise=exercise,
            side="left",
            rep=None,
            phase=Phase.GET_READY,
            planned_seconds=5,
            actual_seconds=5,
            outcome=StepOutcome.COMPLETED,
        )
    ]
    for rep in range(1, reps + 1):
        for phase, seconds in ((Phase.HOLD, hold), (Phase.RELEASE, 5.0)):
            result.append(
                StepResult(
                    index=len(result),
                    exercise=exercise,
                    side="left",
                    rep=rep,
                    phase=phase,
                    planned_seconds=seconds,
                    actual_seconds=seconds,
                    outcome=StepOutcome.COMPLETED,
                )
            )
    return result


def session(
    session_id: str = "s1",
    *,
    start: datetime = T0,
    hold: float = 15.0,
    completed: bool = True,
    **changes: Any,
) -> SessionRecord:
    """A finished session of two holds starting at ``start``."""
    fields: dict[str, Any] = {
        "id": session_id,
        "started_at": start,
        "ended_at": start + timedelta(minutes=5),
        "completed": completed,
        "steps": steps(hold),
    }
    fields.update(changes)
    return SessionRecord(**fields)
