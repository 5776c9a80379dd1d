from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.outcomes.errors import RatingOutOfRange, UnknownSection, WordingError
from sicoach.outcomes.oswestry import (
    ODI_WORDING_SCHEMA,
    SECTIONS,
    odi_band,
    odi_change_is_important,
    parse_wording,
    score_odi,
)

answers = st.fixed_dictionaries(
    {s: st.one_of(st.none(), st.integers(min_value=0, max_value=5)) for s in SECTIONS}
)


@given(answers)
def test_score_is_sum_over_five_times_answered_rounded_half_up(
    given_answers: dict[str, int | None],
) -> None:
    score = score_odi(given_answers)
    values = [v for v in given_answers.values() if v is not None]
    assert score.answered == len(values)
    if len(values) < len(SECTIONS) - 1:
        assert score.percent is None and score.band is None
    else:
        exact = Fraction(100 * sum(values), 5 * len(values))
        assert score.percent is not None
        assert abs(score.percent - exact) <= Fraction(1, 2)
        assert 0 <= score.percent <= 100
        assert score.band == odi_band(score.percent)


@pytest.mark.parametrize(
    ("values", "percent"),
    [
        ([0] * 10, 0),
        ([5] * 10, 100),
        ([2] * 10, 40),
        ([1] * 9 + [None], 20),  # 9 of 45
        ([3] * 4 + [2] * 5 + [None], 49),  # 22 of 45 = 48.9 %
        ([2] * 8 + [1, None], 38),  # 17 of 45 = 37.8 %
    ],
)
def test_known_scores(values: list[int | None], percent: int) -> None:
    assert score_odi(dict(zip(SECTIONS, values, strict=True))).percent == percent


def test_two_missing_sections_give_no_score_and_one_does() -> None:
    nine = dict.fromkeys(SECTIONS[:9], 2)
    assert score_odi(nine).percent == 40
    assert score_odi(dict.fromkeys(SECTIONS[:8], 2)).percent is None


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (0, "minimal"),
        (20, "minimal"),
        (21, "moderate"),
        (40, "moderate"),
        (41, "severe"),
        (60, "severe"),
        (61, "crippled"),
        (80, "crippled"),
        (81, "bed-bound"),
        (100, "bed-bound"),
    ],
)
def test_bands(percent: int, band: str) -> None:
    assert odi_band(percent) == band


@pytest.mark.parametrize(
    ("baseline", "latest", "important"),
    [(40, 30, True), (40, 31, False), (20, 14, True), (20, 15, False), (50, 62, True)],
)
def test_important_change_is_ten_points_or_thirty_percent(
    baseline: int, latest: int, important: bool
) -> None:
    assert odi_change_is_important(baseline, latest) is important


def test_an_unknown_section_is_named() -> None:
    with pytest.raises(UnknownSection, match="unknown ODI section 'pain'"):
        score_odi({"pain": 3})


@pytest.mark.parametrize("value", [-1, 6, 2.5, True])
def test_a_section_answer_outside_zero_to_five_is_refused(value: object) -> None:
    with pytest.raises(RatingOutOfRange, match="ODI section lifting"):
        score_odi({"lifting": value})  # type: ignore[dict-item]


def _wording() -> dict[str, object]:
    return {
        "schema": ODI_WORDING_SCHEMA,
        "source": "Licensed from MAPI Research Trust, licence 123",
        "sections": {
            s: {"title": f"Title {s}", "options": [f"option {n}" for n in range(6)]}
            for s in SECTIONS
        },
    }


def test_a_complete_licensed_wording_is_accepted() -> None:
    wording = parse_wording(_wording())
    assert list(wording.sections) == list(SECTIONS)
    assert wording.sections["walking"].options[5] == "option 5"


def test_an_incomplete_wording_lists_every_problem() -> None:
    data = _wording()
    sections = data["sections"]
    assert isinstance(sections, dict)
    del sections["sleeping"]
    sections["lifting"]["options"] = ["only one"]
    data["extra"] = 1
    with pytest.raises(WordingError) as caught:
        parse_wording(data)
    assert caught.value.problems == [
        "extra: unknown field",
        "sections.lifting.options: expected 6 statements, 0 to 5",
        "sections.sleeping: missing",
    ]
