"""Moments in time as the services keep them: aware, in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["as_utc", "local_zone", "now_utc", "time_zones", "today_in", "zone_named"]


@cache
def _known_zones() -> frozenset[str]:
    # Read once, on first use: listing the zone database takes tens of milliseconds.
    return frozenset(available_timezones())


@cache
def time_zones() -> tuple[str, ...]:
    """The zones a person may choose: the IANA names, without the old aliases ("US/Central")."""
    return tuple(
        sorted(
            name
            for name in _known_zones()
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
        )
    )


def now_utc() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a time without a zone is taken as this machine's local time."""
    return moment.astimezone(UTC)


def local_zone() -> tzinfo:
    """The time zone of this computer, for the person's days."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def zone_named(name: str | None) -> tzinfo:
    """The IANA time zone ``name`` ("America/Chicago"); None gives this computer's zone.

    Raises ``ValueError`` naming it when it is not a known zone.
    """
    if name is None:
        return local_zone()
    if name not in _known_zones():
        raise ValueError(f"{name!r} is not a time zone name such as 'America/Chicago'")
    try:
        return ZoneInfo(name)  # zoneinfo keeps each zone once made: cheap on every request
    except ZoneInfoNotFoundError as exc:  # listed but its data file is missing
        raise ValueError(f"no time zone data for {name!r}") from exc


def today_in(zone: tzinfo, now: datetime | None = None) -> date:
    """The calendar day it is now (or at ``now``) in ``zone``."""
    return (now or now_utc()).astimezone(zone).date()
