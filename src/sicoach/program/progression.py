"""Progression: today's hold for a stretch, moved by the person's pain response.

The rules (all in :mod:`sicoach.rules`, progression section):

- A stretch starts at the low end of the seed's starting hold
  (:func:`starting_hold`) and builds toward the seed's goal range in steps of
  ``HOLD_STEP_SECONDS``, never past the goal maximum nor below the starting
  minimum (:func:`hold_range`). A clinician's dose keeps to the bounds the
  clinician set instead (:func:`dose_bounds`): sicoach never moves it outside them.
- Once the hold is at the top of its bounds, a step adds one repetition (rule
  ``start_at_fewest_repetitions``), up to the seed's most and within the minutes
  a day; a clinician's repetitions are never changed.
- After each session the pain-monitoring model of clinical-facts §2 decides
  (:func:`next_dose`): pain during above 5/10, or pain on waking the next
  morning above the pain before the session, steps back; pain during 4-5 stays;
  pain during 0-3 that has settled by the next morning progresses one step.
- Pain over the limit in several sessions running, or pain before sessions
  rising over a week, adds a suggestion to contact a clinician.
- :func:`pain_verdict` names a session's response: within the limit, over it, or
  a flare (rules ``flare_pain`` and ``flare_morning_rise``), which pauses the plan.

:func:`sicoach.program.dosing.next_plan_dose` applies all of this to a whole plan.

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
from sicoach.program.plan_model import PlannedExercise
from sicoach.program.words import seconds_text
from sicoach.rules import (
    FLARE_MORNING_RISE,
    FLARE_PAIN,
    HOLD_STEP_SECONDS,
    MORNING_SETTLED_MARGIN,
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
    "PainVerdict",
    "clamp_hold",
    "dose_bounds",
    "hold_range",
    "next_dose",
    "over_limit",
    "pain_verdict",
    "starting_hold",
    "verdict_reasons",
]

PainScore = Annotated[int, Field(ge=0, le=10)]


class Decision(StrEnum):
    """What happens to the hold next session."""

    PROGRESS = "progress"
    STAY = "stay"
    STEP_BACK = "step-back"


class PainVerdict(StrEnum):
    """How a session's pain went, as the plan's life sees it."""

    WITHIN_LIMIT = "within-limit"
    OVER_LIMIT = "pain-over-limit"
    FLARE = "flare"


class PainResponse(BaseModel):
    """The pain answers for one session: before, the worst during, after, and on waking."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    day: date
    before: PainScore
    during: PainScore | None = None
    after: PainScore | None = None
    next_morning: PainScore | None = None

    @property
    def worst(self) -> int | None:
        """The worst pain during or right after the session (None when neither was given)."""
        given = [v for v in (self.during, self.after) if v is not None]
        return max(given) if given else None


class DoseDecision(BaseModel):
    """The next hold for one stretch, the decision behind it, and why in words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: Decision
    hold_seconds: float
    previous_hold_seconds: float
    why: str
    contact_clinician: bool = False
    clinician_reason: str | None = None
    # Pain allowed a step up, but the hold is already at the top of its bounds.
    at_top_and_settled: bool = False


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


def _morning_unsettled(response: PainResponse) -> bool:
    morning = response.next_morning
    return morning is not None and morning > response.before + MORNING_SETTLED_MARGIN.value


def over_limit(response: PainResponse) -> bool:
    """Whether a session went past the pain limit (during or after above 5, or worse next day)."""
    worst = response.worst
    return (worst is not None and worst > PAIN_DURING_ACCEPTABLE_MAX.value) or _morning_unsettled(
        response
    )


def pain_verdict(response: PainResponse) -> PainVerdict:
    """Within the limit, over it, or a flare (pain at ``flare_pain`` or a sharp morning rise)."""
    highest = max(v for v in (response.worst, response.next_morning, 0) if v is not None)
    morning = response.next_morning
    sharp_rise = morning is not None and morning - response.before >= FLARE_MORNING_RISE.value
    if highest >= FLARE_PAIN.value or sharp_rise:
        return PainVerdict.FLARE
    if over_limit(response):
        return PainVerdict.OVER_LIMIT
    return PainVerdict.WITHIN_LIMIT


def verdict_reasons(response: PainResponse) -> list[str]:
    """The pain answers that put a session over the limit, in words (empty when within it)."""
    reasons = []
    limit = PAIN_DURING_ACCEPTABLE_MAX.value
    for when, value in (("during", response.during), ("after", response.after)):
        if value is not None and value > limit:
            reasons.append(f"pain {when} the session was {value}/10, above {limit}/10")
    if _morning_unsettled(response):
        reasons.append(
            f"pain on waking the next morning ({response.next_morning}/10) was above the pain "
            f"before the session ({response.before}/10)"
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


def dose_bounds(planned: PlannedExercise, exercise: Exercise) -> tuple[float, float]:
    """The shortest and longest hold progression may give this stretch in this plan.

    A clinician's bounds when the clinician set the dose, else the seed's (:func:`hold_range`).
    """
    if planned.hold_bounds is not None:
        low, high = planned.hold_bounds
        return low, high
    return hold_range(exercise)


def next_dose(
    current: float,
    exercise: Exercise,
    pain_responses: Sequence[PainResponse],
    bounds: tuple[float, float] | None = None,
) -> DoseDecision:
    """The hold for the next session of ``exercise``, from the pain answers so far.

    ``pain_responses`` are this person's sessions, any order; the latest by day
    decides. ``bounds`` (default: the seed's :func:`hold_range`) are the shortest and
    longest hold allowed. The result is deterministic and explains itself in ``why``.
    """
    low, high = bounds if bounds is not None else hold_range(exercise)
    held = min(max(current, low), high)
    step = HOLD_STEP_SECONDS.value
    if not pain_responses:
        return DoseDecision(
            decision=Decision.STAY,
            hold_seconds=held,
            previous_hold_seconds=current,
            why=f"No pain answers yet: keep {seconds_text(held)}.",
        )
    responses = sorted(pain_responses, key=lambda r: r.day)
    latest = responses[-1]
    settled = False
    clinician = _clinician_reason(responses)
    step_back = verdict_reasons(latest)
    if step_back:
        decision, hold = Decision.STEP_BACK, max(held - step, low)
        action = (
            f"step back to {seconds_text(hold)}"
            if hold < held
            else f"no shorter hold is allowed ({seconds_text(hold)}): ease off or stop the "
            "stretch if it hurts, and tell your clinician"
        )
        joined = "; ".join(step_back)
        why = f"{joined[0].upper()}{joined[1:]}: {action}."
    elif latest.worst is None:
        decision, hold = Decision.STAY, held
        why = f"No pain during or after the session was given; keep {seconds_text(hold)}."
    elif latest.worst > PAIN_DURING_SAFE_MAX.value:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during the session was {latest.worst}/10: acceptable "
            f"({PAIN_DURING_SAFE_MAX.value + 1}-{PAIN_DURING_ACCEPTABLE_MAX.value}) but no reason "
            f"to go further; keep {seconds_text(hold)}."
        )
    elif latest.next_morning is None:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during was {latest.worst}/10; keep {seconds_text(hold)} until the "
            "next-morning answer shows the pain has settled."
        )
    elif held >= high:
        decision, hold = Decision.STAY, held
        why = (
            f"Pain during was {latest.worst}/10 and had settled by the next morning; already at "
            f"the longest hold allowed for this stretch ({seconds_text(high)}), keep it."
        )
        settled = True
    else:
        decision, hold = Decision.PROGRESS, min(held + step, high)
        why = (
            f"Pain during was {latest.worst}/10 (0-{PAIN_DURING_SAFE_MAX.value} is fine) and "
            f"had settled by the next morning ({latest.next_morning}/10, before "
            f"{latest.before}/10): build up to {seconds_text(hold)}."
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
        at_top_and_settled=settled,
    )
