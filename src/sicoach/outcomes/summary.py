"""What a progress summary holds: adherence, pain, hold times, PSFS and ODI, as plain values.

:func:`sicoach.services.progress.progress_summary` fills it from the store; the
terminal, the web page and the charts read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sicoach.outcomes.pain import PainChange, PainKind
from sicoach.outcomes.psfs import PsfsChange
from sicoach.outcomes.trends import WeekAdherence, WeekValue

__all__ = ["OdiPoint", "PainSeries", "ProgressSummary", "PsfsPoint"]


@dataclass(frozen=True)
class PainSeries:
    """One kind of pain rating: each rating in the window, weekly means, change from baseline."""

    kind: PainKind
    points: list[tuple[datetime, int]]
    weekly: list[WeekValue]
    change: PainChange | None


@dataclass(frozen=True)
class PsfsPoint:
    """One PSFS: when, the mean, and each activity's rating."""

    recorded_at: datetime
    mean: float
    ratings: dict[str, int]


@dataclass(frozen=True)
class OdiPoint:
    """One Oswestry questionnaire: when, score (None with too many gaps), band."""

    recorded_at: datetime
    percent: int | None
    band: str | None


@dataclass(frozen=True)
class ProgressSummary:
    """Everything ``sicoach progress`` shows, as plain values."""

    person_id: str
    first_day: date
    last_day: date
    adherence: list[WeekAdherence]
    pain: list[PainSeries]
    holds: dict[str, list[WeekValue]]
    psfs: list[PsfsPoint]
    psfs_change: PsfsChange | None
    odi: list[OdiPoint]
    odi_change_important: bool | None
