"""Pain on the 0-10 numeric rating scale, and when a change in it matters.

A change is a minimal important change when it reaches 2 points or 30 % of the
baseline (Ostelo 2008, clinical-facts §5). How large a change matters depends on
where a person starts, so every comparison carries the note for its baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sicoach.outcomes.errors import RatingOutOfRange
from sicoach.rules import (
    PAIN_BANDS,
    PAIN_MIC_BY_BASELINE,
    PAIN_MIC_FRACTION,
    PAIN_MIC_POINTS,
)

__all__ = [
    "NRS_MAX",
    "NRS_MIN",
    "PainChange",
    "PainKind",
    "PainRating",
    "baseline_band",
    "check_nrs",
    "compare_pain",
    "important_change_size",
]

NRS_MIN = 0
NRS_MAX = 10


class PainKind(StrEnum):
    """When a rating was taken, relative to a session."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    NEXT_MORNING = "next-morning"


def check_nrs(value: object) -> int:
    """``value`` as a pain rating, or :class:`RatingOutOfRange` if it is not a whole 0-10."""
    if isinstance(value, bool) or not isinstance(value, int) or not NRS_MIN <= value <= NRS_MAX:
        raise RatingOutOfRange("pain", value, NRS_MIN, NRS_MAX)
    return value


@dataclass(frozen=True)
class PainRating:
    """One pain rating: its kind, the 0-10 value, when, and the session it belongs to."""

    kind: PainKind
    value: int
    recorded_at: datetime
    session_id: str | None = None

    def __post_init__(self) -> None:
        check_nrs(self.value)


def baseline_band(baseline: int) -> str | None:
    """'mild', 'moderate' or 'severe' for a baseline rating; None for no pain."""
    for band, (low, high) in PAIN_BANDS.value.items():
        if low <= baseline <= high:
            return band
    return None


@dataclass(frozen=True)
class PainChange:
    """Latest pain against the baseline, and whether the change is a minimal important one."""

    baseline: int
    latest: int
    change: int
    important: bool
    note: str

    @property
    def better(self) -> bool:
        """True when pain went down."""
        return self.change < 0

    @property
    def direction(self) -> str:
        """The change in words: 'down 2 points', 'up 1 point', 'no change'."""
        if self.change == 0:
            return "no change"
        size = abs(self.change)
        return f"{'down' if self.better else 'up'} {size} point{'s' if size != 1 else ''}"


def important_change_size(baseline: int) -> float:
    """The smallest change from ``baseline`` that counts: 2 points, or 30 % if that is less."""
    by_fraction = PAIN_MIC_FRACTION.value * baseline
    return min(float(PAIN_MIC_POINTS.value), by_fraction) if baseline > 0 else 1.0


def compare_pain(baseline: int, latest: int) -> PainChange:
    """Compare ``latest`` with ``baseline``: important when the change reaches 2 points or 30 %."""
    check_nrs(baseline)
    check_nrs(latest)
    change = latest - baseline
    important = change != 0 and abs(change) >= important_change_size(baseline)
    band = baseline_band(baseline)
    if band is None:
        note = "no pain at the start: any rise is worth noticing"
    else:
        note = (
            f"from {band} pain ({baseline}/10), {PAIN_MIC_BY_BASELINE.value[band]} usually matters"
        )
    return PainChange(
        baseline=baseline, latest=latest, change=change, important=important, note=note
    )
