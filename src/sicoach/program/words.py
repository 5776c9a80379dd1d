"""Times in the words people use: "15 seconds", "15 to 30 seconds", never "15–30 s"."""

from __future__ import annotations

__all__ = ["seconds_range_text", "seconds_text"]


def seconds_text(seconds: float) -> str:
    """Seconds as people say them: ``15 seconds``, ``1 second``, ``7.5 seconds``."""
    return f"{seconds:g} second{'' if seconds == 1 else 's'}"


def seconds_range_text(low: float, high: float) -> str:
    """A range of seconds as people say it: ``15 to 30 seconds``; ``5 seconds`` when equal."""
    return seconds_text(low) if low == high else f"{low:g} to {high:g} seconds"
