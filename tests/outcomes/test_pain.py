from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.outcomes.errors import RatingOutOfRange
from sicoach.outcomes.pain import check_nrs, compare_pain, important_change_size

nrs = st.integers(min_value=0, max_value=10)


@pytest.mark.parametrize(
    ("baseline", "latest", "important"),
    [
        (6, 4, True),  # 2 points
        (6, 5, False),  # 1 point, 17 %
        (3, 2, True),  # 1 point is 33 % of a mild baseline
        (10, 8, True),  # 2 points though only 20 %
        (10, 9, False),
        (5, 4, False),  # 1 point, 20 %
        (2, 4, True),  # worsening counts too
        (0, 1, True),  # any pain after none
        (7, 7, False),
    ],
)
def test_minimal_important_change_is_two_points_or_thirty_percent(
    baseline: int, latest: int, important: bool
) -> None:
    assert compare_pain(baseline, latest).important is important


@pytest.mark.parametrize(
    ("baseline", "words"),
    [
        (2, "mild pain (2/10), about 1 point usually matters"),
        (5, "moderate"),
        (8, "about 3-4 points"),
        (0, "no pain at the start"),
    ],
)
def test_the_note_depends_on_the_baseline(baseline: int, words: str) -> None:
    assert words in compare_pain(baseline, baseline).note


@given(nrs, nrs)
def test_a_change_is_important_exactly_when_it_reaches_the_threshold(
    baseline: int, latest: int
) -> None:
    change = compare_pain(baseline, latest)
    assert change.change == latest - baseline
    assert change.important == (
        latest != baseline and abs(latest - baseline) >= important_change_size(baseline)
    )
    assert important_change_size(baseline) <= 2


@pytest.mark.parametrize("value", [-1, 11, 5.5, "7", True, None])
def test_pain_outside_whole_zero_to_ten_is_refused(value: object) -> None:
    with pytest.raises(RatingOutOfRange, match="pain must be a whole number from 0 to 10"):
        check_nrs(value)
