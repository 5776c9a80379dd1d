from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sicoach.services import people, times
from sicoach.services.errors import InvalidRecord, UnknownPerson
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


def test_a_person_keeps_their_own_time_zone(uow: AbstractUnitOfWork) -> None:
    ann = people.add_person(uow, "Ann")
    bob = people.add_person(uow, "Bob")
    people.set_time_zone(uow, ann.id, "Pacific/Auckland")
    assert people.get_person(uow, ann.id).time_zone == "Pacific/Auckland"
    assert people.get_person(uow, bob.id).time_zone is None
    assert people.person_zone(people.get_person(uow, ann.id)) == ZoneInfo("Pacific/Auckland")
    assert people.person_zone(people.get_person(uow, bob.id)) == times.local_zone()


def test_an_unknown_time_zone_is_refused_by_name_and_nothing_changes(
    uow: AbstractUnitOfWork,
) -> None:
    ann = people.add_person(uow, "Ann")
    people.set_time_zone(uow, ann.id, "Europe/Paris")
    with pytest.raises(InvalidRecord, match="'Mars/Olympus' is not a time zone name"):
        people.set_time_zone(uow, ann.id, "Mars/Olympus")
    assert people.get_person(uow, ann.id).time_zone == "Europe/Paris"


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Pacific/Auckland", 9), ("Europe/London", 8), ("America/Los_Angeles", 8)],
)
def test_today_is_the_day_in_the_person_s_zone(zone: str, day: int) -> None:
    moment = datetime(2026, 12, 8, 11, 30, tzinfo=UTC)  # 00:30 on the 9th in Auckland
    assert times.today_in(ZoneInfo(zone), moment).day == day
