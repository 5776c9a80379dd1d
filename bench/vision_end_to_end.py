"""Camera check end to end: a 640x480 video through OpenCV and MediaPipe's full pose model.

The video is made here from scikit-image's astronaut photograph (a real person),
scaled to 480 rows on a 640x480 canvas and drifting two pixels a frame, so the
model tracks a moving person. Figures (medians over --runs):

- decode only, and decode + pose (full model, tracking from frame to frame);
- the same with a smaller input (320x240), with every 2nd frame skipped (the
  tracker carries the person between processed frames), and with decoding in a
  second thread while the pose model runs;
- latency from a frame to its cue: the pose model's time per frame, the analysis
  of a rolling 10 s window of landmarks, and the spoken cue's synthesis with
  espeak-ng (if installed). The recogniser itself waits for a fault to last
  fault_min_seconds before it names it.

    python bench/vision_end_to_end.py [--frames 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import queue
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sicoach.capture.pose import PoseTracker, load_camera_libraries
from sicoach.rules import FAULT_MIN_SECONDS
from sicoach.vision.landmarks import Recording
from sicoach.vision.recognise import analyse
from sicoach.vision.templates import default_templates

WIDTH, HEIGHT = 640, 480


def make_video(path: Path, frames: int) -> None:
    """Write the astronaut video: 640x480, 30 frames/s, the person drifting sideways."""
    cv2, _ = load_camera_libraries()
    from skimage import data

    # scikit-image leaves data.astronaut unannotated
    astronaut = data.astronaut()  # type: ignore[no-untyped-call]
    person = cv2.resize(cv2.cvtColor(astronaut, cv2.COLOR_RGB2BGR), (HEIGHT, HEIGHT))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (WIDTH, HEIGHT))
    for index in range(frames):
        canvas = np.full((HEIGHT, WIDTH, 3), 90, dtype=np.uint8)
        left = 20 + (2 * index) % (WIDTH - HEIGHT - 20)
        canvas[:, left : left + HEIGHT] = person
        writer.write(canvas)
    writer.release()


def _frames(path: Path) -> Any:
    cv2, _ = load_camera_libraries()
    capture = cv2.VideoCapture(str(path))
    while True:
        ok, image = capture.read()
        if not ok:
            break
        yield image
    capture.release()


def decode_only(path: Path) -> int:
    return sum(1 for _ in _frames(path))


def sequential(path: Path, *, every: int = 1, size: tuple[int, int] | None = None) -> int:
    cv2, _ = load_camera_libraries()
    count = 0
    with PoseTracker() as tracker:
        for index, image in enumerate(_frames(path)):
            count += 1
            if index % every:
                continue
            tracker.landmarks(cv2.resize(image, size) if size else image)
    return count


def threaded(path: Path) -> int:
    """Decode in a second thread while the pose model runs on the frames already decoded."""
    frames: queue.Queue[Any] = queue.Queue(maxsize=8)

    def decode() -> None:
        for image in _frames(path):
            frames.put(image)
        frames.put(None)

    reader = threading.Thread(target=decode, daemon=True)
    reader.start()
    count = 0
    with PoseTracker() as tracker:
        while (image := frames.get()) is not None:
            tracker.landmarks(image)
            count += 1
    reader.join()
    return count


def rate(run: Callable[[], int], runs: int) -> float:
    speeds = []
    for _ in range(runs):
        started = time.perf_counter()
        frames = run()
        speeds.append(frames / (time.perf_counter() - started))
    return statistics.median(speeds)


def pose_latency(path: Path) -> tuple[list[float], list[np.ndarray[Any, Any]]]:
    times, points = [], []
    with PoseTracker() as tracker:
        for image in _frames(path):
            started = time.perf_counter()
            found = tracker.landmarks(image)
            times.append(time.perf_counter() - started)
            points.append(np.full((33, 4), np.nan) if found is None else found)
    return times, points


def window_analysis(
    points: list[np.ndarray[Any, Any]], seconds: float = 10.0, fps: float = 15.0
) -> float:
    """Median time to analyse the latest ``seconds`` of landmarks, as a live check does."""
    count = int(seconds * fps)
    frames = np.stack([points[i % len(points)] for i in range(count)])
    recording = Recording(np.arange(count) / fps, frames, WIDTH, HEIGHT, fps)
    templates = default_templates()
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        analyse(recording, templates)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def speech_seconds() -> float | None:
    if shutil.which("espeak-ng") is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        subprocess.run(
            [
                "espeak-ng",
                "-w",
                str(Path(scratch) / "cue.wav"),
                "Keep the other leg straight and touching the ground.",
            ],
            check=True,
        )
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        video = Path(scratch) / "astronaut-640x480.mp4"
        make_video(video, args.frames)
        print(f"video: {args.frames} frames, {WIDTH}x{HEIGHT}; medians of {args.runs} runs")
        print(
            f"  decode only:                       "
            f"{rate(lambda: decode_only(video), args.runs):6.1f} frames/s"
        )
        print(
            f"  decode + pose (full model):        "
            f"{rate(lambda: sequential(video), args.runs):6.1f} frames/s"
        )
        small = rate(lambda: sequential(video, size=(320, 240)), args.runs)
        print(f"  smaller input (320x240):           {small:6.1f} frames/s")
        skip = rate(lambda: sequential(video, every=2), args.runs)
        print(f"  pose on every 2nd frame:           {skip:6.1f} camera frames/s")
        print(
            f"  decode in a 2nd thread:            "
            f"{rate(lambda: threaded(video), args.runs):6.1f} frames/s"
        )
        latencies, points = pose_latency(video)
        steady = latencies[1:]
        print(
            f"  pose per frame: median {statistics.median(steady) * 1000:.1f} ms, "
            f"90th percentile {np.percentile(steady, 90) * 1000:.1f} ms "
            f"(first frame {latencies[0] * 1000:.0f} ms)"
        )
        analysis = window_analysis(points)
        print(f"  analysis of the last 10 s (150 frames, all templates): {analysis * 1000:.1f} ms")
        speech = speech_seconds()
        spoken = "espeak-ng not installed" if speech is None else f"{speech * 1000:.0f} ms"
        print(f"  speech synthesis of a cue (espeak-ng): {spoken}")
        total = statistics.median(steady) + analysis + (speech or 0.0)
        print(
            f"  frame to cue: {total * 1000:.0f} ms of computing, after the fault has lasted "
            f"{FAULT_MIN_SECONDS.value:g} s (fault_min_seconds)"
        )


if __name__ == "__main__":
    main()
