"""The live check a guided session asks: is the stretch held now, and is a form cue due?"""

from __future__ import annotations

from typing import Any

from sicoach.vision.live import LiveCheck, LiveStatus
from sicoach.vision.synthetic import Rep, perform
from sicoach.vision.templates import default_templates
from tests.vision.conftest import performance


def _statuses(
    done_reps: list[Rep], exercise: str, side: str, asked: str, **options: Any
) -> dict[float, LiveStatus]:
    """Feed a performance frame by frame; ask about ``asked`` side once a second."""
    recording = perform(performance(exercise, side, done_reps, noise_pixels=1.5, **options))
    live = LiveCheck(default_templates(), recording.width, recording.height)
    answers: dict[float, LiveStatus] = {}
    for index, t in enumerate(recording.times):
        live.add(float(t), recording.landmarks[index] if recording.present[index] else None)
        if index % 30 == 29:
            answers[round(float(t) + 1 / 30)] = live.status(exercise, asked)
    return answers


def test_the_hold_counts_only_while_the_stretch_is_held() -> None:
    # Rep held from 3.5 s to 11.5 s (move 1.5 s from a 2 s lead).
    answers = _statuses([Rep(8.0)], "knee-to-chest-isometric", "left", "left")
    assert [answers[t].holding for t in (1, 2, 3)] == [False, False, False]
    assert all(answers[t].holding for t in range(5, 12))
    assert [answers[t].holding for t in (14, 15)] == [False, False]
    assert all(answers[t].fault is None for t in answers)


def test_the_other_side_is_not_taken_for_the_side_being_played() -> None:
    answers = _statuses([Rep(8.0)], "knee-to-chest-isometric", "left", "right")
    assert not any(a.holding for a in answers.values())


def test_a_lost_moment_does_not_stop_the_countdown() -> None:
    answers = _statuses([Rep(8.0)], "hamstring-stretch", "right", "right", lost=[(7.1, 7.5)])
    assert all(answers[t].holding for t in range(5, 12))


def test_a_lasting_fault_names_the_catalog_cue() -> None:
    # The fault fills the middle 60% of the hold: about 5.1 s to 9.9 s.
    answers = _statuses(
        [Rep(8.0, fault={"knee_flexion_right": 45.0})], "knee-to-chest-isometric", "left", "left"
    )
    assert answers[8].holding
    assert answers[8].fault == "Keep the other leg straight and touching the ground."
    assert answers[5].fault is None
