"""A whole plan's next dose: each stretch moved by its pain rules, repetitions built up.

:func:`next_plan_dose` is what the services call when a pain answer is written; the
rules for one stretch are in :mod:`sicoach.program.progression`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sicoach.catalog import Catalog, Exercise
from sicoach.program.plan import plan_seconds, repetition_range
from sicoach.program.plan_model import Plan, PlannedExercise
from sicoach.program.progression import Decision, PainResponse, dose_bounds, next_dose

__all__ = ["DoseLine", "PlanDose", "next_plan_dose"]


@dataclass(frozen=True)
class DoseLine:
    """One stretch's next dose and the decision behind it."""

    exercise: str
    name: str
    hold_seconds: float
    repetitions: int
    sides: list[str]
    decision: Decision
    why: str


@dataclass(frozen=True)
class PlanDose:
    """A plan with its next dose applied: each stretch's line, and any advice to seek care."""

    plan: Plan
    previous: Plan
    lines: list[DoseLine]
    changed: bool
    clinician_reason: str | None

    @property
    def reason(self) -> str:
        """The changes in words, for the plan version that keeps them (moved stretches only)."""
        before = {p.id: (p.hold_seconds, p.repetitions) for p in self.previous.exercises}
        return " ".join(
            f"{line.name}: {line.why}"
            for line in self.lines
            if before.get(line.exercise) != (line.hold_seconds, line.repetitions)
        )


def _one_more_rep(
    planned: PlannedExercise,
    exercise: Exercise,
    plan: Plan,
    catalog: Catalog,
    minutes_per_day: int | None,
) -> bool:
    if planned.clinician_dose or planned.repetitions >= repetition_range(exercise)[1]:
        return False
    if minutes_per_day is None:
        return False
    trial = [
        p.model_copy(update={"repetitions": p.repetitions + 1}) if p.id == planned.id else p
        for p in plan.exercises
    ]
    return plan_seconds(trial, catalog) <= minutes_per_day * 60


def next_plan_dose(
    plan: Plan,
    catalog: Catalog,
    pain_responses: Sequence[PainResponse],
    minutes_per_day: int | None = None,
) -> PlanDose:
    """Every stretch of ``plan`` moved by :func:`next_dose` within its bounds.

    Repetitions build up only within ``minutes_per_day`` (none: they stay).
    """
    lines: list[DoseLine] = []
    exercises: list[PlannedExercise] = []
    clinician: str | None = None
    for planned in plan.exercises:
        exercise = catalog.get(planned.id)
        decision = next_dose(
            planned.hold_seconds, exercise, pain_responses, dose_bounds(planned, exercise)
        )
        clinician = clinician or decision.clinician_reason
        reps, verdict, why = planned.repetitions, decision.decision, decision.why
        if decision.at_top_and_settled and _one_more_rep(
            planned, exercise, plan, catalog, minutes_per_day
        ):
            reps, verdict = reps + 1, Decision.PROGRESS
            why = (
                f"Pain during was low and had settled by the next morning, and the hold is at its "
                f"longest: build up to {reps} repetitions."
            )
        exercises.append(
            planned.model_copy(update={"hold_seconds": decision.hold_seconds, "repetitions": reps})
        )
        lines.append(
            DoseLine(
                exercise=planned.id,
                name=exercise.name,
                hold_seconds=decision.hold_seconds,
                repetitions=reps,
                sides=[side.value for side in planned.sides],
                decision=verdict,
                why=why,
            )
        )
    changed = exercises != list(plan.exercises)
    new_plan = plan.model_copy(update={"exercises": exercises}) if changed else plan
    if changed:
        new_plan = new_plan.model_copy(
            update={"minutes": round(plan_seconds(exercises, catalog) / 60, 1)}
        )
    return PlanDose(
        plan=new_plan, previous=plan, lines=lines, changed=changed, clinician_reason=clinician
    )
