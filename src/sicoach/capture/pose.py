"""MediaPipe Pose over OpenCV frames: images and videos in, contract 2 landmarks out.

Only the full model (``model_complexity=1``) is inside the ``mediapipe==0.10.21``
wheel; complexity 0 and 2 try to download theirs at start-up and fail offline
(clinical-facts §7), so :data:`MODEL_COMPLEXITY` is fixed at 1.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "CAMERA_EXTRA_INSTALL",
    "MODEL_COMPLEXITY",
    "CameraExtraMissing",
    "CaptureError",
    "Frame",
    "PoseTracker",
    "frames_from",
    "load_camera_libraries",
    "open_camera",
    "open_video",
]

#: The only pose model the mediapipe 0.10.21 wheel carries (runs offline).
MODEL_COMPLEXITY = 1
CAMERA_EXTRA_INSTALL = '.venv/bin/pip install -e ".[camera]"  (in the sicoach folder)'

FloatArray = npt.NDArray[np.float64]


class CameraExtraMissing(RuntimeError):
    """MediaPipe or OpenCV is not installed; the message says how to add them."""

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"the camera check needs {missing}, which is not installed. "
            f"Add it with: {CAMERA_EXTRA_INSTALL}"
        )


class CaptureError(RuntimeError):
    """A video or camera that cannot be opened or read."""


def load_camera_libraries() -> tuple[ModuleType, ModuleType]:
    """Import OpenCV and MediaPipe's pose solution, or raise :class:`CameraExtraMissing`."""
    try:
        import cv2
    except ImportError:
        raise CameraExtraMissing("OpenCV (opencv-python-headless)") from None
    try:
        from mediapipe.python.solutions import pose
    except ImportError:
        raise CameraExtraMissing("MediaPipe (mediapipe==0.10.21)") from None
    return cv2, pose


@dataclass(frozen=True)
class Frame:
    """One picture from a video or camera: its time in seconds, the BGR pixels, its number.

    ``index`` counts the pictures the source gave, so frames skipped in between show.
    """

    t: float
    image: npt.NDArray[np.uint8]
    index: int = 0


class _Newest:
    """Reads a live camera on its own thread and keeps only its newest picture."""

    def __init__(self, capture: Any, started: float) -> None:
        self._capture, self._started = capture, started
        self._changed = threading.Condition()
        self._frame: Frame | None = None
        self._count = 0
        self._ended = False
        self._thread = threading.Thread(target=self._read, name="sicoach-camera-read", daemon=True)

    def start(self) -> _Newest:
        self._thread.start()
        return self

    def _read(self) -> None:
        while True:
            ok, image = self._capture.read()
            t = time.monotonic() - self._started
            with self._changed:
                if not ok or self._ended:
                    self._ended = True
                    self._changed.notify_all()
                    return
                self._frame = Frame(t, image, self._count)
                self._count += 1
                self._changed.notify_all()

    def after(self, seen: int) -> Frame | None:
        """The newest picture numbered ``seen`` or later (waits for one), or None at the end."""
        with self._changed:
            self._changed.wait_for(lambda: self._count > seen or self._ended)
            return self._frame if self._count > seen else None

    def stop(self) -> None:
        with self._changed:
            self._ended = True
        self._thread.join(timeout=2.0)


def open_video(path: Path) -> Any:
    """An OpenCV capture of a video file; :class:`CaptureError` if it cannot be read."""
    cv2, _ = load_camera_libraries()
    if not path.is_file():
        raise CaptureError(f"{path}: no such video file")
    capture = cv2.VideoCapture(str(path))
    ok = capture.isOpened()
    if ok:
        ok, _ = capture.read()
        capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
    if not ok:
        capture.release()
        raise CaptureError(f"{path}: not a video OpenCV can read")
    return capture


def open_camera(index: int) -> Any:
    """An OpenCV capture of camera ``index``; :class:`CaptureError` if it cannot be opened."""
    cv2, _ = load_camera_libraries()
    capture = cv2.VideoCapture(index)
    if not capture.isOpened() or not capture.read()[0]:
        capture.release()
        raise CaptureError(f"camera {index} cannot be opened (is it connected and free?)")
    return capture


def frames_from(capture: Any, *, live: bool, max_seconds: float | None = None) -> Iterator[Frame]:
    """Frames of an open capture, timed by the video's own clock (or the wall clock if live).

    A video gives every frame. A live camera gives its newest picture each time the
    caller asks: pictures that arrive while the caller is busy (the pose model on the
    last one) are skipped, so a slower pose model keeps up with the camera instead of
    falling behind it, and MediaPipe's tracker carries the person across the gap.
    """
    cv2, _ = load_camera_libraries()
    started = time.monotonic()
    if live:
        reader = _Newest(capture, started).start()
        seen = 0
        try:
            while (frame := reader.after(seen)) is not None:
                if max_seconds is not None and frame.t > max_seconds:
                    return
                seen = frame.index + 1
                yield frame
        finally:
            reader.stop()
            capture.release()
        return
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    index = 0
    try:
        while True:
            ok, image = capture.read()
            if not ok:
                return
            t = index / fps
            if max_seconds is not None and t > max_seconds:
                return
            yield Frame(t, image, index)
            index += 1
    finally:
        capture.release()


class PoseTracker:
    """MediaPipe Pose, full model, tracking from frame to frame (or each image on its own)."""

    def __init__(self, *, still_images: bool = False) -> None:
        _, pose = load_camera_libraries()
        self._pose = pose.Pose(
            static_image_mode=still_images,
            model_complexity=MODEL_COMPLEXITY,
            min_detection_confidence=0.5,
            min_tracking_confidence=0.5,
        )

    @property
    def model_complexity(self) -> int:
        """The model in use (always :data:`MODEL_COMPLEXITY`)."""
        return MODEL_COMPLEXITY

    def landmarks(self, image_bgr: npt.NDArray[np.uint8]) -> FloatArray | None:
        """33 x 4 landmarks (x, y, z, visibility) of the person in the picture, or None."""
        cv2, _ = load_camera_libraries()
        result = self._pose.process(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB))
        if result.pose_landmarks is None:
            return None
        points = result.pose_landmarks.landmark
        return np.array([[p.x, p.y, p.z, p.visibility] for p in points], dtype=np.float64)

    def close(self) -> None:
        """Free the model."""
        self._pose.close()

    def __enter__(self) -> PoseTracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
