from __future__ import annotations

from datetime import UTC, datetime, time

from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.plan import build_plan
from sicoach.services import people
from sicoach.services.printables import ON_THE_SPOT_PERSON, plan_from_intake, stored_plan
from tests import factories, history
from tests.fakes import FakeUnitOfWork

CATALOG = default_catalog()


def test_nothing_stored_gives_no_plan() -> None:
    uow = FakeUnitOfWork()
    person = people.add_person(uow)
    assert stored_plan(uow, person.id) is None


def test_stored_plan_is_the_newest_version_with_name_and_latest_preferred_time() -> None:
    uow = FakeUnitOfWork()
    person = people.add_person(uow, "Ann Example")
    for at, preferred in ((factories.T0, "07:00"), (factories.T0.replace(day=3), "19:30")):
        answers = factories.intake_answers(schema="sicoach.intake/2", preferred_time=preferred)
        history.keep_intake(uow, person.id, answers, source="test", at=at)
    history.keep_plan(uow, person.id, factories.plan(hold=15), changed_by="t", reason="first")
    history.keep_plan(uow, person.id, factories.plan(hold=20), changed_by="t", reason="longer")

    chosen = stored_plan(uow, person.id)

    assert chosen is not None
    assert (chosen.version, chosen.person_key, chosen.person_name) == (2, person.id, "Ann Example")
    assert chosen.plan.exercises[0].hold_seconds == 20
    assert chosen.preferred_time == time(19, 30)


def test_plan_from_an_intake_has_no_person_and_version_zero() -> None:
    intake = parse_intake(factories.intake_answers())
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    chosen = plan_from_intake(intake, CATALOG, now=now)
    assert (chosen.person_key, chosen.version, chosen.created) == (ON_THE_SPOT_PERSON, 0, now)
    assert chosen.preferred_time is None
    assert chosen.plan == build_plan(intake, CATALOG)
