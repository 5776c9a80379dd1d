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


# --- Web app ----------------------------------------------------------------------
# Accounts and the clinician's dashboard. Sources are silent on these; they are
# sicoach's own settings, chosen to slow password guessing without locking people
# out for long, and to flag a patient for a clinician's attention, not to diagnose.
LOGIN_FAILURES_ALLOWED = _rule(
    "login_failures_allowed",
    5,
    "Failed logins for one email within the window before further tries are refused.",
    "sicoach's own setting (OWASP advice to rate-limit logins; no fixed number)",
    ours=True,
)
LOGIN_FAILURE_WINDOW_MINUTES = _rule(
    "login_failure_window_minutes",
    15,
    "Minutes a failed login counts against the limit.",
    "sicoach's own setting",
    ours=True,
)
INVITE_VALID_DAYS = _rule(
    "invite_valid_days",
    7,
    "Days a clinician's one-time invite link stays valid.",
    "sicoach's own setting",
    ours=True,
)
MISSED_SESSIONS_FLAG_DAYS = _rule(
    "missed_sessions_flag_days",
    3,
    "Days without a session after which a patient is flagged 'missed sessions' for the clinician.",
    "clinical-facts §1: 3 days a week keeps the gain (Reid & Kim 2014) [P]; the flag is ours",
    ours=True,
)
MINIMUM_PASSWORD_LENGTH = _rule(
    "minimum_password_length",
    10,
    "Shortest password an account may have.",
    "sicoach's own setting (NIST SP 800-63B asks for at least 8)",
    ours=True,
)
