"""The intake as a web form: field names are the intake's own dotted paths (``pain.now``).

The form posts flat fields; :func:`intake_from_form` builds the nested mapping, validates
it with the intake model and returns every problem keyed by its field, so the page can
show each one beside its question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sicoach.program.intake import (
    INTAKE_SCHEMA_V3,
    HardPosition,
    HipApproach,
    HipSide,
    Intake,
    IntakeEquipment,
    IntakeError,
    PainArea,
    Side,
    parse_intake,
)
from sicoach.program.screening import ASKED_RED_FLAGS, PRECAUTION_QUESTIONS

__all__ = [
    "EQUIPMENT",
    "GROUP_OF_FIELD",
    "HARD_POSITIONS",
    "HIP_APPROACHES",
    "HIP_SIDES",
    "LAST_GROUP",
    "LIST_FIELDS",
    "NEXT_FIELD",
    "PAIN_AREAS",
    "PRECAUTIONS",
    "SIDES",
    "Choice",
    "FormResult",
    "answers_from_intake",
    "group_pressed",
    "intake_from_form",
    "red_flag_answers",
]


@dataclass(frozen=True)
class Choice:
    """One answer a person can tick, with its words."""

    value: str
    label: str


SIDES = [Choice(Side.LEFT.value, "Left"), Choice(Side.RIGHT.value, "Right")]
PAIN_AREAS = [
    Choice(PainArea.BUTTOCK.value, "Buttock"),
    Choice(PainArea.LOW_BACK.value, "Low back"),
    Choice(PainArea.GROIN.value, "Groin"),
    Choice(PainArea.THIGH.value, "Thigh"),
    Choice(PainArea.BELOW_KNEE.value, "Below the knee"),
]
HARD_POSITIONS = [
    Choice(HardPosition.FLOOR.value, "Getting down to the floor"),
    Choice(HardPosition.LYING_ON_STOMACH.value, "Lying on my stomach"),
    Choice(HardPosition.STANDING_ON_ONE_LEG.value, "Standing on one leg"),
]
EQUIPMENT = [
    Choice(IntakeEquipment.TWO_CHAIRS.value, "Two sturdy chairs"),
    Choice(IntakeEquipment.WALL.value, "A wall to lean on"),
]
# The same words the terminal asks (sicoach.program.screening.PRECAUTION_QUESTIONS).
PRECAUTIONS = [
    Choice(f"precautions.{key}", PRECAUTION_QUESTIONS[key])
    for key in (
        "hip_precautions",
        "pregnant_or_postpartum",
        "osteoporosis",
        "hypermobility",
        "recent_spine_or_pelvis_surgery",
    )
]
HIP_SIDES = [Choice(v.value, v.value.capitalize()) for v in HipSide]
HIP_APPROACHES = [
    Choice(HipApproach.POSTERIOR.value, "From the back (posterior)"),
    Choice(HipApproach.ANTERIOR.value, "From the front (anterior)"),
    Choice(HipApproach.LATERAL.value, "From the side (lateral)"),
    Choice(HipApproach.UNKNOWN.value, "I don't know"),
]
LIST_FIELDS = ("pain.sides", "pain.areas", "hard_positions", "equipment")

# The page shows one group at a time; a problem opens the group its field is in.
GROUP_OF_FIELD = {
    "age": 1,
    "pain": 1,
    "assessed_by_clinician": 1,
    "red_flags": 2,
    "precautions": 3,
    "joint_stiff": 4,
    "hard_positions": 4,
    "equipment": 4,
    "minutes_per_day": 4,
    "pelvic_rotation_ok": 4,
    "preferred_time": 4,
}
LAST_GROUP = 4
# The form field a group's "Next" button posts, with the group's number.
NEXT_FIELD = "_next"


@dataclass(frozen=True)
class FormResult:
    """A valid intake, or the answers as given with a problem per field."""

    intake: Intake | None
    problems: dict[str, str]

    @property
    def first_group(self) -> int:
        """The question group holding the first problem (1 when there is none)."""
        groups = [_group_of(name) for name in self.problems]
        return min(groups, default=1)

    def up_to(self, group: int) -> dict[str, str]:
        """The problems in the groups up to ``group``: what its "Next" button checks."""
        return {name: text for name, text in self.problems.items() if _group_of(name) <= group}


def _group_of(field: str) -> int:
    return GROUP_OF_FIELD.get(field.split(".")[0], 1)


def group_pressed(form: Mapping[str, Any]) -> int | None:
    """The group whose "Next" button posted the form, or None for the last one ("See my plan").

    A value that is not a group before the last counts as the last: every answer is checked.
    """
    value = form.get(NEXT_FIELD)
    number = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else 0
    return number if 1 <= number < LAST_GROUP else None


def red_flag_answers(form: Mapping[str, Any]) -> dict[str, bool]:
    """The warning-sign questions answered so far, yes (True) or no (False)."""
    answers = {f.key: form.get(f"red_flags.{f.key}") for f in ASKED_RED_FLAGS}
    return {key: value == "true" for key, value in answers.items() if value in ("true", "false")}


def _typed(value: str) -> bool | int | float | str | None:
    """A posted text as the type the intake expects: yes/no, a number, or text."""
    text = value.strip()
    if not text:
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


# The intake's fields nest at most this many levels below the top (``pain.now``); a
# posted name nested ~1000 deep exhausted the recursion before it was refused.
_DEEPEST_FIELD = 3


def _nested(form: Mapping[str, Any], lists: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    data: dict[str, Any] = {"schema": INTAKE_SCHEMA_V3}
    for name, value in form.items():
        if name in LIST_FIELDS or name == "csrf_token" or name.startswith("_"):
            continue
        if not isinstance(value, str):
            continue
        _put(data, name, _typed(value))
    for name in LIST_FIELDS:
        _put(data, name, list(lists.get(name, [])))
    data.setdefault("precautions", {}).setdefault("hip_replacement_weeks_ago", None)
    data.setdefault("red_flags", {})  # so each unanswered warning sign is marked by itself
    return data


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    head, _, rest = dotted.partition(".")
    if rest.count(".") >= _DEEPEST_FIELD:  # no intake field is this deep: keep it flat,
        head, rest = dotted, ""  # so the intake check names it as unknown
    if rest:
        child = data.setdefault(head, {})
        if isinstance(child, dict):
            _put(child, rest, value)
    elif value is not None:
        data[head] = value


_FRIENDLY = {
    "missing: every question needs an answer": "Please answer this question.",
    "Input should be a valid boolean, unable to interpret input": "Please answer yes or no.",
    "Input should be a valid integer, unable to parse string as an integer": (
        "Please enter a whole number."
    ),
    "Input should be a valid number, unable to parse string as a number": "Please enter a number.",
    "List should have at least 1 item after validation, not 0": "Please tick at least one.",
}


def _friendly(message: str) -> str:
    if message in _FRIENDLY:
        return _FRIENDLY[message]
    for prefix, words in (
        ("Input should be greater than or equal to ", "Please enter at least "),
        ("Input should be less than or equal to ", "Please enter at most "),
    ):
        if message.startswith(prefix):
            return words + message.removeprefix(prefix) + "."
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def intake_from_form(form: Mapping[str, Any], lists: Mapping[str, Sequence[str]]) -> FormResult:
    """Validate posted answers; the problems are keyed by form field name."""
    try:
        return FormResult(parse_intake(_nested(form, lists)), {})
    except IntakeError as exc:
        problems: dict[str, str] = {}
        for problem in exc.problems:
            field, _, message = problem.partition(": ")
            field = ".".join(part for part in field.split(".") if not part.isdigit())
            if field in ("(file)", "schema"):
                field = "age"
            problems.setdefault(field, _friendly(message))
        return FormResult(None, problems)


def answers_from_intake(intake: Intake) -> dict[str, Any]:
    """A stored intake as form answers, to fill the form in again."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else key, child)
        elif isinstance(value, bool):
            flat[prefix] = "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            flat[prefix] = int(value)  # "3 weeks", not "3.0"
        elif value is not None:
            flat[prefix] = value

    walk("", intake.to_file_dict())
    return flat
