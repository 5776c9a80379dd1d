"""The words every document uses for a dose, so the handout, FHIR and calendar agree."""

from __future__ import annotations

from sicoach.catalog import Exercise, RepetitionUnit
from sicoach.program.plan_model import PlannedExercise, SideName
from sicoach.program.words import seconds_range_text, seconds_text

__all__ = [
    "build_up_text",
    "dose_text",
    "holding_seconds",
    "minutes_text",
    "repetitions_text",
    "seconds_range_text",
    "seconds_text",
    "sides_text",
]


def minutes_text(minutes: float) -> str:
    """A session's length as people say it, in whole minutes: 'about 11 minutes'."""
    whole = max(1, round(minutes))
    return f"about {whole} minute{'s' if whole != 1 else ''}"


def build_up_text(exercise: Exercise) -> str:
    """The hold and its build-up: 'start at 5 seconds, build up to 15 to 30 seconds'."""
    start, goal = exercise.hold_seconds.start, exercise.hold_seconds.goal
    if start == goal:
        return seconds_range_text(*goal)
    return f"start at {seconds_range_text(*start)}, build up to {seconds_range_text(*goal)}"


def sides_text(planned: PlannedExercise) -> str:
    """Which side or sides: 'left and right', 'left only', 'both together'."""
    sides = planned.sides
    if sides == [SideName.BOTH]:
        return "both together"
    if len(sides) == 1:
        return f"{sides[0].value} only"
    return " and ".join(s.value for s in sides)


def _directions(exercise: Exercise) -> list[str]:
    reps = exercise.repetitions
    if reps is not None and reps.per is RepetitionUnit.DIRECTION:
        return [v.name.lower() for v in exercise.variations]
    return []


def repetitions_text(planned: PlannedExercise, exercise: Exercise) -> str:
    """How many holds: '5 each side', '3 each way (outward turn, inward turn)', '5'.

    Where the source gives no number, the count says it is sicoach's own.
    """
    count = planned.repetitions
    directions = _directions(exercise)
    ours = " (sicoach's own number)" if exercise.repetitions is None else ""
    if directions:
        return f"{count} each way ({', '.join(directions)}){ours}"
    if planned.sides != [SideName.BOTH] and len(planned.sides) > 1:
        return f"{count} each side{ours}"
    return f"{count}{ours}"


def holding_seconds(planned: PlannedExercise, exercise: Exercise) -> float:
    """Seconds spent holding in one session (rests and changing position not counted)."""
    sides = 1 if planned.sides == [SideName.BOTH] else len(planned.sides)
    ways = max(1, len(_directions(exercise)))
    return planned.hold_seconds * planned.repetitions * sides * ways


def dose_text(planned: PlannedExercise, exercise: Exercise) -> str:
    """Today's dose in one line, e.g. 'hold 15 seconds, 5 times each side (left and right)'."""
    hold = seconds_text(planned.hold_seconds)
    count = planned.repetitions
    directions = _directions(exercise)
    if directions:
        times = f"{count} times each way ({', '.join(directions)})"
        return f"hold {hold}, {times}, {sides_text(planned)}"
    if planned.sides != [SideName.BOTH] and len(planned.sides) > 1:
        times = f"{count} times each side"
    else:
        times = f"{count} times"
    if planned.sides == [SideName.BOTH]:
        return f"hold {hold}, {times}"
    return f"hold {hold}, {times} ({sides_text(planned)})"
