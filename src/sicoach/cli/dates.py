"""Days given on the command line: ISO dates, never in the future (DESIGN.md contract 10)."""

from __future__ import annotations

from datetime import date, datetime, time

from sicoach.cli.common import fail

__all__ = ["moment_of", "past_day"]


def past_day(text: str) -> date:
    """``text`` as a day (YYYY-MM-DD), or exit 2: not a date, or a day still to come."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail(f"--date: {text!r} is not a date; write it as YYYY-MM-DD")
    if day > datetime.now().astimezone().date():
        fail(f"--date: {day} is in the future")
    return day


def moment_of(day: date | None) -> datetime | None:
    """When something given for ``day`` happened: now for today (None), else noon that day."""
    now = datetime.now().astimezone()
    if day is None or day == now.date():
        return None
    return datetime.combine(day, time(12), tzinfo=now.tzinfo)
