"""The plan a person follows (DESIGN.md contract 4), as typed values.

Building a plan is :mod:`sicoach.program.plan`; this module only says what one is.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PLAN_SCHEMA",
    "Excluded",
    "Plan",
    "PlannedExercise",
    "Referral",
    "SideName",
    "Urgency",
]

PLAN_SCHEMA = "sicoach.plan/1"


class Urgency(StrEnum):
    """How soon a person with a red flag or precaution must see someone."""

    EMERGENCY = "emergency"
    BEFORE_STARTING = "before-starting"
    CLINICIAN_REVIEW = "clinician-review"


class SideName(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Referral(_Frozen):
    """Why the person should see someone, and where to go."""

    urgency: Urgency
    reasons: Annotated[list[str], Field(min_length=1)]
    advice: str


class PlannedExercise(_Frozen):
    """One stretch in the plan with today's dose and why it is there."""

    id: str
    hold_seconds: Annotated[float, Field(gt=0, le=600)]
    repetitions: Annotated[int, Field(ge=1, le=100)]
    sides: Annotated[list[SideName], Field(min_length=1)]
    reason: str
    variation: str | None = None
    notes: list[str] = []
    # A clinician's dose: progression keeps to ``hold_bounds`` and never changes the reps.
    clinician_dose: bool = False
    hold_bounds: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None


class Excluded(_Frozen):
    """A stretch left out of the plan, and why."""

    id: str
    reason: str


class Plan(_Frozen):
    """A person's plan: eligible with exercises, or not eligible with a referral."""

    schema_: Literal["sicoach.plan/1"] = Field(default="sicoach.plan/1", alias="schema")
    eligible: bool
    referral: Referral | None
    exercises: list[PlannedExercise]
    excluded: list[Excluded]
    minutes: float
    advice: list[str] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def shared_notes(self) -> list[str]:
        """The notes every stretch carries (a precaution's note for all stretches), to be
        said once above the stretches instead of beside each one."""
        if len(self.exercises) < 2:
            return []
        first, *others = self.exercises
        return [note for note in first.notes if all(note in p.notes for p in others)]

    def own_notes(self, planned: PlannedExercise) -> list[str]:
        """A stretch's notes that are not shared by every stretch."""
        shared = self.shared_notes
        return [note for note in planned.notes if note not in shared]

    def to_json_dict(self) -> dict[str, Any]:
        """The plan as contract 4's JSON object."""
        return self.model_dump(mode="json", by_alias=True)
