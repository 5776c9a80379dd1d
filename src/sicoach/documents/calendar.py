"""A daily stretching reminder as an iCalendar file (RFC 5545).

One recurring event a person keeps: it starts at their preferred time of day,
lasts the plan's minutes, lists the day's stretches and rings an alarm a few
minutes before. The time is *floating* (no time zone): 07:30 means 07:30 wherever
the person is, which is what a daily habit wants.

A new plan replaces the event instead of adding a second one: the UID depends
only on the person, and SEQUENCE is the plan's version number. Stored plan
versions only ever go up, so a calendar that already holds the event takes the
newer file as an update (RFC 5545 §3.8.7.4); a content hash would change too,
but has no order. A plan made on the spot has no stored version and gets 0.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sicoach.catalog import Catalog
from sicoach.documents.wording import dose_text
from sicoach.program.plan_model import Plan
from sicoach.rules import DEFAULT_REMINDER_TIME, REMINDER_MINUTES_BEFORE

__all__ = ["ReminderTime", "calendar_ics", "event_uid", "reminder_time"]

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sicoach:calendar")


@dataclass(frozen=True)
class ReminderTime:
    """The time of day of the reminder, and whether it is sicoach's default."""

    at: time
    is_default: bool


def reminder_time(preferred: time | None) -> ReminderTime:
    """The person's preferred time, or the default from :mod:`sicoach.rules`."""
    if preferred is not None:
        return ReminderTime(preferred, is_default=False)
    return ReminderTime(time.fromisoformat(DEFAULT_REMINDER_TIME.value), is_default=True)


def event_uid(person_key: str) -> str:
    """The event's UID: the same for every plan version of one person."""
    return f"{uuid.uuid5(_NAMESPACE, person_key)}@sicoach"


def _description(plan: Plan, catalog: Catalog, when: ReminderTime) -> str:
    lines = []
    if plan.referral is not None:
        lines += [f"First: {plan.referral.advice}", ""]
    lines.append("Today's stretches:")
    for planned in plan.exercises:
        exercise = catalog.get(planned.id)
        lines.append(f"- {exercise.name}: {dose_text(planned, exercise)}")
    lines.append("")
    if when.is_default:
        lines.append(
            f"{when.at:%H:%M} is sicoach's default time; "
            "add preferred_time to your intake to change it."
        )
    lines.append(catalog.general_cautions[0])
    return "\n".join(lines)


def calendar_ics(
    plan: Plan,
    catalog: Catalog,
    *,
    person_key: str,
    plan_version: int,
    starts_on: date,
    preferred_time: time | None,
    stamp: datetime,
) -> bytes:
    """The reminder calendar for ``plan`` as ``.ics`` bytes.

    ``person_key`` fixes the UID; ``plan_version`` becomes SEQUENCE; ``stamp`` is
    DTSTAMP (when the file was made, UTC). Raises ``ValueError`` for a plan
    without stretches, which has nothing to remind of.
    """
    from icalendar import Alarm, Calendar, Event

    if not plan.eligible or not plan.exercises:
        raise ValueError("the plan has no stretches, so there is nothing to put in a calendar")
    when = reminder_time(preferred_time)
    event = Event()
    event.add("uid", event_uid(person_key))
    event.add("sequence", plan_version)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("summary", "SI joint stretches")
    event.add("dtstart", datetime.combine(starts_on, when.at))
    event.add("duration", timedelta(minutes=math.ceil(plan.minutes)))
    event.add("rrule", {"freq": "daily"})
    event.add("description", _description(plan, catalog, when))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your SI joint stretches")
    alarm.add("trigger", timedelta(minutes=-REMINDER_MINUTES_BEFORE.value))
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", "-//sicoach//daily stretching reminder//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]
