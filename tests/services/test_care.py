"""The plan's life through the services, on every store: answers, review, pain, flare, re-screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from sicoach.catalog import default_catalog
from sicoach.program.intake import Intake
from sicoach.program.lifecycle import CareState, FlagKind, Role
from sicoach.program.plan_model import SideName
from sicoach.program.prescription import DoseChange
from sicoach.program.progression import PainVerdict
from sicoach.services import care, coaching, people, plans
from sicoach.services.errors import InvalidRecord, NotNow
from sicoach.store.records import PlanVersion
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories
from tests.fakes import FakeUnitOfWork
from tests.intake_factory import make_intake

CATALOG = default_catalog()
T0 = factories.T0
DAY0 = T0.date()
HAM = "hamstring-stretch"
NO_FLAGS = dict.fromkeys(make_intake({}).red_flags.model_dump(), False)


def _person(uow: AbstractUnitOfWork) -> str:
    return people.local_person(uow).id


def _answer(
    uow: AbstractUnitOfWork,
    pid: str,
    changes: dict[str, Any] | None = None,
    *,
    on: date = DAY0,
    **options: Any,
) -> care.Outcome:
    intake: Intake = make_intake(changes or {})
    at = datetime.combine(on, T0.timetz())
    return care.give_answers(uow, pid, intake, CATALOG, on=on, at=at, **options)


def _session(
    uow: AbstractUnitOfWork, pid: str, day: int, before: int, during: int, after: int | None = None
) -> care.Outcome:
    start = T0 + timedelta(days=day)
    record = factories.session(
        f"s{day}",
        start=start,
        hold=15,
        pain_before=before,
        pain_during=during,
        pain_after=during if after is None else after,
    )
    return care.record_session(uow, pid, record, CATALOG, tz=UTC)


def _morning(uow: AbstractUnitOfWork, pid: str, day: int, value: int) -> care.Outcome:
    at = T0 + timedelta(days=day, hours=-1)
    return care.record_pain(uow, pid, "next-morning", value, CATALOG, tz=UTC, at=at)


def _holds(uow: AbstractUnitOfWork, pid: str) -> dict[str, float]:
    plan = coaching.plan_in_force(uow, pid)
    assert plan is not None
    return {p.id: p.hold_seconds for p in plan.exercises}


def test_no_answers_no_plan(uow: AbstractUnitOfWork) -> None:
    view = care.care_view(uow, _person(uow), DAY0)
    assert view.status.state is CareState.NO_PLAN
    assert view.to_json_dict() == {
        "schema": "sicoach.status/1",
        "state": "no-plan",
        "plan_version": None,
        "today": [],
        "flags": [],
        "advice": "Answer the questions to get your plan.",
    }


def test_answers_make_an_active_plan_that_today_plays(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    outcome = _answer(uow, pid)
    assert outcome.view.status.state is CareState.ACTIVE
    today = coaching.today(uow, pid, CATALOG, DAY0)
    assert today.refusal is None and today.script is not None
    status = today.view.to_json_dict()
    assert status["state"] == "active" and status["plan_version"] == 1
    # The typical answers: five stretches at the seed's starting holds and fewest reps.
    assert [(t["id"], t["hold_seconds"], t["repetitions"]) for t in status["today"]] == [
        ("quadriceps-stretch", 15, 2),
        ("hamstring-stretch", 15, 5),
        ("hip-adductor-stretch", 5, 3),
        ("knee-to-chest-isometric", 5, 5),
        ("press-up-stretch", 5, 5),
    ]
    assert today.script.total_seconds == 97 + 235 + 44 + 135 + 70 + 4 * 15


@pytest.mark.parametrize("weeks", [1, 4])
def test_a_recent_hip_replacement_waits_for_a_review_without_floor_stretches(
    uow: AbstractUnitOfWork, weeks: int
) -> None:
    pid = _person(uow)
    outcome = _answer(
        uow, pid, {"precautions.hip_replacement_weeks_ago": weeks, "pain.areas": ["low-back"]}
    )
    assert outcome.view.status.state is CareState.NEEDS_REVIEW
    plan = outcome.view.plan
    assert plan is not None
    floor = {e.id for e in CATALOG.exercises if e.position.on_floor}
    assert floor.isdisjoint(p.id for p in plan.exercises)
    today = coaching.today(uow, pid, CATALOG, DAY0)
    assert today.script is None and today.refusal is not None
    assert outcome.view.status.flagged(FlagKind.REVIEW_NEEDED)


def test_a_review_recorded_by_name_makes_the_plan_active(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid, {"precautions.hypermobility": True})
    outcome = care.review_plan(
        uow, pid, CATALOG, name="Dr Rao", role=Role.PERSON, on=DAY0, local_mode=True
    )
    assert outcome.view.status.state is CareState.ACTIVE
    assert outcome.view.status.review is not None
    assert outcome.view.status.review.by == "Dr Rao"
    assert outcome.view.status.review.plan_version == 1


def test_in_server_mode_a_person_cannot_review_their_own_plan(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid, {"precautions.hypermobility": True})
    with pytest.raises(NotNow, match="only the person's clinician"):
        care.review_plan(uow, pid, CATALOG, name="me", role=Role.PERSON, on=DAY0)


def test_a_cancer_history_is_lifted_only_by_a_clinicians_clearance(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _person(uow)
    referred = _answer(uow, pid, {"red_flags.cancer_history": True})
    assert referred.view.status.state is CareState.REFERRED
    assert referred.view.plan is not None and not referred.view.plan.eligible
    cleared = care.review_plan(
        uow, pid, CATALOG, name="Dr Okafor", role=Role.CLINICIAN, on=DAY0, note="in remission"
    )
    assert cleared.view.status.state is CareState.ACTIVE
    assert cleared.view.plan is not None and cleared.view.plan.eligible
    # The same answers again stay cleared; the clearance is kept with the person.
    again = _answer(uow, pid, {"red_flags.cancer_history": True}, on=DAY0 + timedelta(days=1))
    assert again.view.status.state is CareState.ACTIVE


def test_an_emergency_referral_is_never_lifted_by_a_review(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid, {"red_flags.saddle_numbness": True})
    with pytest.raises(NotNow, match="emergency"):
        care.review_plan(uow, pid, CATALOG, name="Dr A", role=Role.CLINICIAN, on=DAY0)
    assert care.care_view(uow, pid, DAY0).status.state is CareState.REFERRED


def test_the_pain_before_is_asked_every_session(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    with pytest.raises(InvalidRecord, match="pain_before"):
        care.record_session(uow, pid, factories.session(pain_during=2), CATALOG, tz=UTC)


def test_pain_over_the_limit_flags_steps_back_and_never_says_well_done(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    start = _holds(uow, pid)
    _session(uow, pid, 0, before=3, during=2)
    _morning(uow, pid, 1, 2)
    built = _holds(uow, pid)
    assert built[HAM] == start[HAM] + 5
    outcome = _session(uow, pid, 1, before=3, during=7)
    assert outcome.verdict is PainVerdict.OVER_LIMIT
    assert "well done" not in outcome.message.lower()
    assert "steps back" in outcome.message
    assert outcome.view.status.flagged(FlagKind.PAIN_OVER_LIMIT)
    assert _holds(uow, pid)[HAM] == start[HAM]


def test_a_flare_pauses_the_plan_until_re_screen_and_review(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    _session(uow, pid, 0, before=3, during=2)
    _morning(uow, pid, 1, 2)
    built = _holds(uow, pid)[HAM]
    flare = _session(uow, pid, 1, before=4, during=10)
    assert flare.verdict is PainVerdict.FLARE
    assert flare.view.status.state is CareState.PAUSED
    assert "contact your clinician or doctor" in flare.message
    stepped = _holds(uow, pid)[HAM]
    assert stepped == built - 5
    morning = _morning(uow, pid, 2, 9)
    assert morning.view.status.state is CareState.PAUSED
    with pytest.raises(NotNow):
        _session(uow, pid, 2, before=5, during=3)
    assert coaching.today(uow, pid, CATALOG, DAY0 + timedelta(days=2)).script is None
    care.review_plan(uow, pid, CATALOG, name="Dr Rao", role=Role.CLINICIAN, on=DAY0)
    assert care.care_view(uow, pid, DAY0).status.state is CareState.PAUSED
    resumed = care.answer_red_flags(uow, pid, NO_FLAGS, CATALOG, on=DAY0 + timedelta(days=3))
    assert resumed.view.status.state is CareState.ACTIVE
    assert not resumed.view.status.flagged(FlagKind.FLARE)
    assert _holds(uow, pid)[HAM] == stepped


def test_a_red_flag_on_re_screen_stops_the_plan_at_once(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    outcome = care.answer_red_flags(
        uow, pid, {**NO_FLAGS, "bladder_or_bowel_change": True}, CATALOG, on=DAY0
    )
    assert outcome.view.status.state is CareState.REFERRED
    assert coaching.today(uow, pid, CATALOG, DAY0).script is None


def test_the_red_flags_are_asked_again_after_four_weeks(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    later = DAY0 + timedelta(days=28)
    view = care.care_view(uow, pid, later)
    assert view.status.flagged(FlagKind.RESCREEN_DUE)
    assert coaching.today(uow, pid, CATALOG, later).script is None
    care.answer_red_flags(uow, pid, NO_FLAGS, CATALOG, on=later)
    assert coaching.today(uow, pid, CATALOG, later).script is not None


def test_a_clinicians_hold_is_never_clamped_to_the_seed(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    change = DoseChange(
        id=HAM, include=True, hold_seconds=10, repetitions=5, sides=[SideName.LEFT, SideName.RIGHT]
    )
    care.prescribe_plan(uow, pid, [change], "gentler start", CATALOG, name="Dr Rao", on=DAY0)
    for day in range(3):
        _session(uow, pid, day, before=3, during=1)
        _morning(uow, pid, day + 1, 1)
    assert _holds(uow, pid)[HAM] == 10
    assert all(
        v.changed_by != "sicoach progression" or HAM not in v.reason for v in _versions(uow, pid)
    )


def _versions(uow: AbstractUnitOfWork, pid: str) -> list[PlanVersion]:
    return plans.plan_history(uow, pid)


def test_new_answers_never_replace_a_clinicians_prescription(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    change = DoseChange(id=HAM, include=True, hold_seconds=25, repetitions=4, sides=[SideName.LEFT])
    care.prescribe_plan(uow, pid, [change], "left only", CATALOG, name="Dr Rao", on=DAY0)
    prescribed = coaching.plan_in_force(uow, pid)
    outcome = _answer(uow, pid, {"minutes_per_day": 20}, linked_clinician=True)
    assert coaching.plan_in_force(uow, pid) == prescribed
    assert outcome.view.status.state is CareState.ACTIVE
    assert outcome.view.status.flagged(FlagKind.ANSWERS_CHANGED)


def test_new_precautions_under_a_prescription_wait_for_a_review(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid)
    change = DoseChange(id=HAM, include=True, hold_seconds=25, repetitions=4, sides=[SideName.LEFT])
    care.prescribe_plan(uow, pid, [change], "left only", CATALOG, name="Dr Rao", on=DAY0)
    outcome = _answer(uow, pid, {"precautions.hypermobility": True}, linked_clinician=True)
    assert outcome.view.status.state is CareState.NEEDS_REVIEW


def test_reading_today_writes_nothing() -> None:
    uow = FakeUnitOfWork()
    pid = _person(uow)
    _answer(uow, pid)
    _session(uow, pid, 0, before=3, during=2)
    commits = uow.commits
    for _ in range(3):
        coaching.today(uow, pid, CATALOG, DAY0 + timedelta(days=1))
        care.care_view(uow, pid, DAY0 + timedelta(days=1))
    assert uow.commits == commits


def test_every_event_is_kept_with_who_caused_it(uow: AbstractUnitOfWork) -> None:
    pid = _person(uow)
    _answer(uow, pid, {"precautions.hypermobility": True})
    care.review_plan(uow, pid, CATALOG, name="Dr Rao", role=Role.CLINICIAN, on=DAY0)
    with uow:
        events = uow.care.events(pid)
    assert [(e.kind, e.from_state, e.to_state, e.by) for e in events] == [
        ("answers", "no-plan", "needs-review", "person"),
        ("review", "needs-review", "active", "Dr Rao"),
    ]


def test_an_emergency_sign_part_way_through_stops_the_plan_and_keeps_the_other_answers(
    uow: AbstractUnitOfWork,
) -> None:
    pid = _person(uow)
    assert care.report_emergency(uow, pid, {"saddle_numbness": True}, CATALOG, on=DAY0) is None
    assert care.care_view(uow, pid, DAY0).status.state is CareState.NO_PLAN  # nothing kept
    _answer(uow, pid, {"red_flags.cancer_history": True})
    later = DAY0 + timedelta(days=1)
    outcome = care.report_emergency(uow, pid, {"saddle_numbness": True}, CATALOG, on=later)
    assert outcome is not None
    view = care.care_view(uow, pid, later)
    assert view.status.state is CareState.REFERRED
    assert view.referral is not None and view.referral.urgency.value == "emergency"
    intake = coaching.current_intake(uow, pid)
    assert intake is not None
    assert intake.red_flags.saddle_numbness and intake.red_flags.cancer_history
