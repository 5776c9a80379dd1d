"""Recording a session: every step with planned and actual seconds, and its pain ratings."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import ValidationError

from sicoach.catalog import default_catalog
from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.services.bounds import value_problems
from sicoach.services.errors import DuplicateRecord, InvalidRecord, validation_problems
from sicoach.services.people import require_person
from sicoach.services.times import as_utc, now_utc
from sicoach.session.script_model import SessionRecord, StepOutcome
from sicoach.store.records import StoredSession
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["SessionSaved", "check_session", "parse_session", "record_session", "session_pain"]

LONGEST_SESSION = timedelta(hours=6)


@dataclass(frozen=True)
class SessionSaved:
    """What was kept: the session id, its steps, whether it was finished."""

    id: str
    steps: int
    completed_steps: int
    completed: bool
    plan_version: int | None


def parse_session(data: object) -> SessionRecord:
    """A session record from its JSON mapping, or :class:`InvalidRecord` listing every problem."""
    try:
        return SessionRecord.model_validate(data)
    except ValidationError as exc:
        raise InvalidRecord("the session record", validation_problems(exc)) from None


def check_session(
    record: SessionRecord, exercises: Collection[str], now: datetime | None = None
) -> SessionRecord:
    """The record with its times in UTC, or :class:`InvalidRecord` listing every problem.

    Seconds are already bounded by the record type (0 to an hour per step); this adds
    what the type cannot see: every value within :mod:`sicoach.services.bounds` (times
    within a sane window of ``now``), known exercises, step order, and believable
    times. Step seconds are not checked against the wall clock: a session played at
    ``--speed`` keeps script seconds.
    """
    problems = value_problems(record, now or now_utc())
    if problems:
        raise InvalidRecord(f"session {record.id[:100]!r}", problems)
    started, ended = as_utc(record.started_at), as_utc(record.ended_at)
    if not record.id.strip() or len(record.id) > 100:
        problems.append("id: needs 1 to 100 characters")
    if ended < started:
        problems.append("ended_at: is before started_at")
    elif ended - started > LONGEST_SESSION:
        problems.append(f"ended_at: a session longer than {LONGEST_SESSION} is not believable")
    for number, step in enumerate(record.steps):
        if step.index != number:
            problems.append(f"steps.{number}.index: expected {number}, got {step.index}")
        if step.exercise is not None and step.exercise not in exercises:
            problems.append(f"steps.{number}.exercise: unknown exercise {step.exercise!r}")
    if problems:
        raise InvalidRecord(f"session {record.id!r}", problems)
    return record.model_copy(update={"started_at": started, "ended_at": ended})


def session_pain(record: SessionRecord) -> list[PainRating]:
    """The pain ratings a session record carries, as ratings linked to the session."""
    ratings = []
    for kind, value, at in (
        (PainKind.BEFORE, record.pain_before, record.started_at),
        (PainKind.DURING, record.pain_during, record.started_at),
        (PainKind.AFTER, record.pain_after, record.ended_at),
    ):
        if value is not None:
            ratings.append(PainRating(kind=kind, value=value, recorded_at=at, session_id=record.id))
    return ratings


def record_session(uow: AbstractUnitOfWork, person_id: str, record: SessionRecord) -> SessionSaved:
    """Keep a finished or partial session and its pain ratings, all or nothing."""
    checked = check_session(record, default_catalog().ids)
    with uow:
        require_person(uow, person_id)
        if uow.sessions.exists(person_id, checked.id):
            raise DuplicateRecord("session", checked.id)
        latest = uow.plans.latest(person_id)
        plan_version = latest.number if latest else None
        pain = session_pain(checked)
        stored = checked.model_copy(
            update={"pain_before": None, "pain_during": None, "pain_after": None}
        )
        uow.sessions.add(person_id, StoredSession(record=stored, plan_version=plan_version))
        uow.pain.add_all(person_id, pain)
        uow.commit()
    return SessionSaved(
        id=checked.id,
        steps=len(checked.steps),
        completed_steps=sum(s.outcome is StepOutcome.COMPLETED for s in checked.steps),
        completed=checked.completed,
        plan_version=plan_version,
    )
