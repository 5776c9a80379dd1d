"""Key poses per side: the data the pictures and the camera check share."""

from __future__ import annotations

import pytest

from sicoach.catalog import default_catalog
from sicoach.figures import Side, mirror, pose_angles, pose_words, sides_of


def test_a_one_sided_stretch_is_done_on_both_sides() -> None:
    assert sides_of(default_catalog().get("quadriceps-stretch")) == ["left", "right"]
    assert sides_of(default_catalog().get("press-up-stretch")) == ["both"]


def test_the_other_side_is_the_mirror_of_the_written_side() -> None:
    exercise = default_catalog().get("quadriceps-stretch")
    written = exercise.pose("stretched").angles
    assert pose_angles(exercise, "stretched") == written
    assert pose_angles(exercise, "stretched", exercise.working_side.value) == written
    other: Side = "right" if exercise.working_side.value == "left" else "left"
    assert pose_angles(exercise, "stretched", other) == mirror(written)


def test_a_symmetric_stretch_has_no_one_sided_version() -> None:
    with pytest.raises(ValueError, match="both"):
        pose_angles(default_catalog().get("press-up-stretch"), "stretched", "left")


def test_an_unknown_pose_names_the_poses_there_are() -> None:
    with pytest.raises(KeyError, match="start, stretched"):
        pose_angles(default_catalog().get("hamstring-stretch"), "lotus")


@pytest.mark.parametrize(
    ("side", "words"),
    [
        (None, "Standing on the right leg, the left knee bent and the left foot held behind"),
        ("left", "Standing on the right leg, the left knee bent and the left foot held behind"),
        ("right", "Standing on the left leg, the right knee bent and the right foot held behind"),
    ],
)
def test_a_pose_is_described_for_the_side_being_worked(side, words) -> None:
    exercise = default_catalog().get("quadriceps-stretch")
    assert pose_words(exercise, "stretched", side).startswith(words)
