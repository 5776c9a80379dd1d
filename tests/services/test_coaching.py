"""What a person's pages read: today's care and session come from stored state only."""

from __future__ import annotations

from sicoach.catalog import default_catalog
from sicoach.services import coaching, people
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories
from tests.intake_factory import make_intake

CATALOG = default_catalog()
DAY0 = factories.T0.date()


def test_before_any_answers_there_is_no_session_and_the_advice_says_why(
    uow: AbstractUnitOfWork,
) -> None:
    pid = people.local_person(uow).id
    today = coaching.today(uow, pid, CATALOG, DAY0)
    assert today.script is None and today.view.plan is None
    assert today.refusal is not None and "Answer the questions" in today.refusal
    assert coaching.plan_in_force(uow, pid) is None


def test_a_red_flag_gives_no_session_today(uow: AbstractUnitOfWork) -> None:
    from sicoach.services import care

    pid = people.local_person(uow).id
    intake = make_intake({"red_flags.unexplained_weight_loss": True})
    care.give_answers(uow, pid, intake, CATALOG, on=DAY0)
    today = coaching.today(uow, pid, CATALOG, DAY0)
    assert today.script is None
    assert today.view.plan is not None and not today.view.plan.eligible
