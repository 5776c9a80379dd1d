"""Who is asking: the one person in local mode, or the logged-in account in server mode.

In server mode a browser's signed cookie carries only a random login-session id, and
an API client sends a token in ``Authorization: Bearer``; both are looked up in the
database on every request (:func:`sicoach.services.accounts.actor_for_login`), so a
login ends for good at logout, at its time limits, or with its account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from fastapi import Request

from sicoach.services import accounts, people, times
from sicoach.services.accounts import Actor
from sicoach.web.context import WebContext

__all__ = ["LOGIN_KEY", "OwnPerson", "Viewer", "bearer_token", "client_address", "viewer_for"]

Viewer = Actor
LOGIN_KEY = "login"


@dataclass(frozen=True)
class OwnPerson:
    """A person looking at their own pages: the actor and, for sure, their person id."""

    actor: Actor
    person_id: str

    @property
    def role(self) -> str:
        """The actor's role (the pages' navigation uses it)."""
        return self.actor.role

    @property
    def zone(self) -> tzinfo:
        """The person's time zone: their own when they chose one, else the server's."""
        return times.zone_named(self.actor.time_zone)

    def today(self) -> date:
        """The day it is now where the person is: their "today" for plans and sessions."""
        return times.today_in(self.zone)


def bearer_token(request: Request) -> str | None:
    """The API token sent as ``Authorization: Bearer TOKEN``, or None if none is sent."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()


def client_address(request: Request) -> str:
    """The address a request came from (the proxy's, behind a reverse proxy)."""
    return request.client.host if request.client else "unknown"


def viewer_for(request: Request, context: WebContext) -> Viewer | None:
    """The actor for this request, or None when nobody is logged in (server mode).

    A request that sends a bearer token is judged by the token alone, never by a cookie
    it may also carry (such requests skip the CSRF check).
    """
    if not context.server_mode:
        person = people.local_person(context.uow())
        return Actor(role="person", person_id=person.id, user_id=None, time_zone=person.time_zone)
    token = bearer_token(request)
    if token is not None:
        if not token:
            return None
        return accounts.actor_for_login(accounts.unit_of_work(context.engine), token, "token")
    login = request.session.get(LOGIN_KEY)
    if not isinstance(login, str):
        return None
    actor = accounts.actor_for_login(accounts.unit_of_work(context.engine), login, "cookie")
    if actor is None:
        request.session.clear()
    return actor
