"""A clinician's changes to a plan: include or leave out a stretch, set its hold, reps and sides.

Pure: a plan and the changes in, the new plan out, or :class:`PrescriptionError` listing
every problem. Who made the change and why is kept by the store with the new version.

A clinician's number is the plan in force: a stretch the clinician doses is marked
``clinician_dose`` and carries ``hold_bounds``, by default the clinician's hold alone,
or the range the clinician allows (``hold_min_seconds`` to ``hold_max_seconds``).
Progression keeps to those bounds and never changes the clinician's repetitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sicoach.catalog import Catalog, UnknownExerciseError
from sicoach.program.plan import plan_seconds
from sicoach.program.plan_model import Excluded, Plan, PlannedExercise, SideName

__all__ = ["DoseChange", "PrescriptionError", "allowed_sides", "prescribe"]


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


def prescribe(plan: Plan, changes: Sequence[DoseChange], catalog: Catalog, why: str) -> Plan:
    """The plan with ``changes`` applied, in order; other stretches stay as they are."""
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
            kept.append(_dosed(planned, wanted, why))
    planned_ids = {p.id for p in plan.exercises}
    for change in changes:
        if change.include and change.id not in planned_ids:
            kept.append(
                PlannedExercise(
                    id=change.id,
                    hold_seconds=_given(change.hold_seconds),
                    repetitions=_given(change.repetitions),
                    sides=_given(change.sides),
                    reason=f"Added by your clinician: {why}",
                    clinician_dose=True,
                    hold_bounds=list(_given(change.bounds)),
                )
            )
    order = {exercise_id: n for n, exercise_id in enumerate(catalog.ids)}
    kept_ids = {p.id for p in kept}
    excluded = [e for e in plan.excluded if e.id not in kept_ids]
    excluded += [
        Excluded(id=c.id, reason=f"Left out by your clinician: {why}")
        for c in changes
        if not c.include and c.id in planned_ids
    ]
    positions = {p.id: n for n, p in enumerate(plan.exercises)}
    kept.sort(key=lambda p: (positions.get(p.id, len(positions)), order[p.id]))
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


def _dosed(planned: PlannedExercise, change: DoseChange, why: str) -> PlannedExercise:
    # A row sent back unchanged keeps whoever set it (sicoach's progression or the clinician).
    same = (
        planned.hold_seconds == change.hold_seconds
        and planned.repetitions == change.repetitions
        and planned.sides == change.sides
        and change.hold_min_seconds is None
        and change.hold_max_seconds is None
    )
    if same:
        return planned
    bounds = list(_given(change.bounds))
    return planned.model_copy(
        update={
            "hold_seconds": _given(change.hold_seconds),
            "repetitions": _given(change.repetitions),
            "sides": _given(change.sides),
            "reason": f"Dose set by your clinician: {why}",
            "clinician_dose": True,
            "hold_bounds": bounds,
        }
    )
