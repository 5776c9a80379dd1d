"""Trends over time: adherence per week, pain per week, hold time per stretch per week.

Everything here works on plain dated values; reading them from the store is the
services' job. Weeks start on Monday.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

__all__ = [
    "HoldSample",
    "SessionDay",
    "WeekAdherence",
    "WeekValue",
    "hold_trend",
    "week_adherence",
    "week_start",
    "weekly_adherence",
    "weekly_means",
    "weeks_between",
]


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date) -> list[date]:
    """Every week start from the week of ``first`` to the week of ``last``."""
    start, end = week_start(first), week_start(last)
    count = (end - start).days // 7 + 1
    return [start + timedelta(weeks=i) for i in range(max(count, 0))]


@dataclass(frozen=True)
class SessionDay:
    """A session's local date and whether it was finished."""

    day: date
    completed: bool


@dataclass(frozen=True)
class WeekAdherence:
    """One week: sessions finished, sessions stopped part-way, sessions planned."""

    week: date
    done: int
    partial: int
    planned: int

    @property
    def fraction(self) -> float | None:
        """Finished sessions as a share of planned ones (None when none were planned)."""
        return self.done / self.planned if self.planned else None


def weekly_adherence(
    sessions: Iterable[SessionDay],
    *,
    first: date,
    last: date,
    planned_per_week: int,
) -> list[WeekAdherence]:
    """Adherence for each week from ``first`` to ``last`` (inclusive days).

    A week cut short by ``first`` or ``last`` plans only its share of the days, so a
    person who starts on a Thursday is not counted as missing Monday to Wednesday.
    """
    done: dict[date, int] = defaultdict(int)
    partial: dict[date, int] = defaultdict(int)
    for session in sessions:
        if first <= session.day <= last:
            (done if session.completed else partial)[week_start(session.day)] += 1
    return [
        week_adherence(week, done[week], partial[week], first, last, planned_per_week)
        for week in weeks_between(first, last)
    ]


def week_adherence(
    week: date, done: int, partial: int, first: date, last: date, planned_per_week: int
) -> WeekAdherence:
    """One week's adherence from its counts; only the days from ``first`` to ``last``
    within the week (starting on Monday ``week``) are planned."""
    days = (min(week + timedelta(days=6), last) - max(week, first)).days + 1
    planned = round(planned_per_week * max(days, 0) / 7)
    return WeekAdherence(week=week, done=done, partial=partial, planned=planned)


@dataclass(frozen=True)
class WeekValue:
    """The mean of the values that fell in one week, and how many there were."""

    week: date
    mean: float
    count: int


def weekly_means(values: Iterable[tuple[date, float]]) -> list[WeekValue]:
    """Mean value per week, oldest first, only weeks that have values."""
    by_week: dict[date, list[float]] = defaultdict(list)
    for day, value in values:
        by_week[week_start(day)].append(value)
    return [WeekValue(week=w, mean=fmean(v), count=len(v)) for w, v in sorted(by_week.items())]


@dataclass(frozen=True)
class HoldSample:
    """The mean held seconds of one stretch in one session."""

    day: date
    exercise: str
    seconds: float


def hold_trend(samples: Iterable[HoldSample]) -> dict[str, list[WeekValue]]:
    """Mean hold time per stretch per week, stretches in name order."""
    by_exercise: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for sample in samples:
        by_exercise[sample.exercise].append((sample.day, sample.seconds))
    return {name: weekly_means(values) for name, values in sorted(by_exercise.items())}
