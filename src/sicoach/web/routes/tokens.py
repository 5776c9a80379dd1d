"""API tokens (DESIGN.md contract 13): log in (or join from an invite) for a bearer token,
and revoke it.

A token is a server-side login like a browser's (the same store, limits and
revocation), sent as ``Authorization: Bearer TOKEN``; calls with it need no CSRF token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sicoach.services import accounts
from sicoach.web.deps import ContextDep
from sicoach.web.viewer import bearer_token, client_address

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["tokens"])


class LoginIn(BaseModel):
    """An account's email and password."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"email": "ann@clinic.example.org", "password": "correct horse battery"}]
        },
    )

    email: Annotated[str, Field(min_length=1, max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class JoinIn(LoginIn):
    """The new patient's email and password, and the name to call them by (the invite's if none)."""

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class TokenOut(BaseModel):
    """A new API token, the account's role, and when the token ends at the latest."""

    token: str
    role: str
    expires_at: datetime


@router.post("/tokens", status_code=201, summary="Log in for an API token")
def create_token(login: LoginIn, request: Request, context: ContextDep) -> TokenOut:
    """Check the email and password (failed tries are limited as for the login page)."""
    try:
        actor = accounts.log_in(
            accounts.unit_of_work(context.engine),
            login.email,
            login.password,
            client=client_address(request),
        )
    except accounts.TooManyLogins as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from exc
    except accounts.LoginRefused as exc:
        raise HTTPException(status_code=401, detail=str(exc)) from exc
    issued = accounts.start_login(accounts.unit_of_work(context.engine), actor, "token")
    return TokenOut(token=issued.token, role=actor.role, expires_at=issued.expires_at)


@router.post(
    "/invites/{token}/accept",
    status_code=201,
    summary="Join from a clinician's invite: a new patient account and its API token",
)
def accept_invite(token: str, join: JoinIn, context: ContextDep) -> TokenOut:
    """A used, revoked or expired invite answers 404; a refused email or password 422."""
    try:
        actor = accounts.accept_invite(
            accounts.unit_of_work(context.engine),
            token,
            join.email,
            join.password,
            display_name=join.name,
        )
    except accounts.InviteClosed as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    issued = accounts.start_login(accounts.unit_of_work(context.engine), actor, "token")
    return TokenOut(token=issued.token, role=actor.role, expires_at=issued.expires_at)


@router.delete("/tokens/current", status_code=204, summary="Revoke the token sent")
def delete_current_token(request: Request, context: ContextDep) -> Response:
    """End the token in the Authorization header; it stops working at once."""
    token = bearer_token(request)
    if not token:
        raise HTTPException(
            status_code=401, detail="Send the token to revoke as Authorization: Bearer TOKEN."
        )
    accounts.end_login(accounts.unit_of_work(context.engine), token)
    return Response(status_code=204)
