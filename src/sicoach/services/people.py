"""People: the one person of local mode, and the many of server mode."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, tzinfo

from sicoach.services.errors import InvalidRecord, UnknownPerson
from sicoach.services.times import zone_named
from sicoach.store.records import Person
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "add_person",
    "get_person",
    "list_people",
    "local_person",
    "new_person",
    "person_zone",
    "require_person",
    "set_time_zone",
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


def set_time_zone(uow: AbstractUnitOfWork, person_id: str, time_zone: str | None) -> None:
    """Keep the zone whose calendar is the person's "today" (an IANA name; None: the server's).

    An unknown name is :class:`InvalidRecord`, naming it; nothing is changed.
    """
    try:
        zone_named(time_zone)
    except ValueError as exc:
        raise InvalidRecord("the time zone", [f"time_zone: {exc}"]) from exc
    with uow:
        require_person(uow, person_id)
        uow.people.set_time_zone(person_id, time_zone)
        uow.commit()


def person_zone(person: Person) -> tzinfo:
    """The person's time zone: theirs when they gave one, else this computer's."""
    return zone_named(person.time_zone)
