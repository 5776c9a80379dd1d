from __future__ import annotations

import pytest

from sicoach.services import people
from sicoach.services.errors import UnknownPerson
from sicoach.store.unit_of_work import AbstractUnitOfWork


def test_local_mode_always_gets_the_same_one_person(uow: AbstractUnitOfWork) -> None:
    first = people.local_person(uow)
    assert people.local_person(uow) == first
    assert people.list_people(uow) == [first]


def test_server_mode_keeps_many_people_apart(uow: AbstractUnitOfWork) -> None:
    ann = people.add_person(uow, " Ann ")
    bob = people.add_person(uow, "Bob")
    assert [p.display_name for p in people.list_people(uow)] == ["Ann", "Bob"]
    assert people.get_person(uow, bob.id) == bob
    assert ann.id != bob.id


def test_an_unknown_person_is_named_in_the_error(uow: AbstractUnitOfWork) -> None:
    with pytest.raises(UnknownPerson, match="unknown person 'ghost'"):
        people.get_person(uow, "ghost")
