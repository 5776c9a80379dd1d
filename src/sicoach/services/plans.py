"""Intakes and plan versions: every change of dose is a new version, with who and why."""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError

from sicoach.program.plan_model import Plan
from sicoach.services.errors import InvalidRecord, NoPlan, validation_problems
from sicoach.services.people import require_person
from sicoach.services.times import as_utc
from sicoach.store.records import IntakeEntry, PlanVersion, Screening
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "intake_history",
    "newest_version",
    "next_version",
    "parse_plan",
    "plan_history",
    "screening_of",
]


def parse_plan(data: object) -> Plan:
    """A plan (contract 4) from its mapping, or :class:`InvalidRecord` listing every problem."""
    if isinstance(data, Plan):
        return data
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise InvalidRecord("the plan", validation_problems(exc)) from None


def screening_of(plan: Plan) -> Screening:
    """The screening result a plan carries: eligible, or its referral."""
    referral = plan.referral
    return Screening(
        eligible=plan.eligible,
        urgency=referral.urgency.value if referral else None,
        reasons=tuple(referral.reasons) if referral else (),
        advice=referral.advice if referral else None,
    )


def intake_history(uow: AbstractUnitOfWork, person_id: str) -> list[IntakeEntry]:
    """Every intake of the person, oldest first."""
    with uow:
        require_person(uow, person_id)
        return uow.intakes.history(person_id)


def next_version(
    latest: PlanVersion | None,
    plan: Plan,
    *,
    changed_by: str,
    reason: str,
    at: datetime,
) -> PlanVersion | None:
    """The version that would follow ``latest`` with ``plan``; None when the plan is the same."""
    document = plan.to_json_dict()
    if latest is not None and latest.plan == document:
        return None
    return PlanVersion(
        number=latest.number + 1 if latest else 1,
        created_at=as_utc(at),
        changed_by=changed_by.strip(),
        reason=reason.strip(),
        plan=document,
    )


def newest_version(uow: AbstractUnitOfWork, person_id: str) -> PlanVersion:
    """The person's newest plan version, or :class:`NoPlan`."""
    with uow:
        require_person(uow, person_id)
        latest = uow.plans.latest(person_id)
    if latest is None:
        raise NoPlan(person_id)
    return latest


def plan_history(uow: AbstractUnitOfWork, person_id: str) -> list[PlanVersion]:
    """Every plan version, oldest first."""
    with uow:
        require_person(uow, person_id)
        return uow.plans.history(person_id)
