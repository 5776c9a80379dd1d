"""The session script: step order, seconds and cues for hand-made plans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach import rules
from sicoach.catalog import default_catalog
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.session.script import Transitions, build_script
from sicoach.session.script_model import Phase
from tests.intake_factory import make_intake

TIMING = Transitions(
    get_ready=10, release=3, rest_between_reps=5, switch_side=6, rest_between_exercises=20
)
CATALOG = default_catalog()


def _plan(*exercises: PlannedExercise) -> Plan:
    return Plan(eligible=True, referral=None, exercises=list(exercises), excluded=[], minutes=10)


def _planned(exercise_id: str, hold: float, reps: int, sides: list[str]) -> PlannedExercise:
    return PlannedExercise(
        id=exercise_id,
        hold_seconds=hold,
        repetitions=reps,
        sides=[SideName(s) for s in sides],
        reason="for the test",
    )


def _shape(plan: Plan) -> list[tuple[str, str | None, int | None]]:
    return [(s.phase.value, s.side, s.rep) for s in build_script(plan, CATALOG, TIMING).steps]


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        pytest.param(
            _planned("quadriceps-stretch", 15, 2, ["left", "right"]),
            [
                ("get-ready", "left", 1),
                ("hold", "left", 1), ("release", "left", 1),
                ("switch-side", "right", 1),
                ("hold", "right", 1), ("release", "right", 1),
                ("switch-side", "left", 2),
                ("hold", "left", 2), ("release", "left", 2),
                ("switch-side", "right", 2),
                ("hold", "right", 2), ("release", "right", 2),
                ("done", None, None),
            ],
            id="sides alternate rep by rep, as the seed says for the quadriceps",
        ),
        pytest.param(
            _planned("knee-to-chest-isometric", 5, 2, ["right"]),
            [
                ("get-ready", "right", 1),
                ("hold", "right", 1), ("release", "right", 1),
                ("rest", "right", 2),
                ("hold", "right", 2), ("release", "right", 2),
                ("done", None, None),
            ],
            id="one side only: rests between reps and no switch",
        ),
        pytest.param(
            _planned("press-up-stretch", 5, 2, ["both"]),
            [
                ("get-ready", "both", 1),
                ("hold", "both", 1), ("release", "both", 1),
                ("rest", "both", 2),
                ("hold", "both", 2), ("release", "both", 2),
                ("done", None, None),
            ],
            id="both sides together",
        ),
        pytest.param(
            _planned("pelvic-rotation-stretch", 5, 1, ["left", "right"]),
            [
                ("get-ready", "left", 1),
                ("hold", "left", 1), ("release", "left", 1),
                ("rest", "left", 1),
                ("hold", "left", 1), ("release", "left", 1),
                ("switch-side", "right", 1),
                ("hold", "right", 1), ("release", "right", 1),
                ("rest", "right", 1),
                ("hold", "right", 1), ("release", "right", 1),
                ("done", None, None),
            ],
            id="pelvic rotation: outward and inward turn on one side, then the other",
        ),
    ],
)  # fmt: skip
def test_steps_come_in_the_order_the_person_does_them(
    planned: PlannedExercise, expected: list[tuple[str, str | None, int | None]]
) -> None:
    assert _shape(_plan(planned)) == expected


def test_each_step_lasts_its_rule_or_the_planned_hold() -> None:
    script = build_script(
        _plan(_planned("quadriceps-stretch", 15, 1, ["left", "right"])), CATALOG, TIMING
    )
    assert [(s.phase.value, s.seconds) for s in script.steps] == [
        ("get-ready", 10), ("hold", 15), ("release", 3), ("switch-side", 6),
        ("hold", 15), ("release", 3), ("done", 0),
    ]  # fmt: skip
    assert script.total_seconds == 52


def test_exercises_are_separated_by_a_rest_that_names_the_next_one() -> None:
    script = build_script(
        _plan(
            _planned("quadriceps-stretch", 15, 1, ["left"]),
            _planned("hip-adductor-stretch", 5, 1, ["both"]),
        ),
        CATALOG,
        TIMING,
    )
    rest = script.steps[3]
    assert (rest.phase, rest.exercise, rest.seconds) == (Phase.REST, None, 20)
    assert rest.cue == "Rest. Next: seated hip adductor stretch."
    assert script.steps[4].phase is Phase.GET_READY
    assert script.steps[4].exercise == "hip-adductor-stretch"


def _cues(planned: PlannedExercise) -> list[tuple[str, str]]:
    return [(s.phase.value, s.cue) for s in build_script(_plan(planned), CATALOG, TIMING).steps]


def test_the_press_up_is_talked_through_move_by_move() -> None:
    # The issue's example, from the seed: "Lying on the stomach, raise the upper body to
    # the elbows ... keep the shoulders relaxed, down, and away from the ears".
    assert _cues(_planned("press-up-stretch", 5, 2, ["both"]))[:5] == [
        ("get-ready", "Press-up stretch. Lie on your stomach with your forearms on the floor,"
         " elbows near your shoulders. Push up onto your elbows; keep your hips on the floor."),
        ("hold", "Hold. Keep your shoulders relaxed, down and away from your ears."),
        ("release", "Lower yourself down slowly."),
        ("rest", "Rest for a moment. Push up onto your elbows; keep your hips on the floor."),
        ("hold", "Hold. Keep your shoulders relaxed, down and away from your ears."),
    ]  # fmt: skip


def test_a_one_sided_stretch_names_the_side_being_worked() -> None:
    # "pull one knee up toward the chest while keeping the other leg straight"
    cues = _cues(_planned("knee-to-chest-isometric", 5, 1, ["left", "right"]))
    assert cues[0] == (
        "get-ready",
        "Single knee-to-chest isometric stretch. Lie on your back with both legs straight."
        " Pull your left knee up toward your chest and cross your fingers behind the thigh;"
        " keep the right leg straight on the floor.",
    )
    assert cues[3] == (
        "switch-side",
        "Switch to the right side. Pull your right knee up toward your chest and cross your"
        " fingers behind the thigh; keep the left leg straight on the floor.",
    )


def test_the_lower_trunk_rotation_says_where_the_knees_go() -> None:
    # "gently move both knees to one side ... then repeat on the other side"
    cues = dict(_cues(_planned("lower-trunk-rotation", 5, 1, ["right", "left"])))
    assert "Let both knees drop gently to the right" in cues["get-ready"]
    assert "Let both knees drop gently to the left" in cues["switch-side"]


def test_every_hold_speaks_one_short_form_cue_from_the_catalog() -> None:
    for exercise in CATALOG.exercises:
        sides = ["left"] if exercise.one_side_at_a_time else ["both"]
        cues = {c for phase, c in _cues(_planned(exercise.id, 5, 2, sides)) if phase == "hold"}
        assert cues == {f"Hold. {exercise.movement.hold}"}
        assert exercise.movement.hold in exercise.cues


def test_pelvic_rotation_moves_into_each_direction_before_its_hold() -> None:
    # "Turn the foot so it's pointed slightly away from the body ... Then, turn the foot so
    # it's angled slightly toward the middle of the body, push the hand on the inside"
    cues = _cues(_planned("pelvic-rotation-stretch", 5, 1, ["left"]))
    assert [phase for phase, _ in cues] == [
        "get-ready", "hold", "release", "rest", "hold", "release", "done"
    ]  # fmt: skip
    assert "Turn the foot slightly out, and push your left hand against the outside" in cues[0][1]
    assert "Turn the foot slightly in, and push your right hand against the inside" in cues[3][1]
    assert cues[5][1] == "Ease off, and lower the leg slowly to the floor."


def test_a_chosen_variation_is_named_and_moved_into_when_getting_ready() -> None:
    planned = _planned("press-up-stretch", 5, 1, ["both"]).model_copy(
        update={"variation": "straight-arms"}
    )
    cue = build_script(_plan(planned), CATALOG, TIMING).steps[0].cue
    assert "Advanced press-up. Push up onto your hands with your elbows straight" in cue


def test_a_plan_without_exercises_gives_only_the_end() -> None:
    script = build_script(_plan(), CATALOG, TIMING)
    assert [s.phase for s in script.steps] == [Phase.DONE]
    assert script.total_seconds == 0


def test_the_script_is_contract_8() -> None:
    data = build_script(_plan(_planned("press-up-stretch", 5, 1, ["both"])), CATALOG, TIMING)
    payload = data.to_json_dict()
    assert payload["schema"] == "sicoach.script/1"
    assert set(payload) == {"schema", "total_seconds", "steps"}
    assert set(payload["steps"][0]) == {"exercise", "side", "rep", "phase", "seconds", "cue"}


_SIDES = st.sampled_from([["left"], ["right"], ["left", "right"], ["right", "left"]])


@st.composite
def _planned_exercises(draw: st.DrawFn) -> PlannedExercise:
    exercise = draw(st.sampled_from(CATALOG.exercises))
    sides = draw(_SIDES) if exercise.one_side_at_a_time else ["both"]
    hold = draw(st.floats(min_value=1, max_value=60, allow_nan=False).map(lambda x: round(x, 1)))
    return _planned(exercise.id, hold, draw(st.integers(1, 10)), sides)


@given(
    exercises=st.lists(_planned_exercises(), min_size=1, max_size=7, unique_by=lambda p: p.id),
    timing=st.builds(Transitions, *[st.integers(0, 30).map(float) for _ in range(5)]),
)
def test_every_planned_hold_is_in_the_script_and_the_total_adds_up(
    exercises: list[PlannedExercise], timing: Transitions
) -> None:
    script = build_script(_plan(*exercises), CATALOG, timing)
    assert script.total_seconds == pytest.approx(sum(s.seconds for s in script.steps))
    for planned in exercises:
        holds = [s for s in script.steps if s.exercise == planned.id and s.phase is Phase.HOLD]
        repetitions = CATALOG.get(planned.id).repetitions
        directions = 2 if repetitions is not None and repetitions.per.value == "direction" else 1
        assert len(holds) == planned.repetitions * len(planned.sides) * directions
        assert {h.seconds for h in holds} == {planned.hold_seconds}
        assert {h.side for h in holds} == {s.value for s in planned.sides}
    assert script.steps[-1].phase is Phase.DONE


# Seconds per stretch on day one with the default transitions (get ready 10 s, release 3 s,
# rest between reps 5 s, switch side 5 s), at the seed's starting hold and fewest reps:
#   quadriceps   10 + 4 holds x (15 + 3) + 3 switches x 5           =  97
#   hamstring    10 + 10 holds x (15 + 3) + 9 switches x 5          = 235
#   adductor     10 + 3 holds x (5 + 3) + 2 rests x 5               =  44
#   knee-chest   10 + 10 holds x (5 + 3) + 9 switches x 5           = 135
#   trunk turn   10 + 6 holds x (5 + 3) + 5 switches x 5            =  83
#   pelvic turn  10 + 12 holds x (5 + 3) + 11 rests or switches x 5 = 161
#   press-up     10 + 5 holds x (5 + 3) + 4 rests x 5               =  70
# and 15 s of rest between two stretches.
@pytest.mark.parametrize(
    ("changes", "seconds", "minutes"),
    [
        pytest.param({}, 97 + 235 + 44 + 135 + 70 + 4 * 15, 10.7, id="typical"),
        pytest.param(
            {"joint_stiff": True, "pelvic_rotation_ok": True, "minutes_per_day": 30},
            97 + 235 + 44 + 135 + 83 + 161 + 70 + 6 * 15,
            15.2,  # 915 s is 15.25 minutes, rounded to the even tenth
            id="stiff joint",
        ),
        pytest.param({"minutes_per_day": 5}, 235 + 44 + 15, 4.9, id="five minutes"),
        pytest.param(
            {"hard_positions": ["floor"], "pain.sides": ["left", "right"]},
            97 + 235 + 15,
            5.8,
            id="no floor",
        ),
        pytest.param(
            {"equipment": [], "minutes_per_day": 60}, 44 + 135 + 70 + 2 * 15, 4.7, id="no equipment"
        ),
    ],
)
def test_the_script_takes_as_long_as_the_plan_says(
    changes: dict[str, object], seconds: int, minutes: float
) -> None:
    plan = build_plan(make_intake(changes), CATALOG)
    script = build_script(plan, CATALOG)
    assert script.total_seconds == seconds
    assert sum(step.seconds for step in script.steps) == seconds
    assert plan.minutes == minutes


def test_the_default_transitions_are_the_rules() -> None:
    script = build_script(
        _plan(
            _planned("knee-to-chest-isometric", 5, 2, ["left", "right"]),
            _planned("press-up-stretch", 5, 2, ["both"]),
        ),
        CATALOG,
    )
    seconds = {s.phase: s.seconds for s in script.steps if s.exercise is not None}
    assert seconds[Phase.GET_READY] == rules.GET_READY_SECONDS.value
    assert seconds[Phase.RELEASE] == rules.RELEASE_SECONDS.value
    assert seconds[Phase.SWITCH_SIDE] == rules.SWITCH_SIDE_SECONDS.value
    assert seconds[Phase.REST] == rules.REST_BETWEEN_REPS_SECONDS.value
    between = [s for s in script.steps if s.phase is Phase.REST and s.exercise is None]
    assert [s.seconds for s in between] == [rules.REST_BETWEEN_EXERCISES_SECONDS.value]
