"""Live camera check: keeping up with a 30 frames/s camera; the time from a pose change to its cue.

The camera is a video file played at its own pace (30 frames/s by the wall clock):
scikit-image's astronaut photograph, a real person, drifting across a 640x480 frame,
so MediaPipe's full model finds and tracks her. The loop is the camera watcher's
(`sicoach session --camera`): sicoach's frames_from gives the newest picture each
time the pose model is free (skipping the others), the full pose model runs on it,
and the live check is given its landmarks. Figures: pictures processed per second,
pictures skipped, and how old each processed picture is when its landmarks reach
the check (median, 95th percentile).

Pose change to cue: the photograph cannot change pose, so the landmarks the check
is given are those of a generated knee-to-chest performance at the picture's time,
with the other knee bent in the middle of the second hold (the pose model still runs
on every processed picture, so its time is real). The session's question (is it
held, is a cue due) is asked every 0.05 s, as the session runner does, with the
watcher's reuse of an answer, and the cue's first sound is timed from espeak-ng.

    python bench/vision_live.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from sicoach.capture.live import REUSE_SECONDS
from sicoach.capture.pose import PoseTracker, frames_from, load_camera_libraries
from sicoach.catalog import default_catalog
from sicoach.figures.poses import pose_angles
from sicoach.rules import FAULT_MIN_SECONDS
from sicoach.session.runner import POLL_SECONDS
from sicoach.vision.live import LiveCheck
from sicoach.vision.synthetic import Performance, Rep, perform
from sicoach.vision.templates import VIEW_CAMERAS, default_templates
from vision_end_to_end import make_video

CUE = "Keep the other leg straight and touching the ground."


class PacedVideo:
    """A video file that gives its pictures no faster than its frame rate, as a camera does."""

    def __init__(self, path: Path) -> None:
        cv2, _ = load_camera_libraries()
        self._capture = cv2.VideoCapture(str(path))
        self._fps = float(self._capture.get(cv2.CAP_PROP_FPS) or 30.0)
        self._started: float | None = None
        self._given = 0
        self.given_at: list[float] = []

    def get(self, prop: int) -> Any:
        return self._capture.get(prop)

    def read(self) -> tuple[bool, Any]:
        if self._started is None:
            self._started = time.monotonic()
        due = self._started + self._given / self._fps
        time.sleep(max(0.0, due - time.monotonic()))
        ok, image = self._capture.read()
        if ok:
            self._given += 1
            self.given_at.append(time.monotonic())
        return ok, image

    def release(self) -> None:
        self._capture.release()


def _performance() -> tuple[Performance, float, float]:
    exercise = default_catalog().get("knee-to-chest-isometric")
    performance = Performance(
        start=pose_angles(exercise, "start", "left"),
        held=pose_angles(exercise, "stretched", "left"),
        reps=[Rep(8.0), Rep(10.0, fault={"knee_flexion_right": 45.0}, fault_fraction=0.5)],
        camera=VIEW_CAMERAS[exercise.view],
        noise_pixels=1.5,
        seed=4,
    )
    (hold_start, _), (second_start, second_end) = performance.schedule()
    fault_start = (second_start + second_end) / 2 - (second_end - second_start) * 0.25
    return performance, hold_start, fault_start


def _first_sound(text: str) -> float | None:
    """Seconds from asking espeak-ng for ``text`` to its first bytes of audio."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        return None
    started = time.perf_counter()
    speaker = subprocess.Popen([espeak, "--stdout", text], stdout=subprocess.PIPE)
    assert speaker.stdout is not None
    speaker.stdout.read(64)
    first = time.perf_counter() - started
    speaker.stdout.close()
    speaker.wait()
    return first


def change_to_cue(video: Path, seconds: float) -> dict[str, float]:
    performance, hold_start, fault_start = _performance()
    recording = perform(performance)
    live = LiveCheck(default_templates(), recording.width, recording.height)
    lock = threading.Lock()
    lags: list[float] = []
    processed = [0]
    skipped = [0]
    stop = threading.Event()

    def watch() -> None:
        with PoseTracker() as tracker:
            last = -1
            for frame in frames_from(PacedVideo(video), live=True, max_seconds=seconds):
                if stop.is_set():
                    break
                tracker.landmarks(frame.image)
                index = min(int(round(frame.t * (recording.fps or 30.0))), recording.frames - 1)
                points = recording.landmarks[index] if recording.present[index] else None
                with lock:
                    live.add(frame.t, points)
                lags.append(time.monotonic() - started - frame.t)
                processed[0] += 1
                skipped[0] += frame.index - last - 1
                last = frame.index

    started = time.monotonic()
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    held_at = fault_at = None
    last_look = -1.0
    status = None
    while thread.is_alive():
        now = time.monotonic() - started
        if status is None or now - last_look > REUSE_SECONDS:
            with lock:
                status = live.status("knee-to-chest-isometric", "left")
            last_look = now
        if held_at is None and status.holding and now > hold_start:
            held_at = now
        if fault_at is None and status.fault == CUE:
            fault_at = now
        time.sleep(POLL_SECONDS)
    stop.set()
    sound = _first_sound(CUE) or 0.0
    return {
        "processed": processed[0] / seconds,
        "skipped": skipped[0],
        "lag_median": statistics.median(lags),
        "lag_p95": float(np.percentile(lags, 95)),
        "hold": (held_at or float("nan")) - hold_start,
        "fault": (fault_at or float("nan")) - fault_start,
        "sound": sound,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        video = Path(scratch) / "astronaut-640x480.mp4"
        make_video(video, int(args.seconds * 30))
        figures = change_to_cue(video, args.seconds)
    print(f"paced video, {args.seconds:.0f} s at 30 frames/s, 640x480, full pose model:")
    print(
        f"  processed {figures['processed']:.1f} pictures/s, skipped {figures['skipped']:.0f}; "
        f"newest picture's age when checked: median {figures['lag_median'] * 1000:.0f} ms, "
        f"p95 {figures['lag_p95'] * 1000:.0f} ms"
    )
    print(f"  hold start -> countdown runs: {figures['hold'] * 1000:.0f} ms")
    print(
        f"  fault start -> cue due: {figures['fault'] * 1000:.0f} ms "
        f"(of which {FAULT_MIN_SECONDS.value * 1000:.0f} ms is fault_min_seconds)"
    )
    print(
        f"  cue due -> first sound from espeak-ng: {figures['sound'] * 1000:.0f} ms; "
        f"fault start -> first sound: {(figures['fault'] + figures['sound']) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
