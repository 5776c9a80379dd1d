"""The words every document uses for a dose, so the handout, FHIR and calendar agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sicoach.catalog import Exercise, RepetitionUnit
from sicoach.outcomes.psfs import PsfsChange
from sicoach.program.plan_model import PlannedExercise, SideName
from sicoach.program.prescription import PlanChange
from sicoach.program.words import seconds_range_text, seconds_text
from sicoach.rules import ODI_MIC, PSFS_SDC

if TYPE_CHECKING:
    from sicoach.outcomes.summary import ProgressSummary

__all__ = [
    "build_up_text",
    "change_text",
    "dose_text",
    "holding_seconds",
    "minutes_text",
    "odi_change_text",
    "outcome_texts",
    "psfs_change_text",
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


def _dose_words(planned: PlannedExercise, exercise: Exercise) -> str:
    return (
        f"{seconds_text(planned.hold_seconds)} hold, "
        f"{repetitions_text(planned, exercise)} ×, {sides_text(planned)}"
    )


def change_text(change: PlanChange, exercise: Exercise) -> str:
    """One stretch's change in a clinician's words: 'Seated hamstring stretch: hold 20 s →
    25 s', 'added (30 s hold, 3 ×, left and right)', 'left out'."""
    name = exercise.name
    if change.after is None:
        return f"{name}: left out"
    if change.before is None:
        return f"{name}: added ({_dose_words(change.after, exercise)})"
    before, after = change.before, change.after
    parts: list[str] = []
    if before.hold_seconds != after.hold_seconds:
        was, now = seconds_text(before.hold_seconds), seconds_text(after.hold_seconds)
        parts.append(f"hold {was} → {now}")
    if before.repetitions != after.repetitions:
        parts.append(
            f"repetitions {repetitions_text(before, exercise)} → "
            f"{repetitions_text(after, exercise)}"
        )
    if before.sides != after.sides:
        parts.append(f"sides {sides_text(before)} → {sides_text(after)}")
    bounds = after.hold_bounds
    if bounds != before.hold_bounds and bounds and bounds[0] != bounds[1]:
        parts.append(f"the hold may move between {bounds[0]:g} and {bounds[1]:g} s")
    if not parts:
        parts.append(f"note: {after.reason}")
    return f"{name}: {', '.join(parts)}"


def psfs_change_text(change: PsfsChange) -> str:
    """The PSFS from first to latest against its smallest detectable change
    (clinical-facts §5): 'mean +2.3: a detectable change (2 points in the mean)'."""
    sdc = PSFS_SDC.value
    seen = "a detectable change" if change.mean_detectable else "within measurement noise"
    text = f"mean {change.mean_change:+.1f}: {seen} ({sdc['mean']:g} points in the mean)"
    if change.activities_detectable:
        names = ", ".join(change.activities_detectable)
        text += f"; a detectable change ({sdc['single']:g} points) in {names}"
    return text


def odi_change_text(first: int, latest: int, important: bool) -> str:
    """The Oswestry score from first to latest against its minimal important change
    (clinical-facts §5): '42 % → 28 %: an important change (10 points or 30 %)'."""
    mic = ODI_MIC.value
    verdict = "an important change" if important else "not yet an important change"
    return (
        f"{first} % → {latest} %: {verdict} "
        f"({mic['points']:g} points or {mic['fraction'] * 100:g} %)"
    )


def outcome_texts(summary: ProgressSummary) -> tuple[str | None, str | None]:
    """The PSFS and Oswestry changes from first to latest in words, each None until there
    are two to compare (for the ODI: two with a score)."""
    psfs = psfs_change_text(summary.psfs_change) if summary.psfs_change else None
    scored = [p.percent for p in summary.odi if p.percent is not None]
    odi = None
    if summary.odi_change_important is not None and len(scored) >= 2:
        odi = odi_change_text(scored[0], scored[-1], summary.odi_change_important)
    return psfs, odi
