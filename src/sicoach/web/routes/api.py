"""The JSON API under /api/v1: the plan, today's script, recording sessions and pain.

Bodies are the contracts' own JSON (plan: sicoach.plan/1, script: sicoach.script/1,
session: sicoach.session/1). A bad field gives 422 with each problem named.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from sicoach.services import coaching
from sicoach.session.script_model import SessionRecord
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep
from sicoach.web.viewer import OwnPerson

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


class Saved(BaseModel):
    """What was saved."""

    saved: Literal[True] = True
    id: str | None = None


@router.get("/plan", summary="The person's current plan (sicoach.plan/1)")
def read_plan(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """The current plan, as contract 4's JSON."""
    uow = context.uow()
    plan = coaching.current_plan(uow, viewer.person_id)
    if plan is None:
        raise HTTPException(status_code=404, detail="No plan yet: answer the intake first.")
    return plan.to_json_dict()


@router.get("/script", summary="Today's session (sicoach.script/1)")
def read_script(context: ContextDep, viewer: PersonDep) -> dict[str, Any]:
    """Today's session script for the current plan, as contract 8's JSON."""
    uow = context.uow()
    script = coaching.todays_script(uow, viewer.person_id, context.catalog)
    if script is None:
        raise HTTPException(status_code=404, detail="No plan to play: answer the intake first.")
    return script.to_json_dict()


@router.post(
    "/sessions",
    status_code=201,
    dependencies=[Depends(check_csrf)],
    summary="Record a session as it happened (sicoach.session/1)",
)
def create_session(record: SessionRecord, context: ContextDep, viewer: PersonDep) -> Saved:
    """Save one played session; sending the same id again changes nothing."""
    uow = context.uow()
    coaching.record_session(uow, viewer.person_id, record)
    return Saved(id=record.id)


@router.post(
    "/pain", status_code=201, dependencies=[Depends(check_csrf)], summary="Record a pain rating"
)
def create_pain(pain: PainIn, context: ContextDep, viewer: PersonDep) -> Saved:
    """Save pain before, during or after a session, or on waking the next morning."""
    uow = context.uow()
    coaching.record_pain(uow, viewer.person_id, pain.when, pain.value, pain.session_id)
    return Saved()
