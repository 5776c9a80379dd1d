"""Recording a session through the plan's life (services.care), and reading session files.

The checks here are the ones every session meets on its way in: the web app, the API,
the terminal and the camera session all record through ``care.record_session``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sicoach.catalog import default_catalog
from sicoach.outcomes.pain import PainKind
from sicoach.services import care, people, sessions
from sicoach.services.errors import DuplicateRecord, InvalidRecord, UnknownPerson
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories
from tests.intake_factory import make_intake

CATALOG = default_catalog()


def _active(uow: AbstractUnitOfWork) -> str:
    """The local person, with answers that give an active plan the day before T0."""
    pid = people.local_person(uow).id
    day = factories.T0.date() - timedelta(days=1)
    at = datetime.combine(day, factories.T0.timetz())
    care.give_answers(uow, pid, make_intake({}), CATALOG, on=day, at=at)
    return pid


def _record(uow: AbstractUnitOfWork, pid: str, record: SessionRecord) -> care.Outcome:
    return care.record_session(uow, pid, record, CATALOG, tz=UTC)


def _everything(uow: AbstractUnitOfWork, person_id: str) -> tuple[int, int]:
    with uow:
        return len(uow.sessions.history(person_id)), len(uow.pain.history(person_id))


def test_a_recorded_session_keeps_every_step_with_planned_and_actual_seconds(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _active(uow)
    record = factories.session(hold=20.5, pain_before=3, pain_during=2, pain_after=2)
    saved = _record(uow, pid, record).saved
    assert saved is not None
    assert (saved.id, saved.steps, saved.completed_steps, saved.completed) == ("s1", 5, 5, True)
    with uow:
        [kept] = uow.sessions.history(pid)
    assert kept.record.steps == record.steps
    assert [s.actual_seconds for s in kept.record.steps if s.phase is Phase.HOLD] == [20.5, 20.5]
    assert kept.record.started_at == record.started_at


def test_a_partial_session_is_kept_with_its_skipped_and_unreached_steps(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _active(uow)
    steps = factories.steps()
    steps[3] = steps[3].model_copy(update={"outcome": StepOutcome.SKIPPED, "actual_seconds": 2.0})
    steps[4] = steps[4].model_copy(
        update={"outcome": StepOutcome.NOT_REACHED, "actual_seconds": 0.0}
    )
    record = factories.session(completed=False, steps=steps, pain_before=4)
    saved = _record(uow, pid, record).saved
    assert saved is not None and (saved.completed, saved.completed_steps) == (False, 3)
    with uow:
        [kept] = uow.sessions.history(pid)
    assert [s.outcome for s in kept.record.steps][3:] == [
        StepOutcome.SKIPPED,
        StepOutcome.NOT_REACHED,
    ]


def test_session_pain_ratings_are_kept_as_ratings_linked_to_the_session(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _active(uow)
    _record(uow, pid, factories.session(pain_before=5, pain_after=3))
    with uow:
        ratings = uow.pain.history(pid)
        [kept] = uow.sessions.history(pid)
    assert [(r.kind, r.value, r.session_id) for r in ratings] == [
        (PainKind.BEFORE, 5, "s1"),
        (PainKind.AFTER, 3, "s1"),
    ]
    assert (kept.record.pain_before, kept.record.pain_after) == (None, None), "kept once"


def test_a_session_remembers_the_plan_version_it_was_done_under(uow: AbstractUnitOfWork) -> None:
    pid = _active(uow)
    saved = _record(uow, pid, factories.session(pain_before=2)).saved
    assert saved is not None and saved.plan_version == 1


def test_a_session_needs_the_pain_before_and_nothing_is_written_without_it(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _active(uow)
    with pytest.raises(InvalidRecord, match="pain_before: rate your pain before the session"):
        _record(uow, pid, factories.session())
    assert _everything(uow, pid) == (0, 0)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"ended_at": factories.T0 - timedelta(seconds=1)}, "ended_at: is before started_at"),
        ({"ended_at": factories.T0 + timedelta(hours=7)}, "is not believable"),
        ({"id": " "}, "id: needs 1 to 100 characters"),
    ],
)
def test_an_impossible_session_is_refused_and_nothing_is_written(
    uow: AbstractUnitOfWork, changes: dict[str, Any], problem: str
) -> None:
    pid = _active(uow)
    with pytest.raises(InvalidRecord, match=problem):
        _record(uow, pid, factories.session(pain_before=3, **changes))
    assert _everything(uow, pid) == (0, 0)


def test_an_unknown_exercise_is_refused_by_name(uow: AbstractUnitOfWork) -> None:
    pid = _active(uow)
    record = factories.session(steps=factories.steps(exercise="hamstring-strech"), pain_before=3)
    with pytest.raises(InvalidRecord, match="unknown exercise 'hamstring-strech'"):
        _record(uow, pid, record)
    assert _everything(uow, pid) == (0, 0)


@pytest.mark.parametrize("seconds", [-1, 3601, 1e9])
def test_negative_or_absurd_seconds_are_refused_when_the_record_is_read(seconds: float) -> None:
    step = factories.steps()[0].model_dump()
    step["actual_seconds"] = seconds
    data = factories.session().model_dump(mode="json", by_alias=True)
    data["steps"][0] = step | {"phase": "get-ready", "outcome": "completed"}
    with pytest.raises(InvalidRecord, match=r"steps\.0\.actual_seconds"):
        sessions.parse_session(data)


def test_the_same_session_twice_is_refused(uow: AbstractUnitOfWork) -> None:
    pid = _active(uow)
    _record(uow, pid, factories.session(pain_before=3))
    with pytest.raises(DuplicateRecord, match="'s1' is already recorded"):
        _record(uow, pid, factories.session(pain_before=4))
    assert _everything(uow, pid) == (1, 1)


def test_a_session_for_an_unknown_person_is_refused(uow: AbstractUnitOfWork) -> None:
    with pytest.raises(UnknownPerson):
        _record(uow, "nobody", factories.session(pain_before=3))


def test_steps_out_of_order_are_refused() -> None:
    steps = factories.steps()
    steps[1] = StepResult(**(steps[1].model_dump() | {"index": 7, "phase": Phase.HOLD}))
    with pytest.raises(InvalidRecord, match=r"steps\.1\.index: expected 1, got 7"):
        sessions.check_session(factories.session(steps=steps), ["hamstring-stretch"])
