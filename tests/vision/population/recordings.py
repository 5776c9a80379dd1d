"""Recordings of the population with their truth: sets of a stretch, and other movement.

A *set* is one person doing one stretch the seed's way (the reps, the sides, the hold
times) in one style, filmed by one camera, with MediaPipe's faults. The truth is
every hold: its stretch, side, pose and the seconds the settled pose was kept.
*Other movement* is walking, sitting down and getting up, tying a shoe, lying still,
rolling over and getting up off the floor: none of it is a stretch.

Families keep tuning and measuring apart: ``family="tune"`` and ``family="measure"``
draw from unrelated seeds, so nothing measured was looked at while tuning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sicoach.vision.landmarks import Recording
from tests.vision.population.body import (
    FloatArray,
    Person,
    Posture,
    joints,
    landmarks,
    sample_person,
)
from tests.vision.population.camera import Faults, Placement, observe, place, sample_faults
from tests.vision.population.stretches import (
    MIDDLE,
    STRETCHES,
    Stretch,
    blend,
    kneeling,
    lying,
    sitting,
    sitting_on_floor,
    standing,
    sway,
    walking,
)

FAMILIES = {"tune": 1, "measure": 2}
FPS = 30.0


def rng_for(family: str, kind: str, index: int) -> np.random.Generator:
    """The random source of one recording of a family (``tune`` or ``measure``)."""
    return np.random.default_rng([FAMILIES[family], sum(kind.encode()), index])


@dataclass(frozen=True)
class TrueHold:
    """One hold as it was done: seconds from the start of its recording."""

    exercise: str
    side: str
    pose: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        """How long the settled pose was kept."""
        return self.end - self.start


@dataclass(frozen=True)
class Labelled:
    """A recording and what really happened in it."""

    recording: Recording
    holds: tuple[TrueHold, ...]
    exercise: str | None
    camera: Placement
    person: Person


def _ease(x: FloatArray) -> FloatArray:
    return np.asarray(x * x * (3 - 2 * x))


class _Timeline:
    """Pieces of movement laid end to end, each n frames of one posture."""

    def __init__(self, person: Person, rng: np.random.Generator, fps: float) -> None:
        self.person, self.rng, self.fps = person, rng, fps
        self.pieces: list[Posture] = []
        self.frames = 0

    @property
    def seconds(self) -> float:
        return self.frames / self.fps

    def _n(self, seconds: float) -> int:
        return max(int(round(seconds * self.fps)), 1)

    def still(self, posture: Posture, seconds: float, sway_degrees: float = 1.0) -> None:
        n = self._n(seconds)
        held = blend(self.person, posture, posture, np.zeros(n))
        self._add(sway(held, self.rng, self.fps, sway_degrees))

    def move(self, a: Posture, b: Posture, seconds: float) -> None:
        n = self._n(seconds)
        self._add(blend(self.person, a, b, _ease(np.linspace(0.0, 1.0, n))))

    def moving(self, posture: Posture) -> None:
        self._add(posture)

    def _add(self, posture: Posture) -> None:
        self.pieces.append(posture)
        self.frames += posture.tip.shape[0]

    def world(self) -> FloatArray:
        return np.concatenate([landmarks(self.person, joints(self.person, p)) for p in self.pieces])


def _held(
    stretch: Stretch, person: Person, style: dict[str, float], side: str, pose: str
) -> Posture:
    return stretch.held(person, style, side, pose)


def _set_order(stretch: Stretch, rng: np.random.Generator) -> list[tuple[str, str]]:
    """(side, pose) of each hold, in the order the seed's words have them done."""
    reps = int(rng.integers(stretch.reps_per_side[0], stretch.reps_per_side[1] + 1))
    poses = stretch.poses
    if stretch.id == "press-up-stretch":
        pose = poses[1] if rng.random() < 0.3 else poses[0]  # the advanced press-up, for some
        return [("both", pose)] * reps
    if stretch.id == "pelvic-rotation-stretch":
        return [(side, p) for side in stretch.sides for _ in range(reps) for p in poses]
    if stretch.id == "knee-to-chest-isometric" and rng.random() < 0.5:
        return [(side, poses[0]) for side in stretch.sides for _ in range(reps)]
    return [(side, poses[0]) for _ in range(reps) for side in stretch.sides]


def make_set(
    exercise: str, family: str, index: int, off_degrees: float = 0.0, fps: float = FPS
) -> Labelled:
    """Set ``index`` of ``family`` of one stretch, the camera ``off_degrees`` off its best view."""
    return make_sets(exercise, family, index, (off_degrees,), fps)[0]


def make_sets(
    exercise: str,
    family: str,
    index: int,
    off_degrees: tuple[float, ...],
    fps: float = FPS,
) -> list[Labelled]:
    """Set ``index`` of ``family`` of one stretch, filmed from each angle off its best view.

    The same index gives the same person, style, timing and faults whatever the
    angle, so the views compare like with like.
    """
    stretch = STRETCHES[exercise]
    rng = rng_for(family, exercise, index)
    person = sample_person(rng)
    style = stretch.style(rng)
    faults = sample_faults(rng)
    order = _set_order(stretch, rng)
    line = _Timeline(person, rng, fps)
    truth: list[TrueHold] = []
    first_side = order[0][0]
    start = stretch.start(person, style, first_side)
    line.still(start, rng.uniform(2.0, 4.0))
    current_side = first_side
    middle: Callable[[str], Posture] | None = None
    if exercise in MIDDLE:
        middle_of = MIDDLE[exercise]
        middle = lambda side: middle_of(person, style, side)  # noqa: E731
    previous: tuple[str, str] | None = None
    for number, (side, pose) in enumerate(order):
        if side != current_side:
            line.move(start, stretch.start(person, style, side), rng.uniform(2.0, 4.0))
            start = stretch.start(person, style, side)
            current_side = side
            line.still(start, rng.uniform(1.0, 3.0))
        held = _held(stretch, person, style, side, pose)
        if middle is not None:
            knee_up = middle(side)
            if previous is None or previous[0] != side:
                line.move(start, knee_up, rng.uniform(1.0, 2.5))
            line.move(knee_up, held, rng.uniform(0.8, 1.5))
        else:
            line.move(start, held, rng.uniform(0.8, 3.0))
        seconds = float(rng.uniform(*stretch.hold_seconds))
        began = line.seconds
        line.still(held, seconds, sway_degrees=rng.uniform(0.5, 1.5))
        truth.append(TrueHold(exercise, side, pose, began, line.seconds))
        last = number == len(order) - 1
        if middle is not None:
            knee_up = middle(side)
            line.move(held, knee_up, rng.uniform(0.8, 1.5))
            going_on = not last and order[number + 1][0] == side
            if going_on:
                line.still(knee_up, rng.uniform(0.5, 1.5))
            else:
                line.move(knee_up, start, rng.uniform(1.0, 2.5))
                line.still(start, rng.uniform(2.0, 5.0))
        else:
            line.move(held, start, rng.uniform(0.8, 3.0))
            line.still(start, rng.uniform(2.0, 8.0))
        previous = (side, pose)
    camera_left = None
    if stretch.view_from_other_side and order[0][0] in ("left", "right"):
        camera_left = order[0][0] == "right"
    return _film(line, stretch.view, rng, off_degrees, faults, tuple(truth), exercise, camera_left)


def _film(
    line: _Timeline,
    view: str,
    rng: np.random.Generator,
    off_degrees: tuple[float, ...],
    faults: Faults,
    truth: tuple[TrueHold, ...],
    exercise: str | None,
    camera_left: bool | None = None,
) -> list[Labelled]:
    """The timeline seen by one camera per angle, each with the same draw of faults."""
    world = line.world()
    # The camera and the faults are drawn from their own sources, so the same set seen
    # from another angle keeps its person, style, timing and faults.
    camera_seed, fault_seed = (int(x) for x in rng.integers(2**32, size=2))
    target = world.reshape(-1, 3).mean(axis=0)
    times = np.arange(world.shape[0]) / line.fps
    out = []
    for angle in off_degrees:
        camera = place(view, np.random.default_rng(camera_seed), angle, camera_left)
        seen = observe(world, camera, target, faults, line.fps, np.random.default_rng(fault_seed))
        recording = Recording(times, seen, camera.width, camera.height, line.fps)
        out.append(Labelled(recording, truth, exercise, camera, line.person))
    return out


def make_other(family: str, index: int, fps: float = FPS) -> Labelled:
    """A few minutes of everyday movement that is not a stretch, from any camera."""
    rng = rng_for(family, "other", index)
    person = sample_person(rng)
    faults = sample_faults(rng)
    line = _Timeline(person, rng, fps)
    stand = standing(person, rng)
    line.moving(walking(person, int(rng.uniform(8, 20) * fps), fps, rng))
    line.still(stand, rng.uniform(2, 6))
    seat = sitting(person, rng)
    line.move(stand, seat, rng.uniform(1.5, 3.0))
    line.still(seat, rng.uniform(5, 20))
    shoe = sitting(person, rng, lean=rng.uniform(35, 60))
    line.move(seat, shoe, rng.uniform(1.0, 2.0))
    line.still(shoe, rng.uniform(3, 8))
    line.move(shoe, seat, rng.uniform(1.0, 2.0))
    line.still(seat, rng.uniform(2, 6))
    line.move(seat, stand, rng.uniform(1.5, 3.0))
    line.still(stand, rng.uniform(2, 5))
    knee = kneeling(person, rng)
    floor = sitting_on_floor(person, rng)
    back = lying(person, rng, face_down=False)
    front = lying(person, rng, face_down=True)
    line.move(stand, knee, rng.uniform(1.5, 3.0))
    line.move(knee, floor, rng.uniform(1.5, 3.0))
    line.move(floor, back, rng.uniform(1.5, 3.0))
    line.still(back, rng.uniform(5, 25))
    line.move(back, front, rng.uniform(1.5, 3.5))
    line.still(front, rng.uniform(5, 25))
    line.move(front, back, rng.uniform(1.5, 3.5))
    line.still(back, rng.uniform(3, 10))
    line.move(back, floor, rng.uniform(1.5, 3.0))
    line.still(floor, rng.uniform(2, 6))
    line.move(floor, knee, rng.uniform(1.5, 3.0))
    line.move(knee, stand, rng.uniform(1.5, 3.0))
    line.moving(walking(person, int(rng.uniform(5, 15) * fps), fps, rng))
    view = ["side", "front", "top"][int(rng.integers(3))]
    return _film(line, view, rng, (float(rng.uniform(0, 30)),), faults, (), None)[0]


__all__ = ["FAMILIES", "Labelled", "TrueHold", "make_other", "make_set", "make_sets", "rng_for"]
