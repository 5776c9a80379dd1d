"""The check on generated people it was not built from (tests/vision/population), and the generator.

The figures per stretch and camera angle are in docs/benchmarks.md (bench/vision_population.py
over more than a thousand holds); here a few sets of the "measure" family keep each
stretch at least as good as the floor below, so a change that breaks it fails.
"""

from __future__ import annotations

import numpy as np
import pytest

from sicoach.vision.angles import ORIENTATIONS, orientation
from sicoach.vision.recognise import analyse, features_of
from sicoach.vision.templates import default_templates
from tests.vision.population.body import STATURE_CM, sample_person
from tests.vision.population.recordings import make_other, make_set, rng_for
from tests.vision.population.score import score
from tests.vision.population.stretches import STRETCHES


def test_people_are_women_and_men_between_the_5th_and_95th_percentile() -> None:
    rng = np.random.default_rng(0)
    people = [sample_person(rng) for _ in range(400)]
    assert {p.sex for p in people} == {"woman", "man"}
    for person in people:
        _, _, low, high = STATURE_CM[person.sex]
        assert low / 100 <= person.stature <= high / 100
        assert 0.22 <= person["thigh"] / person.stature <= 0.27


def test_the_tuning_and_measuring_families_draw_different_people() -> None:
    tuned = sample_person(rng_for("tune", "hamstring-stretch", 0))
    measured = sample_person(rng_for("measure", "hamstring-stretch", 0))
    assert tuned != measured


@pytest.mark.parametrize("exercise", list(STRETCHES))
def test_a_set_holds_each_stretch_as_long_and_as_often_as_the_seed_says(exercise: str) -> None:
    stretch = STRETCHES[exercise]
    labelled = make_set(exercise, "measure", 0)
    low, high = stretch.hold_seconds
    assert all(low - 0.05 <= h.seconds <= high + 0.05 for h in labelled.holds)
    for side in stretch.sides:
        count = sum(1 for h in labelled.holds if h.side == side) / len(stretch.poses)
        if exercise == "press-up-stretch":
            count = sum(1 for h in labelled.holds if h.side == side)
        assert stretch.reps_per_side[0] <= count <= stretch.reps_per_side[1]


def test_sitting_on_the_floor_is_seen_from_the_front() -> None:
    labelled = make_set("hip-adductor-stretch", "measure", 1)
    features, _ = features_of(labelled.recording)
    held = labelled.holds[0]
    times = labelled.recording.times
    during = (times > held.start + 0.5) & (times < held.end - 0.5)
    codes = orientation(features)[during]
    seen = [ORIENTATIONS[c].value for c in codes if c >= 0]
    assert seen.count("sitting-on-floor") / len(seen) > 0.9


#: Least share of holds found with the right side at the best view over the first four
#: sets of the measure family (docs/benchmarks.md has the figures over many more; these
#: floors sit a little under what those four sets give, 2026-12-08).
FLOORS = {
    "hamstring-stretch": 0.95,
    "quadriceps-stretch": 0.95,
    "hip-adductor-stretch": 0.5,
    "press-up-stretch": 0.9,
    "knee-to-chest-isometric": 0.9,
    "lower-trunk-rotation": 0.65,
    "pelvic-rotation-stretch": 0.7,
}


@pytest.mark.slow
@pytest.mark.parametrize("exercise", list(STRETCHES))
def test_generated_people_are_recognised_with_the_right_side(exercise: str) -> None:
    holds = right = 0
    for index in range(4):
        labelled = make_set(exercise, "measure", index)
        result = score(labelled, analyse(labelled.recording, default_templates()).holds)
        holds += result.holds
        right += result.right_side
    assert right / holds >= FLOORS[exercise], (right, holds)


@pytest.mark.slow
def test_everyday_movement_is_not_taken_for_a_stretch() -> None:
    reported = 0
    minutes = 0.0
    for index in range(3):
        labelled = make_other("measure", index)
        reported += len(analyse(labelled.recording, default_templates()).holds)
        minutes += labelled.recording.frames / 30 / 60
    assert reported == 0, (reported, minutes)
