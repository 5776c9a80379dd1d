"""The animation of a stretch as timed frames of joint angles, for any renderer to draw.

The figure rests in the first pose, moves smoothly into each pose of the exercise's
animation sequence, holds the held poses (the stretch) longer than the others, and
ends back where it started, so the animation loops without a jump.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sicoach.catalog.joints import JOINT_NAMES, interpolate
from sicoach.figures.poses import Side, pose_angles

if TYPE_CHECKING:
    from sicoach.catalog.schema import Exercise

__all__ = [
    "FRAMES_PER_SECOND",
    "AnimationFrame",
    "animation_frames",
    "animation_seconds",
    "movement_frames",
]

FRAMES_PER_SECOND = 10
MOVE_SECONDS = 1.6  # long enough to read as slow and gentle, as the seed asks
HOLD_SECONDS = 2.0  # a held (stretched) pose: long enough to see, short enough to loop
PAUSE_SECONDS = 0.6  # a pose that is passed through rather than held
# A slow movement needs no more frames than this: the browser moves in straight lines
# between them, and at 10 a second a long one would only make the picture heavy.
MOVEMENT_MAX_FRAMES = 40


@dataclass(frozen=True)
class AnimationFrame:
    """One frame: its time in seconds, every joint's angle, and the key pose it shows (if any)."""

    seconds: float
    angles: dict[str, float]
    pose: str | None


def _ease(t: float) -> float:
    """Slow in, slow out: the movement starts and stops gently."""
    return t * t * (3.0 - 2.0 * t)


def _every_joint(angles: dict[str, float]) -> dict[str, float]:
    return {name: angles.get(name, 0.0) for name in JOINT_NAMES}


def _rest_seconds(exercise: Exercise, name: str) -> float:
    return HOLD_SECONDS if exercise.pose(name).held else PAUSE_SECONDS


def animation_seconds(exercise: Exercise) -> float:
    """How long one loop of the animation lasts."""
    sequence = exercise.animation_sequence
    rests = sum(_rest_seconds(exercise, name) for name in sequence[:-1])
    return rests + MOVE_SECONDS * (len(sequence) - 1)


def animation_frames(
    exercise: Exercise, side: Side | None = None, fps: int = FRAMES_PER_SECOND
) -> list[AnimationFrame]:
    """Evenly timed frames (``fps`` a second) of one loop, first and last frame equal.

    Frames that fall on a key pose (resting or holding) name it; frames in
    between name none.
    """
    if fps < 1:
        raise ValueError(f"fps must be at least 1, got {fps}")
    sequence = exercise.animation_sequence
    poses = [_every_joint(pose_angles(exercise, name, side)) for name in sequence]
    # Each stage: (start second, end second, from pose index, to pose index or None for a rest).
    stages: list[tuple[float, float, int, int | None]] = []
    clock = 0.0
    for index, name in enumerate(sequence[:-1]):
        rest = _rest_seconds(exercise, name)
        stages.append((clock, clock + rest, index, None))
        clock += rest
        stages.append((clock, clock + MOVE_SECONDS, index, index + 1))
        clock += MOVE_SECONDS
    total = clock
    count = round(total * fps)
    frames = []
    for number in range(count + 1):
        seconds = min(number / fps, total)
        start, end, origin, target = next((s for s in stages if s[0] <= seconds < s[1]), stages[-1])
        if target is None:
            frames.append(AnimationFrame(seconds, dict(poses[origin]), sequence[origin]))
            continue
        t = _ease(min(1.0, (seconds - start) / (end - start)))
        shown = sequence[target] if t >= 1.0 else None
        frames.append(AnimationFrame(seconds, interpolate(poses[origin], poses[target], t), shown))
    return frames


def movement_frames(
    exercise: Exercise,
    poses: Sequence[str],
    side: Side | None = None,
    seconds: float = MOVE_SECONDS,
    fps: int = FRAMES_PER_SECOND,
) -> list[AnimationFrame]:
    """Frames of one movement through ``poses`` in order, taking ``seconds`` in all.

    Each pose-to-pose stretch of the way gets an equal share of the time and starts
    and stops gently; the first frame is the first pose and the last frame the last.
    A long movement has at most ``MOVEMENT_MAX_FRAMES`` frames.
    This is a session step's picture (moving into a stretch or out of it), played once.
    """
    if len(poses) < 2:
        raise ValueError("a movement needs at least two poses")
    if seconds <= 0 or fps < 1:
        raise ValueError(f"a movement needs seconds > 0 and fps >= 1, got {seconds}, {fps}")
    angles = [_every_joint(pose_angles(exercise, name, side)) for name in poses]
    legs = len(poses) - 1
    count = max(legs, min(round(seconds * fps), MOVEMENT_MAX_FRAMES))
    frames = []
    for number in range(count + 1):
        progress = number / count * legs
        leg = min(int(progress), legs - 1)
        t = _ease(progress - leg)
        shown = poses[leg + 1] if t >= 1.0 else (poses[leg] if t <= 0.0 else None)
        frames.append(
            AnimationFrame(
                number / count * seconds, interpolate(angles[leg], angles[leg + 1], t), shown
            )
        )
    return frames
