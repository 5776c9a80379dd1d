"""Repositories: the only code that reads and writes rows, one per kind of record.

Each abstract repository says what the services may ask of storage; the
``SqlAlchemy*`` classes answer on a database session, and the test suite has fakes
that answer from memory. Methods take a person's public id and plain records, and
return plain records.
"""

from __future__ import annotations

import abc
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Row,
    Select,
    Table,
    and_,
    bindparam,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from sicoach.outcomes.oswestry import SECTIONS, OdiResponse, OdiWording, SectionWording
from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.outcomes.psfs import PsfsAssessment
from sicoach.program.lifecycle import CareStatus
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult
from sicoach.store.models import (
    CareEventRow,
    CareStatusRow,
    IntakeRow,
    LegacyImportRow,
    OdiAnswerRow,
    OdiResponseRow,
    OdiWordingRow,
    PainRatingRow,
    PersonRow,
    PlanVersionRow,
    PsfsActivityRow,
    PsfsAssessmentRow,
    PsfsRatingRow,
    ScreeningRow,
    SessionRow,
    SessionStepRow,
)
from sicoach.store.records import (
    CareEntry,
    HoldRow,
    IntakeEntry,
    Person,
    PersonOverview,
    PlanVersion,
    PsfsActivity,
    Screening,
    SessionSummary,
    StoredSession,
)

__all__ = [
    "IntakeRepository",
    "LegacyImportRepository",
    "OdiRepository",
    "PainRepository",
    "PeopleRepository",
    "PersonIds",
    "PlanRepository",
    "PsfsRepository",
    "SessionRepository",
    "SqlAlchemyIntakeRepository",
    "SqlAlchemyLegacyImportRepository",
    "SqlAlchemyOdiRepository",
    "SqlAlchemyPainRepository",
    "SqlAlchemyPeopleRepository",
    "SqlAlchemyPlanRepository",
    "SqlAlchemyPsfsRepository",
    "SqlAlchemySessionRepository",
]


# --- what the services may ask -----------------------------------------------------


class PeopleRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person: Person) -> None:
        """Keep a new person."""

    @abc.abstractmethod
    def get(self, person_id: str) -> Person | None:
        """The person with this id, or None."""

    @abc.abstractmethod
    def first(self) -> Person | None:
        """The earliest person added (local mode's one person), or None."""

    @abc.abstractmethod
    def all(self) -> list[Person]:
        """Every person, earliest first."""

    @abc.abstractmethod
    def set_time_zone(self, person_id: str, time_zone: str | None) -> None:
        """Keep the person's time zone (an IANA name; None: the computer's own)."""

    @abc.abstractmethod
    def overview(self, person_ids: Sequence[str], since: datetime) -> dict[str, PersonOverview]:
        """A clinician's list of these people in one read: name, latest answers, sessions
        and pain, and the sessions since ``since``; unknown ids are left out."""


class IntakeRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person_id: str, entry: IntakeEntry) -> None:
        """Keep an intake and its screening."""

    @abc.abstractmethod
    def history(self, person_id: str) -> list[IntakeEntry]:
        """Every intake of the person, oldest first."""

    @abc.abstractmethod
    def latest_recorded_at(self, person_id: str) -> datetime | None:
        """When the person last answered the intake (None: never)."""


class PlanRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person_id: str, version: PlanVersion) -> None:
        """Keep a new plan version."""

    @abc.abstractmethod
    def latest(self, person_id: str) -> PlanVersion | None:
        """The newest plan version, or None."""

    @abc.abstractmethod
    def history(self, person_id: str) -> list[PlanVersion]:
        """Every plan version, oldest first."""

    @abc.abstractmethod
    def first_created_at(self, person_id: str) -> datetime | None:
        """When the person's first plan version was made, or None."""


class CareRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, person_id: str) -> CareStatus | None:
        """The stored status, or None before the lifecycle has seen the person."""

    @abc.abstractmethod
    def put(self, person_id: str, status: CareStatus, at: datetime) -> None:
        """Keep ``status`` as the person's status (replacing the one before)."""

    @abc.abstractmethod
    def add_event(self, person_id: str, entry: CareEntry) -> None:
        """Keep one event of the person's care."""

    @abc.abstractmethod
    def events(self, person_id: str) -> list[CareEntry]:
        """Every event of the person's care, oldest first."""

    @abc.abstractmethod
    def many(self, person_ids: Sequence[str]) -> dict[str, CareStatus]:
        """The stored statuses of these people (one read, for a clinician's list)."""


class SessionRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person_id: str, session: StoredSession) -> None:
        """Keep a session with all its steps (its pain ratings go to the pain repository)."""

    @abc.abstractmethod
    def exists(self, person_id: str, session_id: str) -> bool:
        """True when the person already has a session with this id."""

    @abc.abstractmethod
    def history(self, person_id: str) -> list[StoredSession]:
        """Every session with its steps, oldest first (pain fields left empty)."""

    @abc.abstractmethod
    def summaries(self, person_id: str, since: datetime | None) -> list[SessionSummary]:
        """Start time and completion of each session started at or after ``since``."""

    @abc.abstractmethod
    def holds(self, person_id: str, since: datetime | None) -> list[HoldRow]:
        """Mean actual seconds of completed holds per stretch per session since ``since``."""

    @abc.abstractmethod
    def first_started_at(self, person_id: str) -> datetime | None:
        """When the person's first session started, or None."""


class PainRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person_id: str, rating: PainRating) -> None:
        """Keep a rating (its session, if any, must already be kept)."""

    @abc.abstractmethod
    def add_all(self, person_id: str, ratings: Sequence[PainRating]) -> None:
        """Keep several ratings at once (their sessions must already be kept)."""

    @abc.abstractmethod
    def history(self, person_id: str, since: datetime | None = None) -> list[PainRating]:
        """Ratings at or after ``since``, oldest first."""

    @abc.abstractmethod
    def first(self, person_id: str, kind: PainKind) -> PainRating | None:
        """The person's first rating of this kind (the baseline), or None."""

    @abc.abstractmethod
    def firsts(self, person_id: str) -> dict[PainKind, PainRating]:
        """The person's first rating of each kind they have rated (the baselines)."""


class PsfsRepository(abc.ABC):
    @abc.abstractmethod
    def activities(self, person_id: str) -> list[PsfsActivity]:
        """Every activity the person ever named, current and retired, by position."""

    @abc.abstractmethod
    def add_activity(self, person_id: str, activity: PsfsActivity) -> None:
        """Keep a newly named activity."""

    @abc.abstractmethod
    def update_activity(self, person_id: str, activity: PsfsActivity) -> None:
        """Change the position or retirement of an activity, found by name."""

    @abc.abstractmethod
    def add(self, person_id: str, assessment: PsfsAssessment) -> None:
        """Keep an assessment (its activities must already be kept)."""

    @abc.abstractmethod
    def history(self, person_id: str) -> list[PsfsAssessment]:
        """Every assessment, oldest first."""


class OdiRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, person_id: str, response: OdiResponse) -> None:
        """Keep a questionnaire with its answers and score."""

    @abc.abstractmethod
    def history(self, person_id: str) -> list[OdiResponse]:
        """Every questionnaire, oldest first."""

    @abc.abstractmethod
    def wording(self) -> OdiWording | None:
        """The clinic's licensed wording, if one was loaded."""

    @abc.abstractmethod
    def set_wording(self, wording: OdiWording, loaded_at: datetime) -> None:
        """Replace the licensed wording."""


class LegacyImportRepository(abc.ABC):
    @abc.abstractmethod
    def imported(self, path: str, sha256: str) -> bool:
        """True when this file with this content was imported before."""

    @abc.abstractmethod
    def mark(self, path: str, sha256: str, kind: str, imported_at: datetime) -> None:
        """Remember that this file was imported."""


# --- SQLAlchemy ----------------------------------------------------------------------


class PersonIds:
    """Public person ids to row ids, looked up once per unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, int] = {}

    def know(self, person_id: str, row_id: int) -> None:
        """Remember a row id already read (the person's own row), saving its look-up."""
        self._ids[person_id] = row_id

    def __call__(self, person_id: str) -> int:
        if person_id not in self._ids:
            row_id = self._session.scalar(select(PersonRow.id).where(PersonRow.uid == person_id))
            if row_id is None:
                raise LookupError(f"no person {person_id!r}")
            self._ids[person_id] = row_id
        return self._ids[person_id]


class _SqlRepository:
    def __init__(self, session: Session, person_ids: PersonIds) -> None:
        self._session = session
        self._pid = person_ids


def _person(row: PersonRow | Row[int, str, str | None, datetime, str | None]) -> Person:
    # An ORM row, or a row of _PERSON_COLUMNS.
    return Person(
        id=row.uid,
        display_name=row.display_name,
        created_at=row.created_at,
        time_zone=row.time_zone,
    )


_STEPS_TABLE = cast(Table, SessionStepRow.__table__)

# The reads every page and API call makes, built once: columns rather than ORM objects,
# and a statement SQLAlchemy has already compiled, so a read costs little more than its SQL.
_PERSON_COLUMNS = (
    PersonRow.id,
    PersonRow.uid,
    PersonRow.display_name,
    PersonRow.created_at,
    PersonRow.time_zone,
)
_PERSON_BY_UID = select(*_PERSON_COLUMNS).where(PersonRow.uid == bindparam("uid"))
_FIRST_PERSON = select(*_PERSON_COLUMNS).order_by(PersonRow.id).limit(1)
_LATEST_PLAN = (
    select(
        PlanVersionRow.number,
        PlanVersionRow.created_at,
        PlanVersionRow.changed_by,
        PlanVersionRow.reason,
        PlanVersionRow.plan,
    )
    .where(PlanVersionRow.person_id == bindparam("pid"))
    .order_by(PlanVersionRow.number.desc())
    .limit(1)
)
_CARE_STATUS = select(CareStatusRow.status).where(CareStatusRow.person_id == bindparam("pid"))


class SqlAlchemyPeopleRepository(PeopleRepository, _SqlRepository):
    def add(self, person: Person) -> None:
        self._session.add(
            PersonRow(
                uid=person.id,
                display_name=person.display_name,
                created_at=person.created_at,
                time_zone=person.time_zone,
            )
        )
        self._session.flush()

    def get(self, person_id: str) -> Person | None:
        row = self._session.execute(_PERSON_BY_UID, {"uid": person_id}).first()
        if row is None:
            return None
        self._pid.know(row.uid, row.id)
        return _person(row)

    def first(self) -> Person | None:
        row = self._session.execute(_FIRST_PERSON).first()
        if row is None:
            return None
        self._pid.know(row.uid, row.id)
        return _person(row)

    def all(self) -> list[Person]:
        return [_person(r) for r in self._session.scalars(select(PersonRow).order_by(PersonRow.id))]

    def set_time_zone(self, person_id: str, time_zone: str | None) -> None:
        self._session.execute(
            update(PersonRow).where(PersonRow.uid == person_id).values(time_zone=time_zone)
        )

    def overview(self, person_ids: Sequence[str], since: datetime) -> dict[str, PersonOverview]:
        # One statement for the whole list: each column is a correlated subquery that an
        # index on (person_id, time) answers, so the cost per person stays constant.
        if not person_ids:
            return {}
        person = PersonRow.id

        def latest_pain(column: Any) -> Any:
            return (
                select(column)
                .where(PainRatingRow.person_id == person)
                .order_by(PainRatingRow.recorded_at.desc(), PainRatingRow.id.desc())
                .limit(1)
                .scalar_subquery()
            )

        def sessions_since(completed: bool) -> Any:
            return (
                select(func.count())
                .where(
                    and_(
                        SessionRow.person_id == person,
                        SessionRow.started_at >= since,
                        SessionRow.completed.is_(completed),
                    )
                )
                .scalar_subquery()
            )

        def moment(function: Any, column: Any, owner: Any) -> Any:
            return select(function(column)).where(owner == person).scalar_subquery()

        query = select(
            PersonRow.uid,
            PersonRow.display_name,
            moment(func.max, IntakeRow.recorded_at, IntakeRow.person_id),
            moment(func.min, SessionRow.started_at, SessionRow.person_id),
            moment(func.max, SessionRow.started_at, SessionRow.person_id),
            moment(func.min, PlanVersionRow.created_at, PlanVersionRow.person_id),
            latest_pain(PainRatingRow.kind),
            latest_pain(PainRatingRow.value),
            latest_pain(PainRatingRow.recorded_at),
            sessions_since(True),
            sessions_since(False),
        ).where(PersonRow.uid.in_(list(person_ids)))
        found: dict[str, PersonOverview] = {}
        for row in self._session.execute(query):
            uid, name, answered, first, last, planned, kind, value, felt, done, part = row
            found[uid] = PersonOverview(
                person_id=uid,
                display_name=name,
                last_intake_at=(answered),
                first_session_at=(first),
                last_session_at=(last),
                first_plan_at=(planned),
                last_pain=_pain(kind, value, (felt), None) if kind is not None else None,
                done_since=done,
                partial_since=part,
            )
        return found


class SqlAlchemyIntakeRepository(IntakeRepository, _SqlRepository):
    def add(self, person_id: str, entry: IntakeEntry) -> None:
        row = IntakeRow(
            person_id=self._pid(person_id),
            recorded_at=entry.recorded_at,
            source=entry.source,
            answers=entry.answers,
        )
        self._session.add(row)
        self._session.flush()
        if entry.screening is not None:
            s = entry.screening
            self._session.add(
                ScreeningRow(
                    intake_id=row.id,
                    eligible=s.eligible,
                    urgency=s.urgency,
                    reasons=list(s.reasons),
                    advice=s.advice,
                )
            )

    def history(self, person_id: str) -> list[IntakeEntry]:
        query = (
            select(IntakeRow, ScreeningRow)
            .outerjoin(ScreeningRow, ScreeningRow.intake_id == IntakeRow.id)
            .where(IntakeRow.person_id == self._pid(person_id))
            .order_by(IntakeRow.recorded_at, IntakeRow.id)
        )
        return [
            IntakeEntry(
                recorded_at=intake.recorded_at,
                source=intake.source,
                answers=intake.answers,
                screening=None
                if screening is None
                else Screening(
                    eligible=screening.eligible,
                    urgency=screening.urgency,
                    reasons=tuple(screening.reasons),
                    advice=screening.advice,
                ),
            )
            for intake, screening in self._session.execute(query)
        ]

    def latest_recorded_at(self, person_id: str) -> datetime | None:
        return self._session.scalar(
            select(IntakeRow.recorded_at)
            .where(IntakeRow.person_id == self._pid(person_id))
            .order_by(IntakeRow.recorded_at.desc())
            .limit(1)
        )


def _plan_version(row: PlanVersionRow | Row[Any]) -> PlanVersion:
    """A plan version from its ORM row or a row of its columns (the same names)."""
    return PlanVersion(
        number=row.number,
        created_at=row.created_at,
        changed_by=row.changed_by,
        reason=row.reason,
        plan=row.plan,
    )


class SqlAlchemyPlanRepository(PlanRepository, _SqlRepository):
    def add(self, person_id: str, version: PlanVersion) -> None:
        self._session.add(
            PlanVersionRow(
                person_id=self._pid(person_id),
                number=version.number,
                created_at=version.created_at,
                changed_by=version.changed_by,
                reason=version.reason,
                plan=version.plan,
            )
        )
        self._session.flush()

    def latest(self, person_id: str) -> PlanVersion | None:
        row = self._session.execute(_LATEST_PLAN, {"pid": self._pid(person_id)}).first()
        return _plan_version(row) if row is not None else None

    def first_created_at(self, person_id: str) -> datetime | None:
        return self._session.scalar(
            select(PlanVersionRow.created_at)
            .where(PlanVersionRow.person_id == self._pid(person_id))
            .order_by(PlanVersionRow.number)
            .limit(1)
        )

    def history(self, person_id: str) -> list[PlanVersion]:
        rows = self._session.scalars(
            select(PlanVersionRow)
            .where(PlanVersionRow.person_id == self._pid(person_id))
            .order_by(PlanVersionRow.number)
        )
        return [_plan_version(r) for r in rows]


class SqlAlchemyCareRepository(CareRepository, _SqlRepository):
    def get(self, person_id: str) -> CareStatus | None:
        data = self._session.scalar(_CARE_STATUS, {"pid": self._pid(person_id)})
        return CareStatus.model_validate(data) if data is not None else None

    def put(self, person_id: str, status: CareStatus, at: datetime) -> None:
        pid = self._pid(person_id)
        document = status.model_dump(mode="json")
        row = self._session.get(CareStatusRow, pid)
        if row is None:
            self._session.add(
                CareStatusRow(
                    person_id=pid, state=status.state.value, status=document, updated_at=at
                )
            )
        else:
            row.state, row.status, row.updated_at = status.state.value, document, at
        self._session.flush()

    def add_event(self, person_id: str, entry: CareEntry) -> None:
        self._session.add(
            CareEventRow(
                person_id=self._pid(person_id),
                at=entry.at,
                kind=entry.kind,
                role=entry.role,
                by=entry.by,
                from_state=entry.from_state,
                to_state=entry.to_state,
                detail=entry.detail,
            )
        )
        self._session.flush()

    def events(self, person_id: str) -> list[CareEntry]:
        rows = self._session.scalars(
            select(CareEventRow)
            .where(CareEventRow.person_id == self._pid(person_id))
            .order_by(CareEventRow.at, CareEventRow.id)
        )
        return [
            CareEntry(r.at, r.kind, r.role, r.by, r.from_state, r.to_state, r.detail) for r in rows
        ]

    def many(self, person_ids: Sequence[str]) -> dict[str, CareStatus]:
        if not person_ids:
            return {}
        rows = self._session.execute(
            select(PersonRow.uid, CareStatusRow.status)
            .join(CareStatusRow, CareStatusRow.person_id == PersonRow.id)
            .where(PersonRow.uid.in_(list(person_ids)))
        )
        return {uid: CareStatus.model_validate(data) for uid, data in rows}


class SqlAlchemySessionRepository(SessionRepository, _SqlRepository):
    def add(self, person_id: str, session: StoredSession) -> None:
        record = session.record
        row = SessionRow(
            person_id=self._pid(person_id),
            uid=record.id,
            plan_version=session.plan_version,
            started_at=record.started_at,
            ended_at=record.ended_at,
            completed=record.completed,
        )
        self._session.add(row)
        self._session.flush()
        steps = [
            {
                "session_id": row.id,
                "position": step.index,
                "exercise": step.exercise,
                "side": step.side,
                "rep": step.rep,
                "phase": step.phase.value,
                "planned_seconds": step.planned_seconds,
                "actual_seconds": step.actual_seconds,
                "outcome": step.outcome.value,
            }
            for step in record.steps
        ]
        if steps:
            # On the table itself, not through the ORM's bulk path: one compiled statement
            # sent for all the steps (the driver's executemany; on PostgreSQL SQLAlchemy
            # batches the rows into multi-row VALUES).
            self._session.connection().execute(insert(_STEPS_TABLE), steps)

    def exists(self, person_id: str, session_id: str) -> bool:
        found = self._session.scalar(
            select(SessionRow.id).where(
                SessionRow.person_id == self._pid(person_id), SessionRow.uid == session_id
            )
        )
        return found is not None

    def history(self, person_id: str) -> list[StoredSession]:
        pid = self._pid(person_id)
        rows = self._session.scalars(
            select(SessionRow).where(SessionRow.person_id == pid).order_by(SessionRow.started_at)
        ).all()
        steps: dict[int, list[StepResult]] = defaultdict(list)
        step_rows = self._session.scalars(
            select(SessionStepRow)
            .join(SessionRow, SessionRow.id == SessionStepRow.session_id)
            .where(SessionRow.person_id == pid)
            .order_by(SessionStepRow.session_id, SessionStepRow.position)
        )
        for s in step_rows:
            steps[s.session_id].append(
                StepResult(
                    index=s.position,
                    exercise=s.exercise,
                    side=s.side,
                    rep=s.rep,
                    phase=Phase(s.phase),
                    planned_seconds=s.planned_seconds,
                    actual_seconds=s.actual_seconds,
                    outcome=StepOutcome(s.outcome),
                )
            )
        return [
            StoredSession(
                record=SessionRecord(
                    id=r.uid,
                    started_at=r.started_at,
                    ended_at=r.ended_at,
                    completed=r.completed,
                    steps=steps[r.id],
                ),
                plan_version=r.plan_version,
            )
            for r in rows
        ]

    def summaries(self, person_id: str, since: datetime | None) -> list[SessionSummary]:
        query = select(SessionRow.started_at, SessionRow.completed).where(
            SessionRow.person_id == self._pid(person_id)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        return [
            SessionSummary(started_at=started, completed=completed)
            for started, completed in self._session.execute(query.order_by(SessionRow.started_at))
        ]

    def holds(self, person_id: str, since: datetime | None) -> list[HoldRow]:
        query = (
            select(
                SessionRow.started_at,
                SessionStepRow.exercise,
                func.avg(SessionStepRow.actual_seconds),
            )
            .join(SessionStepRow, SessionStepRow.session_id == SessionRow.id)
            .where(
                SessionRow.person_id == self._pid(person_id),
                SessionStepRow.phase == Phase.HOLD.value,
                SessionStepRow.outcome == StepOutcome.COMPLETED.value,
                SessionStepRow.exercise.is_not(None),
            )
            .group_by(SessionRow.id, SessionRow.started_at, SessionStepRow.exercise)
            .order_by(SessionRow.started_at)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        return [
            HoldRow(started_at=started, exercise=str(exercise), seconds=float(seconds))
            for started, exercise, seconds in self._session.execute(query)
        ]

    def first_started_at(self, person_id: str) -> datetime | None:
        return self._session.scalar(
            select(SessionRow.started_at)
            .where(SessionRow.person_id == self._pid(person_id))
            .order_by(SessionRow.started_at)
            .limit(1)
        )


_PAIN_COLUMNS = (
    PainRatingRow.kind,
    PainRatingRow.value,
    PainRatingRow.recorded_at,
    SessionRow.uid,
    PainRatingRow.id,
)


def _pain(kind: str, value: int, recorded_at: datetime, session_uid: str | None) -> PainRating:
    return PainRating(
        kind=PainKind(kind), value=value, recorded_at=recorded_at, session_id=session_uid
    )


class SqlAlchemyPainRepository(PainRepository, _SqlRepository):
    def add(self, person_id: str, rating: PainRating) -> None:
        self.add_all(person_id, [rating])

    def add_all(self, person_id: str, ratings: Sequence[PainRating]) -> None:
        if not ratings:
            return
        pid = self._pid(person_id)
        uids = {r.session_id for r in ratings if r.session_id is not None}
        ids: dict[str, int] = {}
        if uids:
            ids = dict(
                self._session.execute(
                    select(SessionRow.uid, SessionRow.id).where(
                        SessionRow.person_id == pid, SessionRow.uid.in_(uids)
                    )
                ).all()
            )
        missing = sorted(uids - set(ids))
        if missing:
            raise LookupError(f"no session {missing[0]!r}")
        self._session.execute(
            insert(PainRatingRow),
            [
                {
                    "person_id": pid,
                    "session_id": None if r.session_id is None else ids[r.session_id],
                    "kind": r.kind.value,
                    "value": r.value,
                    "recorded_at": r.recorded_at,
                }
                for r in ratings
            ],
        )

    def _select(self, person_id: str) -> Select[str, int, datetime, str | None, int]:
        return (
            select(*_PAIN_COLUMNS)
            .outerjoin(SessionRow, SessionRow.id == PainRatingRow.session_id)
            .where(PainRatingRow.person_id == self._pid(person_id))
        )

    def history(self, person_id: str, since: datetime | None = None) -> list[PainRating]:
        query = self._select(person_id).order_by(PainRatingRow.recorded_at, PainRatingRow.id)
        if since is not None:
            query = query.where(PainRatingRow.recorded_at >= since)
        return [_pain(*row[:4]) for row in self._session.execute(query)]

    def first(self, person_id: str, kind: PainKind) -> PainRating | None:
        return self.firsts(person_id).get(kind)

    def firsts(self, person_id: str) -> dict[PainKind, PainRating]:
        # One LIMIT-1 index seek per kind, sent as one statement: the cost does not
        # grow with the number of ratings.
        parts = [
            self._select(person_id)
            .where(PainRatingRow.kind == kind.value)
            .order_by(PainRatingRow.recorded_at, PainRatingRow.id)
            .limit(1)
            .subquery()
            for kind in PainKind
        ]
        query = union_all(*(select(part) for part in parts))
        found = {}
        for row in self._session.execute(query):
            rating = _pain(*row[:4])
            found[rating.kind] = rating
        return found


class SqlAlchemyPsfsRepository(PsfsRepository, _SqlRepository):
    def activities(self, person_id: str) -> list[PsfsActivity]:
        rows = self._session.scalars(
            select(PsfsActivityRow)
            .where(PsfsActivityRow.person_id == self._pid(person_id))
            .order_by(PsfsActivityRow.position, PsfsActivityRow.id)
        )
        return [
            PsfsActivity(
                name=r.name, position=r.position, created_at=r.created_at, retired_at=r.retired_at
            )
            for r in rows
        ]

    def add_activity(self, person_id: str, activity: PsfsActivity) -> None:
        self._session.add(
            PsfsActivityRow(
                person_id=self._pid(person_id),
                name=activity.name,
                position=activity.position,
                created_at=activity.created_at,
                retired_at=activity.retired_at,
            )
        )
        self._session.flush()

    def update_activity(self, person_id: str, activity: PsfsActivity) -> None:
        self._session.execute(
            update(PsfsActivityRow)
            .where(
                PsfsActivityRow.person_id == self._pid(person_id),
                PsfsActivityRow.name == activity.name,
            )
            .values(position=activity.position, retired_at=activity.retired_at)
        )

    def add(self, person_id: str, assessment: PsfsAssessment) -> None:
        pid = self._pid(person_id)
        ids = dict(
            self._session.execute(
                select(PsfsActivityRow.name, PsfsActivityRow.id).where(
                    PsfsActivityRow.person_id == pid
                )
            ).all()
        )
        row = PsfsAssessmentRow(person_id=pid, recorded_at=assessment.recorded_at)
        self._session.add(row)
        self._session.flush()
        self._session.execute(
            insert(PsfsRatingRow),
            [
                {"assessment_id": row.id, "activity_id": ids[name], "value": value}
                for name, value in assessment.ratings.items()
            ],
        )

    def history(self, person_id: str) -> list[PsfsAssessment]:
        pid = self._pid(person_id)
        query = (
            select(
                PsfsAssessmentRow.id,
                PsfsAssessmentRow.recorded_at,
                PsfsActivityRow.name,
                PsfsRatingRow.value,
            )
            .join(PsfsRatingRow, PsfsRatingRow.assessment_id == PsfsAssessmentRow.id)
            .join(PsfsActivityRow, PsfsActivityRow.id == PsfsRatingRow.activity_id)
            .where(PsfsAssessmentRow.person_id == pid)
            .order_by(PsfsAssessmentRow.recorded_at, PsfsAssessmentRow.id, PsfsActivityRow.position)
        )
        grouped: dict[int, tuple[datetime, dict[str, int]]] = {}
        for assessment_id, recorded_at, name, value in self._session.execute(query):
            grouped.setdefault(assessment_id, (recorded_at, {}))[1][name] = value
        return [PsfsAssessment(recorded_at=at, ratings=r) for at, r in grouped.values()]


class SqlAlchemyOdiRepository(OdiRepository, _SqlRepository):
    def add(self, person_id: str, response: OdiResponse) -> None:
        row = OdiResponseRow(
            person_id=self._pid(person_id),
            recorded_at=response.recorded_at,
            score=response.score.percent,
        )
        self._session.add(row)
        self._session.flush()
        self._session.execute(
            insert(OdiAnswerRow),
            [
                {"response_id": row.id, "section": s, "value": response.answers.get(s)}
                for s in SECTIONS
            ],
        )

    def history(self, person_id: str) -> list[OdiResponse]:
        query = (
            select(
                OdiResponseRow.id,
                OdiResponseRow.recorded_at,
                OdiAnswerRow.section,
                OdiAnswerRow.value,
            )
            .join(OdiAnswerRow, OdiAnswerRow.response_id == OdiResponseRow.id)
            .where(OdiResponseRow.person_id == self._pid(person_id))
            .order_by(OdiResponseRow.recorded_at, OdiResponseRow.id)
        )
        grouped: dict[int, tuple[datetime, dict[str, int | None]]] = {}
        for response_id, recorded_at, section, value in self._session.execute(query):
            grouped.setdefault(response_id, (recorded_at, {}))[1][section] = value
        return [
            OdiResponse(recorded_at=at, answers={s: a.get(s) for s in SECTIONS})
            for at, a in grouped.values()
        ]

    def wording(self) -> OdiWording | None:
        rows = self._session.scalars(select(OdiWordingRow)).all()
        if not rows:
            return None
        return OdiWording(
            source=rows[0].source,
            sections={
                r.section: SectionWording(title=r.title, options=tuple(r.options))
                for r in sorted(rows, key=lambda r: SECTIONS.index(r.section))
            },
        )

    def set_wording(self, wording: OdiWording, loaded_at: datetime) -> None:
        for row in self._session.scalars(select(OdiWordingRow)):
            self._session.delete(row)
        self._session.flush()
        for section, text in wording.sections.items():
            self._session.add(
                OdiWordingRow(
                    section=section,
                    title=text.title,
                    options=list(text.options),
                    source=wording.source,
                    loaded_at=loaded_at,
                )
            )


class SqlAlchemyLegacyImportRepository(LegacyImportRepository, _SqlRepository):
    def imported(self, path: str, sha256: str) -> bool:
        found = self._session.scalar(
            select(LegacyImportRow.path).where(
                LegacyImportRow.path == path, LegacyImportRow.sha256 == sha256
            )
        )
        return found is not None

    def mark(self, path: str, sha256: str, kind: str, imported_at: datetime) -> None:
        self._session.add(
            LegacyImportRow(path=path, sha256=sha256, kind=kind, imported_at=imported_at)
        )
        self._session.flush()
