"""Recognisers built from the range rules of each stretch, not from one template pose."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sicoach.catalog import default_catalog
from sicoach.figures.poses import sides_of
from sicoach.vision.templates import (
    FORM_CHECKS,
    HOLD_RANGES,
    default_templates,
    ranges_for,
    templates_for,
)


@pytest.mark.parametrize("exercise", default_catalog().ids)
def test_every_held_pose_and_side_has_a_recogniser(exercise: str) -> None:
    data = default_catalog().get(exercise)
    built = {(t.side, t.pose) for t in default_templates() if t.exercise == exercise}
    held = [p.name for p in data.poses if p.held]
    assert built == {(side, pose) for side in sides_of(data) for pose in held}


@pytest.mark.parametrize("exercise", default_catalog().ids)
def test_compared_measures_are_the_ranges_in_the_rules(exercise: str) -> None:
    data = default_catalog().get(exercise)
    for template in templates_for(data):
        watched = {f for check in template.form for f in check.features}
        alternatives = [
            {f: r for f, r in ranges.items() if f not in watched}
            for ranges in ranges_for(data, template.pose, template.side)
        ]
        assert any(
            set(template.tolerances) == set(ranges)
            and all(
                template.targets[f] == pytest.approx((low + high) / 2)
                and template.tolerances[f] == pytest.approx((high - low) / 2)
                and template.exit_distance(f) == pytest.approx((high - low) / 2 + margin)
                for f, (low, high, margin) in ranges.items()
            )
            for ranges in alternatives
        ), template


def test_a_wider_range_in_the_rules_widens_the_recogniser(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = HOLD_RANGES["quadriceps-stretch"]
    wider: dict[str, tuple[dict[str, tuple[float, ...]], ...]] = {
        "stretched": ({**rule.value["stretched"][0], "knee_flexion_{side}": (60.0, 180.0)},)
    }
    monkeypatch.setitem(HOLD_RANGES, "quadriceps-stretch", replace(rule, value=wider))
    left = next(
        t for t in templates_for(default_catalog().get("quadriceps-stretch")) if t.side == "left"
    )
    assert left.targets["knee_flexion_left"] == 120.0
    assert left.tolerances["knee_flexion_left"] == 60.0


def test_the_other_side_mirrors_the_ranges_written_for_the_working_side() -> None:
    data = default_catalog().get("lower-trunk-rotation")
    left = ranges_for(data, "stretched", "left")
    right = ranges_for(data, "stretched", "right")
    for mine, mirrored in zip(left, right, strict=True):
        low, high, _ = mine["knees_to_left"]
        assert mirrored["knees_to_left"][:2] == (-high, -low)
    hamstring = default_catalog().get("hamstring-stretch")
    (on_right,) = ranges_for(hamstring, "stretched", "right")
    assert on_right["knee_flexion_right"][:2] == (0.0, 35.0)
    assert on_right["knee_flexion_left"][:2] == (50.0, 135.0)


@pytest.mark.parametrize("exercise", sorted(FORM_CHECKS))
def test_form_faults_speak_the_catalog_cue_word_for_word(exercise: str) -> None:
    data = default_catalog().get(exercise)
    for template in templates_for(data):
        assert template.form or template.unjudged
        assert set(template.unjudged) <= set(data.cues)
        for check in template.form:
            assert check.cue in data.cues
            assert not set(check.features) & set(template.tolerances)


def test_the_straight_leg_check_watches_the_leg_that_is_not_pulled_up() -> None:
    checks = {
        t.side: t.form[0].features
        for t in templates_for(default_catalog().get("knee-to-chest-isometric"))
    }
    assert checks == {"left": ("knee_flexion_right",), "right": ("knee_flexion_left",)}
