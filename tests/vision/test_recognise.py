"""The recogniser on synthetic recordings: right stretch and side, held seconds, reps, faults."""

from __future__ import annotations

from typing import Any

import pytest

from sicoach.vision import check_recording
from sicoach.vision.recognise import Analysis, analyse
from sicoach.vision.synthetic import Performance, Rep, perform
from sicoach.vision.templates import default_templates
from tests.vision.conftest import camera, exercise_sides, held_poses, performance

HOLD_ACCURACY_SECONDS = 0.5
HOLDS = [5.0, 12.0, 7.5]


def _analysis(performance: Performance) -> Analysis:
    return analyse(perform(performance), default_templates())


def _assert_found(analysis: Analysis, performance: Performance, exercise: str, side: str) -> None:
    found = [(h.exercise, h.side) for h in analysis.holds]
    assert found == [(exercise, side)] * len(performance.reps)
    truth = [rep.hold_seconds for rep in performance.reps]
    held = [round(h.held_seconds, 2) for h in analysis.holds]
    assert all(abs(h - t) <= HOLD_ACCURACY_SECONDS for h, t in zip(held, truth, strict=True)), (
        held,
        truth,
    )
    for hold, (start, _) in zip(analysis.holds, performance.schedule(), strict=True):
        assert abs(hold.start - start) <= HOLD_ACCURACY_SECONDS


@pytest.mark.parametrize(("exercise", "side"), exercise_sides())
def test_each_stretch_and_side_is_recognised_with_its_hold_times_and_reps(
    exercise: str, side: str
) -> None:
    done = performance(
        exercise, side, [Rep(h) for h in HOLDS], noise_pixels=1.5, drop_fraction=0.02, seed=7
    )
    analysis = _analysis(done)
    _assert_found(analysis, done, exercise, side)
    assert all(h.faults == () for h in analysis.holds)


@pytest.mark.parametrize(
    ("exercise", "side", "pose"),
    [(e, s, p) for e, s in exercise_sides() for p in held_poses(e)[1:]],
)
def test_other_held_poses_are_told_apart(exercise: str, side: str, pose: str) -> None:
    done = performance(exercise, side, [Rep(5.0), Rep(6.0)], pose=pose, noise_pixels=1.5, seed=3)
    analysis = _analysis(done)
    _assert_found(analysis, done, exercise, side)
    assert [h.pose for h in analysis.holds] == [pose, pose]


PLACEMENTS = {
    "nearer-turned-higher": (10.0, 2.6, 5.0),
    "further-turned-lower": (-10.0, 3.4, -5.0),
    "other-side": (180.0, 3.0, 0.0),
}
#: Where the ranges set on generated people (docs/benchmarks.md) miss what the catalog's
#: own figure does, seen from above 10 degrees off: kept as known limits, and failing
#: as soon as they pass.
_LIMITS = {
    ("pelvic-rotation-stretch", "left", "nearer-turned-higher"): "first hold 0.6 s short",
    ("lower-trunk-rotation", "left", "further-turned-lower"): "a rest taken for the other side",
    ("lower-trunk-rotation", "right", "further-turned-lower"): "a drop away from the camera missed",
}


def _placements() -> list[Any]:
    cases: list[Any] = []
    for exercise, side in exercise_sides():
        for name, placement in PLACEMENTS.items():
            limit = _LIMITS.get((exercise, side, name))
            marks = [pytest.mark.xfail(strict=True, reason=limit)] if limit else []
            cases.append(
                pytest.param(
                    exercise, side, *placement, marks=marks, id=f"{name}-{exercise}-{side}"
                )
            )
    return cases


@pytest.mark.slow
@pytest.mark.parametrize(("exercise", "side", "turn", "distance", "tilt"), _placements())
def test_camera_placement_does_not_change_what_is_found(
    exercise: str, side: str, turn: float, distance: float, tilt: float
) -> None:
    view = camera(exercise, turn=turn, distance=distance, tilt=tilt)
    if turn == 180.0 and view.elevation < 30.0 and view.azimuth % 180.0 == 0.0:
        pytest.skip("a front view has no other side: from behind is not the stretch's view")
    done = performance(
        exercise,
        side,
        [Rep(h) for h in HOLDS],
        view=view,
        noise_pixels=1.5,
        drop_fraction=0.02,
        seed=11,
    )
    _assert_found(_analysis(done), done, exercise, side)


def test_a_lost_moment_in_the_middle_of_a_hold_neither_splits_nor_shortens_it() -> None:
    done = performance(
        "knee-to-chest-isometric", "left", [Rep(8.0)], noise_pixels=1.5, lost=[(7.0, 7.6)]
    )
    _assert_found(_analysis(done), done, "knee-to-chest-isometric", "left")


def test_a_poorly_seen_moment_in_the_middle_of_a_hold_does_not_split_it() -> None:
    done = performance(
        "hamstring-stretch", "right", [Rep(10.0)], noise_pixels=1.5, dim=[(8.0, 8.8)]
    )
    _assert_found(_analysis(done), done, "hamstring-stretch", "right")


def test_losing_the_person_for_long_ends_the_hold() -> None:
    done = performance(
        "quadriceps-stretch", "left", [Rep(12.0)], noise_pixels=1.5, lost=[(8.0, 10.0)]
    )
    holds = _analysis(done).holds
    assert len(holds) == 2
    assert holds[0].end == pytest.approx(8.0, abs=HOLD_ACCURACY_SECONDS)
    assert holds[1].start == pytest.approx(10.0, abs=HOLD_ACCURACY_SECONDS)


def test_a_break_too_short_to_let_go_and_start_again_is_one_hold() -> None:
    # 1.2 s unseen: longer than a gap a hold bridges (1 s), shorter than the 1.5 s it
    # takes to let go of the stretch and take it up again.
    done = performance(
        "quadriceps-stretch", "left", [Rep(12.0)], noise_pixels=1.5, lost=[(8.0, 9.2)]
    )
    holds = _analysis(done).holds
    assert len(holds) == 1
    assert holds[0].held_seconds == pytest.approx(12.0, abs=HOLD_ACCURACY_SECONDS)


def test_passing_through_the_pose_without_holding_it_is_not_a_hold() -> None:
    done = performance("press-up-stretch", "both", [Rep(0.4)], noise_pixels=1.5)
    assert _analysis(done).holds == ()


def test_nothing_is_found_while_the_person_only_rests_in_the_start_position() -> None:
    done = performance("lower-trunk-rotation", "left", [], noise_pixels=1.5, rest_seconds=10.0)
    assert _analysis(done).holds == ()


STRAIGHT_LEG = "Keep the other leg straight and touching the ground."
FLAT_SHOULDERS = "Keep both shoulders flat on the ground."
RELAXED_SHOULDERS = "Keep your shoulders relaxed, down and away from your ears."
STRAIGHT_LEGS = "Keep both legs straight."


def test_a_fault_one_camera_cannot_see_from_the_best_view_is_said_to_be_unjudged() -> None:
    # The hip adductor stretch is filmed from the front, where straight legs point at the
    # camera and can look bent: the straight-leg cue is neither checked nor spoken.
    reps = [Rep(8.0, fault={"knee_flexion_left": 25.0})]
    done = performance("hip-adductor-stretch", "both", reps, noise_pixels=1.5, seed=5)
    result = check_recording(perform(done))
    assert [h.faults for h in result.analysis.holds] == [()]
    reasons = result.report["summary"]["confidence"]["reasons"]
    assert f"hip-adductor-stretch: cannot judge from this view: {STRAIGHT_LEGS}" in reasons


FAULTS = [
    ("knee-to-chest-isometric", "left", {"knee_flexion_right": 45.0}, 0.0, STRAIGHT_LEG),
    ("knee-to-chest-isometric", "right", {"knee_flexion_left": 45.0}, 0.0, STRAIGHT_LEG),
    # (The knees to the left, seen from the left: the right shoulder lifting, away from the
    # camera, shows too little up the picture to be cued now that depth is not used.)
    ("lower-trunk-rotation", "right", {"lumbar_rotation": -20.0}, 0.0, FLAT_SHOULDERS),
    ("press-up-stretch", "both", {}, 0.06, RELAXED_SHOULDERS),
]


@pytest.mark.parametrize(("exercise", "side", "fault", "shrug", "cue"), FAULTS)
def test_an_injected_form_fault_is_coached_with_the_catalog_cue(
    exercise: str, side: str, fault: dict[str, float], shrug: float, cue: str
) -> None:
    reps = [Rep(8.0), Rep(8.0, fault=fault, shrug=shrug)]
    done = performance(exercise, side, reps, noise_pixels=1.5, seed=5)
    analysis = _analysis(done)
    _assert_found(analysis, done, exercise, side)
    assert [h.faults for h in analysis.holds] == [(), (cue,)]
    middle = analysis.holds[1]
    frame = (middle.first_frame + middle.last_frame) // 2
    assert analysis.faults_at(frame) == [cue]
    assert analysis.faults_at(analysis.holds[0].first_frame + 30) == []
