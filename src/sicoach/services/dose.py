"""Today's dose: the current plan, moved by the pain answers of the sessions since it was made.

The plan helper's :func:`sicoach.program.progression.next_dose` decides each hold from
the person's pain (before, during, next morning). When it changes a hold, the new
dose is kept as a new plan version by "sicoach progression" with the reasons, so
each session's answers move the plan once, and every change can be traced.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sicoach.catalog import default_catalog
from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.program.plan_model import Plan
from sicoach.program.progression import Decision, PainResponse, next_dose
from sicoach.rules import RISING_PAIN_WINDOW_DAYS
from sicoach.services.errors import NoPlan
from sicoach.services.people import require_person
from sicoach.services.times import now_utc
from sicoach.store.records import PlanVersion
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["PROGRESSION_AUTHOR", "CurrentDose", "DoseLine", "current_dose", "pain_responses"]

PROGRESSION_AUTHOR = "sicoach progression"
# Enough history for next_dose's rising-pain window and its run of sessions over the limit.
LOOKBACK = timedelta(days=RISING_PAIN_WINDOW_DAYS.value * 3)


@dataclass(frozen=True)
class DoseLine:
    """One stretch today: hold, repetitions, sides, and the decision behind the hold."""

    exercise: str
    hold_seconds: float
    repetitions: int
    sides: list[str]
    decision: str
    why: str


@dataclass(frozen=True)
class CurrentDose:
    """Today's dose: the plan version it comes from, each stretch, and any advice to seek care."""

    plan_version: int
    changed: bool
    lines: list[DoseLine]
    contact_clinician: bool
    clinician_reason: str | None


def pain_responses(ratings: list[PainRating], tz: tzinfo) -> list[PainResponse]:
    """One pain response per session with a before and a during rating.

    The next-morning answer is the first next-morning rating on the day after the
    session (local dates in ``tz``).
    """
    by_session: dict[str, dict[PainKind, PainRating]] = defaultdict(dict)
    mornings: dict[date, int] = {}
    for rating in sorted(ratings, key=lambda r: r.recorded_at):
        if rating.kind is PainKind.NEXT_MORNING:
            mornings.setdefault(rating.recorded_at.astimezone(tz).date(), rating.value)
        elif rating.session_id is not None:
            by_session[rating.session_id].setdefault(rating.kind, rating)
    responses = []
    for kinds in by_session.values():
        before, during = kinds.get(PainKind.BEFORE), kinds.get(PainKind.DURING)
        if before is None or during is None:
            continue
        day = before.recorded_at.astimezone(tz).date()
        responses.append(
            PainResponse(
                day=day,
                before=before.value,
                during=during.value,
                next_morning=mornings.get(day + timedelta(days=1)),
            )
        )
    return responses


def current_dose(
    uow: AbstractUnitOfWork, person_id: str, *, tz: tzinfo, at: datetime | None = None
) -> CurrentDose:
    """Today's dose; a hold the pain answers move is kept as a new plan version first."""
    catalog = default_catalog()
    moment = at or now_utc()
    with uow:
        require_person(uow, person_id)
        latest = uow.plans.latest(person_id)
        if latest is None:
            raise NoPlan(person_id)
        ratings = uow.pain.history(person_id, latest.created_at - LOOKBACK)
        plan = Plan.model_validate(latest.plan)
        answered_since = any(
            r.kind is PainKind.BEFORE and r.session_id and r.recorded_at >= latest.created_at
            for r in ratings
        )
        responses = pain_responses(ratings, tz) if answered_since else []
        lines, planned, clinician = [], [], None
        for item in plan.exercises:
            if responses:
                decision = next_dose(item.hold_seconds, catalog.get(item.id), responses)
                hold, verdict, why = decision.hold_seconds, decision.decision.value, decision.why
                clinician = clinician or decision.clinician_reason
            else:
                hold, verdict = item.hold_seconds, Decision.STAY.value
                why = f"No pain answers since plan version {latest.number}: keep {hold:g} s."
            planned.append(item.model_copy(update={"hold_seconds": hold}))
            lines.append(
                DoseLine(
                    exercise=item.id,
                    hold_seconds=hold,
                    repetitions=item.repetitions,
                    sides=[side.value for side in item.sides],
                    decision=verdict,
                    why=why,
                )
            )
        moved = [line for line in lines if line.decision != Decision.STAY.value]
        changed = any(
            line.hold_seconds != item.hold_seconds
            for line, item in zip(lines, plan.exercises, strict=True)
        )
        version = latest
        if changed:
            version = PlanVersion(
                number=latest.number + 1,
                created_at=moment,
                changed_by=PROGRESSION_AUTHOR,
                reason=" ".join(f"{line.exercise}: {line.why}" for line in moved),
                plan=plan.model_copy(update={"exercises": planned}).to_json_dict(),
            )
            uow.plans.add(person_id, version)
            uow.commit()
    return CurrentDose(
        plan_version=version.number,
        changed=changed,
        lines=lines,
        contact_clinician=clinician is not None,
        clinician_reason=clinician,
    )
