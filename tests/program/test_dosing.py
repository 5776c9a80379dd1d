"""A whole plan's next dose: holds stay inside their bounds whatever the pain answers."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sicoach.catalog import default_catalog
from sicoach.program.dosing import next_plan_dose
from sicoach.program.plan import build_plan, repetition_range
from sicoach.program.plan_model import Plan
from sicoach.program.prescription import DoseChange, prescribe
from sicoach.program.progression import Decision, PainResponse, dose_bounds
from tests.intake_factory import make_intake

CATALOG = default_catalog()
DAY = date(2026, 3, 2)
PLAN = build_plan(make_intake({}), CATALOG)
HAM = "hamstring-stretch"
PRESCRIBED = prescribe(
    PLAN,
    [DoseChange(id=HAM, include=True, hold_seconds=10, repetitions=5, sides=["left", "right"])],
    CATALOG,
    "gentler",
)
SCORES = st.integers(0, 10)
RESPONSE = st.builds(
    PainResponse,
    day=st.just(DAY),
    before=SCORES,
    during=st.none() | SCORES,
    after=st.none() | SCORES,
    next_morning=st.none() | SCORES,
)


@given(st.sampled_from([PLAN, PRESCRIBED]), st.lists(RESPONSE, min_size=1, max_size=40))
def test_holds_never_leave_their_bounds(plan: Plan, responses: list[PainResponse]) -> None:
    dated = [r.model_copy(update={"day": DAY + timedelta(days=i)}) for i, r in enumerate(responses)]
    for seen in range(1, len(dated) + 1):
        plan = next_plan_dose(plan, CATALOG, dated[:seen], minutes_per_day=15).plan
        for planned in plan.exercises:
            exercise = CATALOG.get(planned.id)
            low, high = dose_bounds(planned, exercise)
            assert low <= planned.hold_seconds <= high
            assert planned.repetitions <= repetition_range(exercise)[1] or planned.clinician_dose


def test_a_clinicians_dose_keeps_its_number_and_repetitions() -> None:
    good = [
        PainResponse(day=DAY + timedelta(days=i), before=3, during=1, next_morning=2)
        for i in range(5)
    ]
    dosed = next_plan_dose(PRESCRIBED, CATALOG, good, minutes_per_day=30)
    (hamstring,) = [p for p in dosed.plan.exercises if p.id == HAM]
    assert (hamstring.hold_seconds, hamstring.repetitions) == (10, 5)


def test_at_the_longest_hold_a_good_session_adds_a_repetition() -> None:
    press = "press-up-stretch"
    top = PLAN.model_copy(
        update={
            "exercises": [
                p.model_copy(update={"hold_seconds": 30.0}) if p.id == press else p
                for p in PLAN.exercises
            ]
        }
    )
    good = [PainResponse(day=DAY, before=3, during=1, next_morning=2)]
    dosed = next_plan_dose(top, CATALOG, good, minutes_per_day=60)
    line = next(line for line in dosed.lines if line.exercise == press)
    assert line.decision is Decision.PROGRESS and line.repetitions == 6
    unbudgeted = next_plan_dose(top, CATALOG, good, minutes_per_day=None)
    assert next(p for p in unbudgeted.plan.exercises if p.id == press).repetitions == 5
