from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from sicoach.catalog import Catalog
from sicoach.documents.calendar import calendar_ics, event_uid
from sicoach.program.plan_model import Plan, PlannedExercise, Referral, SideName, Urgency
from sicoach.rules import DEFAULT_REMINDER_TIME
from tests.documents.conftest import PlanFactory

STAMP = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _event(ics: bytes):
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return event


def _ics(catalog: Catalog, plan: Plan, *, version: int = 1, at: time | None = time(7, 30)) -> bytes:
    return calendar_ics(
        plan,
        catalog,
        person_key="person-1",
        plan_version=version,
        starts_on=date(2026, 11, 26),
        preferred_time=at,
        stamp=STAMP,
    )


def test_event_recurs_daily_at_the_preferred_time_for_the_plans_minutes(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    event = _event(_ics(catalog, make_plan(minutes=14.2)))
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert event.decoded("DTSTART") == datetime(2026, 11, 26, 7, 30)
    assert event.decoded("DURATION") == timedelta(minutes=15)


def test_alarm_goes_off_before_the_event(catalog: Catalog, make_plan: PlanFactory) -> None:
    (alarm,) = _event(_ics(catalog, make_plan())).walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)


def test_description_lists_the_days_stretches(catalog: Catalog, make_plan: PlanFactory) -> None:
    description = str(
        _event(_ics(catalog, make_plan(without=("press-up-stretch",))))["DESCRIPTION"]
    )
    assert (
        "Seated hamstring stretch: hold 15 seconds, 5 times each side (left and right)"
        in description
    )
    assert "Press-up" not in description
    assert "Check with a doctor" in description


def test_without_a_preferred_time_the_default_is_used_and_said(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    event = _event(_ics(catalog, make_plan(), at=None))
    assert event.decoded("DTSTART").time() == time.fromisoformat(DEFAULT_REMINDER_TIME.value)
    assert "default time" in str(event["DESCRIPTION"])


def test_a_new_plan_version_updates_the_same_event(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    old = _event(_ics(catalog, make_plan(), version=1))
    new = _event(_ics(catalog, make_plan(without=("hamstring-stretch",)), version=2))
    assert old["UID"] == new["UID"] == event_uid("person-1")
    assert new["SEQUENCE"] > old["SEQUENCE"]


def test_second_parser_expands_the_recurrence_into_consecutive_days(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    ics = _ics(catalog, make_plan()).decode()
    rule_lines = [line for line in ics.splitlines() if line.startswith(("DTSTART", "RRULE"))]
    occurrences = rrulestr("\n".join(rule_lines), forceset=True)[:3]
    assert occurrences == [datetime(2026, 11, 26 + d, 7, 30) for d in range(3)]


def test_plan_without_stretches_gives_no_calendar(catalog: Catalog) -> None:
    plan = Plan(
        eligible=False,
        referral=Referral(
            urgency=Urgency.BEFORE_STARTING, reasons=["fever"], advice="See a doctor."
        ),
        exercises=[],
        excluded=[],
        minutes=0,
    )
    with pytest.raises(ValueError, match="nothing to put in a calendar"):
        _ics(catalog, plan)


@settings(max_examples=40, deadline=None)
@given(
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    minutes=st.floats(min_value=0.5, max_value=240, allow_nan=False),
    version=st.integers(min_value=0, max_value=10_000),
)
def test_any_time_minutes_and_version_read_back_unchanged(
    at: time, minutes: float, version: int
) -> None:
    from sicoach.catalog import default_catalog

    catalog = default_catalog()
    plan = Plan(
        eligible=True,
        referral=None,
        exercises=[
            PlannedExercise(
                id="press-up-stretch",
                hold_seconds=5,
                repetitions=5,
                sides=[SideName.BOTH],
                reason="r",
            )
        ],
        excluded=[],
        minutes=minutes,
    )
    event = _event(_ics(catalog, plan, version=version, at=at))
    assert event.decoded("DTSTART").time() == at
    assert event.decoded("DURATION") == timedelta(minutes=math.ceil(minutes))
    assert event["SEQUENCE"] == version


def test_a_plan_that_needs_review_says_so_first(catalog: Catalog, make_plan: PlanFactory) -> None:
    referral = Referral(
        urgency=Urgency.CLINICIAN_REVIEW,
        reasons=["Joint hypermobility"],
        advice="Show this plan to your clinician before you start.",
    )
    plan = make_plan().model_copy(update={"referral": referral})
    description = str(_event(_ics(catalog, plan))["DESCRIPTION"])
    assert description.startswith("First: Show this plan to your clinician before you start.")
