from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from sicoach.services import dose, pain, people, plans, sessions
from sicoach.services.errors import NoPlan
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories

T0 = factories.T0


def _person_with_plan(uow: AbstractUnitOfWork) -> str:
    person = people.local_person(uow)
    plans.save_plan(
        uow, person.id, factories.plan(hold=15), changed_by="Dr Who", reason="start", at=T0
    )
    return person.id


def test_without_answers_the_plan_dose_stays(uow: AbstractUnitOfWork) -> None:
    person_id = _person_with_plan(uow)
    today = dose.current_dose(uow, person_id, tz=UTC, at=T0 + timedelta(days=1))
    assert (today.plan_version, today.changed) == (1, False)
    assert today.lines[0].hold_seconds == 15
    assert "No pain answers since plan version 1" in today.lines[0].why


def test_settled_pain_builds_the_hold_up_once_as_a_new_plan_version(
    uow: AbstractUnitOfWork,
) -> None:
    person_id = _person_with_plan(uow)
    start = T0 + timedelta(hours=2)
    sessions.record_session(
        uow, person_id, factories.session(start=start, pain_before=4, pain_during=2)
    )
    pain.record_pain(uow, person_id, "next-morning", 3, at=start + timedelta(days=1))
    today = dose.current_dose(uow, person_id, tz=UTC, at=start + timedelta(days=1, hours=1))
    assert (today.plan_version, today.changed) == (2, True)
    assert today.lines[0].decision == "progress"
    assert today.lines[0].hold_seconds > 15
    again = dose.current_dose(uow, person_id, tz=UTC, at=start + timedelta(days=1, hours=2))
    assert (again.plan_version, again.changed) == (2, False)
    [_, second] = plans.plan_history(uow, person_id)
    assert second.changed_by == dose.PROGRESSION_AUTHOR
    assert "hamstring-stretch:" in second.reason


def test_pain_over_the_limit_steps_the_hold_back(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    plans.save_plan(
        uow, person.id, factories.plan(hold=25), changed_by="Dr Who", reason="start", at=T0
    )
    start = T0 + timedelta(hours=2)
    sessions.record_session(
        uow, person.id, factories.session(start=start, pain_before=4, pain_during=7)
    )
    today = dose.current_dose(uow, person.id, tz=UTC, at=start + timedelta(hours=1))
    assert today.lines[0].decision == "step-back"
    assert today.lines[0].hold_seconds < 25


def test_no_plan_is_a_clear_error(uow: AbstractUnitOfWork) -> None:
    with pytest.raises(NoPlan, match="no plan yet"):
        dose.current_dose(uow, people.local_person(uow).id, tz=UTC)


def test_the_first_plan_comes_from_the_latest_intake(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    answers = factories.intake_answers()
    answers["pain"] = answers["pain"] | {"weeks": 2}
    plans.record_intake(uow, person.id, answers, source="cli", at=T0)
    first = plans.first_plan_from_intake(uow, person.id)
    assert (first.number, first.changed_by, first.plan["eligible"]) == (1, "sicoach", True)
    assert plans.first_plan_from_intake(uow, person.id) == first
    with uow:
        [intake] = uow.intakes.history(person.id)
    assert intake.screening is not None and intake.screening.eligible


def test_no_plan_and_no_intake_is_no_plan(uow: AbstractUnitOfWork) -> None:
    with pytest.raises(NoPlan):
        plans.first_plan_from_intake(uow, people.local_person(uow).id)
