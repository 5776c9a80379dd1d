from __future__ import annotations

from datetime import UTC, datetime, time

from sicoach.catalog import default_catalog
from sicoach.services import people
from sicoach.services.printables import ON_THE_SPOT_PERSON, plan_from_intake, stored_plan
from tests import factories, history
from tests.fakes import FakeUnitOfWork
from tests.intake_factory import make_intake

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
    intake = make_intake({"joint_stiff": True})
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    chosen = plan_from_intake(intake, CATALOG, now=now)
    assert (chosen.person_key, chosen.version, chosen.created) == (ON_THE_SPOT_PERSON, 0, now)
    assert chosen.preferred_time is None
    # A stiff joint without a clinician's yes to the pelvic rotation; day one holds at the
    # low end of each seed range and the fewest reps (3 where the seed gives none).
    assert [(e.id, e.hold_seconds, e.repetitions) for e in chosen.plan.exercises] == [
        ("quadriceps-stretch", 15, 2),  # "15 to 30 seconds ... 2 times each"
        ("hamstring-stretch", 15, 5),  # "15 to 30 seconds ... both hamstrings 5 times"
        ("hip-adductor-stretch", 5, 3),  # "5 to 10 seconds, and gradually build up"
        ("knee-to-chest-isometric", 5, 5),  # "5 seconds ... both sides 5 to 10 times"
        ("lower-trunk-rotation", 5, 3),  # "about 5 to 10 seconds"
        ("press-up-stretch", 5, 5),  # "Begin this stretch for 5 seconds ... 5 to 10 times"
    ]
    assert [e.id for e in chosen.plan.excluded] == ["pelvic-rotation-stretch"]
    # 97 + 235 + 44 + 135 + 83 + 70 s of stretches and five 15 s rests: 739 s.
    assert chosen.plan.minutes == 12.3
