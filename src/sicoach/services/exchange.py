"""Export everything about a person as one document, and import it back, losing nothing.

The document (schema ``sicoach.export/1``) is the single source the file formats in
:mod:`sicoach.services.export_formats` encode. Import checks the whole document
first and reports every problem; then it writes everything in one transaction.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from sicoach.catalog import Catalog
from sicoach.outcomes.errors import OutcomeError
from sicoach.outcomes.oswestry import OdiResponse, check_answers
from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.outcomes.psfs import PsfsAssessment
from sicoach.program.intake import IntakeError, parse_intake
from sicoach.program.lifecycle import CareState, CareStatus
from sicoach.services.bounds import value_problems
from sicoach.services.errors import ImportRefused, InvalidRecord, validation_problems
from sicoach.services.people import require_person
from sicoach.services.plans import parse_plan
from sicoach.services.sessions import check_session
from sicoach.services.times import now_utc, zone_named
from sicoach.session.script_model import SessionRecord, StepResult
from sicoach.store.records import (
    CareEntry,
    IntakeEntry,
    Person,
    PlanVersion,
    PsfsActivity,
    Screening,
    StoredSession,
)
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["EXPORT_SCHEMA", "ExportDocument", "export_person", "import_person", "parse_document"]

EXPORT_SCHEMA: Final = "sicoach.export/1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonDoc(_Doc):
    id: Annotated[str, Field(min_length=1, max_length=36)]
    display_name: Annotated[str, Field(max_length=200)] | None
    created_at: AwareDatetime
    time_zone: Annotated[str, Field(max_length=64)] | None = None  # older exports have none


class ScreeningDoc(_Doc):
    eligible: bool
    urgency: str | None
    reasons: list[str]
    advice: str | None


class IntakeDoc(_Doc):
    recorded_at: AwareDatetime
    source: Annotated[str, Field(min_length=1, max_length=40)]
    answers: dict[str, Any]
    screening: ScreeningDoc | None


class PlanVersionDoc(_Doc):
    number: Annotated[int, Field(ge=1)]
    created_at: AwareDatetime
    changed_by: Annotated[str, Field(min_length=1, max_length=200)]
    reason: Annotated[str, Field(min_length=1)]
    plan: dict[str, Any]


class SessionDoc(_Doc):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    started_at: AwareDatetime
    ended_at: AwareDatetime
    completed: bool
    plan_version: int | None
    steps: list[StepResult]


class PainDoc(_Doc):
    kind: PainKind
    value: Annotated[int, Field(ge=0, le=10)]
    recorded_at: AwareDatetime
    session_id: str | None


class PsfsActivityDoc(_Doc):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    position: Annotated[int, Field(ge=0)]
    created_at: AwareDatetime
    retired_at: AwareDatetime | None


class PsfsAssessmentDoc(_Doc):
    recorded_at: AwareDatetime
    ratings: dict[str, int]


class OdiDoc(_Doc):
    recorded_at: AwareDatetime
    answers: dict[str, Annotated[int, Field(ge=0, le=5)] | None]
    score: int | None
    band: str | None


class CareEventDoc(_Doc):
    at: AwareDatetime
    kind: Annotated[str, Field(min_length=1, max_length=40)]
    role: Annotated[str, Field(min_length=1, max_length=20)]
    by: Annotated[str, Field(min_length=1, max_length=200)]
    from_state: CareState
    to_state: CareState
    detail: str


class ExportDocument(_Doc):
    """Everything sicoach keeps about one person."""

    schema_: Literal["sicoach.export/1"] = Field(default=EXPORT_SCHEMA, alias="schema")
    exported_at: AwareDatetime
    person: PersonDoc
    intakes: list[IntakeDoc]
    plan_versions: list[PlanVersionDoc]
    sessions: list[SessionDoc]
    pain_ratings: list[PainDoc]
    psfs_activities: list[PsfsActivityDoc]
    psfs_assessments: list[PsfsAssessmentDoc]
    odi_responses: list[OdiDoc]
    # Where the plan stands and every event of its life; absent from older exports.
    care_status: CareStatus | None = None
    care_events: list[CareEventDoc] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def export_person(uow: AbstractUnitOfWork, person_id: str) -> dict[str, Any]:
    """Everything about the person as a JSON-ready mapping (schema sicoach.export/1)."""
    with uow:
        person = require_person(uow, person_id)
        intakes = uow.intakes.history(person_id)
        plans = uow.plans.history(person_id)
        sessions = uow.sessions.history(person_id)
        pain = uow.pain.history(person_id)
        activities = uow.psfs.activities(person_id)
        assessments = uow.psfs.history(person_id)
        odi = uow.odi.history(person_id)
        care_status = uow.care.get(person_id)
        care_events = uow.care.events(person_id)
    document = ExportDocument(
        exported_at=now_utc(),
        person=PersonDoc(
            id=person.id,
            display_name=person.display_name,
            created_at=person.created_at,
            time_zone=person.time_zone,
        ),
        intakes=[
            IntakeDoc(
                recorded_at=i.recorded_at,
                source=i.source,
                answers=i.answers,
                screening=None
                if i.screening is None
                else ScreeningDoc(
                    eligible=i.screening.eligible,
                    urgency=i.screening.urgency,
                    reasons=list(i.screening.reasons),
                    advice=i.screening.advice,
                ),
            )
            for i in intakes
        ],
        plan_versions=[
            PlanVersionDoc(
                number=p.number,
                created_at=p.created_at,
                changed_by=p.changed_by,
                reason=p.reason,
                plan=p.plan,
            )
            for p in plans
        ],
        sessions=[
            SessionDoc(
                id=s.record.id,
                started_at=s.record.started_at,
                ended_at=s.record.ended_at,
                completed=s.record.completed,
                plan_version=s.plan_version,
                steps=s.record.steps,
            )
            for s in sessions
        ],
        pain_ratings=[
            PainDoc(kind=r.kind, value=r.value, recorded_at=r.recorded_at, session_id=r.session_id)
            for r in pain
        ],
        psfs_activities=[
            PsfsActivityDoc(
                name=a.name, position=a.position, created_at=a.created_at, retired_at=a.retired_at
            )
            for a in activities
        ],
        psfs_assessments=[
            PsfsAssessmentDoc(recorded_at=a.recorded_at, ratings=dict(a.ratings))
            for a in assessments
        ],
        odi_responses=[
            OdiDoc(
                recorded_at=r.recorded_at,
                answers=dict(r.answers),
                score=r.score.percent,
                band=r.score.band,
            )
            for r in odi
        ],
        care_status=care_status,
        care_events=[
            CareEventDoc(
                at=e.at,
                kind=e.kind,
                role=e.role,
                by=e.by,
                from_state=CareState(e.from_state),
                to_state=CareState(e.to_state),
                detail=e.detail,
            )
            for e in care_events
        ],
    )
    return document.model_dump(mode="json", by_alias=True)


def parse_document(data: object, catalog: Catalog) -> ExportDocument:
    """The export document, or :class:`ImportRefused` listing every problem in it."""
    if not isinstance(data, dict):
        raise ImportRefused("the import file", ["(file): expected a sicoach.export/1 document"])
    try:
        document = ExportDocument.model_validate(data)
    except ValidationError as exc:
        raise ImportRefused("the import file", validation_problems(exc)) from None
    problems = _cross_check(document, catalog)
    if problems:
        raise ImportRefused("the import file", problems)
    return document


def _cross_check(document: ExportDocument, catalog: Catalog) -> list[str]:
    """What the document's types cannot see: bounds, references, duplicates, domain rules."""
    problems = value_problems(document, now_utc())
    if problems:
        return problems  # out-of-bounds values would break the checks below
    exercises = catalog.ids
    try:
        zone_named(document.person.time_zone)
    except ValueError as exc:
        problems.append(f"person.time_zone: {exc}")
    for n, intake in enumerate(document.intakes):
        try:
            parse_intake(intake.answers)
        except IntakeError as exc:
            problems.extend(f"intakes.{n}.answers.{p}" for p in exc.problems)
    numbers = [p.number for p in document.plan_versions]
    if len(set(numbers)) != len(numbers):
        problems.append("plan_versions: a version number appears twice")
    for n, version in enumerate(document.plan_versions):
        try:
            parse_plan(version.plan)
        except InvalidRecord as exc:
            problems.extend(f"plan_versions.{n}.plan.{p}" for p in exc.problems)
    session_ids = [s.id for s in document.sessions]
    if len(set(session_ids)) != len(session_ids):
        problems.append("sessions: a session id appears twice")
    for n, session in enumerate(document.sessions):
        try:
            check_session(_session_record(session), exercises)
        except InvalidRecord as exc:
            problems.extend(f"sessions.{n}.{p}" for p in exc.problems)
        if session.plan_version is not None and session.plan_version not in numbers:
            problems.append(f"sessions.{n}.plan_version: no plan version {session.plan_version}")
    known_sessions = set(session_ids)
    for n, rating in enumerate(document.pain_ratings):
        if rating.session_id is not None and rating.session_id not in known_sessions:
            problems.append(f"pain_ratings.{n}.session_id: no session {rating.session_id!r}")
    names = [a.name for a in document.psfs_activities]
    if len(set(names)) != len(names):
        problems.append("psfs_activities: an activity appears twice")
    for n, assessment in enumerate(document.psfs_assessments):
        unknown = sorted(set(assessment.ratings) - set(names))
        if unknown:
            problems.append(f"psfs_assessments.{n}.ratings: unknown activities {unknown}")
        try:
            PsfsAssessment(recorded_at=assessment.recorded_at, ratings=assessment.ratings)
        except OutcomeError as exc:
            problems.append(f"psfs_assessments.{n}: {exc}")
    for n, response in enumerate(document.odi_responses):
        try:
            check_answers(response.answers)
        except OutcomeError as exc:
            problems.append(f"odi_responses.{n}.answers: {exc}")
    return problems


def _session_record(session: SessionDoc) -> SessionRecord:
    return SessionRecord(
        id=session.id,
        started_at=session.started_at,
        ended_at=session.ended_at,
        completed=session.completed,
        steps=session.steps,
    )


def import_person(
    uow: AbstractUnitOfWork, data: object, *, catalog: Catalog, require_empty: bool = True
) -> Person:
    """Import an export document as a new person, all or nothing.

    With ``require_empty`` (local mode) the database must hold no one yet; otherwise
    only a person with the same id is refused.
    """
    document = parse_document(data, catalog)
    person = Person(
        id=document.person.id,
        display_name=document.person.display_name,
        created_at=document.person.created_at,
        time_zone=document.person.time_zone,
    )
    with uow:
        if require_empty and uow.people.first() is not None:
            raise ImportRefused(
                "the database", ["it already holds a person; import needs an empty database"]
            )
        if uow.people.get(person.id) is not None:
            raise ImportRefused("the database", [f"person {person.id!r} is already kept"])
        uow.people.add(person)
        _write(uow, person.id, document)
        require_person(uow, person.id)
        uow.commit()
    return person


def _write(uow: AbstractUnitOfWork, person_id: str, document: ExportDocument) -> None:
    for intake in document.intakes:
        s = intake.screening
        uow.intakes.add(
            person_id,
            IntakeEntry(
                recorded_at=intake.recorded_at,
                source=intake.source,
                answers=intake.answers,
                screening=None
                if s is None
                else Screening(s.eligible, s.urgency, tuple(s.reasons), s.advice),
            ),
        )
    for version in sorted(document.plan_versions, key=lambda v: v.number):
        uow.plans.add(
            person_id,
            PlanVersion(
                number=version.number,
                created_at=version.created_at,
                changed_by=version.changed_by,
                reason=version.reason,
                plan=version.plan,
            ),
        )
    for session in document.sessions:
        uow.sessions.add(
            person_id,
            StoredSession(record=_session_record(session), plan_version=session.plan_version),
        )
    uow.pain.add_all(
        person_id,
        [
            PainRating(
                kind=rating.kind,
                value=rating.value,
                recorded_at=rating.recorded_at,
                session_id=rating.session_id,
            )
            for rating in document.pain_ratings
        ],
    )
    for activity in document.psfs_activities:
        uow.psfs.add_activity(
            person_id,
            PsfsActivity(
                activity.name, activity.position, activity.created_at, activity.retired_at
            ),
        )
    for assessment in document.psfs_assessments:
        uow.psfs.add(person_id, PsfsAssessment(assessment.recorded_at, assessment.ratings))
    if document.care_status is not None:
        uow.care.put(person_id, document.care_status, document.exported_at)
    for event in document.care_events:
        uow.care.add_event(
            person_id,
            CareEntry(
                at=event.at,
                kind=event.kind,
                role=event.role,
                by=event.by,
                from_state=event.from_state.value,
                to_state=event.to_state.value,
                detail=event.detail,
            ),
        )
    for response in document.odi_responses:
        uow.odi.add(
            person_id,
            OdiResponse(recorded_at=response.recorded_at, answers=check_answers(response.answers)),
        )
