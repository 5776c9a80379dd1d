"""The private calendar address: no login, the secret token in the address is the key.

A wrong or retired token gets the same plain 404 as any missing page, so the
address reveals nothing unless it is the right one.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from sicoach.services import accounts, calendar_links, printouts
from sicoach.services.times import now_utc
from sicoach.web.deps import ContextDep

__all__ = ["router"]

router = APIRouter(tags=["calendar"], include_in_schema=False)


@router.get("/calendar/{token}.ics")
def read_calendar(token: str, context: ContextDep) -> Response:
    """The daily reminder calendar of the person this token belongs to."""
    person_id = calendar_links.person_for_calendar_token(
        accounts.unit_of_work(context.engine), token
    )
    ics = (
        printouts.reminder_calendar(context.uow(), person_id, context.catalog, now=now_utc())
        if person_id is not None
        else None
    )
    if ics is None:
        raise HTTPException(status_code=404)
    return Response(ics, media_type="text/calendar; charset=utf-8")
