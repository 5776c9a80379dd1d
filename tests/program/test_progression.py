"""Progression decisions match a table of cases (pain answers in, decision and hold out)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from sicoach.catalog import Exercise, default_catalog
from sicoach.program.progression import (
    Decision,
    PainResponse,
    clamp_hold,
    hold_range,
    next_dose,
    over_limit,
    starting_hold,
)

CATALOG = default_catalog()
PRESS = CATALOG.get("press-up-stretch")  # start 5 s, goal 15-30 s
HAM = CATALOG.get("hamstring-stretch")  # start and goal 15-30 s
KNEE = CATALOG.get("knee-to-chest-isometric")  # 5 s, fixed
DAY = date(2026, 11, 2)


def r(day: int, before: int, during: int, morning: int | None) -> PainResponse:
    """One session's pain answers, ``day`` days after DAY."""
    return PainResponse(
        day=DAY + timedelta(days=day), before=before, during=during, next_morning=morning
    )


S = Decision.STAY
P = Decision.PROGRESS
B = Decision.STEP_BACK

# (case, exercise, current hold, responses, decision, new hold, contact clinician)
CASES = [
    ("no answers yet", PRESS, 10, [], S, 10, False),
    ("safe and settled", PRESS, 5, [r(0, 4, 2, 3)], P, 10, False),
    ("during 3 and morning back to baseline", PRESS, 10, [r(0, 4, 3, 4)], P, 15, False),
    ("during 4 is acceptable, no progression", PRESS, 10, [r(0, 4, 4, 2)], S, 10, False),
    ("during 5 is acceptable, no progression", PRESS, 10, [r(0, 4, 5, 2)], S, 10, False),
    ("during 6 steps back", PRESS, 20, [r(0, 4, 6, 2)], B, 15, False),
    ("morning above baseline steps back", PRESS, 20, [r(0, 4, 2, 5)], B, 15, False),
    ("during above 5 and worse morning", HAM, 25, [r(0, 3, 7, 6)], B, 20, False),
    ("no morning answer yet: stay", PRESS, 10, [r(0, 4, 2, None)], S, 10, False),
    ("at the goal maximum: stay", HAM, 30, [r(0, 4, 1, 2)], S, 30, False),
    ("progress clamps to the goal maximum", PRESS, 28, [r(0, 4, 1, 2)], P, 30, False),
    ("step back clamps to the start minimum", PRESS, 7, [r(0, 4, 8, 2)], B, 5, False),
    ("step back at the start minimum keeps it", PRESS, 5, [r(0, 4, 8, 2)], B, 5, False),
    ("a fixed hold never moves", KNEE, 5, [r(0, 2, 0, 1)], S, 5, False),
    ("a hold above the range is brought into it", PRESS, 100, [r(0, 4, 4, 2)], S, 30, False),
    ("a hold below the range is brought into it", HAM, 1, [r(0, 4, 9, 2)], B, 15, False),
    (
        "latest answer decides, whatever the order given",
        PRESS,
        10,
        [r(2, 4, 2, 3), r(0, 4, 8, 6)],
        P,
        15,
        False,
    ),
    (
        "three sessions running over the limit: contact a clinician",
        PRESS,
        15,
        [r(0, 4, 6, 2), r(1, 4, 2, 5), r(2, 4, 7, 3)],
        B,
        10,
        True,
    ),
    (
        "two over the limit after a good one: no contact yet",
        PRESS,
        15,
        [r(0, 4, 2, 3), r(1, 4, 6, 2), r(2, 4, 7, 3)],
        B,
        10,
        False,
    ),
    (
        "pain before sessions rising over a week: contact a clinician",
        PRESS,
        10,
        [r(0, 2, 2, 2), r(2, 3, 2, 3), r(4, 3, 1, 3), r(6, 5, 2, 5)],
        P,
        15,
        True,
    ),
    (
        "a rise spread over more than a week does not count",
        PRESS,
        10,
        [r(0, 1, 2, 1), r(8, 2, 2, 2), r(10, 3, 2, 3)],
        P,
        15,
        False,
    ),
    (
        "pain that dips on the way is not rising",
        PRESS,
        10,
        [r(0, 2, 2, 2), r(2, 4, 2, 3), r(4, 3, 2, 3), r(6, 5, 2, 5)],
        P,
        15,
        False,
    ),
    (
        "flat pain is not rising",
        PRESS,
        10,
        [r(0, 3, 2, 3), r(2, 3, 2, 3), r(4, 3, 2, 3)],
        P,
        15,
        False,
    ),
]


@pytest.mark.parametrize(
    ("exercise", "current", "responses", "decision", "hold", "contact"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_next_dose_follows_the_pain_rules(
    exercise: Exercise,
    current: float,
    responses: list[PainResponse],
    decision: Decision,
    hold: float,
    contact: bool,
) -> None:
    result = next_dose(current, exercise, responses)
    assert (result.decision, result.hold_seconds, result.contact_clinician) == (
        decision,
        hold,
        contact,
    )
    assert result.previous_hold_seconds == current
    assert result.why.endswith(".")
    assert ("contact your clinician" in result.why) is contact


@pytest.mark.parametrize(
    ("responses", "words"),
    [
        ([r(0, 4, 6, 2)], "Pain during the session was 6/10, above 5/10: step back to 15 seconds."),
        (
            [r(0, 4, 2, 5)],
            "Pain on waking the next morning (5/10) was above the pain before the session "
            "(4/10): step back to 15 seconds.",
        ),
        (
            [r(0, 4, 5, 2)],
            "Pain during the session was 5/10: acceptable (4-5) but no reason to go further; "
            "keep 20 seconds.",
        ),
        (
            [r(0, 4, 2, 3)],
            "Pain during was 2/10 (0-3 is fine) and had settled by the next morning (3/10, "
            "before 4/10): build up to 25 seconds.",
        ),
    ],
)
def test_the_decision_is_explained_in_words(responses: list[PainResponse], words: str) -> None:
    assert next_dose(20, PRESS, responses).why == words


def test_the_clinician_reason_is_given() -> None:
    result = next_dose(15, PRESS, [r(0, 4, 6, 2), r(1, 4, 6, 2), r(2, 4, 6, 2)])
    assert result.clinician_reason == "pain went over the limit in the last 3 sessions running"


def test_the_decision_is_deterministic() -> None:
    responses = [r(0, 2, 2, 2), r(2, 3, 2, 3), r(4, 3, 1, 3), r(6, 5, 2, 5)]
    assert next_dose(10, PRESS, responses) == next_dose(10, PRESS, list(reversed(responses)))


@pytest.mark.parametrize(
    ("exercise", "start", "low", "high"),
    [(PRESS, 5, 5, 30), (HAM, 15, 15, 30), (KNEE, 5, 5, 5)],
    ids=["press-up", "hamstring", "knee-to-chest"],
)
def test_holds_start_at_the_seeds_starting_hold_and_stay_inside_its_range(
    exercise: Exercise, start: float, low: float, high: float
) -> None:
    assert starting_hold(exercise) == start
    assert hold_range(exercise) == (low, high)
    assert clamp_hold(0, exercise) == low
    assert clamp_hold(999, exercise) == high


@pytest.mark.parametrize(
    ("response", "over"),
    [
        (r(0, 4, 5, 4), False),
        (r(0, 4, 6, 4), True),
        (r(0, 4, 0, 5), True),
        (r(0, 4, 0, None), False),
    ],
)
def test_over_limit_means_during_above_5_or_a_worse_morning(
    response: PainResponse, over: bool
) -> None:
    assert over_limit(response) is over


def test_pain_answers_must_be_0_to_10() -> None:
    with pytest.raises(ValidationError):
        PainResponse(day=DAY, before=4, during=11)
