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
  start`` wrote v2 before version 3.
- ``sicoach.intake/3``: v2 plus four optional precaution answers (DESIGN.md contract
  12): ``pregnant_weeks`` (weeks of pregnancy), ``postpartum_weeks`` (weeks since
  birth), ``hip_replacement_side`` and ``hip_replacement_approach``. ``sicoach start``
  and the web form write v3. A missing optional answer means "not asked".

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
    "INTAKE_SCHEMA_V3",
    "HardPosition",
    "HipApproach",
    "HipSide",
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
INTAKE_SCHEMA_V3 = "sicoach.intake/3"
INTAKE_SCHEMAS = (INTAKE_SCHEMA, INTAKE_SCHEMA_V2, INTAKE_SCHEMA_V3)
# The answers each version adds, as dotted paths (a version reads every earlier one's).
ADDED_IN = {
    INTAKE_SCHEMA_V2: ("preferred_time", "assessed_by_clinician", "pain.improving"),
    INTAKE_SCHEMA_V3: (
        "precautions.pregnant_weeks",
        "precautions.postpartum_weeks",
        "precautions.hip_replacement_side",
        "precautions.hip_replacement_approach",
    ),
}

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


class HipSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class HipApproach(StrEnum):
    """How the hip replacement was done; an unknown approach is treated as posterior."""

    POSTERIOR = "posterior"
    ANTERIOR = "anterior"
    LATERAL = "lateral"
    UNKNOWN = "unknown"


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
    pregnant_weeks: Annotated[StrictFloat, Field(ge=0, le=45, allow_inf_nan=False)] | None = None
    postpartum_weeks: Annotated[StrictFloat, Field(ge=0, le=5200, allow_inf_nan=False)] | None = (
        None
    )
    hip_replacement_side: HipSide | None = None
    hip_replacement_approach: HipApproach | None = None


class Intake(_Strict):
    """One person's answers, as in the intake file."""

    schema_: Literal["sicoach.intake/1", "sicoach.intake/2", "sicoach.intake/3"] = Field(
        alias="schema"
    )
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
    def _answers_need_their_version(self) -> Intake:
        given = [path for path in _later_answers(self.schema_) if _at(self, path) is not None]
        if given:
            raise ValueError(f"{', '.join(given)} need a later schema ({_needs(given)})")
        return self

    @property
    def hip_precautions_apply(self) -> bool:
        """Whether the person keeps hip precautions or had a hip replacement recently."""
        weeks = self.precautions.hip_replacement_weeks_ago
        recent = weeks is not None and weeks < RECENT_HIP_REPLACEMENT_WEEKS.value
        return self.precautions.hip_precautions or recent

    @property
    def pregnant(self) -> bool:
        """Pregnant now, as far as the answers say (v3 weeks, else the v1 yes/no)."""
        answers = self.precautions
        if not answers.pregnant_or_postpartum:
            return False
        return answers.pregnant_weeks is not None or answers.postpartum_weeks is None

    def to_file_dict(self) -> dict[str, Any]:
        """The intake as the mapping its file holds (round-trips through :func:`parse_intake`)."""
        data = self.model_dump(mode="json", by_alias=True)
        for path in _later_answers(self.schema_):
            *parents, name = path.split(".")
            holder = data
            for parent in parents:
                holder = holder[parent]
            del holder[name]
        return data


def _later_answers(schema: str) -> list[str]:
    """The answers that versions after ``schema`` added (dotted paths)."""
    later = INTAKE_SCHEMAS[INTAKE_SCHEMAS.index(schema) + 1 :]
    return [path for version in later for path in ADDED_IN[version]]


def _needs(paths: Sequence[str]) -> str:
    versions = [v for v in ADDED_IN if any(p in ADDED_IN[v] for p in paths)]
    return versions[-1]


def _at(model: BaseModel, dotted: str) -> object:
    value: object = model
    for name in dotted.split("."):
        value = getattr(value, name)
    return value


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
    """A number as a float; None when it is not one or too large for a float (a 400-digit
    age: field validation names it, so the checks between answers skip it)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


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
    problems.extend(_precaution_contradictions(data))
    return problems


def _precaution_contradictions(data: Mapping[str, object]) -> list[str]:
    problems: list[str] = []
    weeks_given = [
        name
        for name in ("pregnant_weeks", "postpartum_weeks")
        if _value(data, "precautions", name) is not None
    ]
    if weeks_given and _value(data, "precautions", "pregnant_or_postpartum") is False:
        problems.extend(
            f"precautions.{name}: given, but pregnant_or_postpartum says no" for name in weeks_given
        )
    if len(weeks_given) == 2:
        problems.append(
            "precautions.postpartum_weeks: give the weeks of pregnancy or the weeks since the "
            "birth, not both"
        )
    if _value(data, "precautions", "hip_replacement_weeks_ago") is None:
        problems.extend(
            f"precautions.{name}: given, but hip_replacement_weeks_ago says there was no hip "
            "replacement"
            for name in ("hip_replacement_side", "hip_replacement_approach")
            if _value(data, "precautions", name) is not None
        )
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


def _strip_later_answers(fields: dict[str, Any], schema: str) -> list[str]:
    """Take answers a later version added out of an older mapping, each as 'unknown field'."""
    problems = []
    for path in _later_answers(schema):
        *parents, name = path.split(".")
        holder: object = fields
        for parent in parents:
            holder = holder.get(parent) if isinstance(holder, Mapping) else None
        if isinstance(holder, dict) and name in holder:
            del holder[name]
            unknown = f"unknown field in {schema} (it needs schema {_needs([path])})"
            problems.append(f"{path}: {unknown}")
    return problems


def _copied(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy whose nested mappings can be changed without touching the caller's."""
    return {k: _copied(v) if isinstance(v, Mapping) else v for k, v in data.items()}


def parse_intake(data: object) -> Intake:
    """Validate an intake mapping (YAML or JSON); :class:`IntakeError` lists every problem."""
    if not isinstance(data, Mapping):
        raise IntakeError(["(file): expected a mapping of fields"])
    fields = _copied(data)
    problems: list[str] = []
    if fields.get("schema") in INTAKE_SCHEMAS:
        problems.extend(_strip_later_answers(fields, str(fields["schema"])))
    intake: Intake | None = None
    try:
        intake = Intake.model_validate(fields)
    except ValidationError as exc:
        problems = [p for item in exc.errors() if (p := _field_problem(item))] + problems
    problems.extend(contradictions(fields))
    if problems or intake is None:
        raise IntakeError(problems)
    return intake
