"""Which stretch is held, on which side, for how long, and with which form faults.

A :class:`Template` is one stretch on one side: the angles its held key pose
measures (built from the catalog in :mod:`sicoach.vision.templates`), how far each
may stray, the body position, and its form checks. :func:`analyse` compares every
frame with every template at once and turns the frames that match into holds:

* a frame is *inside* when every compared angle is within its tolerance, the body
  position matches and the angles have settled (they change slower than
  :data:`~sicoach.rules.SETTLED_SPEED_DEGREES_PER_SECOND`);
* it is *outside* beyond a wider band (hysteresis), while moving fast, or after a
  long run of frames where the body was not seen;
* a hold starts after a run of inside frames and ends only after a run of outside
  frames, so a jittery or lost frame neither splits nor ends it. Its time runs from
  its first to its last settled frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sicoach.catalog.schema import Position
from sicoach.rules import (
    ANGLE_SMOOTHING_SECONDS,
    FAULT_MIN_SECONDS,
    HOLD_ENTER_SECONDS,
    HOLD_EXIT_SECONDS,
    HOLD_EXIT_TOLERANCE_FACTOR,
    HOLD_MAX_GAP_SECONDS,
    MIN_HOLD_SECONDS,
    SETTLED_SPEED_DEGREES_PER_SECOND,
)
from sicoach.vision.angles import ORIENTATIONS, Features, gate, measure, orientation, smooth
from sicoach.vision.landmarks import Recording

__all__ = ["Analysis", "FormCheck", "Hold", "Template", "analyse", "features_of"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

#: How far either side of a frame the settling speed is measured (seconds).
_SPEED_SPAN_SECONDS = 0.25


@dataclass(frozen=True)
class FormCheck:
    """A fault: ``feature`` above (or below) ``limit`` means the catalog ``cue`` applies."""

    feature: str
    limit: float
    above: bool
    cue: str

    def broken(self, values: FloatArray) -> BoolArray:
        """Per frame: whether the fault shows (NaN frames do not)."""
        with np.errstate(invalid="ignore"):
            return np.asarray(values > self.limit if self.above else values < self.limit)


@dataclass(frozen=True)
class Template:
    """One stretch on one side, as the recogniser compares it with each frame."""

    exercise: str
    side: str
    position: Position
    targets: Mapping[str, float]
    tolerances: Mapping[str, float]
    form: tuple[FormCheck, ...] = ()
    shoulder_span: float = 0.0


@dataclass(frozen=True)
class Hold:
    """One held stretch: times in seconds from the start of the recording."""

    exercise: str
    side: str
    start: float
    end: float
    faults: tuple[str, ...]
    mismatch: float
    first_frame: int
    last_frame: int

    @property
    def held_seconds(self) -> float:
        """Seconds the settled pose was held."""
        return self.end - self.start


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found, with the per-frame figures the report and video use."""

    recording: Recording
    holds: tuple[Hold, ...]
    seen: BoolArray
    features: Features
    orientation: IntArray
    frame_step: float

    def hold_at(self, frame: int) -> Hold | None:
        """The hold that frame ``frame`` belongs to, if any."""
        for hold in self.holds:
            if hold.first_frame <= frame <= hold.last_frame:
                return hold
        return None

    def faults_at(self, frame: int, templates: Sequence[Template]) -> list[str]:
        """The cues whose fault shows in frame ``frame`` of its hold (for live coaching)."""
        hold = self.hold_at(frame)
        if hold is None:
            return []
        template = next(t for t in templates if (t.exercise, t.side) == (hold.exercise, hold.side))
        return [
            check.cue
            for check in template.form
            if bool(check.broken(self.features[check.feature][frame : frame + 1])[0])
        ]


def features_of(recording: Recording) -> tuple[Features, BoolArray]:
    """Smoothed angles for every frame, with the frames that passed the visibility gate."""
    seen = recording.present & gate(recording.visibility)
    raw = measure(recording.pixels)
    window = ANGLE_SMOOTHING_SECONDS.value
    features = {name: smooth(np.where(seen, values, np.nan), recording.times, window) for name, values in raw.items()}
    return features, seen


def _frame_step(times: FloatArray) -> float:
    steps = np.diff(times)
    positive = steps[steps > 0]
    return float(np.median(positive)) if positive.size else 1.0 / 30.0


def _runs(mask: BoolArray) -> tuple[IntArray, IntArray]:
    """Start and end (exclusive) indices of each run of True."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _long_runs(mask: BoolArray, times: FloatArray, step: float, seconds: float) -> tuple[IntArray, IntArray]:
    starts, ends = _runs(mask)
    if starts.size == 0:
        return starts, ends
    keep = times[ends - 1] - times[starts] + step >= seconds - 1e-9
    return starts[keep], ends[keep]


def _speed(values: FloatArray, times: FloatArray, step: float) -> FloatArray:
    """Absolute rate of change (units per second) over a span either side of each frame."""
    k = max(int(round(_SPEED_SPAN_SECONDS / step)), 1)
    n = values.size
    index = np.arange(n)
    ahead, behind = np.minimum(index + k, n - 1), np.maximum(index - k, 0)
    span = times[ahead] - times[behind]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.abs(values[ahead] - values[behind]) / span)


def _mismatch(template: Template, features: Features, orient: IntArray) -> FloatArray:
    """Per frame: the worst angle's distance from its target in tolerances; inf if the position differs."""
    worst = np.zeros(orient.shape)
    for name, tolerance in template.tolerances.items():
        worst = np.fmax(worst, np.abs(features[name] - template.targets[name]) / tolerance)
        worst[np.isnan(features[name])] = np.nan
    position = ORIENTATIONS.index(template.position)
    worst[(orient != position) & (orient >= 0)] = np.inf
    worst[orient < 0] = np.nan
    return worst


def _held_runs(
    template: Template, features: Features, orient: IntArray, times: FloatArray, step: float
) -> list[tuple[int, int, float]]:
    """(first, last, mean mismatch) of each hold of one template, before overlaps are settled."""
    mismatch = _mismatch(template, features, orient)
    speeds = [_speed(features[name], times, step) for name in template.tolerances]
    speed = np.max(np.vstack(speeds), axis=0) if speeds else np.zeros_like(mismatch)
    settled = SETTLED_SPEED_DEGREES_PER_SECOND.value
    unknown = np.isnan(mismatch) | np.isnan(speed)
    with np.errstate(invalid="ignore"):
        inside = ~unknown & (mismatch <= 1.0) & (speed <= settled)
        outside = ~unknown & ((mismatch > HOLD_EXIT_TOLERANCE_FACTOR.value) | (speed > 2 * settled))
    events = np.full(mismatch.shape, -1, dtype=np.int64)
    lost_starts, _ = _long_runs(unknown, times, step, HOLD_MAX_GAP_SECONDS.value)
    exit_starts, _ = _long_runs(outside, times, step, HOLD_EXIT_SECONDS.value)
    enter_starts, _ = _long_runs(inside, times, step, HOLD_ENTER_SECONDS.value)
    events[lost_starts] = 0
    events[exit_starts] = 0
    events[enter_starts] = 1
    index = np.arange(events.size)
    latest = np.maximum.accumulate(np.where(events >= 0, index, -1))
    state = np.where(latest >= 0, events[np.maximum(latest, 0)], 0).astype(bool)
    # A jump in time longer than the allowed gap (frames missing from the file) ends a hold.
    jumps = np.flatnonzero(np.diff(times) > HOLD_MAX_GAP_SECONDS.value) + 1
    state[jumps] &= inside[jumps]
    holds = []
    starts, ends = _runs(state)
    for start, end in zip(starts, ends, strict=True):
        inner = jumps[(jumps > start) & (jumps < end)]
        for piece in np.split(np.arange(start, end), inner - start):
            settled_frames = piece[inside[piece]]
            if settled_frames.size == 0:
                continue
            first, last = int(settled_frames[0]), int(settled_frames[-1])
            if times[last] - times[first] + step >= MIN_HOLD_SECONDS.value:
                holds.append((first, last, float(np.nanmean(mismatch[first : last + 1]))))
    return holds


def _faults(template: Template, features: Features, first: int, last: int, step: float) -> tuple[str, ...]:
    cues = []
    for check in template.form:
        broken = check.broken(features[check.feature][first : last + 1])
        if broken.sum() * step >= FAULT_MIN_SECONDS.value - 1e-9 and check.cue not in cues:
            cues.append(check.cue)
    return tuple(cues)


def _end_time(last: int, times: FloatArray, step: float) -> float:
    after = float(times[last] + step)
    return min(after, float(times[last + 1])) if last + 1 < times.size else after


def analyse(recording: Recording, templates: Sequence[Template]) -> Analysis:
    """Find every hold in ``recording`` of any of ``templates``.

    Candidate holds of different templates that overlap are settled by keeping
    the one that matches its key pose more closely.
    """
    features, seen = features_of(recording)
    orient = orientation(features)
    times = recording.times
    step = _frame_step(times)
    candidates: list[tuple[float, int, int, Template]] = []
    for template in templates:
        for first, last, mismatch in _held_runs(template, features, orient, times, step):
            candidates.append((mismatch, first, last, template))
    taken = np.zeros(times.size, dtype=bool)
    holds = []
    for mismatch, first, last, template in sorted(candidates, key=lambda c: c[0]):
        span = slice(first, last + 1)
        if taken[span].mean() > 0.5:
            continue
        free = np.flatnonzero(~taken[span]) + first
        first, last = int(free[0]), int(free[-1])
        taken[first : last + 1] = True
        holds.append(
            Hold(
                exercise=template.exercise,
                side=template.side,
                start=float(times[first]),
                end=_end_time(last, times, step),
                faults=_faults(template, features, first, last, step),
                mismatch=mismatch,
                first_frame=first,
                last_frame=last,
            )
        )
    holds.sort(key=lambda h: h.start)
    return Analysis(recording, tuple(holds), seen, features, orient, step)
