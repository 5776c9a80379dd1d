"""The intake (contract 5, v1 and v2): every problem listed at once, contradictions caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sicoach.program.intake import (
    INTAKE_SCHEMA,
    INTAKE_SCHEMA_V2,
    HardPosition,
    IntakeEquipment,
    IntakeError,
    PainArea,
    parse_intake,
)
from tests.intake_factory import intake_data, make_intake

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"

CONTRACT_5_EXAMPLE = """
schema: sicoach.intake/1
age: 47
pain: {now: 6, sides: [left], areas: [buttock, low-back], weeks: 6}
joint_stiff: true
red_flags:
  bladder_or_bowel_change: false
  saddle_numbness: false
  worsening_leg_weakness_or_numbness: false
  new_difficulty_walking: false
  cancer_history: false
  unexplained_weight_loss: false
  fever_or_unwell: false
  immune_suppression_or_injected_drugs: false
  recent_fall_or_injury: false
  constant_night_pain: false
  visible_deformity: false
precautions:
  hip_replacement_weeks_ago: null
  hip_precautions: false
  pregnant_or_postpartum: false
  osteoporosis: false
  hypermobility: false
  recent_spine_or_pelvis_surgery: false
hard_positions: []
equipment: [two-chairs, wall]
minutes_per_day: 15
pelvic_rotation_ok: false
"""


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        parse_intake(data)
    return caught.value.problems


def test_the_contract_5_example_parses_as_version_1() -> None:
    intake = parse_intake(yaml.safe_load(CONTRACT_5_EXAMPLE))
    assert intake.schema_ == INTAKE_SCHEMA
    assert intake.age == 47 and intake.pain.weeks == 6
    assert intake.preferred_time is None


@pytest.mark.parametrize("name", ["typical", "stiff-joint", "red-flag"])
def test_example_intakes_parse_as_version_2(name: str) -> None:
    intake = parse_intake(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text()))
    assert intake.schema_ == INTAKE_SCHEMA_V2
    assert intake.preferred_time is not None


def test_version_2_takes_a_preferred_time() -> None:
    intake = make_intake({"schema": INTAKE_SCHEMA_V2, "preferred_time": "07:30"})
    assert intake.preferred_time == "07:30"


def test_version_2_may_leave_out_the_preferred_time() -> None:
    assert make_intake({"schema": INTAKE_SCHEMA_V2}).preferred_time is None


def test_version_1_rejects_preferred_time_as_an_unknown_field() -> None:
    problems = _problems(intake_data({"preferred_time": "07:30"}))
    assert problems == [
        "preferred_time: unknown field in sicoach.intake/1 (it needs schema sicoach.intake/2)"
    ]


@pytest.mark.parametrize("bad", ["7:30", "24:00", "12:60", "noon", "07:30:00"])
def test_a_preferred_time_must_be_hh_mm(bad: str) -> None:
    problems = _problems(intake_data({"schema": INTAKE_SCHEMA_V2, "preferred_time": bad}))
    assert [p.split(":")[0] for p in problems] == ["preferred_time"]


def test_an_unknown_schema_names_the_known_ones() -> None:
    assert _problems(intake_data({"schema": "sicoach.intake/9"})) == [
        "schema: must be one of sicoach.intake/1, sicoach.intake/2, sicoach.intake/3"
    ]


def test_every_problem_is_listed_at_once() -> None:
    problems = _problems(
        intake_data(
            {
                "age": 200,
                "pain.now": 11,
                "red_flags.cancer_history!": None,
                "equipment": ["ladder"],
                "colour": "blue",
                "pelvic_rotation_ok": True,
                "hard_positions": ["floor"],
            }
        )
    )
    assert [p.split(":")[0] for p in problems] == [
        "age",
        "pain.now",
        "red_flags.cancer_history",
        "equipment.0",
        "colour",
        "pelvic_rotation_ok",
    ]
    assert "red_flags.cancer_history: missing: every question needs an answer" in problems
    assert "colour: unknown field" in problems


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"pelvic_rotation_ok": True, "hard_positions": ["floor"]},
            "pelvic_rotation_ok: yes to the pelvic rotation stretch, which is done lying on the"
            " floor, but hard_positions says getting down to the floor is hard",
        ),
        (
            {"age": 30, "precautions.hip_replacement_weeks_ago": 2000},
            "precautions.hip_replacement_weeks_ago: 2000 weeks is longer than the age given"
            " (30 years)",
        ),
        (
            {"age": 20, "pain.weeks": 1100},
            "pain.weeks: 1100 weeks is longer than the age given (20 years)",
        ),
        (
            {"pain.sides": ["both"]},
            "pain.sides: for pain on both sides write [left, right]",
        ),
    ],
)
def test_contradictions_are_rejected_with_their_reason(
    changes: dict[str, object], expected: str
) -> None:
    assert _problems(intake_data(changes)) == [expected]


def test_contradictions_are_listed_with_field_problems() -> None:
    problems = _problems(
        intake_data({"pain.now": -1, "pelvic_rotation_ok": True, "hard_positions": ["floor"]})
    )
    assert [p.split(":")[0] for p in problems] == ["pain.now", "pelvic_rotation_ok"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("age", "47"),
        ("age", 47.0),
        ("joint_stiff", 1),
        ("joint_stiff", "yes please"),
        ("pain.weeks", True),
        ("pain.weeks", float("nan")),
        ("precautions.hip_replacement_weeks_ago", -3),
        ("hard_positions", ["floor", "floor"]),
        ("pain.areas", []),
    ],
)
def test_answers_are_checked_strictly(field: str, value: object) -> None:
    problems = _problems(intake_data({field: value}))
    assert problems and all(p.startswith(field) for p in problems)


def test_a_non_mapping_is_one_problem() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_intake(["not", "a", "mapping"])
    assert caught.value.problems == ["(file): expected a mapping of fields"]


def test_a_recent_hip_replacement_brings_in_hip_precautions() -> None:
    assert make_intake({"precautions.hip_replacement_weeks_ago": 11.5}).hip_precautions_apply
    assert not make_intake({"precautions.hip_replacement_weeks_ago": 12}).hip_precautions_apply
    assert make_intake({"precautions.hip_precautions": True}).hip_precautions_apply


# --- properties -------------------------------------------------------------------

_valid_intakes = st.fixed_dictionaries(
    {
        "schema": st.sampled_from([INTAKE_SCHEMA, INTAKE_SCHEMA_V2]),
        "age": st.integers(12, 120),
        "pain.now": st.integers(0, 10),
        "pain.sides": st.sampled_from([["left"], ["right"], ["left", "right"], ["right", "left"]]),
        "pain.areas": st.lists(
            st.sampled_from([a.value for a in PainArea]), min_size=1, unique=True
        ),
        "pain.weeks": st.floats(0, 600, allow_nan=False),
        "joint_stiff": st.booleans(),
        "red_flags.saddle_numbness": st.booleans(),
        "precautions.hip_replacement_weeks_ago": st.none() | st.floats(0, 600, allow_nan=False),
        "precautions.osteoporosis": st.booleans(),
        "hard_positions": st.lists(st.sampled_from([p.value for p in HardPosition]), unique=True),
        "equipment": st.lists(st.sampled_from([e.value for e in IntakeEquipment]), unique=True),
        "minutes_per_day": st.integers(1, 240),
        "pelvic_rotation_ok": st.booleans(),
        "preferred_time": st.none()
        | st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
    }
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(_valid_intakes)
def test_a_valid_intake_round_trips_through_its_file_form(changes: dict[str, Any]) -> None:
    assume(not (changes["pelvic_rotation_ok"] and "floor" in changes["hard_positions"]))
    assume(changes["pain.weeks"] <= changes["age"] * 52)
    hip = changes["precautions.hip_replacement_weeks_ago"]
    assume(hip is None or hip <= changes["age"] * 52)
    if changes["schema"] == INTAKE_SCHEMA:
        changes.pop("preferred_time")
    intake = parse_intake(intake_data(changes))
    assert parse_intake(intake.to_file_dict()) == intake
    assert yaml.safe_load(yaml.safe_dump(intake.to_file_dict())) == intake.to_file_dict()


_not_a_number = st.text(max_size=5) | st.booleans() | st.lists(st.integers(), max_size=2)
_BAD_VALUES: dict[str, st.SearchStrategy[object]] = {
    "age": st.integers(max_value=11) | st.integers(min_value=121) | _not_a_number,
    "pain.now": st.integers(max_value=-1) | st.integers(min_value=11) | _not_a_number,
    "pain.weeks": st.floats(max_value=-0.01) | st.floats(min_value=5200.01) | _not_a_number,
    "pain.sides": st.just([]) | st.text(max_size=5) | st.lists(st.just("middle"), min_size=1),
    "pain.areas": st.just([]) | st.integers() | st.lists(st.just("elbow"), min_size=1),
    "joint_stiff": st.integers() | st.text(max_size=5) | st.none(),
    "red_flags.fever_or_unwell": st.integers() | st.text(max_size=5) | st.none(),
    "precautions.hip_replacement_weeks_ago": st.floats(max_value=-0.01) | st.text(max_size=5),
    "precautions.hypermobility": st.integers() | st.none(),
    "hard_positions": st.text(max_size=5) | st.lists(st.just("upside-down"), min_size=1),
    "equipment": st.integers() | st.lists(st.just("mat"), min_size=1),
    "minutes_per_day": st.integers(max_value=0) | st.integers(min_value=241) | _not_a_number,
    "pelvic_rotation_ok": st.integers() | st.text(max_size=5),
}


_field_and_bad_value = st.sampled_from(sorted(_BAD_VALUES)).flatmap(
    lambda field: st.tuples(st.just(field), _BAD_VALUES[field])
)


@settings(max_examples=200)
@given(_field_and_bad_value)
def test_a_bad_value_always_gives_an_intake_error_naming_its_field(
    field_and_value: tuple[str, object],
) -> None:
    field, value = field_and_value
    with pytest.raises(IntakeError) as caught:
        parse_intake(intake_data({field: value}))
    assert any(p.startswith(field) for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("field", ["age", "pain.weeks", "precautions.hip_replacement_weeks_ago"])
def test_a_number_too_large_for_a_float_is_named_not_a_crash(field: str) -> None:
    problems = _problems(intake_data({field: 10**400}))
    assert any(p.startswith(f"{field}:") for p in problems), problems
