"""Recognisers built from the catalog's key poses, not written per stretch."""

from __future__ import annotations

import pytest

from sicoach.catalog import default_catalog
from sicoach.figures.poses import sides_of
from sicoach.vision.angles import FEATURE_JOINTS
from sicoach.vision.templates import FORM_CHECKS, default_templates, templates_for


@pytest.mark.parametrize("exercise", default_catalog().ids)
def test_every_held_pose_and_side_has_a_recogniser(exercise: str) -> None:
    data = default_catalog().get(exercise)
    built = {(t.side, t.pose) for t in default_templates() if t.exercise == exercise}
    held = [p.name for p in data.poses if p.held]
    assert built == {(side, pose) for side in sides_of(data) for pose in held}


@pytest.mark.parametrize("exercise", default_catalog().ids)
def test_compared_angles_are_the_joints_the_key_pose_gives_a_tolerance_for(exercise: str) -> None:
    data = default_catalog().get(exercise)
    for template in templates_for(data):
        listed = data.pose(template.pose).tolerance_degrees
        for feature in template.tolerances:
            joints, _ = FEATURE_JOINTS[feature]
            mirrored = {
                j.replace("_left", "_x").replace("_right", "_left").replace("_x", "_right")
                for j in joints
            }
            assert set(listed) & (set(joints) | mirrored), feature


def test_a_wider_tolerance_in_the_data_widens_the_recogniser() -> None:
    data = default_catalog().get("quadriceps-stretch")
    stretched = data.pose("stretched")
    looser = stretched.model_copy(
        update={"tolerance_degrees": {**stretched.tolerance_degrees, "knee_flexion_left": 40}}
    )
    changed = data.model_copy(
        update={"poses": [looser if p.name == "stretched" else p for p in data.poses]}
    )
    left = next(t for t in templates_for(changed) if t.side == "left")
    assert left.tolerances["knee_flexion_left"] == 40


@pytest.mark.parametrize("exercise", sorted(FORM_CHECKS))
def test_form_faults_speak_the_catalog_cue_word_for_word(exercise: str) -> None:
    data = default_catalog().get(exercise)
    for template in templates_for(data):
        assert template.form
        for check in template.form:
            assert check.cue in data.cues
            assert not set(check.features) & set(template.tolerances)


def test_the_straight_leg_check_watches_the_leg_that_is_not_pulled_up() -> None:
    checks = {
        t.side: t.form[0].features
        for t in templates_for(default_catalog().get("knee-to-chest-isometric"))
    }
    assert checks == {"left": ("knee_flexion_right",), "right": ("knee_flexion_left",)}
