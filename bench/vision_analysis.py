"""Camera check analysis: frames per second on one core, and hold-time accuracy on synthetic data.

Speed: every stretch on both sides (synthetic, 1.5 px noise, 2% frames lost), laid
end to end and repeated to about 120,000 frames (over an hour at 30 frames/s), then
analysed against every template of the catalog. The figure is the median of
--runs. Goal: at least 100,000 frames/s on one core.

Accuracy: the same performances with three holds each (5, 12 and 7.5 s) at several
noise levels and camera placements; the figures are how many holds were found with
the right stretch and side, and the error of held_seconds (mean, spread, worst).

    OMP_NUM_THREADS=1 python bench/vision_analysis.py [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from sicoach.catalog import default_catalog
from sicoach.figures.poses import Side, pose_angles, sides_of
from sicoach.vision.landmarks import Recording
from sicoach.vision.recognise import analyse
from sicoach.vision.synthetic import Performance, Rep, perform
from sicoach.vision.templates import VIEW_CAMERAS, default_templates

HOLDS = [5.0, 12.0, 7.5]


def _performances(
    noise: float, turn: float = 0.0, distance: float = 3.0, seed: int = 1
) -> list[tuple[str, Side, Performance]]:
    done = []
    for exercise in default_catalog().exercises:
        held = next(p.name for p in exercise.poses if p.held)
        base = VIEW_CAMERAS[exercise.view]
        camera = replace(base, azimuth=base.azimuth + turn, distance=distance)
        for side in sides_of(exercise):
            performance = Performance(
                start=pose_angles(exercise, "start", side),
                held=pose_angles(exercise, held, side),
                reps=[Rep(h) for h in HOLDS],
                camera=camera,
                noise_pixels=noise,
                drop_fraction=0.02,
                seed=seed,
            )
            done.append((exercise.id, side, performance))
    return done


def _long_recording(target_frames: int) -> Recording:
    pieces = [perform(p) for _, _, p in _performances(1.5)]
    times: list[npt.NDArray[np.float64]] = []
    frames: list[npt.NDArray[np.float64]] = []
    offset = 0.0
    while sum(len(t) for t in times) < target_frames:
        for piece in pieces:
            times.append(piece.times + offset)
            frames.append(piece.landmarks)
            offset = float(times[-1][-1]) + 1.0 / 30.0
    return Recording(np.concatenate(times), np.concatenate(frames), 640, 480, 30.0)


def speed(runs: int, frames: int) -> None:
    recording = _long_recording(frames)
    templates = default_templates()
    analyse(recording, templates)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        analysis = analyse(recording, templates)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(
        f"analysis: {recording.frames} frames, {len(templates)} templates, "
        f"{len(analysis.holds)} holds"
    )
    print(
        f"  median {median:.3f} s over {runs} runs -> "
        f"{recording.frames / median:,.0f} frames/s on one core"
    )


def accuracy(noise: float, turn: float, distance: float, label: str) -> None:
    templates = default_templates()
    errors, found, expected, missed = [], 0, 0, []
    for exercise, side, performance in _performances(noise, turn, distance, seed=3):
        holds = analyse(perform(performance), templates).holds
        expected += len(HOLDS)
        right = [h for h in holds if (h.exercise, h.side) == (exercise, side)]
        if len(right) == len(holds) == len(HOLDS):
            found += len(HOLDS)
            errors += [h.held_seconds - t for h, t in zip(right, HOLDS, strict=True)]
        else:
            missed.append(f"{exercise} {side}")
    e = np.array(errors) if errors else np.zeros(1)
    print(
        f"  {label:<34} found {found}/{expected} holds; held_seconds error "
        f"mean {e.mean():+.2f} s, sd {e.std():.2f} s, worst {np.abs(e).max():.2f} s"
    )
    if missed:
        print(f"    not all right: {', '.join(missed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frames", type=int, default=120_000)
    parser.add_argument("--quick", action="store_true", help="speed only")
    args = parser.parse_args()
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    speed(args.runs, args.frames)
    if args.quick:
        return
    print("accuracy (12 stretch-sides x 3 holds of 5, 12, 7.5 s; 2% frames lost):")
    for noise in (0.0, 1.5, 3.0):
        accuracy(noise, 0.0, 3.0, f"best view, 3 m, noise {noise:g} px")
    for turn, distance in ((15.0, 2.6), (-15.0, 3.4), (30.0, 3.0), (180.0, 3.0)):
        accuracy(1.5, turn, distance, f"turned {turn:+g} deg, {distance:g} m, 1.5 px")


if __name__ == "__main__":
    main()
