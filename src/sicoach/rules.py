"""Every clinical rule and threshold sicoach applies that is not a number in the seed.

One reviewable place: a clinician can read this module top to bottom and see each
rule, its value and where it comes from. ``ours=True`` marks sicoach's own choice
where the sources are silent; those are settings, not medical facts. Source tags
follow ``clinical-facts.md``: [P] primary source seen, [S] secondary summary only,
[U] not confirmed.

``sicoach rules`` prints this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["RULES", "Rule", "DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT"]

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One rule: a named value, what it means, and where it comes from."""

    name: str
    value: T
    meaning: str
    source: str
    ours: bool


RULES: list[Rule[object]] = []


def _rule(name: str, value: T, meaning: str, source: str, *, ours: bool) -> Rule[T]:
    rule = Rule(name=name, value=value, meaning=meaning, source=source, ours=ours)
    RULES.append(rule)  # type: ignore[arg-type]
    return rule


# --- Catalog gaps -----------------------------------------------------------------
# The seed gives no repetitions for the hip adductor stretch or the lower trunk
# rotation. A plan still needs a number; this one sits inside the 2-4 reps that
# clinical-facts §1 reports [S].
DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT = _rule(
    "default_repetitions_when_source_silent",
    3,
    "Repetitions used in a plan when the seed gives none (per side for one-sided stretches).",
    "clinical-facts §1: about 60 s per stretch per session, 2-4 reps [S]",
    ours=True,
)


# --- Outcomes and progress --------------------------------------------------------
# Outcome-measure thresholds from clinical-facts §5, and the two choices sicoach makes
# where the sources are silent (how many sessions a week count as "planned", and the
# pain bands that pick the baseline note).
PAIN_MIC_POINTS = _rule(
    "pain_mic_points",
    2,
    "A change in pain (NRS 0-10) of at least this many points is a minimal important change.",
    "Ostelo 2008 consensus, clinical-facts §5 [P]",
    ours=False,
)
PAIN_MIC_FRACTION = _rule(
    "pain_mic_fraction",
    0.30,
    "A change in pain of at least this share of the baseline is also a minimal important change.",
    "Ostelo 2008 consensus, clinical-facts §5 [P]",
    ours=False,
)
PAIN_MIC_BY_BASELINE = _rule(
    "pain_mic_by_baseline",
    {"mild": "about 1 point", "moderate": "about 2 points", "severe": "about 3-4 points"},
    "The change that matters depends on the starting pain; shown as a note beside the trend.",
    "clinical-facts §5 [P]",
    ours=False,
)
PAIN_BANDS = _rule(
    "pain_bands",
    {"mild": (1, 3), "moderate": (4, 6), "severe": (7, 10)},
    "NRS ranges used only to choose which baseline note to show (0 = no pain).",
    "common NRS cut-points; clinical-facts gives none",
    ours=True,
)
ODI_MAX_MISSING_SECTIONS = _rule(
    "odi_max_missing_sections",
    1,
    "An Oswestry score is given only when at most this many of the ten sections are unanswered.",
    "ODI v2.1a scoring, clinical-facts §5 [P]",
    ours=False,
)
ODI_BANDS = _rule(
    "odi_bands",
    {
        "minimal": (0, 20),
        "moderate": (21, 40),
        "severe": (41, 60),
        "crippled": (61, 80),
        "bed-bound": (81, 100),
    },
    "Oswestry score bands (percent).",
    "ODI v2.1a, clinical-facts §5 [P]",
    ours=False,
)
ODI_MIC = _rule(
    "odi_mic",
    {"points": 10, "fraction": 0.30},
    "A change in the Oswestry score of 10 points or 30 % is a minimal important change.",
    "clinical-facts §5 [P]",
    ours=False,
)
PSFS_ACTIVITIES = _rule(
    "psfs_activities",
    (3, 5),
    "A Patient-Specific Functional Scale has 3 to 5 activities, each rated 0 (unable) to 10.",
    "clinical-facts §5 [P/S]",
    ours=False,
)
PSFS_SDC = _rule(
    "psfs_smallest_detectable_change",
    {"mean": 2, "single": 3},
    "Smallest detectable change of the PSFS: 2 points in the mean, 3 points in one activity.",
    "clinical-facts §5 [P/S]",
    ours=False,
)
PLANNED_SESSIONS_PER_WEEK = _rule(
    "planned_sessions_per_week",
    7,
    "Sessions a week a plan counts as planned when measuring adherence (one a day).",
    "ACSM: daily stretching is most effective, clinical-facts §1 [P]; the count is our choice",
    ours=True,
)
PROGRESS_WEEKS = _rule(
    "progress_weeks",
    12,
    "Weeks of history the progress summary shows by default (baselines come from the start).",
    "gains plateau around weeks 4-5 (Gribble 1999, clinical-facts §1); 12 weeks shows that",
    ours=True,
)
