"""How the check's holds compare with the truth of a labelled recording."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sicoach.vision.recognise import Hold
from tests.vision.population.recordings import Labelled, TrueHold


@dataclass(frozen=True)
class Score:
    """One recording scored: holds found with the right side, held-time errors, reps, extras.

    A true hold is *found* when a reported hold of the same stretch overlaps it by at
    least half its length, and *found with the right side* when that hold also has
    the right side and, for the pelvic rotation, the right direction. ``extra`` are
    reported holds that overlap no true hold of their stretch.
    """

    holds: int
    found: int
    right_side: int
    errors: tuple[float, ...]
    reps_exact: bool
    extra: int
    seconds: float


def _overlap(a: TrueHold, start: float, end: float) -> float:
    return max(0.0, min(a.end, end) - max(a.start, start))


def score(labelled: Labelled, holds: Sequence[Hold]) -> Score:
    """Match the reported ``holds`` of one recording with its truth."""
    used: set[int] = set()
    found = right = 0
    errors: list[float] = []
    for truth in labelled.holds:
        best, best_overlap = None, 0.0
        for index, hold in enumerate(holds):
            if index in used or hold.exercise != truth.exercise:
                continue
            overlap = _overlap(truth, hold.start, hold.end)
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is None or best_overlap < 0.5 * truth.seconds:
            continue
        used.add(best)
        found += 1
        hold = holds[best]
        pose_right = truth.exercise != "pelvic-rotation-stretch" or hold.pose == truth.pose
        if hold.side == truth.side and pose_right:
            right += 1
            errors.append(hold.held_seconds - truth.seconds)
    extra = sum(
        1
        for index, hold in enumerate(holds)
        if index not in used
        and not any(
            t.exercise == hold.exercise and _overlap(t, hold.start, hold.end) > 0
            for t in labelled.holds
        )
    )
    wanted = Counter((t.exercise, t.side, _pose_key(t.exercise, t.pose)) for t in labelled.holds)
    got = Counter(
        (h.exercise, h.side, _pose_key(h.exercise, h.pose))
        for h in holds
        if labelled.exercise is not None and h.exercise == labelled.exercise
    )
    seconds = float(labelled.recording.frames / (labelled.recording.fps or 30.0))
    return Score(len(labelled.holds), found, right, tuple(errors), wanted == got, extra, seconds)


def _pose_key(exercise: str, pose: str) -> str:
    # Only the pelvic rotation's two directions are counted apart; the press-up's
    # two heights are the same stretch done two ways.
    return pose if exercise == "pelvic-rotation-stretch" else ""
