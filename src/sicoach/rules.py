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

__all__ = [
    "DEFAULT_REMINDER_TIME",
    "DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT",
    "REMINDER_MINUTES_BEFORE",
    "RULES",
    "Rule",
]

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


# --- Documents (handout, FHIR, calendar) -------------------------------------------
# The calendar reminder needs a time of day even when the intake gives none. The
# sources say daily stretching works best (clinical-facts §1) but not when.
DEFAULT_REMINDER_TIME = _rule(
    "default_reminder_time",
    "08:00",
    "Time of the daily calendar reminder when the intake gives no preferred_time (local time).",
    "none: the sources are silent on time of day",
    ours=True,
)
REMINDER_MINUTES_BEFORE = _rule(
    "reminder_minutes_before",
    10,
    "How many minutes before the daily stretching time the calendar alarm goes off.",
    "none: a few minutes to get ready and find a place on the floor",
    ours=True,
)
