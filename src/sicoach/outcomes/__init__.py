"""Outcome measures and trends: pain NRS, Oswestry, PSFS, adherence. Pure: no I/O."""

from sicoach.outcomes.errors import (
    ActivityCountError,
    OutcomeError,
    RatingOutOfRange,
    UnknownSection,
    WordingError,
)
from sicoach.outcomes.oswestry import (
    SECTIONS,
    OdiResponse,
    OdiScore,
    OdiWording,
    odi_band,
    parse_wording,
    score_odi,
)
from sicoach.outcomes.pain import PainChange, PainKind, PainRating, check_nrs, compare_pain
from sicoach.outcomes.psfs import PsfsAssessment, PsfsChange, compare_psfs, psfs_score

__all__ = [
    "SECTIONS",
    "ActivityCountError",
    "OdiResponse",
    "OdiScore",
    "OdiWording",
    "OutcomeError",
    "PainChange",
    "PainKind",
    "PainRating",
    "PsfsAssessment",
    "PsfsChange",
    "RatingOutOfRange",
    "UnknownSection",
    "WordingError",
    "check_nrs",
    "compare_pain",
    "compare_psfs",
    "odi_band",
    "parse_wording",
    "psfs_score",
    "score_odi",
]
