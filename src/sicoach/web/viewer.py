"""Who is asking: the one person in local mode, or the logged-in account in server mode."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from sicoach.services import accounts, people
from sicoach.services.accounts import Actor
from sicoach.web.context import WebContext

__all__ = ["USER_KEY", "OwnPerson", "Viewer", "viewer_for"]

Viewer = Actor
USER_KEY = "user_id"


@dataclass(frozen=True)
class OwnPerson:
    """A person looking at their own pages: the actor and, for sure, their person id."""

    actor: Actor
    person_id: str

    @property
    def role(self) -> str:
        """The actor's role (the pages' navigation uses it)."""
        return self.actor.role


def viewer_for(request: Request, context: WebContext) -> Viewer | None:
    """The actor for this request, or None when nobody is logged in (server mode)."""
    if not context.server_mode:
        person = people.local_person(context.uow())
        return Actor(role="person", person_id=person.id, user_id=None)
    user_id = request.session.get(USER_KEY)
    if not isinstance(user_id, int):
        return None
    with accounts.unit_of_work(context.engine) as uow:
        actor = accounts.actor_for_user(uow, user_id)
    if actor is None:
        request.session.clear()
    return actor
