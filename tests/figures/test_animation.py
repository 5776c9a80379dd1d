"""Animation frames: a smooth loop through the key poses that holds the stretch."""

from __future__ import annotations

import math

import pytest

from sicoach.catalog import default_catalog
from sicoach.figures import (
    JOINT_NAMES,
    animation_frames,
    animation_seconds,
    joint_positions,
    movement_frames,
    pose_angles,
)
from sicoach.figures.animation import FRAMES_PER_SECOND, HOLD_SECONDS

EXERCISES = default_catalog().exercises


def every_joint(exercise, name, side=None) -> dict[str, float]:
    angles = pose_angles(exercise, name, side)
    return {joint: angles.get(joint, 0.0) for joint in JOINT_NAMES}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_loop_starts_and_ends_in_the_same_pose(exercise) -> None:
    frames = animation_frames(exercise)
    assert frames[0].angles == frames[-1].angles == every_joint(exercise, "start")
    assert frames[-1].seconds == pytest.approx(animation_seconds(exercise))


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_frames_are_evenly_timed(exercise) -> None:
    frames = animation_frames(exercise)
    steps = {round(b.seconds - a.seconds, 6) for a, b in zip(frames, frames[1:], strict=False)}
    assert steps == {round(1 / FRAMES_PER_SECOND, 6)}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_held_pose_is_shown_still_for_the_hold_time(exercise) -> None:
    frames = animation_frames(exercise)
    for name in set(exercise.animation_sequence):
        if not exercise.pose(name).held:
            continue
        showing = [f for f in frames if f.pose == name]
        assert showing, name
        assert all(f.angles == every_joint(exercise, name) for f in showing)
        assert len(showing) >= HOLD_SECONDS * FRAMES_PER_SECOND


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_frame_is_a_valid_pose_resting_on_the_floor(exercise) -> None:
    for frame in animation_frames(exercise):
        heights = [point[2] for point in joint_positions(frame.angles).values()]
        assert all(math.isfinite(h) for h in heights)
        # The body rests on its lowest surface (a joint's radius above z = 0), never
        # below the floor and never floating above it.
        assert 0.0 <= min(heights) < 0.1


def test_the_pelvic_rotation_animation_turns_out_then_in() -> None:
    exercise = default_catalog().get("pelvic-rotation-stretch")
    shown = [f.pose for f in animation_frames(exercise) if f.pose is not None]
    held_order = [name for i, name in enumerate(shown) if i == 0 or shown[i - 1] != name]
    assert held_order == [
        "start",
        "knee-up",
        "outward-turn",
        "knee-up",
        "inward-turn",
        "knee-up",
        "start",
    ]


def test_movement_between_poses_is_gradual() -> None:
    exercise = default_catalog().get("hamstring-stretch")
    trunk = [f.angles.get("trunk_pitch", 0.0) for f in animation_frames(exercise)]
    biggest_step = max(abs(b - a) for a, b in zip(trunk, trunk[1:], strict=False))
    assert 0 < biggest_step < 0.2 * max(trunk)


def test_the_other_side_animates_the_mirrored_poses() -> None:
    exercise = default_catalog().get("knee-to-chest-isometric")
    frames = animation_frames(exercise, "right")
    held = next(f for f in frames if f.pose == "stretched")
    assert held.angles == every_joint(exercise, "stretched", "right")
    assert held.angles["hip_flexion_right"] > 90


def test_at_least_one_frame_a_second_is_required() -> None:
    with pytest.raises(ValueError, match="fps"):
        animation_frames(EXERCISES[0], fps=0)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_person_stays_on_the_floor_or_chair_while_moving(exercise) -> None:
    # The body is set down on its lowest point in every frame, so a limb passing
    # through the floor would lift the whole person; the pelvis shows it.
    heights = [joint_positions(f.angles)["pelvis"][2] for f in animation_frames(exercise)]
    assert max(heights) - min(heights) < 0.04


@pytest.mark.parametrize(
    ("exercise_id", "poses", "seconds", "frames"),
    [
        ("knee-to-chest-isometric", ["start", "stretched"], 3.0, 31),
        ("pelvic-rotation-stretch", ["outward-turn", "knee-up"], 0.05, 2),  # at least one a leg
        ("quadriceps-stretch", ["stretched", "start"], 20.0, 41),  # a long one is capped
    ],
)
def test_a_movement_goes_once_from_its_first_pose_to_its_last(
    exercise_id: str, poses: list[str], seconds: float, frames: int
) -> None:
    exercise = default_catalog().get(exercise_id)
    shown = movement_frames(exercise, poses, "right", seconds)
    assert len(shown) == frames
    assert shown[0].angles == every_joint(exercise, poses[0], "right")
    assert shown[-1].angles == every_joint(exercise, poses[-1], "right")
    assert shown[0].seconds == 0
    assert shown[-1].seconds == pytest.approx(seconds)
    assert (shown[0].pose, shown[-1].pose) == (poses[0], poses[-1])


@pytest.mark.parametrize(("poses", "seconds"), [(["start"], 3.0), (["start", "stretched"], 0)])
def test_a_movement_needs_two_poses_and_some_time(poses: list[str], seconds: float) -> None:
    with pytest.raises(ValueError, match="a movement needs"):
        movement_frames(default_catalog().get("quadriceps-stretch"), poses, None, seconds)
