"""The JSON API under /api/v1 (DESIGN.md contract 13): the person's and the clinician's actions.

Bodies are the contracts' own JSON (plan: sicoach.plan/1, script: sicoach.script/1,
session: sicoach.session/1, status: sicoach.status/1). A bad field gives 422 with each
problem named; a step the plan's life does not allow now gives 409. A clinician's
route answers 403 to a person, and 404 for a patient who is not theirs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sicoach import rules
from sicoach.outcomes.trends import WeekAdherence
from sicoach.program.intake import IntakeError, parse_intake
from sicoach.program.lifecycle import Flag, Role
from sicoach.program.prescription import DoseChange
from sicoach.services import accounts, care, clinic, coaching
from sicoach.services.errors import UnknownPerson
from sicoach.services.times import local_zone
from sicoach.session.script_model import SessionRecord
from sicoach.store.accounts import Invite
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep
from sicoach.web.viewer import OwnPerson, Viewer

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])


async def _person(request: Request, viewer: ViewerDep) -> OwnPerson:
    if viewer is None:
        raise HTTPException(status_code=401, detail="Log in first.")
    if viewer.person_id is None:
        raise HTTPException(status_code=403, detail="Only a person can use their own plan.")
    return OwnPerson(actor=viewer, person_id=viewer.person_id)


PersonDep = Annotated[OwnPerson, Depends(_person)]


class PainIn(BaseModel):
    """A pain rating (0-10) and when it was felt."""

    model_config = ConfigDict(extra="forbid")

    value: Annotated[int, Field(ge=0, le=10, description="0 no pain, 10 worst imaginable")]
    when: Literal["before", "during", "after", "next-morning"]
    session_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class SessionPainIn(BaseModel):
    """The pain during (worst) and right after a session, given when it ends."""

    model_config = ConfigDict(extra="forbid")

    during: Annotated[int, Field(ge=0, le=10)] | None = None
    after: Annotated[int, Field(ge=0, le=10)]


class RedFlagsIn(BaseModel):
    """The warning-sign questions answered again: every one, true or false."""

    model_config = ConfigDict(extra="forbid")

    red_flags: dict[str, bool]


class ReviewIn(BaseModel):
    """A clinician's review: who (local mode, recorded by the person), when, and a note."""

    model_config = ConfigDict(extra="forbid")

    by: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None
    date: dt.date | None = None


class Answer(BaseModel):
    """What an event did: the state after it and the words for the person."""

    saved: Literal[True] = True
    id: str | None = None
    state: str
    verdict: str | None = None
    message: str


def _answer(outcome: care.Outcome, record_id: str | None = None) -> Answer:
    return Answer(
        id=record_id,
        state=outcome.view.status.state.value,
        verdict=outcome.verdict.value if outcome.verdict else None,
        message=outcome.message,
    )


@router.get("/status", summary="Where the plan stands (sicoach.status/1)")
def read_status(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """Contract 9: the state, today's stretches (when active), flags and advice."""
    return care.care_view(context.uow(), viewer.person_id, dt.date.today()).to_json_dict()


@router.put(
    "/intake",
    dependencies=[Depends(check_csrf)],
    summary="Give or change the answers (sicoach.intake/1-3); answers the status",
)
def put_intake(
    body: dict[str, Any], request: Request, context: ContextDep, viewer: PersonDep
) -> dict[str, Any]:
    """The person's answers: a plan made or kept, a referral, a review."""
    try:
        intake = parse_intake(body)
    except IntakeError as exc:
        raise HTTPException(
            status_code=422,
            detail={"detail": "Some answers are not valid.", "problems": exc.problems},
        ) from None
    linked = context.server_mode and accounts.has_clinician(
        accounts.unit_of_work(context.engine), viewer.person_id
    )
    outcome = care.give_answers(
        context.uow(),
        viewer.person_id,
        intake,
        context.catalog,
        on=dt.date.today(),
        linked_clinician=linked,
    )
    return outcome.view.to_json_dict()


@router.post(
    "/rescreen",
    dependencies=[Depends(check_csrf)],
    summary="Answer the warning-sign questions again",
)
def post_rescreen(body: RedFlagsIn, context: ContextDep, viewer: PersonDep) -> Answer:
    """A red flag stops the plan at once; all no lets a paused plan resume (with a review)."""
    outcome = care.answer_red_flags(
        context.uow(), viewer.person_id, body.red_flags, context.catalog, on=dt.date.today()
    )
    return _answer(outcome)


@router.post(
    "/review",
    dependencies=[Depends(check_csrf)],
    summary="Local mode: record which clinician reviewed the plan",
)
def post_review(body: ReviewIn, context: ContextDep, viewer: PersonDep) -> Answer:
    """The person records a clinician's review or clearance (local mode only)."""
    if context.server_mode:
        raise HTTPException(status_code=403, detail="Your clinician records the review.")
    if body.by is None:
        raise HTTPException(status_code=422, detail="by: name the clinician who reviewed it")
    outcome = care.review_plan(
        context.uow(),
        viewer.person_id,
        context.catalog,
        name=body.by,
        role=Role.PERSON,
        on=body.date or dt.date.today(),
        note=body.note,
        local_mode=True,
    )
    return _answer(outcome)


@router.get("/plan", summary="The person's current plan (sicoach.plan/1)")
def read_plan(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """The plan version in force, as contract 4's JSON (a read only)."""
    plan = coaching.current_plan(context.uow(), viewer.person_id)
    if plan is None:
        raise HTTPException(status_code=404, detail="No plan yet: answer the intake first.")
    return plan.to_json_dict()


@router.get(
    "/script",
    summary="Today's session (sicoach.script/1)",
    response_model=dict[str, Any],
    responses={304: {"description": "Not modified: the If-None-Match tag is still today's"}},
)
def read_script(request: Request, context: ContextDep, viewer: PersonDep) -> Response:
    """Today's session script, as contract 8's JSON; 409 when the plan is not active.

    The JSON is made once per plan version and carries an ETag: a client that sends it
    back in If-None-Match gets 304 until the plan or today's dose changes.
    """
    today = coaching.today_json(context.uow(), viewer.person_id, dt.date.today(), context.scripts)
    if today.view.version is None:
        raise HTTPException(status_code=404, detail="No plan to play: answer the intake first.")
    if today.script is None:
        raise HTTPException(status_code=409, detail=f"No session today: {today.refusal}")
    headers = {"ETag": today.script.etag, "Cache-Control": "private, no-cache"}
    if today.script.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(today.script.body, media_type="application/json", headers=headers)


@router.post(
    "/sessions",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Record a session as it happened (sicoach.session/1)",
)
def create_session(record: SessionRecord, context: ContextDep, viewer: PersonDep) -> Answer:
    """Save one played session with its pain before (and during and after, if given)."""
    outcome = care.record_session(
        context.uow(), viewer.person_id, record, context.catalog, tz=local_zone()
    )
    return _answer(outcome, record.id)


@router.post(
    "/sessions/{session_id}/pain",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="The pain during and after a session just recorded",
)
def create_session_pain(
    session_id: str, pain: SessionPainIn, context: ContextDep, viewer: PersonDep
) -> Answer:
    """Decides the next dose; pain over the limit or a flare says so, never 'well done'."""
    outcome = care.record_session_pain(
        context.uow(),
        viewer.person_id,
        session_id,
        context.catalog,
        during=pain.during,
        after=pain.after,
        tz=local_zone(),
    )
    return _answer(outcome, session_id)


@router.post(
    "/pain", status_code=201, dependencies=[Depends(check_csrf)], summary="Record a pain rating"
)
def create_pain(pain: PainIn, context: ContextDep, viewer: PersonDep) -> Answer:
    """Save pain before, during or after a session, or on waking the next morning."""
    outcome = care.record_pain(
        context.uow(),
        viewer.person_id,
        pain.when,
        pain.value,
        context.catalog,
        tz=local_zone(),
        session_id=pain.session_id,
    )
    return _answer(outcome)


@router.get(
    "/export",
    summary="Everything kept about the person (the export document)",
    responses={200: {"content": {"application/json": {}}}},
)
def read_export(context: ContextDep, viewer: PersonDep) -> Response:
    """The person's answers, plans, sessions, pain and outcomes, to keep or take elsewhere."""
    return Response(
        coaching.export_json(context.uow(), viewer.person_id), media_type="application/json"
    )


def _clinician(viewer: ViewerDep) -> Viewer:
    if viewer is None:
        raise HTTPException(status_code=401, detail="Log in first.")
    if viewer.role not in ("clinician", "admin"):
        raise HTTPException(status_code=403, detail="Only a clinician can do this.")
    return viewer


ClinicianDep = Annotated[Viewer, Depends(_clinician)]
# A patient who is not the clinician's looks the same as one who does not exist.
_NOT_THEIRS = (accounts.NotAllowed, UnknownPerson)


def _no_patient() -> HTTPException:
    return HTTPException(status_code=404, detail="No such patient.")


class WeekOut(BaseModel):
    """One week's sessions: finished, stopped part-way, and planned."""

    week: dt.date
    done: int
    partial: int
    planned: int


class LastPainOut(BaseModel):
    """The latest pain rating: 0-10, when in the day it was felt, and when it was given."""

    value: int
    when: str
    recorded_at: dt.datetime


class PatientOut(BaseModel):
    """One line of the clinician's list."""

    id: str
    name: str
    state: str
    flags: list[Flag]
    needs_attention: bool
    last_activity: dt.datetime | None
    this_week: WeekOut | None
    last_pain: LastPainOut | None


class PatientsOut(BaseModel):
    """A page of the clinician's patients, flagged ones first, and how to get the next page."""

    patients: list[PatientOut]
    total: int
    offset: int
    limit: int
    next_offset: int | None


def _week(week: WeekAdherence | None) -> WeekOut | None:
    if week is None:
        return None
    return WeekOut(week=week.week, done=week.done, partial=week.partial, planned=week.planned)


def _patient_out(row: clinic.PatientRow) -> PatientOut:
    pain = row.last_pain
    return PatientOut(
        id=row.person_id,
        name=row.name,
        state=row.state.value,
        flags=row.flags,
        needs_attention=row.needs_attention,
        last_activity=row.last_activity,
        this_week=_week(row.this_week),
        last_pain=(
            LastPainOut(value=pain.value, when=pain.kind.value, recorded_at=pain.recorded_at)
            if pain
            else None
        ),
    )


@router.get("/patients", summary="The clinician's patients, flagged first, a page at a time")
def read_patients(
    context: ContextDep,
    viewer: ClinicianDep,
    limit: Annotated[
        int, Query(ge=1, le=rules.PATIENT_PAGE_SIZE_MAX.value, description="patients per page")
    ] = rules.PATIENT_PAGE_SIZE.value,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1, description="patients to skip")] = 0,
) -> PatientsOut:
    """State, flags, last activity, adherence this week and last pain of each linked patient."""
    page = clinic.patient_page(
        accounts.unit_of_work(context.engine), viewer, dt.date.today(), offset=offset, limit=limit
    )
    after = offset + len(page.rows)
    return PatientsOut(
        patients=[_patient_out(r) for r in page.rows],
        total=page.total,
        offset=offset,
        limit=limit,
        next_offset=after if after < page.total else None,
    )


class AnswersOut(BaseModel):
    """The answers as the patient gave them (contract 5/12), when, from where, and screened how."""

    recorded_at: dt.datetime
    source: str
    answers: dict[str, Any]
    eligible: bool | None
    urgency: str | None
    reasons: list[str]


class VersionOut(BaseModel):
    """One plan version: its number, when, who made it and why."""

    number: int
    created_at: dt.datetime
    changed_by: str
    reason: str


class EventOut(BaseModel):
    """One event in the plan's life: when, what, who, and the states before and after."""

    at: dt.datetime
    kind: str
    role: str
    by: str
    from_state: str
    to_state: str
    detail: str


class ChangeOut(BaseModel):
    """One answer that changed since the last review (or the first answers): before and now."""

    field: str
    before: Any
    now: Any


class PatientRecordOut(BaseModel):
    """One patient as the clinician sees them."""

    patient: PatientOut
    status: dict[str, Any] = Field(description="contract 9 (sicoach.status/1)")
    plan: dict[str, Any] | None = Field(description="the plan in force, contract 4")
    answers: list[AnswersOut]
    changed: list[ChangeOut] = Field(
        description="answers changed since the last review, or since the first answers"
    )
    reviewed_at: dt.datetime | None
    versions: list[VersionOut]
    events: list[EventOut]


@router.get("/patients/{person_id}", summary="One patient: answers, status, plan, flags, history")
def read_patient(person_id: str, context: ContextDep, viewer: ClinicianDep) -> PatientRecordOut:
    """The answers as given with their dates (and what changed since the last review), the
    status and flags, the plan in force, and every plan version with who changed it and why."""
    try:
        record = clinic.patient_record(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            context.catalog,
            dt.date.today(),
        )
    except _NOT_THEIRS:
        raise _no_patient() from None
    return PatientRecordOut(
        patient=_patient_out(record.row),
        status=record.care.to_json_dict(),
        plan=record.plan.to_json_dict() if record.plan else None,
        answers=[
            AnswersOut(
                recorded_at=i.recorded_at,
                source=i.source,
                answers=i.answers,
                eligible=i.screening.eligible if i.screening else None,
                urgency=i.screening.urgency if i.screening else None,
                reasons=list(i.screening.reasons) if i.screening else [],
            )
            for i in record.intakes
        ],
        changed=[ChangeOut(field=c.field, before=c.before, now=c.now) for c in record.changes],
        reviewed_at=record.reviewed_at,
        versions=[
            VersionOut(
                number=v.number, created_at=v.created_at, changed_by=v.changed_by, reason=v.reason
            )
            for v in record.versions
        ],
        events=[EventOut(**vars(e)) for e in record.events],
    )


class PrescriptionIn(BaseModel):
    """A clinician's changes, with the reason the patient sees; stretches not named stay."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    exercises: Annotated[list[DoseChange], Field(min_length=1, max_length=100)]


@router.put(
    "/patients/{person_id}/prescription",
    dependencies=[Depends(check_csrf)],
    summary="Change a patient's prescription: a new plan version with the reason",
)
def put_prescription(
    person_id: str, body: PrescriptionIn, context: ContextDep, viewer: ClinicianDep
) -> Answer:
    """409 when the plan's life does not allow a change now; 422 lists every problem
    (the fields' problems together, then the stretches' that the plan cannot take)."""
    try:
        outcome = clinic.change_prescription(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            body.exercises,
            body.reason,
            context.catalog,
            dt.date.today(),
        )
    except _NOT_THEIRS:
        raise _no_patient() from None
    return _answer(outcome)


@router.post(
    "/patients/{person_id}/review",
    dependencies=[Depends(check_csrf)],
    summary="The linked clinician reviews, clears or resumes a patient's plan",
)
def review_patient(
    person_id: str, body: ReviewIn, context: ContextDep, viewer: ClinicianDep
) -> Answer:
    """Another clinician's patient answers 404."""
    try:
        outcome = clinic.review_patient(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            body.note,
            context.catalog,
            dt.date.today(),
        )
    except _NOT_THEIRS:
        raise _no_patient() from None
    return _answer(outcome)


class InviteIn(BaseModel):
    """The new patient's name and email, as the clinician gives them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=200)]
    email: Annotated[str, Field(min_length=3, max_length=254)]


class InviteCreated(BaseModel):
    """The one-time link to give the patient (shown only now), and when it ends."""

    id: int
    url: str
    expires_at: dt.datetime


class InviteOut(BaseModel):
    """A pending invite: who it is for, when it was made and when it ends."""

    id: int
    name: str | None
    email: str | None
    created_at: dt.datetime
    expires_at: dt.datetime


def _invite_out(invite: Invite) -> InviteOut:
    return InviteOut(
        id=invite.id,
        name=invite.name,
        email=invite.email,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
    )


@router.post(
    "/invites",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Invite a new patient by name and email: a one-time link",
)
def create_invite(
    body: InviteIn, request: Request, context: ContextDep, viewer: ClinicianDep
) -> InviteCreated:
    """The link works once, until it expires or is revoked; only its hash is kept."""
    issued = accounts.create_invite(
        accounts.unit_of_work(context.engine), viewer, name=body.name, email=body.email
    )
    return InviteCreated(
        id=issued.invite.id,
        url=str(request.url_for("read_invite", token=issued.token)),
        expires_at=issued.invite.expires_at,
    )


@router.get("/invites", summary="The clinician's pending invites, with their expiry")
def read_invites(context: ContextDep, viewer: ClinicianDep) -> list[InviteOut]:
    """Invites not yet used, revoked or expired, the soonest to expire first."""
    pending = accounts.pending_invites(accounts.unit_of_work(context.engine), viewer)
    return [_invite_out(i) for i in pending]


@router.delete(
    "/invites/{invite_id}",
    status_code=204,
    dependencies=[Depends(check_csrf)],
    summary="Revoke a pending invite: its link stops working",
)
def delete_invite(
    invite_id: Annotated[int, Path(ge=1, le=2**31 - 1)], context: ContextDep, viewer: ClinicianDep
) -> Response:
    """Another clinician's invite, or one already used, revoked or expired, answers 404."""
    try:
        accounts.revoke_invite(accounts.unit_of_work(context.engine), viewer, invite_id)
    except accounts.NotAllowed:
        raise HTTPException(status_code=404, detail="No such pending invite.") from None
    return Response(status_code=204)
