"""The JSON API under /api/v1: the plan, today's script, recording sessions and pain.

Bodies are the contracts' own JSON (plan: sicoach.plan/1, script: sicoach.script/1,
session: sicoach.session/1). A bad field gives 422 with each problem named.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from sicoach.program.intake import IntakeError, parse_intake
from sicoach.program.lifecycle import Role
from sicoach.services import accounts, care, clinic, coaching
from sicoach.services.errors import NotNow
from sicoach.session.script_model import SessionRecord
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep
from sicoach.web.viewer import OwnPerson, Viewer

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])


def _person(request: Request, viewer: ViewerDep) -> OwnPerson:
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


def _refused(exc: NotNow) -> HTTPException:
    return HTTPException(status_code=409, detail=str(exc))


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
    try:
        outcome = care.answer_red_flags(
            context.uow(), viewer.person_id, body.red_flags, context.catalog, on=dt.date.today()
        )
    except NotNow as exc:
        raise _refused(exc) from None
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
    try:
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
    except NotNow as exc:
        raise _refused(exc) from None
    return _answer(outcome)


@router.get("/plan", summary="The person's current plan (sicoach.plan/1)")
def read_plan(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """The plan version in force, as contract 4's JSON (a read only)."""
    plan = coaching.current_plan(context.uow(), viewer.person_id)
    if plan is None:
        raise HTTPException(status_code=404, detail="No plan yet: answer the intake first.")
    return plan.to_json_dict()


@router.get("/script", summary="Today's session (sicoach.script/1)")
def read_script(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """Today's session script, as contract 8's JSON; 409 when the plan is not active."""
    today = coaching.today(context.uow(), viewer.person_id, context.catalog, dt.date.today())
    if today.view.plan is None:
        raise HTTPException(status_code=404, detail="No plan to play: answer the intake first.")
    if today.script is None:
        raise HTTPException(status_code=409, detail=f"No session today: {today.refusal}")
    return today.script.to_json_dict()


@router.post(
    "/sessions",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Record a session as it happened (sicoach.session/1)",
)
def create_session(record: SessionRecord, context: ContextDep, viewer: PersonDep) -> Answer:
    """Save one played session with its pain before (and during and after, if given)."""
    try:
        outcome = care.record_session(
            context.uow(), viewer.person_id, record, context.catalog, tz=coaching.local_zone()
        )
    except NotNow as exc:
        raise _refused(exc) from None
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
    try:
        outcome = care.record_session_pain(
            context.uow(),
            viewer.person_id,
            session_id,
            context.catalog,
            during=pain.during,
            after=pain.after,
            tz=coaching.local_zone(),
        )
    except NotNow as exc:
        raise _refused(exc) from None
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
        tz=coaching.local_zone(),
        session_id=pain.session_id,
    )
    return _answer(outcome)


def _clinician(viewer: ViewerDep) -> Viewer:
    if viewer is None:
        raise HTTPException(status_code=401, detail="Log in first.")
    if viewer.role not in ("clinician", "admin"):
        raise HTTPException(status_code=403, detail="Only a clinician can do this.")
    return viewer


@router.post(
    "/patients/{person_id}/review",
    dependencies=[Depends(check_csrf)],
    summary="The linked clinician reviews, clears or resumes a patient's plan",
)
def review_patient(
    person_id: str,
    body: ReviewIn,
    context: ContextDep,
    viewer: Annotated[Viewer, Depends(_clinician)],
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
    except accounts.NotAllowed:
        raise HTTPException(status_code=404, detail="No such patient.") from None
    except NotNow as exc:
        raise _refused(exc) from None
    return _answer(outcome)
