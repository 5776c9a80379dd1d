"""The plan's life: every state against every event, and no sequence that plays an unsafe plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.program.lifecycle import (
    AnswersGiven,
    CareEvent,
    CareState,
    CareStatus,
    FlagKind,
    LifecycleRefusal,
    PainRecorded,
    PlanAction,
    Prescribed,
    RedFlagsAnswered,
    Reviewed,
    Role,
    SessionRecorded,
    SessionStarting,
    decide,
    start_refusal,
    status_on,
)
from sicoach.program.plan_model import Urgency
from sicoach.program.progression import PainVerdict
from sicoach.rules import RESCREEN_EVERY_DAYS

DAY = date(2026, 3, 2)
S = CareState


def _status(state: CareState, **changes: object) -> CareStatus:
    base: dict[str, object] = {
        "state": state,
        "since": DAY,
        "started_on": DAY,
        "screened_on": DAY,
        "plan_version": None if state is S.NO_PLAN else 1,
    }
    if state is S.REFERRED:
        base |= {"urgency": Urgency.BEFORE_STARTING, "referral_flags": ["cancer_history"]}
    if state is S.PAUSED:
        base |= {"rescreen_needed": True}
    return CareStatus.model_validate(base | changes)


ANSWERS_CLEAR = AnswersGiven(on=DAY, by=Role.PERSON, urgency=None)
ANSWERS_REVIEW = AnswersGiven(
    on=DAY, by=Role.PERSON, urgency=Urgency.CLINICIAN_REVIEW, reasons=["Hypermobility"]
)
ANSWERS_EMERGENCY = AnswersGiven(
    on=DAY, by=Role.PERSON, urgency=Urgency.EMERGENCY, raised=["saddle_numbness"]
)
RESCREEN_CLEAR = RedFlagsAnswered(on=DAY, by=Role.PERSON, urgency=None)
REVIEW = Reviewed(on=DAY, by=Role.CLINICIAN, name="Dr Rao")
PRESCRIBE = Prescribed(on=DAY, by=Role.CLINICIAN, name="Dr Rao")
FLARE = SessionRecorded(on=DAY, by=Role.PERSON, session_id="s", verdict=PainVerdict.FLARE)
OVER = SessionRecorded(on=DAY, by=Role.PERSON, session_id="s", verdict=PainVerdict.OVER_LIMIT)
MORNING_FLARE = PainRecorded(on=DAY, by=Role.PERSON, verdict=PainVerdict.FLARE)
START = SessionStarting(on=DAY, by=Role.PERSON)

REFUSED = "refused"

# state × event → the state after it (or REFUSED), and what happens to the plan.
TABLE: list[tuple[CareState, CareEvent, CareState | str, PlanAction | None]] = [
    (S.NO_PLAN, ANSWERS_CLEAR, S.ACTIVE, PlanAction.REBUILD),
    (S.NO_PLAN, ANSWERS_REVIEW, S.NEEDS_REVIEW, PlanAction.REBUILD),
    (S.NO_PLAN, ANSWERS_EMERGENCY, S.REFERRED, PlanAction.REBUILD),
    (S.NO_PLAN, RESCREEN_CLEAR, REFUSED, None),
    (S.NO_PLAN, REVIEW, REFUSED, None),
    (S.NO_PLAN, PRESCRIBE, REFUSED, None),
    (S.NO_PLAN, FLARE, REFUSED, None),
    (S.NO_PLAN, MORNING_FLARE, S.NO_PLAN, PlanAction.NONE),
    (S.NO_PLAN, START, REFUSED, None),
    (S.REFERRED, ANSWERS_CLEAR, S.ACTIVE, PlanAction.REBUILD),
    (S.REFERRED, ANSWERS_EMERGENCY, S.REFERRED, PlanAction.REBUILD),
    (S.REFERRED, RESCREEN_CLEAR, REFUSED, None),
    (S.REFERRED, REVIEW, S.ACTIVE, PlanAction.REBUILD),
    (S.REFERRED, PRESCRIBE, REFUSED, None),
    (S.REFERRED, FLARE, REFUSED, None),
    (S.REFERRED, MORNING_FLARE, S.REFERRED, PlanAction.NONE),
    (S.REFERRED, START, REFUSED, None),
    (S.NEEDS_REVIEW, ANSWERS_CLEAR, S.ACTIVE, PlanAction.REBUILD),
    (S.NEEDS_REVIEW, ANSWERS_EMERGENCY, S.REFERRED, PlanAction.REBUILD),
    (S.NEEDS_REVIEW, RESCREEN_CLEAR, S.NEEDS_REVIEW, PlanAction.NONE),
    (S.NEEDS_REVIEW, REVIEW, S.ACTIVE, PlanAction.NONE),
    (S.NEEDS_REVIEW, PRESCRIBE, S.ACTIVE, PlanAction.PRESCRIBE),
    (S.NEEDS_REVIEW, FLARE, REFUSED, None),
    (S.NEEDS_REVIEW, MORNING_FLARE, S.PAUSED, PlanAction.NONE),
    (S.NEEDS_REVIEW, START, REFUSED, None),
    (S.ACTIVE, ANSWERS_CLEAR, S.ACTIVE, PlanAction.REBUILD),
    (S.ACTIVE, ANSWERS_REVIEW, S.NEEDS_REVIEW, PlanAction.REBUILD),
    (S.ACTIVE, ANSWERS_EMERGENCY, S.REFERRED, PlanAction.REBUILD),
    (S.ACTIVE, RESCREEN_CLEAR, S.ACTIVE, PlanAction.NONE),
    (S.ACTIVE, REVIEW, S.ACTIVE, PlanAction.NONE),
    (S.ACTIVE, PRESCRIBE, S.ACTIVE, PlanAction.PRESCRIBE),
    (S.ACTIVE, FLARE, S.PAUSED, PlanAction.DOSE),
    (S.ACTIVE, OVER, S.ACTIVE, PlanAction.DOSE),
    (S.ACTIVE, MORNING_FLARE, S.PAUSED, PlanAction.NONE),
    (S.ACTIVE, START, S.ACTIVE, PlanAction.NONE),
    (S.PAUSED, ANSWERS_CLEAR, S.PAUSED, PlanAction.REBUILD),
    (S.PAUSED, ANSWERS_EMERGENCY, S.REFERRED, PlanAction.REBUILD),
    (S.PAUSED, RESCREEN_CLEAR, S.PAUSED, PlanAction.NONE),
    (S.PAUSED, REVIEW, S.PAUSED, PlanAction.NONE),
    (S.PAUSED, PRESCRIBE, S.PAUSED, PlanAction.PRESCRIBE),
    (S.PAUSED, FLARE, REFUSED, None),
    (S.PAUSED, MORNING_FLARE, S.PAUSED, PlanAction.NONE),
    (S.PAUSED, START, REFUSED, None),
]


@pytest.mark.parametrize(
    ("state", "event", "after", "plan"),
    TABLE,
    ids=[f"{s.value}-{type(e).__name__}-{i}" for i, (s, e, _, _) in enumerate(TABLE)],
)
def test_every_state_and_event(
    state: CareState, event: CareEvent, after: CareState | str, plan: PlanAction | None
) -> None:
    if after == REFUSED:
        with pytest.raises(LifecycleRefusal):
            decide(_status(state), event)
        return
    transition = decide(_status(state), event)
    assert transition.status.state is after
    assert transition.plan is plan
    assert transition.message


def test_the_table_covers_every_state() -> None:
    assert {row[0] for row in TABLE} == set(CareState)


def test_an_emergency_referral_is_never_cleared() -> None:
    emergency = _status(S.REFERRED, urgency=Urgency.EMERGENCY)
    with pytest.raises(LifecycleRefusal, match="emergency"):
        decide(emergency, REVIEW)
    with pytest.raises(LifecycleRefusal):
        decide(emergency, Reviewed(on=DAY, by=Role.PERSON, name="Dr A", local_mode=True))


@pytest.mark.parametrize(
    ("event", "allowed"),
    [
        (Reviewed(on=DAY, by=Role.PERSON, name="me"), False),
        (Reviewed(on=DAY, by=Role.PERSON, name="Dr Rao", local_mode=True), True),
        (Reviewed(on=DAY, by=Role.SICOACH, name="sicoach", local_mode=True), False),
        (Prescribed(on=DAY, by=Role.PERSON, name="me"), False),
        (AnswersGiven(on=DAY, by=Role.CLINICIAN, urgency=None), False),
        (SessionRecorded(on=DAY, by=Role.CLINICIAN, session_id="s", verdict=None), False),
    ],
)
def test_who_may_cause_what(event: CareEvent, allowed: bool) -> None:
    status = _status(S.NEEDS_REVIEW)
    if allowed:
        assert decide(status, event).status.state is S.ACTIVE
    else:
        with pytest.raises(LifecycleRefusal):
            decide(status, event)


def test_a_paused_plan_resumes_after_both_re_screen_and_review_in_either_order() -> None:
    paused = decide(_status(S.ACTIVE), FLARE).status
    assert paused.flagged(FlagKind.FLARE) and paused.rescreen_needed
    for first, second in ((REVIEW, RESCREEN_CLEAR), (RESCREEN_CLEAR, REVIEW)):
        halfway = decide(paused, first).status
        assert halfway.state is S.PAUSED
        done = decide(halfway, second).status
        assert done.state is S.ACTIVE and not done.flagged(FlagKind.FLARE)


def test_answers_under_a_prescription_keep_it_and_flag_the_change() -> None:
    prescribed = _status(S.ACTIVE, prescribed_by="Dr Rao")
    transition = decide(prescribed, ANSWERS_CLEAR)
    assert transition.plan is PlanAction.NONE
    assert transition.status.flagged(FlagKind.ANSWERS_CHANGED)


def test_the_red_flags_fall_due_again_and_block_the_session() -> None:
    active = _status(S.ACTIVE)
    due = DAY + timedelta(days=RESCREEN_EVERY_DAYS.value)
    assert start_refusal(active, due - timedelta(days=1)) is None
    assert status_on(active, due).flagged(FlagKind.RESCREEN_DUE)
    assert start_refusal(active, due) is not None


def test_missed_days_are_flagged_for_an_active_plan() -> None:
    active = _status(S.ACTIVE, last_session_on=DAY)
    assert not status_on(active, DAY + timedelta(days=2)).flagged(FlagKind.MISSED_SESSIONS)
    assert status_on(active, DAY + timedelta(days=3)).flagged(FlagKind.MISSED_SESSIONS)


URGENCIES = st.sampled_from(
    [None, Urgency.CLINICIAN_REVIEW, Urgency.BEFORE_STARTING, Urgency.EMERGENCY]
)
ROLES = st.sampled_from(list(Role))
VERDICTS = st.sampled_from([None, *PainVerdict])


def _events(day: date) -> st.SearchStrategy[CareEvent]:
    return st.one_of(
        st.builds(
            AnswersGiven,
            on=st.just(day),
            by=ROLES,
            urgency=URGENCIES,
            changed=st.booleans(),
            linked_clinician=st.booleans(),
        ),
        st.builds(RedFlagsAnswered, on=st.just(day), by=ROLES, urgency=URGENCIES),
        st.builds(
            Reviewed, on=st.just(day), by=ROLES, name=st.just("Dr X"), local_mode=st.booleans()
        ),
        st.builds(Prescribed, on=st.just(day), by=ROLES, name=st.just("Dr X")),
        st.builds(
            SessionRecorded, on=st.just(day), by=ROLES, session_id=st.just("s"), verdict=VERDICTS
        ),
        st.builds(
            PainRecorded,
            on=st.just(day),
            by=ROLES,
            verdict=VERDICTS,
            session_answers=st.booleans(),
        ),
        st.builds(SessionStarting, on=st.just(day), by=ROLES),
    )


@given(st.lists(st.tuples(st.integers(0, 40), st.data()), max_size=30))
def test_no_sequence_of_events_starts_a_session_unless_active(
    steps: list[tuple[int, st.DataObject]],
) -> None:
    status = CareStatus()
    day = DAY
    for gap, data in steps:
        day += timedelta(days=gap)
        event = data.draw(_events(day))
        try:
            transition = decide(status, event)
        except LifecycleRefusal:
            continue
        if isinstance(event, SessionStarting) or (
            isinstance(event, SessionRecorded) and event.by is Role.PERSON
        ):
            assert status.state is S.ACTIVE
            assert not status_on(status, day).flagged(FlagKind.RESCREEN_DUE)
        if status.state is S.REFERRED and status.urgency is Urgency.EMERGENCY:
            # Only new answers without the sign ever lift an emergency referral.
            assert transition.status.state is S.REFERRED or isinstance(event, AnswersGiven)
        status = transition.status
