"""The intake (DESIGN.md contract 5): what a person tells sicoach before a plan.

Parsing collects every problem at once (missing, out of range, unknown fields,
contradictions) so a person fixes their file in one go.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "HardPosition",
    "INTAKE_SCHEMA",
    "Intake",
    "IntakeEquipment",
    "IntakeError",
    "Pain",
    "PainArea",
    "Precautions",
    "RedFlagAnswers",
    "Side",
    "parse_intake",
]

INTAKE_SCHEMA = "sicoach.intake/1"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class PainArea(StrEnum):
    BUTTOCK = "buttock"
    LOW_BACK = "low-back"
    GROIN = "groin"
    THIGH = "thigh"
    BELOW_KNEE = "below-knee"


class HardPosition(StrEnum):
    FLOOR = "floor"
    LYING_ON_STOMACH = "lying-on-stomach"
    STANDING_ON_ONE_LEG = "standing-on-one-leg"


class IntakeEquipment(StrEnum):
    TWO_CHAIRS = "two-chairs"
    WALL = "wall"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pain(_Strict):
    """Pain now (0-10), where, and for how many weeks."""

    now: Annotated[int, Field(ge=0, le=10)]
    sides: Annotated[list[Side], Field(min_length=1)]
    areas: Annotated[list[PainArea], Field(min_length=1)]
    weeks: Annotated[float, Field(ge=0, le=5200)]


class RedFlagAnswers(_Strict):
    """Every red-flag question from clinical-facts §3, answered yes (true) or no (false)."""

    bladder_or_bowel_change: bool
    saddle_numbness: bool
    worsening_leg_weakness_or_numbness: bool
    new_difficulty_walking: bool
    cancer_history: bool
    unexplained_weight_loss: bool
    fever_or_unwell: bool
    immune_suppression_or_injected_drugs: bool
    recent_fall_or_injury: bool
    constant_night_pain: bool
    visible_deformity: bool


class Precautions(_Strict):
    """Conditions that change the plan rather than stop it."""

    hip_replacement_weeks_ago: Annotated[float, Field(ge=0, le=5200)] | None
    hip_precautions: bool
    pregnant_or_postpartum: bool
    osteoporosis: bool
    hypermobility: bool
    recent_spine_or_pelvis_surgery: bool


class Intake(_Strict):
    """One person's answers, as in the intake file."""

    schema_: Literal["sicoach.intake/1"] = Field(alias="schema")
    age: Annotated[int, Field(ge=12, le=120)]
    pain: Pain
    joint_stiff: bool
    red_flags: RedFlagAnswers
    precautions: Precautions
    hard_positions: list[HardPosition]
    equipment: list[IntakeEquipment]
    minutes_per_day: Annotated[int, Field(ge=1, le=240)]
    pelvic_rotation_ok: bool

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _no_duplicates(self) -> Intake:
        for name, values in (
            ("hard_positions", self.hard_positions),
            ("equipment", self.equipment),
            ("pain.sides", self.pain.sides),
            ("pain.areas", self.pain.areas),
        ):
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same answer twice")
        return self

    def to_file_dict(self) -> dict[str, Any]:
        """The intake as the mapping its file holds (round-trips through :func:`parse_intake`)."""
        return self.model_dump(mode="json", by_alias=True)


class IntakeError(ValueError):
    """An intake that cannot be used; ``problems`` lists every problem as 'field: reason'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the intake has {len(problems)} problem(s):\n{lines}")


def parse_intake(data: object) -> Intake:
    """Validate an intake mapping (YAML or JSON); :class:`IntakeError` lists every problem."""
    if not isinstance(data, dict):
        raise IntakeError(["(file): expected a mapping of fields"])
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        problems = []
        for item in exc.errors():
            field = ".".join(str(p) for p in item["loc"]).replace("schema_", "schema") or "(file)"
            message = item["msg"]
            if item["type"] == "extra_forbidden":
                message = "unknown field"
            elif item["type"] == "missing":
                message = "missing: every question needs an answer"
            problems.append(f"{field}: {message}")
        raise IntakeError(problems) from None
