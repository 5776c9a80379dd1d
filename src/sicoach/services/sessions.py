"""A session record on its way in: read, checked, and its pain ratings split out.

:func:`sicoach.services.care.record_session` keeps it, through the plan's life.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import ValidationError

from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.services.bounds import value_problems
from sicoach.services.errors import InvalidRecord, validation_problems
from sicoach.services.times import as_utc, now_utc
from sicoach.session.script_model import SessionRecord

__all__ = ["SessionSaved", "check_session", "parse_session", "session_pain"]

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
