"""Draw the check onto the video: the skeleton, the hold timer and the form cue."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sicoach.capture.pose import CaptureError, load_camera_libraries
from sicoach.vision.recognise import Analysis

__all__ = ["SKELETON", "annotate_video", "draw_frame"]

#: Lines between MediaPipe landmarks that make the stick figure (face left out).
SKELETON: tuple[tuple[int, int], ...] = (
    (11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24),
    (23, 25), (25, 27), (27, 29), (27, 31), (29, 31), (24, 26), (26, 28), (28, 30),
    (28, 32), (30, 32), (0, 7), (0, 8), (7, 11), (8, 12),
)  # fmt: skip

_HOLDING = (80, 200, 80)  # BGR
_IDLE = (200, 200, 200)
_FAULT = (40, 120, 255)


def _text(
    image: npt.NDArray[np.uint8], text: str, origin: tuple[int, int], colour: tuple[int, int, int]
) -> None:
    cv2, _ = load_camera_libraries()
    scale = max(image.shape[1] / 1000, 0.45)
    thickness = max(int(round(scale * 2)), 1)
    cv2.putText(
        image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), thickness + 3, cv2.LINE_AA
    )
    cv2.putText(
        image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, colour, thickness, cv2.LINE_AA
    )


def draw_frame(
    image: npt.NDArray[np.uint8],
    points: npt.NDArray[np.float64] | None,
    *,
    title: str | None,
    timer: str | None,
    cue: str | None,
) -> npt.NDArray[np.uint8]:
    """The picture with the skeleton, the stretch and its timer at the top, and the cue below."""
    cv2, _ = load_camera_libraries()
    out = image.copy()
    height, width = out.shape[:2]
    colour = _HOLDING if timer else _IDLE
    if points is not None and not np.isnan(points).any():
        xy = np.round(points[:, :2] * [width, height]).astype(int)
        for a, b in SKELETON:
            cv2.line(
                out,
                (int(xy[a, 0]), int(xy[a, 1])),
                (int(xy[b, 0]), int(xy[b, 1])),
                colour,
                3,
                cv2.LINE_AA,
            )
        for x, y in xy[11:]:
            cv2.circle(out, (int(x), int(y)), 4, colour, -1, cv2.LINE_AA)
    line = max(int(height / 18), 18)
    if title:
        _text(out, title, (10, line), colour)
    if timer:
        _text(out, timer, (10, 2 * line), colour)
    if cue:
        _text(out, cue, (10, height - line // 2), _FAULT)
    return out


def annotate_video(
    pictures: Iterable[npt.NDArray[np.uint8]] | None,
    analysis: Analysis,
    names: Mapping[str, str],
    out: Path,
) -> int:
    """Write ``out`` (MP4) frame by frame; returns the frames written.

    ``pictures`` are the video's frames in order; without them (a landmark file)
    the skeleton is drawn on a dark background of the recording's size. The file
    appears only when complete.
    """
    cv2, _ = load_camera_libraries()
    recording = analysis.recording
    size = (recording.width, recording.height)
    fps = recording.fps or (1.0 / recording.frame_step)
    partial = out.with_name(f".{out.stem}.partial{out.suffix}")
    writer = cv2.VideoWriter(str(partial), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    if not writer.isOpened():
        raise CaptureError(f"{out}: cannot write a video there")
    blank = np.full((size[1], size[0], 3), 40, dtype=np.uint8)
    source = iter(pictures) if pictures is not None else None
    written = 0
    try:
        for index in range(recording.frames):
            picture = next(source, None) if source is not None else blank
            if picture is None:
                break
            if picture.shape[1::-1] != size:
                picture = cv2.resize(picture, size)
            hold = analysis.hold_at(index)
            t = float(recording.times[index])
            title = timer = cue = None
            if hold is not None:
                title = f"{names.get(hold.exercise, hold.exercise)} ({hold.side})"
                timer = f"held {min(max(t - hold.start, 0.0), hold.held_seconds):.1f} s"
                faults = analysis.faults_at(index)
                cue = faults[0] if faults else None
            point = None if not recording.present[index] else recording.landmarks[index]
            writer.write(draw_frame(picture, point, title=title, timer=timer, cue=cue))
            written += 1
        writer.release()
        os.replace(partial, out)
    finally:
        writer.release()
        partial.unlink(missing_ok=True)
    return written
