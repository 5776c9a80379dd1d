"""Turn a plan into a session script: every step timed, every step with what to say.

The order inside one exercise follows the seed: sides alternate rep by rep ("alternate
legs to stretch both hamstrings 5 times"), and a stretch done in two directions does
both directions on one side before the other side. After every hold comes a release;
then either a rest (same side again) or a switch of side. Between exercises there is
a rest, and each exercise starts with time to get into its starting position.
"""

from __future__ import annotations

from dataclasses import dataclass

from sicoach.catalog import Catalog, Exercise
from sicoach.program.plan import Hold, holds
from sicoach.program.plan_model import Plan, PlannedExercise
from sicoach.rules import (
    GET_READY_SECONDS,
    RELEASE_SECONDS,
    REST_BETWEEN_EXERCISES_SECONDS,
    REST_BETWEEN_REPS_SECONDS,
    SWITCH_SIDE_SECONDS,
)
from sicoach.session.script_model import Phase, Script, ScriptStep

__all__ = ["RULE_TRANSITIONS", "Transitions", "build_script", "held_pose", "one_round"]

FINISHED_CUE = "Well done. That is the end of today's session."


@dataclass(frozen=True)
class Transitions:
    """Seconds given to each step between holds."""

    get_ready: float
    release: float
    rest_between_reps: float
    switch_side: float
    rest_between_exercises: float


RULE_TRANSITIONS = Transitions(
    get_ready=GET_READY_SECONDS.value,
    release=RELEASE_SECONDS.value,
    rest_between_reps=REST_BETWEEN_REPS_SECONDS.value,
    switch_side=SWITCH_SIDE_SECONDS.value,
    rest_between_exercises=REST_BETWEEN_EXERCISES_SECONDS.value,
)


def build_script(
    plan: Plan, catalog: Catalog, transitions: Transitions = RULE_TRANSITIONS
) -> Script:
    """The session for ``plan``: get ready, hold, release, rest or switch side, next, done.

    The holds come in the plan's own order (:func:`sicoach.program.plan.holds`) and the
    steps between them last what :mod:`sicoach.rules` says, so the script takes as long
    as the plan's minutes promise.

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


def held_pose(planned: PlannedExercise, exercise: Exercise, hold: Hold) -> str:
    """The key pose one hold is held in: its direction, the chosen variation, or 'stretched'."""
    if hold.direction is not None:
        return hold.direction
    if planned.variation is not None and planned.variation in {p.name for p in exercise.poses}:
        return planned.variation
    return "stretched"


def one_round(planned: PlannedExercise, exercise: Exercise, side: str) -> list[str]:
    """What a session says for one round of the stretch on ``side``, in order: into the
    starting position, then for each hold (each direction) moving in, holding, coming out.

    The handout prints these, so paper and voice use the same words.
    """
    move = exercise.movement
    lines = [move.spoken(move.get_ready, side)]
    first_rep = [h for h in holds(planned, exercise) if h.rep == 1 and h.side.value == side]
    for hold in first_rep:
        pose = held_pose(planned, exercise, hold)
        lines += [
            move.spoken(move.into[pose], side),
            _hold_cue(exercise),
            move.spoken(move.out_of[pose], side),
        ]
    return lines


def _exercise_steps(
    planned: PlannedExercise, exercise: Exercise, transitions: Transitions
) -> list[ScriptStep]:
    sequence = holds(planned, exercise)
    move = exercise.movement

    def line(text: str, hold: Hold) -> str:
        return move.spoken(text, hold.side.value)

    def into(hold: Hold) -> str:
        return line(move.into[held_pose(planned, exercise, hold)], hold)

    first = sequence[0]
    get_ready = f"{_get_ready_cue(planned, exercise, first)} {into(first)}"
    steps = [_step(exercise, first, Phase.GET_READY, transitions.get_ready, get_ready)]
    for index, hold in enumerate(sequence):
        steps.append(_step(exercise, hold, Phase.HOLD, planned.hold_seconds, _hold_cue(exercise)))
        out_of = line(move.out_of[held_pose(planned, exercise, hold)], hold)
        steps.append(_step(exercise, hold, Phase.RELEASE, transitions.release, out_of))
        if index + 1 < len(sequence):
            upcoming = sequence[index + 1]
            if upcoming.side != hold.side:
                switch = [f"Switch to the {upcoming.side.value} side."]
                if move.switch is not None:
                    switch.append(line(move.switch, upcoming))
                cue = " ".join([*switch, into(upcoming)])
                steps.append(
                    _step(exercise, upcoming, Phase.SWITCH_SIDE, transitions.switch_side, cue)
                )
            else:
                cue = f"Rest for a moment. {into(upcoming)}"
                steps.append(
                    _step(exercise, upcoming, Phase.REST, transitions.rest_between_reps, cue)
                )
    return steps


def _step(exercise: Exercise, hold: Hold, phase: Phase, seconds: float, cue: str) -> ScriptStep:
    return ScriptStep(
        exercise=exercise.id,
        side=hold.side.value,
        rep=hold.rep,
        phase=phase,
        seconds=seconds,
        cue=cue,
    )


def _get_ready_cue(planned: PlannedExercise, exercise: Exercise, first: Hold) -> str:
    parts = [
        f"{exercise.name}.",
        exercise.movement.spoken(exercise.movement.get_ready, first.side.value),
    ]
    if planned.variation is not None:
        variation = next((v for v in exercise.variations if v.id == planned.variation), None)
        if variation is not None:
            parts.append(f"{variation.name}.")
    return " ".join(parts)


def _hold_cue(exercise: Exercise) -> str:
    return f"Hold. {exercise.movement.hold}"
