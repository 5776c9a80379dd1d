"""A clinician's changes to a plan: include or leave out a stretch, set its hold, reps and sides.

Pure: a plan and the changes in, the new plan out, or :class:`PrescriptionError` listing
every problem. Who made the change and why is kept by the store with the new version.

A clinician's number is the plan in force: a stretch the clinician doses is marked
``clinician_dose`` and carries ``hold_bounds``, by default the clinician's hold alone,
or the range the clinician allows (``hold_min_seconds`` to ``hold_max_seconds``).
Progression keeps to those bounds and never changes the clinician's repetitions.

The clinician's reason is kept once, with the plan version; a stretch carries only its
own note (``note``), so the person does not read the same reason beside every stretch.
New stretches take their place in the session order (by position), not the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sicoach.catalog import Catalog, UnknownExerciseError
from sicoach.program.plan import plan_seconds, session_order
from sicoach.program.plan_model import Excluded, Plan, PlannedExercise, SideName

__all__ = [
    "DoseChange",
    "PlanChange",
    "PrescriptionError",
    "allowed_sides",
    "plan_changes",
    "prescribe",
]

SET_BY_CLINICIAN = "Dose set by your clinician"
ADDED_BY_CLINICIAN = "Added by your clinician"
LEFT_OUT_BY_CLINICIAN = "Left out by your clinician"


class DoseChange(BaseModel):
    """What a clinician wants for one stretch."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    include: bool
    hold_seconds: Annotated[float, Field(gt=0, le=600)] | None = None
    repetitions: Annotated[int, Field(ge=1, le=100)] | None = None
    sides: Annotated[list[SideName], Field(min_length=1)] | None = None
    hold_min_seconds: Annotated[float, Field(gt=0, le=600)] | None = None
    hold_max_seconds: Annotated[float, Field(gt=0, le=600)] | None = None
    note: Annotated[str, Field(max_length=500)] | None = Field(
        default=None, description="a note for this stretch alone, shown beside it to the person"
    )

    @model_validator(mode="after")
    def _included_needs_dose(self) -> DoseChange:
        if self.include and None in (self.hold_seconds, self.repetitions, self.sides):
            raise ValueError("an included stretch needs its hold, repetitions and sides")
        low, high = self.bounds or (0.0, 0.0)
        if self.hold_seconds is not None and self.bounds and not low <= self.hold_seconds <= high:
            raise ValueError("the hold must lie between the shortest and longest hold allowed")
        return self

    @property
    def bounds(self) -> tuple[float, float] | None:
        """The holds progression may move between: the clinician's range, or the hold alone."""
        if self.hold_seconds is None:
            return None
        low = self.hold_min_seconds if self.hold_min_seconds is not None else self.hold_seconds
        high = self.hold_max_seconds if self.hold_max_seconds is not None else self.hold_seconds
        return low, high


class PrescriptionError(ValueError):
    """Changes that cannot make a plan; ``problems`` lists every one as 'field: reason'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def allowed_sides(one_side_at_a_time: bool) -> list[list[SideName]]:
    """The side choices a stretch allows: each side (or one), or both together."""
    if one_side_at_a_time:
        return [[SideName.LEFT, SideName.RIGHT], [SideName.LEFT], [SideName.RIGHT]]
    return [[SideName.BOTH]]


def _with_note(words: str, note: str | None) -> str:
    """'Dose set by your clinician: keep the knee soft', or the words alone with no note."""
    text = (note or "").strip()
    return f"{words}: {text}" if text else f"{words}."


def prescribe(plan: Plan, changes: Sequence[DoseChange], catalog: Catalog, why: str) -> Plan:
    """The plan with ``changes`` applied; other stretches stay as they are.

    ``why`` is the reason for the whole change: a stretch left out without its own note
    carries it, since the list of stretches left out shows each one once anyway.
    """
    problems: list[str] = []
    by_id = {c.id: c for c in changes}
    for change in changes:
        try:
            exercise = catalog.get(change.id)
        except UnknownExerciseError:
            problems.append(f"{change.id}: no such stretch")
            continue
        if change.include and change.sides not in allowed_sides(exercise.one_side_at_a_time):
            problems.append(f"{change.id}.sides: {exercise.name} cannot be done on {change.sides}")
    if problems:
        raise PrescriptionError(problems)
    kept: list[PlannedExercise] = []
    for planned in plan.exercises:
        wanted = by_id.get(planned.id)
        if wanted is None:
            kept.append(planned)
        elif wanted.include:
            kept.append(_dosed(planned, wanted))
    planned_ids = {p.id for p in plan.exercises}
    for change in changes:
        if change.include and change.id not in planned_ids:
            kept.append(
                PlannedExercise(
                    id=change.id,
                    hold_seconds=_given(change.hold_seconds),
                    repetitions=_given(change.repetitions),
                    sides=_given(change.sides),
                    reason=_with_note(ADDED_BY_CLINICIAN, change.note),
                    clinician_dose=True,
                    hold_bounds=list(_given(change.bounds)),
                )
            )
    kept_ids = {p.id for p in kept}
    excluded = [e for e in plan.excluded if e.id not in kept_ids]
    excluded += [
        Excluded(id=c.id, reason=_with_note(LEFT_OUT_BY_CLINICIAN, c.note or why))
        for c in changes
        if not c.include and c.id in planned_ids
    ]
    kept = session_order(kept, catalog)
    if not kept:
        raise PrescriptionError(["(plan): keep at least one stretch"])
    return plan.model_copy(
        update={
            "exercises": kept,
            "excluded": excluded,
            "minutes": round(plan_seconds(kept, catalog) / 60, 1),
        }
    )


T = TypeVar("T")


def _given(value: T | None) -> T:
    if value is None:  # DoseChange guarantees an included stretch has its dose
        raise PrescriptionError(["(dose): missing"])
    return value


def _dosed(planned: PlannedExercise, change: DoseChange) -> PlannedExercise:
    # A row sent back unchanged keeps whoever set it (sicoach's progression or the clinician).
    same = (
        planned.hold_seconds == change.hold_seconds
        and planned.repetitions == change.repetitions
        and planned.sides == change.sides
        and change.hold_min_seconds is None
        and change.hold_max_seconds is None
    )
    if same and not (change.note or "").strip():
        return planned
    bounds = list(_given(change.bounds))
    return planned.model_copy(
        update={
            "hold_seconds": _given(change.hold_seconds),
            "repetitions": _given(change.repetitions),
            "sides": _given(change.sides),
            "reason": _with_note(SET_BY_CLINICIAN, change.note),
            "clinician_dose": True,
            "hold_bounds": bounds,
        }
    )


@dataclass(frozen=True)
class PlanChange:
    """How one stretch differs between two plan versions: added, left out, or its dose or
    note changed (``before`` is None when added, ``after`` None when left out)."""

    id: str
    kind: Literal["added", "left-out", "changed"]
    before: PlannedExercise | None
    after: PlannedExercise | None


def plan_changes(before: Plan | None, after: Plan) -> list[PlanChange]:
    """What a new version changed, stretch by stretch, in the new plan's order (the
    stretches left out last). A first version (``before`` None) changed nothing."""
    if before is None:
        return []
    old = {p.id: p for p in before.exercises}
    new = {p.id: p for p in after.exercises}
    found: list[PlanChange] = []
    for planned in after.exercises:
        was = old.get(planned.id)
        if was is None:
            found.append(PlanChange(planned.id, "added", None, planned))
        elif _dose_of(was) != _dose_of(planned):
            found.append(PlanChange(planned.id, "changed", was, planned))
    found += [PlanChange(p.id, "left-out", p, None) for p in before.exercises if p.id not in new]
    return found


def _dose_of(planned: PlannedExercise) -> tuple[object, ...]:
    bounds = tuple(planned.hold_bounds) if planned.hold_bounds else None
    return planned.hold_seconds, planned.repetitions, tuple(planned.sides), bounds, planned.reason
