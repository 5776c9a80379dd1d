"""Build a person's plan (DESIGN.md contract 4) from their intake and the catalog.

Steps, each rule in :mod:`sicoach.rules`:

1. Screening: any red flag gives no plan, only a referral.
2. Choice: the targeted muscle stretches by default; the pelvic rotation group
   when the joint is stiff, its pelvic rotation stretch only after an explicit
   yes; then leave out what a hard position, missing equipment or a precaution
   rules out, each with its reason (the catalog has no variation that avoids
   a position or a piece of equipment, so none is offered instead).
3. Dose: today's hold (the seed's starting hold unless a dose is given) and the
   seed's fewest repetitions (rule ``start_at_fewest_repetitions``; progression
   builds up from there); a stretch that does not fit at its fewest, beside the
   more important ones, is left out with the reason (rule ``drop_priority``).
4. Order: standing, sitting on a chair, on the floor, on the back, on the
   stomach, so the person gets down once.

:func:`holds` and :func:`estimated_seconds` define the timing of one stretch;
the session script plays the same holds with the same seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from sicoach.catalog import Catalog, Equipment, Exercise, GroupId, Position, RepetitionUnit
from sicoach.program.intake import HardPosition, Intake
from sicoach.program.plan_model import Excluded, Plan, PlannedExercise, SideName, Urgency
from sicoach.program.progression import clamp_hold, starting_hold
from sicoach.program.screening import EMERGENCY_SIGNS, Precaution, precautions, referral
from sicoach.program.words import seconds_text
from sicoach.rules import (
    ALTERNATE_SIDES,
    DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT,
    DROP_PRIORITY,
    FLARE_PAIN,
    GET_READY_SECONDS,
    NEEDS_EXPLICIT_YES,
    PAIN_DURING_ACCEPTABLE_MAX,
    RELEASE_SECONDS,
    REST_BETWEEN_EXERCISES_SECONDS,
    REST_BETWEEN_REPS_SECONDS,
    STANDING_ON_ONE_LEG,
    START_AT_FEWEST_REPETITIONS,
    SWITCH_SIDE_SECONDS,
)

__all__ = [
    "PAIN_ADVICE",
    "Hold",
    "build_plan",
    "estimated_seconds",
    "holds",
    "plan_advice",
    "plan_seconds",
    "repetition_range",
    "session_order",
]

PAIN_ADVICE = (
    "Stretch to a feeling of tightness, not pain: if a stretch hurts, ease off or stop it. Your "
    "usual SI joint pain may still be there while you stretch, so sicoach asks you to rate it "
    "before, during and after each session and on waking. If it goes above "
    f"{PAIN_DURING_ACCEPTABLE_MAX.value}/10, or is worse on waking than before the session, the "
    f"next session steps back; at {FLARE_PAIN.value}/10 or more the plan pauses and you should "
    "contact your clinician or doctor."
)

_EQUIPMENT_WORDS = {Equipment.TWO_CHAIRS: "two chairs", Equipment.WALL: "a wall"}


@dataclass(frozen=True)
class Hold:
    """One hold of a stretch: which side, which repetition, and which direction (if any)."""

    side: SideName
    rep: int
    direction: str | None = None


def repetition_range(exercise: Exercise) -> tuple[int, int]:
    """The seed's fewest and most repetitions, or sicoach's default where the seed gives none."""
    if exercise.repetitions is None:
        default = DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT.value
        return default, default
    return exercise.repetitions.min, exercise.repetitions.max


def _sides(exercise: Exercise) -> list[SideName]:
    return [SideName.LEFT, SideName.RIGHT] if exercise.one_side_at_a_time else [SideName.BOTH]


def _directions(exercise: Exercise) -> list[str | None]:
    reps = exercise.repetitions
    if reps is not None and reps.per is RepetitionUnit.DIRECTION:
        return [v.id for v in exercise.variations]
    return [None]


def holds(planned: PlannedExercise, exercise: Exercise) -> list[Hold]:
    """Every hold of one planned stretch in the order it is done.

    Sides alternate every repetition (left, right, left, ...), or with rule
    ``alternate_sides`` off every repetition on the left comes before the right;
    a stretch done in two directions does both on one side before moving on.
    """
    reps = range(1, planned.repetitions + 1)
    directions = _directions(exercise)
    if ALTERNATE_SIDES.value:
        return [Hold(s, r, d) for r in reps for s in planned.sides for d in directions]
    return [Hold(s, r, d) for s in planned.sides for r in reps for d in directions]


def estimated_seconds(planned: PlannedExercise, exercise: Exercise) -> float:
    """Seconds one planned stretch takes, by the timing rules in :mod:`sicoach.rules`.

    ``GET_READY_SECONDS`` once; then for every hold of :func:`holds` its hold
    seconds plus ``RELEASE_SECONDS``; between two holds ``SWITCH_SIDE_SECONDS``
    when the side changes, else ``REST_BETWEEN_REPS_SECONDS``. The
    ``REST_BETWEEN_EXERCISES_SECONDS`` after a stretch belongs to the session
    (see :func:`plan_seconds`).
    """
    sequence = holds(planned, exercise)
    seconds = GET_READY_SECONDS.value + len(sequence) * (
        planned.hold_seconds + RELEASE_SECONDS.value
    )
    for before, after in zip(sequence, sequence[1:], strict=False):
        switch = before.side is not after.side
        seconds += SWITCH_SIDE_SECONDS.value if switch else REST_BETWEEN_REPS_SECONDS.value
    return seconds


def plan_seconds(exercises: Sequence[PlannedExercise], catalog: Catalog) -> float:
    """Seconds a whole session takes: every stretch plus the rests between them."""
    if not exercises:
        return 0.0
    total = sum(estimated_seconds(p, catalog.get(p.id)) for p in exercises)
    return total + REST_BETWEEN_EXERCISES_SECONDS.value * (len(exercises) - 1)


def _exclusion_reasons(
    exercise: Exercise, intake: Intake, applying: Sequence[Precaution]
) -> list[str]:
    reasons: list[str] = []
    if exercise.group is GroupId.PELVIC_ROTATION and not intake.joint_stiff:
        reasons.append("for a stiff SI joint (fixation), and you did not say the joint is stiff")
    if exercise.id in NEEDS_EXPLICIT_YES.value and not intake.pelvic_rotation_ok:
        reasons.append(
            "it may not suit everyone, so it is planned only when a clinician has agreed to it"
        )
    hard = set(intake.hard_positions)
    if HardPosition.FLOOR in hard and exercise.position.on_floor:
        reasons.append("done on the floor, and getting down to the floor is hard for you")
    if HardPosition.LYING_ON_STOMACH in hard and exercise.position is Position.LYING_ON_STOMACH:
        reasons.append("done lying on your stomach, which is hard for you")
    if HardPosition.STANDING_ON_ONE_LEG in hard and exercise.id in STANDING_ON_ONE_LEG.value:
        reasons.append("done standing on one leg, which is hard for you")
    at_hand = {e.value for e in intake.equipment}
    for item in exercise.equipment:
        if item in _EQUIPMENT_WORDS and item.value not in at_hand:
            reasons.append(f"needs {_EQUIPMENT_WORDS[item]}, which you do not have at hand")
    reasons.extend(why for p in applying if (why := p.blocks(exercise)))
    return reasons


def _priority(exercise: Exercise, intake: Intake) -> tuple[int, int]:
    """Sort key, most important first: the group order of ``drop_priority``, then seed order."""
    groups = DROP_PRIORITY.value["joint stiff" if intake.joint_stiff else "joint not stiff"]
    return groups.index(exercise.group.value), exercise.order


def _words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _reason(exercise: Exercise, hold: float, reps: int, from_dose: bool) -> str:
    muscles = _words(exercise.target_muscles)
    if exercise.group is GroupId.PELVIC_ROTATION:
        why = f"For a stiff SI joint: gently turns the pelvis to loosen the {muscles}"
    else:
        why = f"Eases tension in the {muscles}, which can take pressure off the SI joint"
    longest = exercise.hold_seconds.goal[1]
    building = f", building up toward {seconds_text(longest)}" if longest > hold else ""
    hold_words = (
        f"hold {seconds_text(hold)} (today's dose)"
        if from_dose
        else f"start with {hold:g}-second holds{building}"
    )
    low, high = repetition_range(exercise)
    per = (
        exercise.repetitions.per
        if exercise.repetitions is not None
        else RepetitionUnit.SIDE
        if exercise.one_side_at_a_time
        else RepetitionUnit.SESSION
    )
    unit = {
        RepetitionUnit.SIDE: " a side",
        RepetitionUnit.DIRECTION: " each way on each side",
        RepetitionUnit.SESSION: "",
    }[per]
    if exercise.repetitions is None:
        rep_words = f"{reps} reps{unit} (sicoach's own number)"
    elif reps < high:
        rep_words = f"{reps} reps{unit}, building up toward {high} as your pain allows"
    else:
        rep_words = f"{reps} reps{unit}"
    return f"{why}; {hold_words}, {rep_words}."


def _planned(
    exercise: Exercise,
    reps: int,
    intake: Intake,
    applying: Sequence[Precaution],
    dose: Mapping[str, float],
) -> PlannedExercise:
    from_dose = exercise.id in dose
    hold = clamp_hold(dose[exercise.id], exercise) if from_dose else starting_hold(exercise)
    return PlannedExercise(
        id=exercise.id,
        hold_seconds=hold,
        repetitions=reps,
        sides=_sides(exercise),
        reason=_reason(exercise, hold, reps, from_dose),
        notes=[note for p in applying for note in p.notes_for(exercise)],
    )


def _fit(
    by_priority: list[Exercise],
    make: Callable[[Exercise, int], PlannedExercise],
    minutes: int,
    catalog: Catalog,
) -> tuple[list[PlannedExercise], list[Excluded]]:
    """Keep the stretches that fit the minutes a day, then give them as many reps as fit.

    Stretches are taken most important first and kept while the plan still fits
    with every kept stretch at its fewest repetitions; one that does not fit is
    left out with the reason. With rule ``start_at_fewest_repetitions`` they start
    there; otherwise, from the seed's most repetitions, one rep at a time comes off
    the stretch with the most to spare (the less important on a tie) until the plan
    fits.
    """
    budget = minutes * 60
    kept: list[Exercise] = []
    dropped: list[Excluded] = []
    for exercise in by_priority:
        trial = [*kept, exercise]
        if plan_seconds([make(e, repetition_range(e)[0]) for e in trial], catalog) <= budget:
            kept = trial
        else:
            dropped.append(
                Excluded(
                    id=exercise.id,
                    reason=(
                        f"does not fit in {minutes} min a day beside the more important "
                        "stretches, even at the fewest repetitions"
                    ),
                )
            )
    start = 0 if START_AT_FEWEST_REPETITIONS.value else 1
    reps = {e.id: repetition_range(e)[start] for e in kept}
    planned = [make(e, reps[e.id]) for e in kept]
    while plan_seconds(planned, catalog) > budget:
        spare = [e for e in reversed(kept) if reps[e.id] > repetition_range(e)[0]]
        most = max(spare, key=lambda e: reps[e.id] - repetition_range(e)[0])
        reps[most.id] -= 1
        planned = [make(e, reps[e.id]) for e in kept]
    return planned, dropped


def session_order(planned: Sequence[PlannedExercise], catalog: Catalog) -> list[PlannedExercise]:
    """The stretches in the order they are done: by position (so the person changes
    position as little as possible), then by group, then in the seed's order."""

    def key(p: PlannedExercise) -> tuple[int, int, int]:
        exercise = catalog.get(p.id)
        return exercise.position.order, list(GroupId).index(exercise.group), exercise.order

    return sorted(planned, key=key)


def plan_advice(catalog: Catalog) -> list[str]:
    """The advice every plan carries: the cautions, the pain advice and the emergency signs."""
    return [*catalog.general_cautions, PAIN_ADVICE, EMERGENCY_SIGNS]


def build_plan(
    intake: Intake,
    catalog: Catalog,
    dose: Mapping[str, float] | None = None,
    cleared: Collection[str] = (),
) -> Plan:
    """The person's plan: exercises with dose and reason, or no plan and a referral.

    ``dose`` maps exercise ids to today's hold seconds (from progression); a
    stretch without one starts at the seed's starting hold. ``cleared`` names red
    flags a clinician has cleared for this person.
    """
    sent_to = referral(intake, catalog, cleared)
    if sent_to is not None and sent_to.urgency is not Urgency.CLINICIAN_REVIEW:
        return Plan(
            eligible=False,
            referral=sent_to,
            exercises=[],
            excluded=[],
            minutes=0,
            advice=[*catalog.general_cautions, EMERGENCY_SIGNS],
        )
    applying = precautions(intake, catalog)
    chosen: list[Exercise] = []
    excluded: list[Excluded] = []
    for exercise in catalog.exercises:
        reasons = _exclusion_reasons(exercise, intake, applying)
        if reasons:
            excluded.append(Excluded(id=exercise.id, reason="; ".join(reasons)))
        else:
            chosen.append(exercise)
    make = partial(_planned, intake=intake, applying=applying, dose=dose or {})
    by_priority = sorted(chosen, key=lambda e: _priority(e, intake))
    planned, dropped = _fit(by_priority, make, intake.minutes_per_day, catalog)
    ordered = session_order(planned, catalog)
    return Plan(
        eligible=True,
        referral=sent_to,
        exercises=ordered,
        excluded=excluded + dropped,
        minutes=round(plan_seconds(ordered, catalog) / 60, 1),
        advice=plan_advice(catalog),
    )
