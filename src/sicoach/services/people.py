"""People: the one person of local mode, and the many of server mode."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sicoach.services.errors import UnknownPerson
from sicoach.store.records import Person
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "add_person",
    "get_person",
    "list_people",
    "local_person",
    "new_person",
    "require_person",
]

NAME_MAX = 200


def new_person(display_name: str | None, at: datetime | None = None) -> Person:
    """A person not yet stored: a fresh id, the name trimmed, created now (or at ``at``)."""
    name = display_name.strip() if display_name else None
    if name is not None and len(name) > NAME_MAX:
        name = name[:NAME_MAX]
    return Person(
        id=str(uuid.uuid4()), display_name=name or None, created_at=at or datetime.now(UTC)
    )


def add_person(uow: AbstractUnitOfWork, display_name: str | None = None) -> Person:
    """Add a new person (server mode) and return them."""
    person = new_person(display_name, None)
    with uow:
        uow.people.add(person)
        uow.commit()
    return person


def local_person(uow: AbstractUnitOfWork) -> Person:
    """The one person of local mode, created the first time it is asked for."""
    with uow:
        person = uow.people.first()
        if person is None:
            person = new_person(None, None)
            uow.people.add(person)
            uow.commit()
    return person


def get_person(uow: AbstractUnitOfWork, person_id: str) -> Person:
    """The person with this id, or :class:`UnknownPerson`."""
    with uow:
        return require_person(uow, person_id)


def list_people(uow: AbstractUnitOfWork) -> list[Person]:
    """Every person, earliest first."""
    with uow:
        return uow.people.all()


def require_person(uow: AbstractUnitOfWork, person_id: str) -> Person:
    """Inside an open unit of work: the person, or :class:`UnknownPerson`."""
    person = uow.people.get(person_id)
    if person is None:
        raise UnknownPerson(person_id)
    return person
