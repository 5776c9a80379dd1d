"""Turn a plan into a session script: every step timed, every step with what to say.

The order inside one exercise follows the seed: sides alternate rep by rep ("alternate
legs to stretch both hamstrings 5 times"), and a stretch done in two directions does
both directions on one side before the other side. After every hold comes a release;
then either a rest (same side again) or a switch of side. Between exercises there is
a rest, and each exercise starts with time to get into its starting position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sicoach.catalog import Catalog, Exercise
from sicoach.catalog.schema import RepetitionUnit, Variation
from sicoach.program.plan_model import Plan, PlannedExercise
from sicoach.session.script_model import Phase, Script, ScriptStep

__all__ = ["Hold", "Transitions", "build_script", "holds_in_order"]

StepSide = Literal["left", "right", "both"]

FINISHED_CUE = "Well done. That is the end of today's session."


@dataclass(frozen=True)
class Transitions:
    """Seconds given to each step between holds."""

    get_ready: float
    release: float
    rest_between_reps: float
    switch_side: float
    rest_between_exercises: float


@dataclass(frozen=True)
class Hold:
    """One hold of one exercise: which rep, which side and, where there are two, which direction."""

    rep: int
    side: StepSide
    direction: Variation | None


def holds_in_order(planned: PlannedExercise, exercise: Exercise) -> list[Hold]:
    """Every hold of one planned exercise, in the order the person does them."""
    directions: list[Variation | None] = [None]
    if exercise.repetitions is not None and exercise.repetitions.per is RepetitionUnit.DIRECTION:
        directions = list(exercise.variations)
    return [
        Hold(rep=rep, side=side.value, direction=direction)
        for rep in range(1, planned.repetitions + 1)
        for side in planned.sides
        for direction in directions
    ]


def build_script(plan: Plan, catalog: Catalog, transitions: Transitions) -> Script:
    """The session for ``plan``: get ready, hold, release, rest or switch side, next, done.

    A plan that is not eligible has no exercises and gives a script with only the
    ``done`` step; callers show the referral instead of playing it.
    """
    steps: list[ScriptStep] = []
    for number, planned in enumerate(plan.exercises):
        exercise = catalog.get(planned.id)
        if number > 0:
            steps.append(_rest_before(exercise, transitions.rest_between_exercises))
        steps.extend(_exercise_steps(planned, exercise, transitions))
    steps.append(
        ScriptStep(
            exercise=None, side=None, rep=None, phase=Phase.DONE, seconds=0, cue=FINISHED_CUE
        )
    )
    return Script(total_seconds=sum(s.seconds for s in steps), steps=steps)


def _rest_before(next_exercise: Exercise, seconds: float) -> ScriptStep:
    return ScriptStep(
        exercise=None,
        side=None,
        rep=None,
        phase=Phase.REST,
        seconds=seconds,
        cue=f"Rest. Next: {next_exercise.name.lower()}.",
    )


def _exercise_steps(
    planned: PlannedExercise, exercise: Exercise, transitions: Transitions
) -> list[ScriptStep]:
    holds = holds_in_order(planned, exercise)
    get_ready = _get_ready_cue(planned, exercise, holds[0].side)
    steps = [_step(exercise, holds[0], Phase.GET_READY, transitions.get_ready, get_ready)]
    for index, hold in enumerate(holds):
        steps.append(
            _step(
                exercise, hold, Phase.HOLD, planned.hold_seconds, _hold_cue(exercise, hold, index)
            )
        )
        steps.append(_step(exercise, hold, Phase.RELEASE, transitions.release, "And release."))
        if index + 1 < len(holds):
            upcoming = holds[index + 1]
            if upcoming.side != hold.side:
                cue = f"Switch to the {upcoming.side} side."
                steps.append(
                    _step(exercise, upcoming, Phase.SWITCH_SIDE, transitions.switch_side, cue)
                )
            else:
                cue = "Rest for a moment."
                steps.append(
                    _step(exercise, upcoming, Phase.REST, transitions.rest_between_reps, cue)
                )
    return steps


def _step(exercise: Exercise, hold: Hold, phase: Phase, seconds: float, cue: str) -> ScriptStep:
    return ScriptStep(
        exercise=exercise.id, side=hold.side, rep=hold.rep, phase=phase, seconds=seconds, cue=cue
    )


def _get_ready_cue(planned: PlannedExercise, exercise: Exercise, first_side: str) -> str:
    parts = [f"{exercise.name}.", exercise.starting_position]
    if planned.variation is not None:
        variation = next((v for v in exercise.variations if v.id == planned.variation), None)
        if variation is not None:
            parts.append(f"{variation.name}: {variation.description}")
    if first_side != "both":
        parts.append(f"Start with the {first_side} side.")
    return " ".join(parts)


def _hold_cue(exercise: Exercise, hold: Hold, index: int) -> str:
    if hold.direction is not None:
        # The direction is what changes from hold to hold, so that is what to say.
        return f"{hold.direction.name}. {hold.direction.description} Hold."
    # Rotate through the catalog's cues so a long set does not repeat one sentence.
    return f"Hold. {exercise.cues[index % len(exercise.cues)]}"
