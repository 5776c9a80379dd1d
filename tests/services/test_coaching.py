"""What a person's pages read: today's care and session come from stored state only."""

from __future__ import annotations

import json

from sicoach.catalog import default_catalog
from sicoach.services import coaching, people
from sicoach.store.records import PlanVersion
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


def test_todays_script_json_is_todays_script_made_once_until_the_plan_changes(
    uow: AbstractUnitOfWork,
) -> None:
    from sicoach.program.plan_model import SideName
    from sicoach.program.prescription import DoseChange
    from sicoach.services import care

    pid = people.local_person(uow).id
    care.give_answers(uow, pid, make_intake(), CATALOG, on=DAY0)
    cache = coaching.ScriptCache(CATALOG)
    first = coaching.today_json(uow, pid, DAY0, cache).script
    assert first is not None
    script = coaching.today(uow, pid, CATALOG, DAY0).script
    assert script is not None and json.loads(first.body) == script.to_json_dict()
    assert coaching.today_json(uow, pid, DAY0, cache).script is first, "made once"

    hold = DoseChange(
        id="hamstring-stretch",
        include=True,
        hold_seconds=10,
        repetitions=5,
        sides=[SideName.LEFT, SideName.RIGHT],
    )
    care.prescribe_plan(uow, pid, [hold], "gentler start", CATALOG, name="Dr Rao", on=DAY0)
    changed = coaching.today_json(uow, pid, DAY0, cache).script
    script = coaching.today(uow, pid, CATALOG, DAY0).script
    assert changed is not None and script is not None
    assert changed.etag != first.etag and changed.body != first.body
    assert json.loads(changed.body) == script.to_json_dict()


def test_a_cached_script_is_never_another_persons() -> None:
    from sicoach.program.plan import build_plan

    cache = coaching.ScriptCache(CATALOG)
    at = factories.T0
    short = build_plan(make_intake({"minutes_per_day": 10}), CATALOG).model_dump(mode="json")
    long = build_plan(make_intake({"minutes_per_day": 30}), CATALOG).model_dump(mode="json")
    ann = cache.script("ann", PlanVersion(1, at, "sicoach", "first", short))
    # Another person, the same version number and time, another plan: their own script.
    bob = cache.script("bob", PlanVersion(1, at, "sicoach", "first", long))
    assert bob.body != ann.body and bob.etag != ann.etag
    # The same plan for a third person: the same JSON, never the same tag.
    cy = cache.script("cy", PlanVersion(1, at, "sicoach", "first", short))
    assert cy.body == ann.body and cy.etag != ann.etag
    assert cache.script("ann", PlanVersion(1, at, "sicoach", "first", short)) is ann


def test_the_cache_holds_at_most_its_size() -> None:
    from sicoach.program.plan import build_plan

    cache = coaching.ScriptCache(CATALOG, size=2)
    plan = build_plan(make_intake(), CATALOG).model_dump(mode="json")
    versions = [PlanVersion(n, factories.T0, "sicoach", "first", plan) for n in (1, 2, 3)]
    first = cache.script("ann", versions[0])
    cache.script("ann", versions[1])
    cache.script("ann", versions[2])
    assert cache.script("ann", versions[0]) is not first, "the oldest was let go"
