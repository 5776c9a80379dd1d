"""The JSON API under /api/v1 (DESIGN.md contract 13): the person's and the clinician's actions.

Bodies are the contracts' own JSON (plan: sicoach.plan/1, script: sicoach.script/1,
session: sicoach.session/1, status: sicoach.status/1). A bad field gives 422 with each
problem named; a step the plan's life does not allow now gives 409. A clinician's
route answers 403 to a person, and 404 for a patient who is not theirs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sicoach import rules
from sicoach.outcomes.trends import WeekAdherence
from sicoach.program.intake import IntakeError, parse_intake
from sicoach.program.lifecycle import Flag, Role
from sicoach.program.prescription import DoseChange
from sicoach.services import (
    accounts,
    calendar_links,
    care,
    clinic,
    coaching,
    invites,
    outcomes,
    people,
    printouts,
    staff,
    times,
)
from sicoach.services.errors import UnknownPerson
from sicoach.services.printouts import Paper
from sicoach.session.script_model import SessionRecord
from sicoach.store.accounts import Invite
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep
from sicoach.web.downloads import PaperQuery, attachment, handout_download
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

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"value": 3, "when": "next-morning"}]}
    )

    value: Annotated[int, Field(ge=0, le=10, description="0 no pain, 10 worst imaginable")]
    when: Literal["before", "during", "after", "next-morning"]
    session_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class TimeZoneIn(BaseModel):
    """The time zone the person's days follow: an IANA name, or null for the server's."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"time_zone": "America/Chicago"}]}
    )

    time_zone: Annotated[str, Field(min_length=1, max_length=64)] | None


class SessionPainIn(BaseModel):
    """The pain during (worst) and right after a session, given when it ends."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"during": 3, "after": 2}]}
    )

    during: Annotated[int, Field(ge=0, le=10)] | None = None
    after: Annotated[int, Field(ge=0, le=10)]


class RedFlagsIn(BaseModel):
    """The warning-sign questions answered again: every one, true or false."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"red_flags": {"saddle_numbness": False, "cancer_history": False}}]
        },
    )

    red_flags: dict[str, bool]


class ReviewIn(BaseModel):
    """A clinician's review: who (local mode, recorded by the person), when, and a note."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Reviewed; carry on."}]}
    )

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
    return care.care_view(context.uow(), viewer.person_id, viewer.today()).to_json_dict()


@router.put(
    "/time-zone",
    dependencies=[Depends(check_csrf)],
    summary="Choose the time zone the person's days follow; answers the status",
)
def put_time_zone(body: TimeZoneIn, context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """Today's session, the question on waking and the weeks follow this zone from now on."""
    people.set_time_zone(context.uow(), viewer.person_id, body.time_zone)
    today = times.today_in(times.zone_named(body.time_zone))
    return care.care_view(context.uow(), viewer.person_id, today).to_json_dict()


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
        on=viewer.today(),
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
        context.uow(), viewer.person_id, body.red_flags, context.catalog, on=viewer.today()
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
        on=body.date or viewer.today(),
        note=body.note,
        local_mode=True,
    )
    return _answer(outcome)


@router.get("/plan", summary="The person's current plan (sicoach.plan/1)")
def read_plan(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """The plan version in force, as contract 4's JSON (a read only)."""
    plan = coaching.plan_in_force(context.uow(), viewer.person_id)
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
    today = coaching.today_json(context.uow(), viewer.person_id, viewer.today(), context.scripts)
    if today.view.version is None:
        raise HTTPException(status_code=404, detail="No plan to play: answer the intake first.")
    if today.script is None:
        raise HTTPException(status_code=409, detail=f"No session today: {today.refusal}")
    headers = {"ETag": today.script.etag, "Cache-Control": "private, no-cache"}
    if today.script.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(today.script.body, media_type="application/json", headers=headers)


SESSION_EXAMPLES = {
    "finished": {
        "summary": "A session played to the end, with the pain before it",
        "value": {
            "schema": "sicoach.session/1",
            "id": "9b2f6c1e-5d7a-4c1e-9a51-0f3e8d2b7c10",
            "started_at": "2026-12-08T08:00:00+00:00",
            "ended_at": "2026-12-08T08:11:00+00:00",
            "completed": True,
            "pain_before": 4,
            "steps": [
                {
                    "index": 0,
                    "exercise": "hamstring-stretch",
                    "side": "left",
                    "rep": 1,
                    "phase": "hold",
                    "planned_seconds": 20,
                    "actual_seconds": 20,
                    "outcome": "completed",
                }
            ],
        },
    }
}


@router.post(
    "/sessions",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Record a session as it happened (sicoach.session/1)",
)
def create_session(
    record: Annotated[SessionRecord, Body(openapi_examples=SESSION_EXAMPLES)],
    context: ContextDep,
    viewer: PersonDep,
) -> Answer:
    """Save one played session with its pain before (and during and after, if given)."""
    outcome = care.record_session(
        context.uow(), viewer.person_id, record, context.catalog, tz=viewer.zone
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
        tz=viewer.zone,
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
        tz=viewer.zone,
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
        printouts.export_file(context.uow(), viewer.person_id, "json", context.catalog),
        media_type="application/json",
    )


class PsfsActivitiesIn(BaseModel):
    """The 3 to 5 everyday activities the pain makes hard, in the person's words."""

    model_config = ConfigDict(extra="forbid")

    activities: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]],
        Field(min_length=1, max_length=10, examples=[["putting on socks", "driving", "sitting"]]),
    ]


class PsfsIn(BaseModel):
    """One rating per activity, in the activities' order: 0 unable, 10 as before the pain."""

    model_config = ConfigDict(extra="forbid")

    ratings: Annotated[
        list[Annotated[int, Field(ge=0, le=10)]],
        Field(min_length=1, max_length=10, examples=[[4, 6, 5]]),
    ]


class OdiIn(BaseModel):
    """The Oswestry answers, 0 to 5 by section id (null or left out: not answered)."""

    model_config = ConfigDict(extra="forbid")

    answers: Annotated[
        dict[str, Annotated[int, Field(ge=0, le=5)] | None],
        Field(max_length=10, examples=[{"pain-intensity": 2, "walking": 1, "sitting": 3}]),
    ]


class PsfsOut(BaseModel):
    """One PSFS: when, the mean, and each activity's rating."""

    recorded_at: dt.datetime
    mean: float
    ratings: dict[str, int]


class OdiOut(BaseModel):
    """One Oswestry questionnaire: when, the score (null with too many gaps) and its band."""

    recorded_at: dt.datetime
    percent: int | None
    band: str | None


class MeasuresOut(BaseModel):
    """The person's PSFS activities and ratings, their Oswestry scores, and the ODI
    sections' licensed wording when the clinic loaded one (null otherwise)."""

    psfs_activities: list[str]
    psfs: list[PsfsOut]
    odi: list[OdiOut]
    odi_sections: dict[str, dict[str, Any]] | None


def _measures(context: ContextDep, person_id: str) -> MeasuresOut:
    uow = context.uow()
    wording = outcomes.odi_wording(uow)
    return MeasuresOut(
        psfs_activities=outcomes.psfs_activities(uow, person_id),
        psfs=[
            PsfsOut(recorded_at=a.recorded_at, mean=a.score, ratings=dict(a.ratings))
            for a in outcomes.psfs_history(uow, person_id)
        ],
        odi=[
            OdiOut(recorded_at=r.recorded_at, percent=r.score.percent, band=r.score.band)
            for r in outcomes.odi_history(uow, person_id)
        ],
        odi_sections=(
            {k: {"title": v.title, "options": list(v.options)} for k, v in wording.sections.items()}
            if wording
            else None
        ),
    )


@router.get("/measures", summary="The person's PSFS and Oswestry questionnaires")
def read_measures(context: ContextDep, viewer: PersonDep) -> MeasuresOut:
    """The activities to rate, every rating and score so far, and the ODI wording if loaded."""
    return _measures(context, viewer.person_id)


@router.put(
    "/psfs/activities",
    dependencies=[Depends(check_csrf)],
    summary="Name the 3 to 5 PSFS activities",
)
def put_psfs_activities(
    body: PsfsActivitiesIn, context: ContextDep, viewer: PersonDep
) -> MeasuresOut:
    """The next ratings are of these; activities dropped are kept with their old ratings."""
    outcomes.set_psfs_activities(context.uow(), viewer.person_id, body.activities)
    return _measures(context, viewer.person_id)


@router.post(
    "/psfs", status_code=201, dependencies=[Depends(check_csrf)], summary="Rate the PSFS activities"
)
def create_psfs(body: PsfsIn, context: ContextDep, viewer: PersonDep) -> MeasuresOut:
    """One rating for each current activity; 422 names the problem (e.g. a missing rating)."""
    outcomes.record_psfs(context.uow(), viewer.person_id, body.ratings)
    return _measures(context, viewer.person_id)


@router.post(
    "/odi",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Answer the Oswestry questionnaire (only with a licensed wording loaded)",
)
def create_odi(body: OdiIn, context: ContextDep, viewer: PersonDep) -> MeasuresOut:
    """409 when the clinic has loaded no licensed wording: the person could not read the
    questions; an unknown section answers 422."""
    uow = context.uow()
    if outcomes.odi_wording(uow) is None:
        raise HTTPException(
            status_code=409, detail="The Oswestry questionnaire is not set up here."
        )
    outcomes.record_odi(uow, viewer.person_id, body.answers)
    return _measures(context, viewer.person_id)


@router.get(
    "/handout.pdf",
    summary="The printable handout of the person's plan (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def read_handout(context: ContextDep, viewer: PersonDep, paper: PaperQuery = Paper.A4) -> Response:
    """The dose table, a page per stretch with its pictures, and a four-week log; 404
    without a plan with stretches."""
    pdf = printouts.handout(
        context.uow(), viewer.person_id, context.catalog, paper=paper, made_on=viewer.today()
    )
    return handout_download(pdf, paper)


@router.get(
    "/export.fhir",
    summary="Everything about the person as a FHIR R4B Bundle",
    response_class=Response,
    responses={200: {"content": {"application/fhir+json": {}}}},
)
def read_fhir_bundle(context: ContextDep, viewer: PersonDep) -> Response:
    """The same bundle as the data page's download, for another health system."""
    body = printouts.fhir_bundle(context.uow(), viewer.person_id, context.catalog)
    return attachment(body, "application/fhir+json", "sicoach-fhir-r4b.json")


class CalendarOut(BaseModel):
    """The private address of the person's reminder calendar (keep it to yourself)."""

    url: str


def _calendar(request: Request, context: ContextDep, person_id: str, *, renew: bool) -> CalendarOut:
    uow = accounts.unit_of_work(context.engine)
    token = (
        calendar_links.renew_calendar_token(uow, person_id)
        if renew
        else calendar_links.calendar_token(uow, person_id)
    )
    return CalendarOut(url=str(request.url_for("read_calendar", token=token)))


@router.get("/calendar", summary="The address of the person's reminder calendar")
def read_calendar_address(request: Request, context: ContextDep, viewer: PersonDep) -> CalendarOut:
    """Subscribe to it in a calendar app for a daily reminder that follows the plan."""
    return _calendar(request, context, viewer.person_id, renew=False)


@router.post(
    "/calendar",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="A new address for the reminder calendar; the old one stops working",
)
def renew_calendar_address(request: Request, context: ContextDep, viewer: PersonDep) -> CalendarOut:
    """For when the address was shared by mistake."""
    return _calendar(request, context, viewer.person_id, renew=True)


@router.delete(
    "/account",
    status_code=204,
    dependencies=[Depends(check_csrf)],
    summary="Delete the person's data (and, in server mode, their account)",
)
def delete_account(
    context: ContextDep,
    viewer: PersonDep,
    confirm: Annotated[Literal["delete"], Query(description="the word delete, to confirm")],
) -> Response:
    """Everything about the person goes at once; nothing is kept."""
    accounts.delete_account(accounts.unit_of_work(context.engine), viewer.actor)
    return Response(status_code=204)


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
    order: Annotated[
        clinic.PatientOrder,
        Query(
            description="attention (flagged first, then by name), name, or activity (latest first)"
        ),
    ] = "attention",
) -> PatientsOut:
    """State, flags, last activity, adherence this week and last pain of each linked patient."""
    page = clinic.patient_page(
        accounts.unit_of_work(context.engine),
        viewer,
        dt.date.today(),
        offset=offset,
        limit=limit,
        order=order,
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


@router.get(
    "/patients/{person_id}/summary.pdf",
    summary="One patient's one-page summary for the chart (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def read_patient_summary(person_id: str, context: ContextDep, viewer: ClinicianDep) -> Response:
    """Who, the prescription, adherence, pain, PSFS and ODI with their minimal important
    changes, and the flags, on one page."""
    try:
        pdf = printouts.patient_summary(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            context.catalog,
            made_on=dt.date.today(),
        )
    except _NOT_THEIRS:
        raise _no_patient() from None
    return attachment(pdf, "application/pdf", "sicoach-summary.pdf")


@router.get(
    "/patients/{person_id}/handout.pdf",
    summary="A patient's printable handout (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def read_patient_handout(
    person_id: str, context: ContextDep, viewer: ClinicianDep, paper: PaperQuery = Paper.A4
) -> Response:
    """The handout the patient prints, for the clinician to hand over."""
    try:
        accounts.authorize_person(accounts.unit_of_work(context.engine), viewer, person_id)
    except _NOT_THEIRS:
        raise _no_patient() from None
    pdf = printouts.handout(
        context.uow(), person_id, context.catalog, paper=paper, made_on=dt.date.today()
    )
    return handout_download(pdf, paper)


class PrescriptionIn(BaseModel):
    """A clinician's changes, with the reason the patient sees; stretches not named stay."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "reason": "Holds are going well; build up.",
                    "exercises": [
                        {
                            "id": "hamstring-stretch",
                            "include": True,
                            "hold_seconds": 25,
                            "repetitions": 3,
                            "sides": ["left", "right"],
                            "note": "Keep the knee soft.",
                        },
                        {"id": "press-up-stretch", "include": False},
                    ],
                }
            ]
        },
    )

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

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"name": "Rae Moss", "email": "rae@example.org"}]},
    )

    name: Annotated[str, Field(min_length=1, max_length=200)]
    email: Annotated[str, Field(min_length=3, max_length=254)]


class InviteCreated(BaseModel):
    """The one-time link to give the patient (shown only now), when it ends, and where it
    was emailed (null when no mail server is set or sending failed: give the link)."""

    id: int
    url: str
    expires_at: dt.datetime
    emailed_to: str | None = None
    mail_problem: str | None = None


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
    """The link works once, until it expires or is revoked; only its hash is kept. With
    SICOACH_SMTP_URL set, the link is also emailed to the patient."""
    sent = invites.invite_patient(
        accounts.unit_of_work(context.engine),
        viewer,
        name=body.name,
        email=body.email,
        link_for=lambda token: str(request.url_for("read_invite", token=token)),
        mailer=context.mailer,
        clinic=context.settings.clinic_name,
    )
    return InviteCreated(
        id=sent.issued.invite.id,
        url=sent.url,
        expires_at=sent.issued.invite.expires_at,
        emailed_to=sent.emailed_to,
        mail_problem=sent.mail_problem,
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


def _admin(viewer: ClinicianDep) -> Viewer:
    if viewer.role != "admin":
        raise HTTPException(status_code=403, detail="Only the clinic's admin can do this.")
    return viewer


AdminDep = Annotated[Viewer, Depends(_admin)]


class StaffOut(BaseModel):
    """A clinician or admin account: who, whether it may log in, how many patients."""

    email: str
    name: str | None
    role: str
    disabled: bool
    patients: int


class DisabledIn(BaseModel):
    """Whether the account is disabled (its logins end at once) or may log in."""

    model_config = ConfigDict(extra="forbid")

    disabled: bool = Field(examples=[True])


class ClinicianIn(BaseModel):
    """The clinician (by email) who takes the patient over."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(min_length=3, max_length=254, examples=["bob@clinic.test"])]


class RemovedOut(BaseModel):
    """How many patients moved to the clinician chosen (they and their data are kept)."""

    moved: int


@router.get("/clinicians", summary="The clinician and admin accounts (admin)")
def read_clinicians(context: ContextDep, viewer: AdminDep) -> list[StaffOut]:
    """Every clinician and admin, by email, with how many patients each one has."""
    return [
        StaffOut(email=m.email, name=m.name, role=m.role, disabled=m.disabled, patients=m.patients)
        for m in staff.staff(accounts.unit_of_work(context.engine))
    ]


@router.put(
    "/clinicians/{email}/disabled",
    dependencies=[Depends(check_csrf)],
    summary="Disable or enable a clinician's account (admin)",
)
def put_clinician_disabled(
    email: str, body: DisabledIn, context: ContextDep, viewer: AdminDep
) -> list[StaffOut]:
    """Disabling ends the account's logins and tokens at once; the admin's own is refused."""
    if body.disabled and email.strip().lower() == (viewer.email or ""):
        raise HTTPException(status_code=422, detail="email: you cannot disable your own account")
    accounts.set_disabled(accounts.unit_of_work(context.engine), email, body.disabled)
    return read_clinicians(context, viewer)


@router.delete(
    "/clinicians/{email}",
    dependencies=[Depends(check_csrf)],
    summary="Remove a clinician's account, keeping their patients (admin)",
)
def delete_clinician(
    email: str,
    context: ContextDep,
    viewer: AdminDep,
    move_patients_to: Annotated[
        str | None, Query(max_length=254, description="the clinician who takes the patients")
    ] = None,
) -> RemovedOut:
    """The patients stay with all their data; without ``move_patients_to`` no clinician
    sees them until an admin moves them."""
    moved = staff.remove_clinician(
        accounts.unit_of_work(context.engine), email, move_to=move_patients_to, by=viewer.email
    )
    return RemovedOut(moved=moved)


@router.put(
    "/patients/{person_id}/clinician",
    dependencies=[Depends(check_csrf)],
    summary="Give a patient to another clinician (admin)",
)
def put_patient_clinician(
    person_id: str, body: ClinicianIn, context: ContextDep, viewer: AdminDep
) -> Response:
    """The clinician named sees the patient from now on, instead of any before."""
    try:
        staff.move_patient(accounts.unit_of_work(context.engine), person_id, body.email)
    except UnknownPerson:
        raise _no_patient() from None
    return Response(status_code=204)
