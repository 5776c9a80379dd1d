"""Moments in time as the services keep them: aware, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

__all__ = ["as_utc", "local_zone", "now_utc"]


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
