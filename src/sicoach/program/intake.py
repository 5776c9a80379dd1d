"""The intake (DESIGN.md contract 5): what a person tells sicoach before a plan.

Two versions are read:

- ``sicoach.intake/1``: contract 5 exactly. Unknown fields are errors, so a v1
  file that carries ``preferred_time`` is rejected.
- ``sicoach.intake/2``: v1 plus three optional answers: ``preferred_time`` ("HH:MM",
  24-hour clock), the time of day the person would like to stretch (issue 4's
  "preferred time of day"); ``pain.improving``, whether the pain has been getting
  better (v1 can only say how long it has lasted, so any pain past a month had to
  count as "not improving"); and ``assessed_by_clinician``, whether a doctor or
  physical therapist has already examined the person for this pain. ``sicoach
  start`` writes v2.

Answers are checked strictly (a number must be a number, a yes/no must be
``true`` or ``false``). Parsing collects every problem at once: missing answers,
values out of range, unknown fields, and answers that contradict each other
(see :func:`contradictions`), so a person fixes their file in one go. Build an
intake with :func:`parse_intake`; it is the only path that checks contradictions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    model_validator,
)

from sicoach.rules import RECENT_HIP_REPLACEMENT_WEEKS

__all__ = [
    "INTAKE_SCHEMA",
    "INTAKE_SCHEMAS",
    "INTAKE_SCHEMA_V2",
    "HardPosition",
    "Intake",
    "IntakeEquipment",
    "IntakeError",
    "Pain",
    "PainArea",
    "Precautions",
    "RedFlagAnswers",
    "Side",
    "contradictions",
    "parse_intake",
]

INTAKE_SCHEMA = "sicoach.intake/1"
INTAKE_SCHEMA_V2 = "sicoach.intake/2"
INTAKE_SCHEMAS = (INTAKE_SCHEMA, INTAKE_SCHEMA_V2)

WEEKS_PER_YEAR = 52.18

T = TypeVar("T")


def _unique(values: list[T]) -> list[T]:
    if len(set(values)) != len(values):
        raise ValueError("lists the same answer twice")
    return values


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


Weeks = Annotated[StrictFloat, Field(ge=0, le=5200, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pain(_Strict):
    """Pain now (0-10), where, and for how many weeks."""

    now: Annotated[StrictInt, Field(ge=0, le=10)]
    sides: Annotated[list[Side], Field(min_length=1), AfterValidator(_unique)]
    areas: Annotated[list[PainArea], Field(min_length=1), AfterValidator(_unique)]
    weeks: Weeks
    improving: StrictBool | None = None


class RedFlagAnswers(_Strict):
    """Every red-flag question from clinical-facts §3, answered yes (true) or no (false)."""

    bladder_or_bowel_change: StrictBool
    saddle_numbness: StrictBool
    worsening_leg_weakness_or_numbness: StrictBool
    new_difficulty_walking: StrictBool
    cancer_history: StrictBool
    unexplained_weight_loss: StrictBool
    fever_or_unwell: StrictBool
    immune_suppression_or_injected_drugs: StrictBool
    recent_fall_or_injury: StrictBool
    constant_night_pain: StrictBool
    visible_deformity: StrictBool


class Precautions(_Strict):
    """Conditions that change the plan rather than stop it."""

    hip_replacement_weeks_ago: Weeks | None
    hip_precautions: StrictBool
    pregnant_or_postpartum: StrictBool
    osteoporosis: StrictBool
    hypermobility: StrictBool
    recent_spine_or_pelvis_surgery: StrictBool


class Intake(_Strict):
    """One person's answers, as in the intake file."""

    schema_: Literal["sicoach.intake/1", "sicoach.intake/2"] = Field(alias="schema")
    age: Annotated[StrictInt, Field(ge=12, le=120)]
    pain: Pain
    joint_stiff: StrictBool
    red_flags: RedFlagAnswers
    precautions: Precautions
    hard_positions: Annotated[list[HardPosition], AfterValidator(_unique)]
    equipment: Annotated[list[IntakeEquipment], AfterValidator(_unique)]
    minutes_per_day: Annotated[StrictInt, Field(ge=1, le=240)]
    pelvic_rotation_ok: StrictBool
    preferred_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] | None = None
    assessed_by_clinician: StrictBool | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _v2_answers_need_v2(self) -> Intake:
        if self.schema_ == INTAKE_SCHEMA:
            given = [name for name, value in self._v2_answers().items() if value is not None]
            if given:
                raise ValueError(f"{', '.join(given)} need schema {INTAKE_SCHEMA_V2}")
        return self

    def _v2_answers(self) -> dict[str, object]:
        return {
            "preferred_time": self.preferred_time,
            "assessed_by_clinician": self.assessed_by_clinician,
            "pain.improving": self.pain.improving,
        }

    @property
    def hip_precautions_apply(self) -> bool:
        """Whether the person keeps hip precautions or had a hip replacement recently."""
        weeks = self.precautions.hip_replacement_weeks_ago
        recent = weeks is not None and weeks < RECENT_HIP_REPLACEMENT_WEEKS.value
        return self.precautions.hip_precautions or recent

    def to_file_dict(self) -> dict[str, Any]:
        """The intake as the mapping its file holds (round-trips through :func:`parse_intake`)."""
        data = self.model_dump(mode="json", by_alias=True)
        if self.schema_ == INTAKE_SCHEMA:
            del data["preferred_time"], data["assessed_by_clinician"], data["pain"]["improving"]
        return data


class IntakeError(ValueError):
    """An intake that cannot be used; ``problems`` lists every problem as 'field: reason'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the intake has {len(problems)} problem(s):\n{lines}")


def _value(data: Mapping[str, object], *path: str) -> object:
    """The value at ``path`` in a raw mapping, or None where a step is missing."""
    current: object = data
    for key in path:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _listed(value: object) -> Sequence[object]:
    return value if isinstance(value, list) else []


def contradictions(data: Mapping[str, object]) -> list[str]:
    """Answers that cannot all be true together, as 'field: reason' (empty when none).

    Works on the raw mapping and skips any check whose answers are themselves
    missing or malformed, so it can run beside field validation and every problem
    is reported at once.
    """
    problems: list[str] = []
    age = _number(_value(data, "age"))
    age_in_weeks = age * WEEKS_PER_YEAR if age is not None else None
    for path in (("pain", "weeks"), ("precautions", "hip_replacement_weeks_ago")):
        weeks = _number(_value(data, *path))
        if weeks is not None and age_in_weeks is not None and weeks > age_in_weeks:
            problems.append(
                f"{'.'.join(path)}: {weeks:g} weeks is longer than the age given ({age:g} years)"
            )
    floor_is_hard = HardPosition.FLOOR.value in _listed(_value(data, "hard_positions"))
    if _value(data, "pelvic_rotation_ok") is True and floor_is_hard:
        problems.append(
            "pelvic_rotation_ok: yes to the pelvic rotation stretch, which is done lying on the"
            " floor, but hard_positions says getting down to the floor is hard"
        )
    if "both" in _listed(_value(data, "pain", "sides")):
        problems.append("pain.sides: for pain on both sides write [left, right]")
    return problems


def _field_problem(item: Mapping[str, Any]) -> str | None:
    location = [str(p) for p in item["loc"]]
    field = ".".join(location).replace("schema_", "schema") or "(file)"
    if location[:2] == ["pain", "sides"] and "both" == item.get("input"):
        return None  # reported by contradictions() with the fix
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] == "extra_forbidden":
        message = "unknown field"
    elif item["type"] == "missing":
        message = "missing: every question needs an answer"
    elif item["type"] == "literal_error" and field == "schema":
        message = f"must be one of {', '.join(INTAKE_SCHEMAS)}"
    return f"{field}: {message}"


def _strip_v2_answers(fields: dict[str, Any]) -> list[str]:
    """Take v2-only answers out of a v1 mapping, each as an 'unknown field' problem."""
    problems = []
    unknown = f"unknown field in {INTAKE_SCHEMA} (it needs schema {INTAKE_SCHEMA_V2})"
    for name in ("preferred_time", "assessed_by_clinician"):
        if name in fields:
            del fields[name]
            problems.append(f"{name}: {unknown}")
    pain = fields.get("pain")
    if isinstance(pain, Mapping) and "improving" in pain:
        fields["pain"] = {k: v for k, v in pain.items() if k != "improving"}
        problems.append(f"pain.improving: {unknown}")
    return problems


def parse_intake(data: object) -> Intake:
    """Validate an intake mapping (YAML or JSON); :class:`IntakeError` lists every problem."""
    if not isinstance(data, Mapping):
        raise IntakeError(["(file): expected a mapping of fields"])
    fields = dict(data)
    problems: list[str] = []
    if fields.get("schema") == INTAKE_SCHEMA:
        problems.extend(_strip_v2_answers(fields))
    intake: Intake | None = None
    try:
        intake = Intake.model_validate(fields)
    except ValidationError as exc:
        problems = [p for item in exc.errors() if (p := _field_problem(item))] + problems
    problems.extend(contradictions(fields))
    if problems or intake is None:
        raise IntakeError(problems)
    return intake
