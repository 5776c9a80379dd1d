"""Progression: today's hold for a stretch, moved by the person's pain response.

The rules (all in :mod:`sicoach.rules`, progression section):

- A stretch starts at the low end of the seed's starting hold
  (:func:`starting_hold`) and builds toward the seed's goal range in steps of
  ``HOLD_STEP_SECONDS``, never past the goal maximum nor below the starting
  minimum (:func:`hold_range`).
- After each session the pain-monitoring model of clinical-facts §2 decides
  (:func:`next_dose`): pain during above 5/10, or pain on waking the next
  morning above the pain before the session, steps back; pain during 4-5 stays;
  pain during 0-3 that has settled by the next morning progresses one step.
- Pain over the limit in several sessions running, or pain before sessions
  rising over a week, adds a suggestion to contact a clinician.

sicoach uses this model (validated for Achilles tendon pain) as a load-tolerance
rule for SI joint pain, and says so in its words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sicoach.catalog import Exercise
from sicoach.rules import (
    HOLD_STEP_SECONDS,
    OVER_LIMIT_SESSIONS_FOR_CLINICIAN,
    PAIN_DURING_ACCEPTABLE_MAX,
    PAIN_DURING_SAFE_MAX,
    RISING_PAIN_MIN_SESSIONS,
    RISING_PAIN_WINDOW_DAYS,
    START_AT_LOW_END,
)

__all__ = [
    "Decision",
    "DoseDecision",
    "PainResponse",
    "clamp_hold",
    "hold_range",
    "next_dose",
    "over_limit",
    "starting_hold",
]

PainScore = Annotated[int, Field(ge=0, le=10)]


class Decision(StrEnum):
    """What happens to the hold next session."""

    PROGRESS = "progress"
    STAY = "stay"
    STEP_BACK = "step-back"


class PainResponse(BaseModel):
    """The pain answers for one session: before, the worst during, and on waking next day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    day: date
    before: PainScore
    during: PainScore
    next_morning: PainScore | None = None


class DoseDecision(BaseModel):
    """The next hold for one stretch, the decision behind it, and why in words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: Decision
    hold_seconds: float
    previous_hold_seconds: float
    why: str
    contact_clinician: bool = False
    clinician_reason: str | None = None


def starting_hold(exercise: Exercise) -> float:
    """The first hold: the low end of the seed's starting range (rule ``start_at_low_end``)."""
    low, high = exercise.hold_seconds.start
    return low if START_AT_LOW_END.value else high


def hold_range(exercise: Exercise) -> tuple[float, float]:
    """The shortest and longest hold sicoach ever gives: start minimum to goal maximum."""
    return exercise.hold_seconds.start[0], exercise.hold_seconds.goal[1]


def clamp_hold(seconds: float, exercise: Exercise) -> float:
    """``seconds`` kept inside :func:`hold_range`."""
    low, high = hold_range(exercise)
    return min(max(seconds, low), high)


def over_limit(response: PainResponse) -> bool:
    """Whether a session went past the pain limit (during above 5, or worse next morning)."""
    morning_worse = response.next_morning is not None and response.next_morning > response.before
    return response.during > PAIN_DURING_ACCEPTABLE_MAX.value or morning_worse


def _step_back_reasons(latest: PainResponse) -> list[str]:
    reasons = []
    if latest.during > PAIN_DURING_ACCEPTABLE_MAX.value:
        reasons.append(
            f"pain during the session was {latest.during}/10, above "
            f"{PAIN_DURING_ACCEPTABLE_MAX.value}/10"
        )
    if latest.next_morning is not None and latest.next_morning > latest.before:
        reasons.append(
            f"pain on waking the next morning ({latest.next_morning}/10) was above the pain "
            f"before the session ({latest.before}/10)"
        )
    return reasons


def _clinician_reason(responses: Sequence[PainResponse]) -> str | None:
    streak = OVER_LIMIT_SESSIONS_FOR_CLINICIAN.value
    recent = responses[-streak:]
    if len(recent) == streak and all(over_limit(r) for r in recent):
        return f"pain went over the limit in the last {streak} sessions running"
    latest_day = responses[-1].day
    window = [
        r for r in responses if r.day >= latest_day - timedelta(days=RISING_PAIN_WINDOW_DAYS.value)
    ]
    befores = [r.before for r in window]
    never_down = all(b >= a for a, b in zip(befores, befores[1:], strict=False))
    if len(window) >= RISING_PAIN_MIN_SESSIONS.value and never_down and befores[-1] > befores[0]:
        return (
            f"pain before your sessions has risen over the last {RISING_PAIN_WINDOW_DAYS.value} "
            f"days ({befores[0]}/10 to {befores[-1]}/10)"
        )
    return None


def next_dose(
    current: float, exercise: Exercise, pain_responses: Sequence[PainResponse]
) -> DoseDecision:
    """The hold for the next session of ``exercise``, from the pain answers so far.

    ``pain_responses`` are this person's sessions, any order; the latest by day
    decides. The result is deterministic and explains itself in ``why``.
    """
    held = clamp_hold(current, exercise)
    low, high = hold_range(exercise)
    step = HOLD_STEP_SECONDS.value
    if not pain_responses:
        return DoseDecision(
            decision=Decision.STAY,
            hold_seconds=held,
            previous_hold_seconds=current,
            why=f"No pain answers yet: keep {held:g} s.",
        )
    responses = sorted(pain_responses, key=lambda r: r.day)
    latest = responses[-1]
    clinician = _clinician_reason(responses)
    step_back = _step_back_reasons(latest)
    if step_back:
        decision, hold = Decision.STEP_BACK, max(held - step, low)
        action = (
            f"step back to {hold:g} s"
            if hold < held
            else f"keep the shortest hold, {hold:g} s, and stop the stretch if it hurts"
        )
        joined = "; ".join(step_back)
        why = f"{joined[0].upper()}{joined[1:]}: {action}."
    elif latest.during > PAIN_DURING_SAFE_MAX.value:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during the session was {latest.during}/10: acceptable "
            f"({PAIN_DURING_SAFE_MAX.value + 1}-{PAIN_DURING_ACCEPTABLE_MAX.value}) but no reason "
            f"to go further; keep {hold:g} s."
        )
    elif latest.next_morning is None:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during was {latest.during}/10; keep {hold:g} s until the next-morning answer "
            "shows the pain has settled."
        )
    elif held >= high:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during was {latest.during}/10 and had settled by the next morning; already at "
            f"the seed's longest hold for this stretch ({high:g} s), keep it."
        )
    else:
        decision, hold = Decision.PROGRESS, min(held + step, high)
        why = (
            f"Pain during was {latest.during}/10 (0-{PAIN_DURING_SAFE_MAX.value} is fine) and "
            f"had settled by the next morning ({latest.next_morning}/10, before "
            f"{latest.before}/10): build up to {hold:g} s."
        )
    if clinician:
        why += f" Please contact your clinician: {clinician}."
    return DoseDecision(
        decision=decision,
        hold_seconds=hold,
        previous_hold_seconds=current,
        why=why,
        contact_clinician=clinician is not None,
        clinician_reason=clinician,
    )
