"""Camera check on a generated population it was not built from: every stretch, three camera angles.

The recordings come from tests/vision/population (its own body model, people of
5th-95th percentile stature, women and men, each stretch done the ways the seed's
words allow, MediaPipe-like faults), from the "measure" family: seeds unrelated to
the "tune" family the ranges were set on. For each stretch, enough sets to give at
least --holds holds, each seen from the best view and from 15 and 30 degrees off it
(the same people, styles and faults). Between them, everyday movement that is no
stretch (walking, sitting down, tying a shoe, lying, rolling over, getting up).

Per stretch and angle: holds found with the right side (recall), exact repetition
count per set, held-time error (median and 95th percentile of the absolute error,
and the share within 0.5 s), holds of other stretches reported during the sets,
and form cues spoken on holds done with good form. Then extra holds per hour of
other movement, and the analysis speed on one core over every frame analysed.

    OMP_NUM_THREADS=1 python bench/vision_population.py [--holds 140] [--other 30]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.vision.population.recordings import Labelled, make_other, make_sets  # noqa: E402
from tests.vision.population.score import score  # noqa: E402
from tests.vision.population.stretches import STRETCHES  # noqa: E402

from sicoach.vision.recognise import Hold, analyse  # noqa: E402
from sicoach.vision.templates import default_templates  # noqa: E402

ANGLES = (0.0, 15.0, 30.0)


def _holds_per_set(exercise: str) -> float:
    stretch = STRETCHES[exercise]
    reps = sum(stretch.reps_per_side) / 2
    per_pose = len(stretch.poses) if exercise == "pelvic-rotation-stretch" else 1
    return reps * len(stretch.sides) * per_pose


class _Tally:
    """What the check found over the sets of one stretch seen from one angle."""

    def __init__(self) -> None:
        self.holds = self.found = self.right = self.exact = self.others = self.cued = 0
        self.errors: list[float] = []

    def add(self, exercise: str, labelled: Labelled, reported: Sequence[Hold]) -> None:
        result = score(labelled, reported)
        self.holds += result.holds
        self.found += result.found
        self.right += result.right_side
        self.exact += result.reps_exact
        self.errors += result.errors
        self.others += sum(1 for h in reported if h.exercise != exercise)
        self.cued += sum(1 for h in reported if h.exercise == exercise and h.faults)

    def row(self, exercise: str, angle: float, sets: int) -> str:
        e = np.abs(np.array(self.errors)) if self.errors else np.array([math.nan])
        return (
            f"| {exercise} | {angle:.0f}° | {sets} | {self.holds} | {self.right / self.holds:.1%} "
            f"| {self.found / self.holds:.1%} | {self.exact / sets:.0%} | {np.median(e):.2f} s "
            f"| {np.percentile(e, 95):.2f} s | {np.mean(e <= 0.5):.0%} | {self.others} "
            f"| {self.cued} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--holds", type=int, default=140, help="at least this many per stretch")
    parser.add_argument("--other", type=int, default=30, help="recordings of other movement")
    args = parser.parse_args()
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    templates = default_templates()
    frames = 0
    analysing = 0.0
    total_holds = 0
    rows = []
    for exercise in STRETCHES:
        sets = max(math.ceil(args.holds / _holds_per_set(exercise)), 10)
        tallies = {angle: _Tally() for angle in ANGLES}
        for index in range(sets):
            for angle, labelled in zip(
                ANGLES, make_sets(exercise, "measure", index, ANGLES), strict=True
            ):
                started = time.perf_counter()
                reported = analyse(labelled.recording, templates).holds
                analysing += time.perf_counter() - started
                frames += labelled.recording.frames
                tallies[angle].add(exercise, labelled, reported)
        total_holds += tallies[0.0].holds
        for angle in ANGLES:
            rows.append(tallies[angle].row(exercise, angle, sets))
            print(rows[-1], flush=True)
    extra, seconds = 0, 0.0
    kinds: dict[str, int] = {}
    for index in range(args.other):
        labelled = make_other("measure", index)
        started = time.perf_counter()
        reported = analyse(labelled.recording, templates).holds
        analysing += time.perf_counter() - started
        frames += labelled.recording.frames
        extra += len(reported)
        seconds += labelled.recording.frames / (labelled.recording.fps or 30.0)
        for hold in reported:
            kinds[hold.exercise] = kinds.get(hold.exercise, 0) + 1
    print()
    print(
        "| stretch | off best view | sets | holds | found, right side | found | reps exact "
        "| held-time error median | p95 | within 0.5 s | other stretches reported "
        "| cues on good form |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    print()
    print(f"holds at the best view: {total_holds} (each also seen 15° and 30° off)")
    hours = seconds / 3600
    print(
        f"other movement: {args.other} recordings, {hours * 60:.1f} min, {extra} holds reported "
        f"= {extra / hours:.1f} per hour {kinds}"
    )
    print(
        f"analysis: {frames:,} frames in {analysing:.1f} s = {frames / analysing:,.0f} frames/s "
        f"on one core ({len(templates)} templates)"
    )


if __name__ == "__main__":
    main()
