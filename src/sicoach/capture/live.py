"""Watch a camera in the background during a guided session and answer: is the stretch held?"""

from __future__ import annotations

import threading
import time
from typing import Any

from sicoach.capture.pose import PoseTracker, frames_from, load_camera_libraries, open_camera
from sicoach.vision.live import LiveCheck, LiveStatus
from sicoach.vision.templates import default_templates

__all__ = ["REUSE_SECONDS", "CameraWatcher"]

#: How long one look at the stretch answers the session's questions (seconds): the
#: session asks every 0.05 s, and a look at the last seconds takes a few milliseconds.
REUSE_SECONDS = 0.05


class CameraWatcher:
    """Reads camera frames on its own thread, runs the pose model, keeps a :class:`LiveCheck`.

    Opening raises :class:`~sicoach.capture.pose.CaptureError` (no camera) or
    :class:`~sicoach.capture.pose.CameraExtraMissing` (no extra) before anything
    starts, so a session never begins with a camera that cannot work. ``capture``
    is an OpenCV capture already open (another source that behaves like a camera).
    """

    def __init__(self, index: int, *, capture: Any | None = None) -> None:
        cv2, _ = load_camera_libraries()
        self._capture: Any = open_camera(index) if capture is None else capture
        width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        self._live = LiveCheck(default_templates(), width, height)
        self._lock = threading.Lock()
        self._last: tuple[tuple[str, str], float, LiveStatus] | None = None
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="sicoach-camera", daemon=True)

    def start(self) -> CameraWatcher:
        """Begin watching."""
        self._running.set()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching and free the camera."""
        self._running.clear()
        self._thread.join(timeout=2.0)
        self._capture.release()

    def status(self, exercise: str | None, side: str | None) -> LiveStatus:
        """What the camera sees now for this stretch and side (not held when there is none).

        The answer is reused for :data:`REUSE_SECONDS`: the session asks many times a second.
        """
        if exercise is None or side is None:
            return LiveStatus(False, None)
        key, now = (exercise, side), time.monotonic()
        with self._lock:
            if self._last is None or self._last[0] != key or now - self._last[1] > REUSE_SECONDS:
                self._last = (key, now, self._live.status(exercise, side))
            return self._last[2]

    def _watch(self) -> None:
        # The newest picture each time the pose model is free: a model slower than the
        # camera skips pictures (the tracker carries the person) instead of lagging.
        with PoseTracker() as tracker:
            for frame in frames_from(self._capture, live=True):
                if not self._running.is_set():
                    break
                points = tracker.landmarks(frame.image)
                with self._lock:
                    self._live.add(frame.t, points)
