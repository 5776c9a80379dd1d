from __future__ import annotations

import pytest

from sicoach.catalog import Catalog
from sicoach.documents.wording import build_up_text, dose_text, holding_seconds, minutes_text
from sicoach.program.plan_model import PlannedExercise, SideName

L, R, B = SideName.LEFT, SideName.RIGHT, SideName.BOTH


@pytest.mark.parametrize(
    ("exercise_id", "expected"),
    [
        ("press-up-stretch", "start at 5 seconds, build up to 15 to 30 seconds"),
        ("hip-adductor-stretch", "start at 5 to 10 seconds, build up to 15 to 30 seconds"),
        ("hamstring-stretch", "15 to 30 seconds"),
        ("knee-to-chest-isometric", "5 seconds"),
    ],
)
def test_build_up_text_follows_the_seed(catalog: Catalog, exercise_id: str, expected: str) -> None:
    assert build_up_text(catalog.get(exercise_id)) == expected


@pytest.mark.parametrize(
    ("exercise_id", "hold", "reps", "sides", "expected", "seconds"),
    [
        (
            "hamstring-stretch",
            15,
            5,
            [L, R],
            "hold 15 seconds, 5 times each side (left and right)",
            150,
        ),
        ("quadriceps-stretch", 20, 2, [R], "hold 20 seconds, 2 times (right only)", 40),
        ("press-up-stretch", 5, 5, [B], "hold 5 seconds, 5 times", 25),
        (
            "pelvic-rotation-stretch",
            5,
            3,
            [L, R],
            "hold 5 seconds, 3 times each way (outward turn, inward turn), left and right",
            60,
        ),
    ],
)
def test_dose_text_and_holding_time_read_as_people_say_them(
    catalog: Catalog,
    exercise_id: str,
    hold: float,
    reps: int,
    sides: list[SideName],
    expected: str,
    seconds: float,
) -> None:
    planned = PlannedExercise(
        id=exercise_id, hold_seconds=hold, repetitions=reps, sides=sides, reason="r"
    )
    exercise = catalog.get(exercise_id)
    assert dose_text(planned, exercise) == expected
    assert holding_seconds(planned, exercise) == seconds


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0.2, "about 1 minute"),
        (10.7, "about 11 minutes"),
        (18.5, "about 18 minutes"),
        (30, "about 30 minutes"),
    ],
)
def test_a_sessions_length_is_said_in_whole_minutes(minutes: float, words: str) -> None:
    assert minutes_text(minutes) == words
