"""Records written straight into a unit of work, to set up a test's history quickly.

They bypass the plan's life on purpose (no care status, no events, no dose decided),
so a test can start from any history. The product itself writes only through
:mod:`sicoach.services.care`, which checks the same things and decides the plan's
state; nothing in ``src/`` can write a record around it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sicoach.catalog import default_catalog
from sicoach.outcomes.pain import PainRating, check_nrs
from sicoach.program.intake import parse_intake
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan
from sicoach.services.errors import DuplicateRecord, InvalidRecord
from sicoach.services.pain import pain_kind
from sicoach.services.people import require_person
from sicoach.services.plans import next_version, parse_plan, screening_of
from sicoach.services.sessions import SessionSaved, check_session, session_pain
from sicoach.services.times import as_utc, now_utc
from sicoach.session.script_model import SessionRecord, StepOutcome
from sicoach.store.records import IntakeEntry, PlanVersion, Screening, StoredSession
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["keep_intake", "keep_pain", "keep_plan", "keep_session"]


def keep_intake(
    uow: AbstractUnitOfWork,
    person_id: str,
    answers: dict[str, Any],
    *,
    source: str = "test",
    screening: Screening | None = None,
    at: datetime | None = None,
) -> IntakeEntry:
    """Keep an intake (checked against contract 5) with its screening (made here if not given)."""
    intake = parse_intake(answers)
    entry = IntakeEntry(
        recorded_at=as_utc(at) if at else now_utc(),
        source=source,
        answers=intake.to_file_dict(),
        screening=screening or screening_of(build_plan(intake, default_catalog())),
    )
    with uow:
        require_person(uow, person_id)
        uow.intakes.add(person_id, entry)
        uow.commit()
    return entry


def keep_plan(
    uow: AbstractUnitOfWork,
    person_id: str,
    plan: Plan | dict[str, Any],
    *,
    changed_by: str = "test",
    reason: str = "test",
    at: datetime | None = None,
) -> PlanVersion:
    """Keep ``plan`` as the person's next version; the same plan again makes no new version."""
    checked = parse_plan(plan)
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


def keep_session(uow: AbstractUnitOfWork, person_id: str, record: SessionRecord) -> SessionSaved:
    """Keep a session and its pain ratings under the newest plan version, all or nothing."""
    checked = check_session(record, default_catalog().ids)
    with uow:
        require_person(uow, person_id)
        if uow.sessions.exists(person_id, checked.id):
            raise DuplicateRecord("session", checked.id)
        latest = uow.plans.latest(person_id)
        plan_version = latest.number if latest else None
        bare = checked.model_copy(
            update={"pain_before": None, "pain_during": None, "pain_after": None}
        )
        uow.sessions.add(person_id, StoredSession(record=bare, plan_version=plan_version))
        uow.pain.add_all(person_id, session_pain(checked))
        uow.commit()
    return SessionSaved(
        id=checked.id,
        steps=len(checked.steps),
        completed_steps=sum(s.outcome is StepOutcome.COMPLETED for s in checked.steps),
        completed=checked.completed,
        plan_version=plan_version,
    )


def keep_pain(
    uow: AbstractUnitOfWork,
    person_id: str,
    kind: str,
    value: int,
    *,
    at: datetime | None = None,
    session_id: str | None = None,
) -> PainRating:
    """Keep one pain rating; ``kind`` is before, during, after or next-morning."""
    rating = PainRating(
        kind=pain_kind(kind),
        value=check_nrs(value),
        recorded_at=as_utc(at) if at else now_utc(),
        session_id=session_id,
    )
    with uow:
        require_person(uow, person_id)
        if session_id is not None and not uow.sessions.exists(person_id, session_id):
            raise InvalidRecord("the pain rating", [f"session_id: no session {session_id!r}"])
        uow.pain.add(person_id, rating)
        uow.commit()
    return rating
