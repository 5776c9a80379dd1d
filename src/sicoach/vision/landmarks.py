"""Pose recordings (DESIGN.md contract 2) as arrays.

A recording is JSON Lines, one frame a line::

    {"schema": "sicoach.landmarks/1", "width": 640, "height": 480, "fps": 30}   (optional header)
    {"t": 0.033, "landmarks": [[x, y, z, visibility], ... 33]}
    {"t": 0.066, "landmarks": null}                                              (no person)

x and y are normalised to the image (x right, y down). Angles must be measured in
pixels, so :attr:`Recording.pixels` scales them by the image size first; a 4:3
image measured in normalised units turns a 35 degree lean into about 28 degrees.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_HEIGHT",
    "DEFAULT_WIDTH",
    "LANDMARKS_SCHEMA",
    "LANDMARK_COUNT",
    "Landmark",
    "LandmarkFileError",
    "Recording",
    "format_frame",
    "format_header",
    "parse_recording",
]

LANDMARKS_SCHEMA = "sicoach.landmarks/1"
LANDMARK_COUNT = 33
DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 480

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Landmark(IntEnum):
    """MediaPipe Pose landmark order (BlazePose, 33 points)."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


class LandmarkFileError(ValueError):
    """A recording that cannot be read; the message names the line and what is wrong."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Recording:
    """A pose recording: ``landmarks`` is frames x 33 x 4 (x, y, z, visibility).

    A frame without a person is all NaN with visibility 0, and ``present`` is False.
    """

    times: FloatArray
    landmarks: FloatArray
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    fps: float | None = None

    def __post_init__(self) -> None:
        if self.landmarks.ndim != 3 or self.landmarks.shape[1:] != (LANDMARK_COUNT, 4):
            raise ValueError(f"landmarks must be frames x 33 x 4, got {self.landmarks.shape}")
        if self.times.shape != (self.landmarks.shape[0],):
            raise ValueError("times must have one entry per frame")

    @property
    def frames(self) -> int:
        """How many frames the recording holds (with or without a person)."""
        return int(self.times.shape[0])

    @property
    def frame_step(self) -> float:
        """The usual seconds between frames: the median interval (1/fps if there is none)."""
        steps = np.diff(self.times)
        positive = steps[steps > 0]
        if positive.size:
            return float(np.median(positive))
        return 1.0 / (self.fps or 30.0)

    @property
    def present(self) -> BoolArray:
        """Per frame: whether a person was found."""
        return np.asarray(~np.isnan(self.landmarks[:, 0, 0]))

    @property
    def scale(self) -> tuple[float, float, float]:
        """What turns normalised x, y and z into pixels: MediaPipe's z is on the scale of x."""
        return float(self.width), float(self.height), float(self.width)

    @property
    def pixels(self) -> FloatArray:
        """x, y and z in pixels (frames x 33 x 3), so that angles come out true."""
        return np.asarray(self.landmarks[:, :, :3] * np.array(self.scale))

    @property
    def visibility(self) -> FloatArray:
        """Per frame and landmark, visibility 0-1 (0 where no person was found)."""
        return np.nan_to_num(self.landmarks[:, :, 3], nan=0.0)


def _header(raw: Mapping[str, Any], line: int) -> tuple[int, int, float | None]:
    if raw.get("schema") != LANDMARKS_SCHEMA:
        raise LandmarkFileError(line, f"header schema must be {LANDMARKS_SCHEMA!r}")
    width, height, fps = (
        raw.get("width", DEFAULT_WIDTH),
        raw.get("height", DEFAULT_HEIGHT),
        raw.get("fps"),
    )
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise LandmarkFileError(
                line, f"header {name} must be a positive whole number of pixels"
            )
    if fps is not None and (not _is_number(fps) or fps <= 0):
        raise LandmarkFileError(line, "header fps must be a positive number")
    return width, height, None if fps is None else float(fps)


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and bool(np.isfinite(value))
    )


def _frame(raw: Any, line: int) -> tuple[float, FloatArray | None]:
    if not isinstance(raw, dict) or "t" not in raw or "landmarks" not in raw:
        raise LandmarkFileError(line, 'expected {"t": seconds, "landmarks": [...] or null}')
    t = raw["t"]
    if not _is_number(t):
        raise LandmarkFileError(line, f"t must be a number of seconds, got {t!r}")
    points = raw["landmarks"]
    if points is None:
        return float(t), None
    if not isinstance(points, list) or len(points) != LANDMARK_COUNT:
        count = len(points) if isinstance(points, list) else type(points).__name__
        raise LandmarkFileError(line, f"landmarks must be a list of 33 points or null, got {count}")
    for index, point in enumerate(points):
        if not isinstance(point, list) or len(point) != 4 or not all(_is_number(v) for v in point):
            raise LandmarkFileError(line, f"landmark {index} must be [x, y, z, visibility] numbers")
    return float(t), np.asarray(points, dtype=np.float64)


def parse_recording(lines: Iterable[str]) -> Recording:
    """Parse contract 2 text lines; :class:`LandmarkFileError` names the first bad line.

    Blank lines are skipped. Times must not go backwards.
    """
    width, height, fps = DEFAULT_WIDTH, DEFAULT_HEIGHT, None
    times: list[float] = []
    frames: list[FloatArray | None] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LandmarkFileError(number, f"not valid JSON ({exc.msg})") from None
        if isinstance(raw, dict) and "schema" in raw:
            if times:
                raise LandmarkFileError(number, "the header must be the first line")
            width, height, fps = _header(raw, number)
            continue
        t, points = _frame(raw, number)
        if times and t < times[-1]:
            raise LandmarkFileError(number, f"t={t:g} goes back in time (previous {times[-1]:g})")
        times.append(t)
        frames.append(points)
    landmarks = np.full((len(frames), LANDMARK_COUNT, 4), np.nan)
    for index, points in enumerate(frames):
        if points is not None:
            landmarks[index] = points
    return Recording(np.asarray(times, dtype=np.float64), landmarks, width, height, fps)


def format_header(width: int, height: int, fps: float | None) -> str:
    """The contract 2 header line (without newline)."""
    return json.dumps({"schema": LANDMARKS_SCHEMA, "width": width, "height": height, "fps": fps})


def format_frame(t: float, points: FloatArray | None) -> str:
    """One contract 2 frame line (without newline); ``None`` means no person."""
    if points is None:
        return json.dumps({"t": round(t, 4), "landmarks": None})
    rows = [[round(float(v), 5) for v in row] for row in points]
    return json.dumps({"t": round(t, 4), "landmarks": rows}, separators=(",", ":"))
