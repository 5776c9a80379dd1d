"""The picture at each step of a session: which poses, which side, still or moving."""

from __future__ import annotations

import pytest

from sicoach.catalog import default_catalog
from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.session.pictures import step_pictures
from sicoach.session.script import Transitions, build_script

TIMING = Transitions(
    get_ready=10, release=3, rest_between_reps=5, switch_side=6, rest_between_exercises=20
)
CATALOG = default_catalog()


def _plan(*exercises: PlannedExercise) -> Plan:
    return Plan(eligible=True, referral=None, exercises=list(exercises), excluded=[], minutes=10)


def _planned(exercise_id: str, reps: int, sides: list[str]) -> PlannedExercise:
    return PlannedExercise(
        id=exercise_id,
        hold_seconds=5,
        repetitions=reps,
        sides=[SideName(s) for s in sides],
        reason="for the test",
    )


def _shown(plan: Plan) -> list[tuple[str, str | None, list[str] | None, str | None]]:
    script = build_script(plan, CATALOG, TIMING)
    return [
        (s.phase.value, None if p is None else p.side, None if p is None else p.poses,
         None if p is None else p.motion)
        for s, p in zip(script.steps, step_pictures(script, plan, CATALOG), strict=True)
    ]  # fmt: skip


def test_the_press_up_picture_rises_holds_still_and_comes_down() -> None:
    assert _shown(_plan(_planned("press-up-stretch", 2, ["both"]))) == [
        ("get-ready", "both", ["start", "rising", "stretched"], "at-end"),
        ("hold", "both", ["stretched"], "still"),
        ("release", "both", ["stretched", "rising", "start"], "whole-step"),
        ("rest", "both", ["start", "rising", "stretched"], "at-end"),
        ("hold", "both", ["stretched"], "still"),
        ("release", "both", ["stretched", "rising", "start"], "whole-step"),
        ("done", None, None, None),
    ]


def test_the_pelvic_rotation_picture_turns_out_then_in_on_the_side_worked() -> None:
    assert _shown(_plan(_planned("pelvic-rotation-stretch", 1, ["right", "left"]))) == [
        ("get-ready", "right", ["start", "knee-up", "outward-turn"], "at-end"),
        ("hold", "right", ["outward-turn"], "still"),
        ("release", "right", ["outward-turn", "knee-up"], "whole-step"),
        ("rest", "right", ["knee-up", "inward-turn"], "at-end"),
        ("hold", "right", ["inward-turn"], "still"),
        ("release", "right", ["inward-turn", "knee-up", "start"], "whole-step"),
        ("switch-side", "left", ["start", "knee-up", "outward-turn"], "at-end"),
        ("hold", "left", ["outward-turn"], "still"),
        ("release", "left", ["outward-turn", "knee-up"], "whole-step"),
        ("rest", "left", ["knee-up", "inward-turn"], "at-end"),
        ("hold", "left", ["inward-turn"], "still"),
        ("release", "left", ["inward-turn", "knee-up", "start"], "whole-step"),
        ("done", None, None, None),
    ]


def test_the_rest_between_stretches_shows_the_next_one_getting_ready() -> None:
    plan = _plan(
        _planned("quadriceps-stretch", 1, ["left"]), _planned("hip-adductor-stretch", 1, ["both"])
    )
    script = build_script(plan, CATALOG, TIMING)
    rest = step_pictures(script, plan, CATALOG)[3]
    assert rest is not None
    assert (rest.exercise, rest.side, rest.poses, rest.motion) == (
        "hip-adductor-stretch", "both", ["start"], "still"
    )  # fmt: skip


def test_a_chosen_variation_is_the_pose_held() -> None:
    planned = _planned("press-up-stretch", 1, ["both"]).model_copy(
        update={"variation": "straight-arms"}
    )
    assert _shown(_plan(planned))[:3] == [
        ("get-ready", "both", ["start", "straight-arms"], "at-end"),
        ("hold", "both", ["straight-arms"], "still"),
        ("release", "both", ["straight-arms", "start"], "whole-step"),
    ]


@pytest.mark.parametrize("exercise", CATALOG.exercises, ids=lambda e: e.id)
def test_the_picture_never_jumps_and_moves_into_the_stretch_by_the_hold(exercise) -> None:
    sides = ["left", "right"] if exercise.one_side_at_a_time else ["both"]
    plan = _plan(_planned(exercise.id, 2, sides))
    script = build_script(plan, CATALOG, TIMING)
    pictures = step_pictures(script, plan, CATALOG)
    shown = [p for p in pictures if p is not None]
    for before, after in zip(shown, shown[1:], strict=False):
        if before.side == after.side:
            assert before.shown_last == after.poses[0], (before, after)
    for step, picture in zip(script.steps, pictures, strict=True):
        if picture is None:
            continue
        assert picture.side == step.side
        if step.phase.value == "hold":
            assert exercise.pose(picture.poses[0]).held
        if picture.motion == "at-end":
            assert picture.move_seconds == min(step.seconds, 3)
            assert exercise.pose(picture.shown_last).held
