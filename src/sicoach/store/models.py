"""The tables sicoach keeps about people, their plans, sessions and outcome measures.

Rows are only read and written by :mod:`sicoach.store.repository`, which turns them
into plain records. Every table a progress summary reads has an index that starts
with the person, so one person's summary never scans anyone else's rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sicoach.store.db import Base
from sicoach.store.types import UtcDateTime

__all__ = [
    "CareEventRow",
    "CareStatusRow",
    "IntakeRow",
    "LegacyImportRow",
    "OdiAnswerRow",
    "OdiResponseRow",
    "OdiWordingRow",
    "PainRatingRow",
    "PersonRow",
    "PlanVersionRow",
    "PsfsActivityRow",
    "PsfsAssessmentRow",
    "PsfsRatingRow",
    "ScreeningRow",
    "SessionRow",
    "SessionStepRow",
]

PERSON_FK = "people.id"


class PersonRow(Base):
    """A person who follows a program: one in local mode, many in server mode."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    time_zone: Mapped[str | None] = mapped_column(String(64))


class IntakeRow(Base):
    """An intake (contract 5) as the person answered it."""

    __tablename__ = "intakes"
    __table_args__ = (Index("ix_intakes_person_recorded", "person_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    source: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)


class ScreeningRow(Base):
    """The screening result of one intake: eligible, or a referral with its reasons."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[int] = mapped_column(
        ForeignKey("intakes.id", ondelete="CASCADE"), unique=True
    )
    eligible: Mapped[bool] = mapped_column(Boolean)
    urgency: Mapped[str | None] = mapped_column(String(40))
    reasons: Mapped[list[str]] = mapped_column(JSON)
    advice: Mapped[str | None] = mapped_column(Text)


class PlanVersionRow(Base):
    """One version of a person's plan: every change of dose is a new version."""

    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("person_id", "number", name="uq_plan_versions_person_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)


class SessionRow(Base):
    """One session as it happened, finished or stopped part-way."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("person_id", "uid", name="uq_sessions_person_uid"),
        Index("ix_sessions_person_started", "person_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(100))
    plan_version: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed: Mapped[bool] = mapped_column(Boolean)


class SessionStepRow(Base):
    """One step of a session: planned and actual seconds, and what became of it."""

    __tablename__ = "session_steps"
    __table_args__ = (
        # Covers the hold-time query, so progress reads no step rows themselves.
        Index(
            "ix_session_steps_holds",
            "session_id",
            "phase",
            "outcome",
            "exercise",
            "actual_seconds",
        ),
        CheckConstraint(
            "planned_seconds >= 0 AND actual_seconds >= 0", name="ck_session_steps_seconds"
        ),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise: Mapped[str | None] = mapped_column(String(80))
    side: Mapped[str | None] = mapped_column(String(10))
    rep: Mapped[int | None] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(20))
    planned_seconds: Mapped[float] = mapped_column(Float)
    actual_seconds: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(20))


class PainRatingRow(Base):
    """A 0-10 pain rating: before, during or after a session, or the next morning."""

    __tablename__ = "pain_ratings"
    __table_args__ = (
        CheckConstraint("value >= 0 AND value <= 10", name="ck_pain_ratings_value"),
        Index("ix_pain_ratings_person_recorded", "person_id", "recorded_at"),
        Index("ix_pain_ratings_person_kind_recorded", "person_id", "kind", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[int] = mapped_column(SmallInteger)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PsfsActivityRow(Base):
    """An activity a person named for the Patient-Specific Functional Scale."""

    __tablename__ = "psfs_activities"
    __table_args__ = (UniqueConstraint("person_id", "name", name="uq_psfs_activities_person_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class PsfsAssessmentRow(Base):
    """One PSFS: the moment the person rated their activities."""

    __tablename__ = "psfs_assessments"
    __table_args__ = (Index("ix_psfs_assessments_person_recorded", "person_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PsfsRatingRow(Base):
    """One activity's 0-10 rating in one PSFS."""

    __tablename__ = "psfs_ratings"
    __table_args__ = (CheckConstraint("value >= 0 AND value <= 10", name="ck_psfs_ratings_value"),)

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("psfs_assessments.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("psfs_activities.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[int] = mapped_column(SmallInteger)


class OdiResponseRow(Base):
    """One Oswestry questionnaire and its score (None when too many sections are missing)."""

    __tablename__ = "odi_responses"
    __table_args__ = (Index("ix_odi_responses_person_recorded", "person_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    score: Mapped[int | None] = mapped_column(SmallInteger)


class OdiAnswerRow(Base):
    """One section's answer (0-5, None = unanswered) in one Oswestry questionnaire."""

    __tablename__ = "odi_answers"
    __table_args__ = (
        CheckConstraint(
            "value IS NULL OR (value >= 0 AND value <= 5)", name="ck_odi_answers_value"
        ),
    )

    response_id: Mapped[int] = mapped_column(
        ForeignKey("odi_responses.id", ondelete="CASCADE"), primary_key=True
    )
    section: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[int | None] = mapped_column(SmallInteger)


class OdiWordingRow(Base):
    """A clinic's licensed wording of one Oswestry section (never shipped with sicoach)."""

    __tablename__ = "odi_wording"

    section: Mapped[str] = mapped_column(String(30), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LegacyImportRow(Base):
    """A file written by an older sicoach that has been imported (by path and content)."""

    __tablename__ = "legacy_imports"

    path: Mapped[str] = mapped_column(String(500), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CareStatusRow(Base):
    """Where a person's care stands (the lifecycle's state), one row per person."""

    __tablename__ = "care_status"

    person_id: Mapped[int] = mapped_column(
        ForeignKey(PERSON_FK, ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(20))
    status: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CareEventRow(Base):
    """One event of a person's care: who caused it, what it was, the state before and after."""

    __tablename__ = "care_events"
    __table_args__ = (Index("ix_care_events_person_at", "person_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(PERSON_FK, ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(200))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text)
