"""Session time: a monotonic clock, sped up for demos, that stands still while frozen.

Every step's deadline is a point in session time, and session time is worked out
afresh from the monotonic clock each time it is read. Nothing is added up from
sleeps, so however late a sleep wakes, the error never carries into the next step.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["SessionClock"]


class SessionClock:
    """Seconds of session played so far, from a monotonic ``now`` and a speed factor.

    While frozen (paused, or a hold waiting for the person to be in position) session
    time does not move; the frozen wall time is left out of every later reading.
    """

    def __init__(self, now: Callable[[], float], speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be above 0, got {speed}")
        self._now = now
        self._speed = speed
        self._start = now()
        self._frozen_total = 0.0
        self._frozen_since: float | None = None

    @property
    def speed(self) -> float:
        """How many session seconds pass in one wall second."""
        return self._speed

    @property
    def frozen(self) -> bool:
        """Whether session time is standing still."""
        return self._frozen_since is not None

    def elapsed(self) -> float:
        """Session seconds played since the start, frozen spans left out."""
        return self._session_at(self._now())

    def set_frozen(self, frozen: bool) -> None:
        """Stop or restart session time (doing what it already does is harmless)."""
        if frozen and self._frozen_since is None:
            self._frozen_since = self._now()
        elif not frozen and self._frozen_since is not None:
            self._frozen_total += self._now() - self._frozen_since
            self._frozen_since = None

    def wall_seconds_until(self, session_seconds: float) -> float:
        """Wall seconds from now until session time reaches ``session_seconds`` (0 if passed)."""
        now = self._now()
        return max(0.0, (session_seconds - self._session_at(now)) / self._speed)

    def _session_at(self, wall: float) -> float:
        frozen = self._frozen_total
        if self._frozen_since is not None:
            frozen += wall - self._frozen_since
        return (wall - self._start - frozen) * self._speed
