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


# --- Physician finder -------------------------------------------------------------
# physician-finder.md §6.3 asks for a warning when the NPPES file is old; CMS publishes a
# new monthly file every month, so two months means at least one newer file exists.
PHYSICIAN_FILE_STALE_AFTER_DAYS = _rule(
    "physician_file_stale_after_days",
    60,
    "A physician search warns that its NPPES file is out of date after this many days.",
    "physician-finder.md §6.3 (warn when the file is more than 60 days old)",
    ours=True,
)
PHYSICIAN_DEFAULT_RADIUS_MILES = _rule(
    "physician_default_radius_miles",
    25,
    "Radius of a physician search, between ZIP centres, when none is given.",
    "physician-finder.md §4 (radii of 10/25/50/100 mi); issue #9",
    ours=True,
)
PHYSICIAN_MAX_RADIUS_MILES = _rule(
    "physician_max_radius_miles",
    250,
    "Largest radius a physician search accepts (a day's drive; keeps a search bounded).",
    "sicoach's choice; the sources are silent",
    ours=True,
)
PHYSICIAN_DEFAULT_LIMIT = _rule(
    "physician_default_limit",
    20,
    "How many providers a physician search lists when no limit is given.",
    "sicoach's choice; the sources are silent",
    ours=True,
)
