from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.outcomes.errors import ActivityCountError, OutcomeError, RatingOutOfRange
from sicoach.outcomes.psfs import PsfsAssessment, check_activities, compare_psfs, psfs_score

AT = datetime(2026, 1, 1, tzinfo=UTC)


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=3, max_size=5))
def test_score_is_the_mean_of_the_ratings(values: list[int]) -> None:
    ratings = {f"activity {n}": v for n, v in enumerate(values)}
    assert psfs_score(ratings) == pytest.approx(sum(values) / len(values))
    assert 0 <= psfs_score(ratings) <= 10


@pytest.mark.parametrize("count", [0, 2, 6])
def test_three_to_five_activities_are_needed(count: int) -> None:
    with pytest.raises(ActivityCountError, match=f"3 to 5 activities, got {count}"):
        check_activities([f"a{n}" for n in range(count)])


def test_the_same_activity_twice_is_refused() -> None:
    with pytest.raises(OutcomeError, match="same activity twice"):
        check_activities(["walking", "sitting", " walking "])


@pytest.mark.parametrize("value", [-1, 11])
def test_a_rating_outside_zero_to_ten_is_refused(value: int) -> None:
    with pytest.raises(RatingOutOfRange, match="PSFS rating for 'sitting'"):
        psfs_score({"walking": 5, "sitting": value, "lifting": 3})


@pytest.mark.parametrize(
    ("before", "after", "mean_detectable", "single"),
    [
        ((3, 3, 3), (5, 5, 5), True, ()),
        ((3, 3, 3), (4, 4, 4), False, ()),
        ((3, 3, 3), (6, 3, 3), False, ("walking",)),
        ((3, 3, 3), (6, 6, 6), True, ("walking", "sitting", "lifting")),
    ],
)
def test_detectable_change_is_two_in_the_mean_and_three_in_one_activity(
    before: tuple[int, ...], after: tuple[int, ...], mean_detectable: bool, single: tuple[str, ...]
) -> None:
    names = ("walking", "sitting", "lifting")
    change = compare_psfs(
        PsfsAssessment(AT, dict(zip(names, before, strict=True))),
        PsfsAssessment(AT, dict(zip(names, after, strict=True))),
    )
    assert change.mean_detectable is mean_detectable
    assert change.activities_detectable == single
