"""Plain records the repositories hand out and take in (no database types leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sicoach.outcomes.pain import PainRating
from sicoach.session.script_model import SessionRecord

__all__ = [
    "CareEntry",
    "HoldRow",
    "IntakeEntry",
    "Person",
    "PersonOverview",
    "PlanVersion",
    "PsfsActivity",
    "Screening",
    "SessionSummary",
    "StoredSession",
]


@dataclass(frozen=True)
class Person:
    """A person: a stable public id, an optional name, when they were added, their time zone.

    ``time_zone`` is an IANA name ("Europe/London"); None means the computer's own zone.
    """

    id: str
    display_name: str | None
    created_at: datetime
    time_zone: str | None = None


@dataclass(frozen=True)
class Screening:
    """The red-flag screening of an intake: eligible, or a referral with reasons."""

    eligible: bool
    urgency: str | None
    reasons: tuple[str, ...]
    advice: str | None


@dataclass(frozen=True)
class IntakeEntry:
    """An intake as answered (the contract 5 mapping), where it came from, and its screening."""

    recorded_at: datetime
    source: str
    answers: dict[str, Any]
    screening: Screening | None


@dataclass(frozen=True)
class PlanVersion:
    """One version of a plan (the contract 4 mapping), with who made it and why."""

    number: int
    created_at: datetime
    changed_by: str
    reason: str
    plan: dict[str, Any]


@dataclass(frozen=True)
class StoredSession:
    """A session record and the plan version it was done under."""

    record: SessionRecord
    plan_version: int | None


@dataclass(frozen=True)
class PersonOverview:
    """What a clinician's list shows of one person, read for many people at once.

    ``done_since`` and ``partial_since`` count the sessions finished and stopped
    part-way since the moment the read was asked for (the start of this week).
    """

    person_id: str
    display_name: str | None
    last_intake_at: datetime | None
    first_session_at: datetime | None
    last_session_at: datetime | None
    first_plan_at: datetime | None
    last_pain: PainRating | None
    done_since: int
    partial_since: int


@dataclass(frozen=True)
class SessionSummary:
    """What adherence needs of one session."""

    started_at: datetime
    completed: bool


@dataclass(frozen=True)
class HoldRow:
    """The mean actual hold of one stretch in one session."""

    started_at: datetime
    exercise: str
    seconds: float


@dataclass(frozen=True)
class PsfsActivity:
    """A PSFS activity the person named; retired when they chose other activities."""

    name: str
    position: int
    created_at: datetime
    retired_at: datetime | None


@dataclass(frozen=True)
class CareEntry:
    """One event in a person's care, as kept: when, what, who, and the states around it."""

    at: datetime
    kind: str
    role: str
    by: str
    from_state: str
    to_state: str
    detail: str
