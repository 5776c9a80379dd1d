"""The camera check while a session plays: is the stretch held right now, and is a cue due?

Landmarks arrive a frame at a time; :class:`LiveCheck` keeps the last few seconds
and analyses them with the templates of the stretch the session is on. The same
recogniser as for a whole recording, so the same hysteresis: a jittery or lost
frame does not stop the hold countdown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sicoach.rules import FAULT_MIN_SECONDS, HOLD_MAX_GAP_SECONDS
from sicoach.vision.landmarks import LANDMARK_COUNT, Recording
from sicoach.vision.recognise import Template, analyse

__all__ = ["LiveCheck", "LiveStatus"]

FloatArray = npt.NDArray[np.float64]

#: Seconds of landmarks kept: long enough to see a hold settle and a fault last.
WINDOW_SECONDS = 6.0


@dataclass(frozen=True)
class LiveStatus:
    """What the camera sees now for one stretch and side."""

    holding: bool
    fault: str | None


class LiveCheck:
    """A rolling window of landmarks, checked against one stretch and side on demand."""

    def __init__(self, templates: Sequence[Template], width: int, height: int) -> None:
        self._templates = tuple(templates)
        self._width, self._height = width, height
        self._frames: deque[tuple[float, FloatArray]] = deque()
        self._missing = np.full((LANDMARK_COUNT, 4), np.nan)

    def add(self, t: float, points: FloatArray | None) -> None:
        """One frame's landmarks (33 x 4) at ``t`` seconds, or None when nobody was found."""
        self._frames.append((t, self._missing if points is None else points))
        while self._frames and t - self._frames[0][0] > WINDOW_SECONDS:
            self._frames.popleft()

    def status(self, exercise: str, side: str) -> LiveStatus:
        """Whether ``exercise`` on ``side`` is held now, and the cue of a lasting fault."""
        templates = [t for t in self._templates if t.exercise == exercise and t.side == side]
        if len(self._frames) < 2 or not templates:
            return LiveStatus(False, None)
        times = np.array([t for t, _ in self._frames])
        recording = Recording(
            times, np.stack([p for _, p in self._frames]), self._width, self._height
        )
        if not recording.present.any():
            return LiveStatus(False, None)
        # The countdown runs as soon as the stretch is settled: the shortest reported
        # hold is for the whole-recording report, not a wait before counting.
        analysis = analyse(recording, templates, min_hold_seconds=0.0)
        newest = float(times[-1])
        current = [h for h in analysis.holds if newest - h.end <= HOLD_MAX_GAP_SECONDS.value]
        if not current:
            return LiveStatus(False, None)
        hold = current[-1]
        lasting = np.flatnonzero(times >= newest - FAULT_MIN_SECONDS.value)
        lasting = lasting[(lasting >= hold.first_frame) & (lasting <= hold.last_frame)]
        fault = None
        for check in hold.template.form:
            if (
                lasting.size
                and check.broken(
                    analysis.features, slice(lasting[0], lasting[-1] + 1), hold.first_frame
                ).all()
            ):
                fault = check.cue
                break
        return LiveStatus(True, fault)
