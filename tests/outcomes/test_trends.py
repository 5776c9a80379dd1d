from __future__ import annotations

from datetime import date

import pytest

from sicoach.outcomes.trends import (
    HoldSample,
    SessionDay,
    hold_trend,
    week_start,
    weekly_adherence,
    weekly_means,
)

MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("day", "monday"),
    [(date(2026, 3, 2), MONDAY), (date(2026, 3, 8), MONDAY), (date(2026, 3, 9), date(2026, 3, 9))],
)
def test_weeks_start_on_monday(day: date, monday: date) -> None:
    assert week_start(day) == monday


def test_adherence_counts_finished_and_stopped_sessions_against_planned_per_week() -> None:
    sessions = [
        SessionDay(date(2026, 3, 2), True),
        SessionDay(date(2026, 3, 3), True),
        SessionDay(date(2026, 3, 4), False),
        SessionDay(date(2026, 3, 10), True),
    ]
    weeks = weekly_adherence(sessions, first=MONDAY, last=date(2026, 3, 15), planned_per_week=7)
    assert [(w.week, w.done, w.partial, w.planned) for w in weeks] == [
        (MONDAY, 2, 1, 7),
        (date(2026, 3, 9), 1, 0, 7),
    ]
    assert weeks[0].fraction == pytest.approx(2 / 7)


def test_a_week_cut_short_plans_only_its_share_of_days() -> None:
    weeks = weekly_adherence([], first=date(2026, 3, 5), last=date(2026, 3, 10), planned_per_week=7)
    assert [w.planned for w in weeks] == [4, 2]  # Thu-Sun, then Mon-Tue


def test_sessions_outside_the_span_are_not_counted() -> None:
    # The Sunday before and the Tuesday after a one-day span; only the Monday counts,
    # though the Tuesday falls in the same week.
    days = [date(2026, 3, 1), MONDAY, date(2026, 3, 3)]
    weeks = weekly_adherence(
        [SessionDay(day, True) for day in days], first=MONDAY, last=MONDAY, planned_per_week=7
    )
    assert [(w.week, w.done, w.partial, w.planned) for w in weeks] == [(MONDAY, 1, 0, 1)]


def test_hold_trend_gives_the_weekly_mean_per_stretch() -> None:
    samples = [
        HoldSample(date(2026, 3, 2), "hamstring-stretch", 15.0),
        HoldSample(date(2026, 3, 4), "hamstring-stretch", 20.0),
        HoldSample(date(2026, 3, 10), "hamstring-stretch", 25.0),
        HoldSample(date(2026, 3, 3), "adductor", 30.0),
    ]
    trend = hold_trend(samples)
    assert list(trend) == ["adductor", "hamstring-stretch"]
    assert [(w.week, w.mean, w.count) for w in trend["hamstring-stretch"]] == [
        (MONDAY, 17.5, 2),
        (date(2026, 3, 9), 25.0, 1),
    ]


def test_weekly_means_skip_empty_weeks() -> None:
    assert [w.week for w in weekly_means([(date(2026, 3, 2), 1.0), (date(2026, 3, 20), 2.0)])] == [
        MONDAY,
        date(2026, 3, 16),
    ]
