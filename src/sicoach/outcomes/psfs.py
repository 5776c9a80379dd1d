"""Patient-Specific Functional Scale: 3-5 activities a person names, each 0 (unable) to 10.

Score = mean of the ratings. Smallest detectable change: 2 points in the mean, 3 in
one activity (clinical-facts §5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sicoach.outcomes.errors import ActivityCountError, OutcomeError, RatingOutOfRange
from sicoach.rules import PSFS_ACTIVITIES, PSFS_SDC

__all__ = [
    "RATING_MAX",
    "PsfsAssessment",
    "PsfsChange",
    "check_activities",
    "compare_psfs",
    "psfs_score",
]

RATING_MAX = 10
NAME_MAX = 200


def check_activities(names: list[str]) -> list[str]:
    """Activity names stripped, 3-5 of them, none empty or repeated."""
    low, high = PSFS_ACTIVITIES.value
    cleaned = [n.strip() for n in names]
    if not low <= len(cleaned) <= high:
        raise ActivityCountError(len(cleaned), low, high)
    if any(not n or len(n) > NAME_MAX for n in cleaned):
        raise OutcomeError(f"each PSFS activity needs a name of 1 to {NAME_MAX} characters")
    if len(set(cleaned)) != len(cleaned):
        raise OutcomeError("the PSFS lists the same activity twice")
    return cleaned


def psfs_score(ratings: Mapping[str, int]) -> float:
    """The mean rating of 3-5 activities, each 0-10."""
    check_activities(list(ratings))
    for name, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= RATING_MAX:
            raise RatingOutOfRange(f"PSFS rating for {name!r}", value, 0, RATING_MAX)
    return sum(ratings.values()) / len(ratings)


@dataclass(frozen=True)
class PsfsAssessment:
    """One PSFS: when, and the rating per activity name."""

    recorded_at: datetime
    ratings: Mapping[str, int]

    def __post_init__(self) -> None:
        psfs_score(self.ratings)

    @property
    def score(self) -> float:
        """The mean rating."""
        return psfs_score(self.ratings)


@dataclass(frozen=True)
class PsfsChange:
    """Change in the mean, and the activities whose own change is detectable."""

    mean_change: float
    mean_detectable: bool
    activities_detectable: tuple[str, ...]


def compare_psfs(baseline: PsfsAssessment, latest: PsfsAssessment) -> PsfsChange:
    """Compare two assessments; only activities rated in both count singly."""
    mean_change = latest.score - baseline.score
    single = tuple(
        name
        for name, value in latest.ratings.items()
        if name in baseline.ratings
        and abs(value - baseline.ratings[name]) >= PSFS_SDC.value["single"]
    )
    return PsfsChange(
        mean_change=mean_change,
        mean_detectable=abs(mean_change) >= PSFS_SDC.value["mean"],
        activities_detectable=single,
    )
