"""Run the pose model over a video or a camera and keep the landmarks as a recording."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from sicoach.capture.pose import Frame, PoseTracker, frames_from, load_camera_libraries
from sicoach.files import write_atomically
from sicoach.vision.landmarks import LANDMARK_COUNT, Recording, format_frame, format_header

__all__ = ["record_landmarks", "write_recording"]


def record_landmarks(
    capture: Any,
    *,
    live: bool,
    max_seconds: float | None = None,
    keep: Callable[[Frame], None] | None = None,
) -> Recording:
    """Landmarks of every frame of an open capture (contract 2 as arrays).

    ``keep`` is given each frame too (to save a live camera's pictures for the
    annotated video). A video that breaks off part way, or a live recording
    stopped with Ctrl-C, gives the frames read so far.
    """
    cv2, _ = load_camera_libraries()
    width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0) or None
    times: list[float] = []
    points: list[np.ndarray[Any, Any]] = []
    missing = np.full((LANDMARK_COUNT, 4), np.nan)
    with PoseTracker() as tracker:
        try:
            for frame in frames_from(capture, live=live, max_seconds=max_seconds):
                if keep is not None:
                    keep(frame)
                found = tracker.landmarks(frame.image)
                times.append(frame.t)
                points.append(missing if found is None else found)
        except KeyboardInterrupt:
            # Ctrl-C ends a live recording early; what was seen is still reported.
            capture.release()
    landmarks = np.stack(points) if points else np.empty((0, LANDMARK_COUNT, 4))
    return Recording(np.asarray(times, dtype=np.float64), landmarks, width, height, fps)


def _lines(recording: Recording) -> Iterable[str]:
    yield format_header(recording.width, recording.height, recording.fps)
    for t, present, points in zip(
        recording.times, recording.present, recording.landmarks, strict=True
    ):
        yield format_frame(float(t), points if present else None)


def write_recording(recording: Recording, out: Path) -> None:
    """Save ``recording`` as contract 2 JSON Lines; the file appears only when complete."""
    write_atomically(out, "".join(line + "\n" for line in _lines(recording)))
