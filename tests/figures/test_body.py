"""The stick-figure body: fixed segments, angles that come out as asked, limits, mirroring."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sicoach.catalog import default_catalog
from sicoach.catalog.joints import SIDES
from sicoach.figures import (
    JOINTS,
    POINTS,
    SEGMENTS,
    JointLimitError,
    check_angles,
    interpolate,
    joint_positions,
    mirror,
)
from sicoach.figures.angles import ARM_TURN_VISIBLE_FROM, measure_angles
from sicoach.figures.body import contact_radius

NEUTRAL = joint_positions({})
CATALOG_POSES = [
    pytest.param(exercise, pose, side, id=f"{exercise.id}:{pose.name}:{side}")
    for exercise in default_catalog().exercises
    for pose in exercise.poses
    for side in ("as-written", "mirrored")
]


def _angles(pose_angles: dict[str, float], side: str) -> dict[str, float]:
    return dict(pose_angles) if side == "as-written" else mirror(pose_angles)


def _assert_measures_as_asked(asked: dict[str, float]) -> None:
    measured = measure_angles(joint_positions(asked))
    unseen = {
        f"shoulder_internal_rotation_{side}"
        for side in ("left", "right")
        if measured[f"elbow_flexion_{side}"] < ARM_TURN_VISIBLE_FROM
    }
    assert set(measured) == {j.name for j in JOINTS} - unseen
    for name, value in measured.items():
        assert value == pytest.approx(asked.get(name, 0.0), abs=1e-6), name


def _length(points: dict[str, npt.NDArray[np.float64]], a: str, b: str) -> float:
    return float(np.linalg.norm(points[a] - points[b]))


def _assert_segments_as_standing(points: dict[str, npt.NDArray[np.float64]]) -> None:
    for a, b in SEGMENTS:
        assert _length(points, a, b) == pytest.approx(_length(NEUTRAL, a, b), abs=1e-9), (a, b)


def test_standing_person_is_adult_sized_and_upright() -> None:
    head_top = NEUTRAL["head"][2] + contact_radius("head")
    assert 1.6 < head_top < 1.85
    assert NEUTRAL["head"][2] > NEUTRAL["neck"][2] > NEUTRAL["pelvis"][2] > NEUTRAL["knee_left"][2]
    assert NEUTRAL["hip_left"][1] > 0 > NEUTRAL["hip_right"][1]
    assert NEUTRAL["toe_left"][0] > NEUTRAL["heel_left"][0]


def test_every_point_is_placed() -> None:
    assert set(NEUTRAL) == set(POINTS)
    assert all(point.shape == (3,) for point in NEUTRAL.values())


@pytest.mark.parametrize(("exercise", "pose", "side"), CATALOG_POSES)
def test_segment_lengths_are_the_same_in_every_catalog_pose(exercise, pose, side) -> None:
    _assert_segments_as_standing(joint_positions(_angles(pose.angles, side)))


@pytest.mark.parametrize(("exercise", "pose", "side"), CATALOG_POSES)
def test_catalog_pose_angles_are_the_angles_measured_in_the_drawn_pose(
    exercise, pose, side
) -> None:
    _assert_measures_as_asked(_angles(pose.angles, side))


@pytest.mark.parametrize(("exercise", "pose", "side"), CATALOG_POSES)
def test_catalog_pose_rests_on_the_floor(exercise, pose, side) -> None:
    points = joint_positions(_angles(pose.angles, side))
    lowest = min(p[2] - contact_radius(name) for name, p in points.items())
    assert lowest == pytest.approx(0.0, abs=1e-9)
    assert points["pelvis"][:2] == pytest.approx([0.0, 0.0])


def _in_limits(margin: float = 0.0, skip: frozenset[str] = frozenset()) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {
            j.name: st.floats(j.low + margin, j.high - margin, allow_nan=False)
            for j in JOINTS
            if j.name not in skip
        }
    )


@settings(max_examples=150, deadline=None)
@given(_in_limits())
def test_any_pose_within_the_limits_keeps_every_segment_length(angles: dict[str, float]) -> None:
    _assert_segments_as_standing(joint_positions(angles))


# Away from the poles of the angle conventions (an arm straight out to the side has no
# forward angle; a body on its side has no pitch), every angle can be read back.
_POLES = frozenset({"trunk_roll", "shoulder_abduction_left", "shoulder_abduction_right"})


@settings(max_examples=150, deadline=None)
@given(
    _in_limits(margin=1.0, skip=_POLES), st.floats(-80, 80), st.floats(-40, 80), st.floats(-40, 80)
)
def test_any_pose_within_the_limits_measures_as_asked(
    angles: dict[str, float], roll: float, left_arm_out: float, right_arm_out: float
) -> None:
    asked = {
        **angles,
        "trunk_roll": roll,
        "shoulder_abduction_left": left_arm_out,
        "shoulder_abduction_right": right_arm_out,
    }
    _assert_measures_as_asked(asked)


@pytest.mark.parametrize("joint", JOINTS, ids=lambda j: j.name)
def test_an_angle_outside_a_joint_range_is_refused_naming_joint_and_range(joint) -> None:
    for value in (joint.low - 1, joint.high + 1):
        with pytest.raises(JointLimitError) as error:
            joint_positions({joint.name: value})
        assert joint.name in str(error.value)
        assert f"{joint.low:g}° to {joint.high:g}°" in str(error.value)


@pytest.mark.parametrize("joint", JOINTS, ids=lambda j: j.name)
def test_the_ends_of_a_joint_range_are_allowed_and_move_the_body(joint) -> None:
    # Elbows and knees bent, so that turning an arm or a leg about its length shows.
    bent = {f"{j}_{side}": 90.0 for j in ("elbow_flexion", "knee_flexion") for side in SIDES}
    base = joint_positions(bent)
    for end in (joint.low, joint.high):
        points = joint_positions({**bent, joint.name: end})
        if end != bent.get(joint.name, 0.0):
            moved = max(float(np.linalg.norm(points[n] - base[n])) for n in points)
            assert moved > 0.01, f"{joint.name} at {end:g}° moves nothing"


def test_every_problem_in_a_pose_is_reported_at_once() -> None:
    with pytest.raises(JointLimitError) as error:
        check_angles({"knee_flexion_left": -10, "wiggle": 3, "elbow_flexion_right": math.nan})
    assert len(error.value.problems) == 3
    assert "unknown joint 'wiggle'" in str(error.value)


@pytest.mark.parametrize(("exercise", "pose", "side"), CATALOG_POSES[::2])
def test_a_mirrored_pose_is_the_reflection_of_the_pose(exercise, pose, side) -> None:
    points = joint_positions(pose.angles)
    mirrored = joint_positions(mirror(pose.angles))
    swap = {"left": "right", "right": "left"}
    for name, point in points.items():
        base, _, part_side = name.rpartition("_")
        other = f"{base}_{swap[part_side]}" if part_side in swap else name
        assert mirrored[other] == pytest.approx(point * np.array([1.0, -1.0, 1.0]), abs=1e-9), name


def test_mirroring_twice_gives_the_pose_back() -> None:
    pose = {
        "trunk_yaw": 30,
        "lumbar_rotation": -30,
        "hip_flexion_left": 90,
        "knee_flexion_right": 20,
    }
    assert mirror(mirror(pose)) == pose
    assert mirror(pose)["hip_flexion_right"] == 90
    assert mirror(pose)["trunk_yaw"] == -30


def test_interpolating_goes_from_one_pose_to_the_other() -> None:
    a = {"knee_flexion_left": 0.0, "ankle_dorsiflexion_left": -50.0}
    b = {"knee_flexion_left": 90.0, "ankle_dorsiflexion_left": -50.0, "hip_flexion_left": 40.0}
    assert interpolate(a, b, 0.0) == {**b, **a, "hip_flexion_left": 0.0}
    assert interpolate(a, b, 1.0) == b
    halfway = interpolate(a, b, 0.5)
    assert halfway["knee_flexion_left"] == 45.0
    assert halfway["hip_flexion_left"] == 20.0
    assert halfway["ankle_dorsiflexion_left"] == -50.0


@settings(max_examples=60, deadline=None)
@given(_in_limits(), _in_limits(), st.floats(0.0, 1.0))
def test_every_pose_between_two_valid_poses_is_valid(a, b, t) -> None:
    check_angles(interpolate(a, b, t))


def test_interpolating_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        interpolate({}, {}, 1.5)
