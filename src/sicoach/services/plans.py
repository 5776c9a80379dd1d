"""Intakes and plan versions: every change of dose is a new version, with who and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from sicoach.catalog import default_catalog
from sicoach.program.intake import Intake, parse_intake
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan
from sicoach.services.errors import InvalidRecord, NoPlan, validation_problems
from sicoach.services.people import require_person
from sicoach.services.times import as_utc, now_utc
from sicoach.store.records import IntakeEntry, PlanVersion, Screening
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "intake_history",
    "newest_version",
    "next_version",
    "parse_plan",
    "plan_history",
    "record_intake",
    "save_plan",
    "screen_intake",
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


def screen_intake(intake: Intake) -> Screening:
    """The screening of an intake: the red flags and precautions the plan builder applies."""
    return screening_of(build_plan(intake, default_catalog()))


def record_intake(
    uow: AbstractUnitOfWork,
    person_id: str,
    answers: dict[str, Any],
    *,
    source: str,
    screening: Screening | None = None,
    at: datetime | None = None,
) -> IntakeEntry:
    """Keep an intake (validated against contract 5) with its screening (made here if not given)."""
    intake = parse_intake(answers)
    entry = IntakeEntry(
        recorded_at=as_utc(at) if at else now_utc(),
        source=source,
        answers=intake.to_file_dict(),
        screening=screening or screen_intake(intake),
    )
    with uow:
        require_person(uow, person_id)
        uow.intakes.add(person_id, entry)
        uow.commit()
    return entry


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


def save_plan(
    uow: AbstractUnitOfWork,
    person_id: str,
    plan: Plan | dict[str, Any],
    *,
    changed_by: str,
    reason: str,
    at: datetime | None = None,
) -> PlanVersion:
    """Keep ``plan`` as the person's next version; the same plan again makes no new version."""
    checked = parse_plan(plan)
    problems = []
    if not changed_by.strip():
        problems.append("changed_by: say who made this change")
    if not reason.strip():
        problems.append("reason: say why the plan changed")
    if problems:
        raise InvalidRecord("the plan change", problems)
    with uow:
        require_person(uow, person_id)
        latest = uow.plans.latest(person_id)
        version = next_version(
            latest, checked, changed_by=changed_by, reason=reason, at=at or now_utc()
        )
        if version is None:
            assert latest is not None  # next_version gives None only for the same plan again
            return latest
        uow.plans.add(person_id, version)
        uow.commit()
    return version


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
