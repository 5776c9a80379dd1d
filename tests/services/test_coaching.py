"""Today's plan: newer answers make a new plan; a clinician's later change stays in force."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import yaml

from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.plan import build_plan
from sicoach.services import coaching, people, plans
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
T0 = factories.T0


def _answers(name: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def test_before_any_answers_there_is_no_plan_for_today(uow: AbstractUnitOfWork) -> None:
    person_id = people.local_person(uow).id
    assert coaching.todays_plan(uow, person_id, default_catalog(), UTC) is None


def test_answers_without_a_plan_make_the_first_plan_version(uow: AbstractUnitOfWork) -> None:
    person_id = people.local_person(uow).id
    plans.record_intake(uow, person_id, _answers("typical.yaml"), source="file", at=T0)

    plan = coaching.todays_plan(uow, person_id, default_catalog(), UTC)

    expected = build_plan(parse_intake(_answers("typical.yaml")), default_catalog())
    assert plan == expected
    assert [v.number for v in plans.plan_history(uow, person_id)] == [1]


def test_a_clinicians_later_change_is_what_today_plays(uow: AbstractUnitOfWork) -> None:
    person_id = people.local_person(uow).id
    plans.record_intake(uow, person_id, _answers("typical.yaml"), source="file", at=T0)
    coaching.todays_plan(uow, person_id, default_catalog(), UTC)
    changed = factories.plan(hold=20)
    plans.save_plan(uow, person_id, changed, changed_by="Dr Who", reason="longer holds")

    plan = coaching.todays_plan(uow, person_id, default_catalog(), UTC)

    assert plan is not None
    assert [e.hold_seconds for e in plan.exercises] == [e.hold_seconds for e in changed.exercises]


def test_newer_answers_replace_the_plan(uow: AbstractUnitOfWork) -> None:
    person_id = people.local_person(uow).id
    plans.record_intake(uow, person_id, _answers("typical.yaml"), source="file", at=T0)
    coaching.todays_plan(uow, person_id, default_catalog(), UTC)
    plans.record_intake(uow, person_id, _answers("red-flag.yaml"), source="file")

    plan = coaching.todays_plan(uow, person_id, default_catalog(), UTC)

    assert plan is not None and not plan.eligible
    assert coaching.todays_script(uow, person_id, default_catalog(), UTC) is None
