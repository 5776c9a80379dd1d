"""Which stretch is held, on which side, for how long, and with which form faults.

A :class:`Template` is one held key pose of one stretch on one side, as one camera
placement sees it: the angles it measures (built from the catalog in
:mod:`sicoach.vision.templates`), how far each may stray, the body position, and
its form checks. :func:`analyse` compares every frame with every template at once
and turns the frames that match into holds:

* a frame is *inside* when every compared angle is within its tolerance, the body
  position matches and the angles have settled (see :class:`_Stillness`);
* it is *outside* beyond a wider band (hysteresis), or after a long run of frames
  where the body was not seen;
* a hold starts after a stay short of outside that has settled frames in it, and
  ends only after a run of outside frames, so a jittery or lost frame neither
  splits nor ends it. Its time runs from its first to its last settled frame, so
  the movement into and out of the pose is not counted.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sicoach.catalog.schema import Position
from sicoach.rules import (
    ANGLE_SMOOTHING_SECONDS,
    FAULT_MIN_SECONDS,
    FORM_BASELINE_SECONDS,
    HOLD_ENTER_SECONDS,
    HOLD_EXIT_SECONDS,
    HOLD_EXIT_TOLERANCE_FACTOR,
    HOLD_MAX_GAP_SECONDS,
    HOLD_REJOIN_SECONDS,
    MIN_HOLD_SECONDS,
    SETTLED_DEGREES_PER_SECOND,
    SETTLED_TRUNK_FRACTION_PER_SECOND,
)
from sicoach.vision.angles import (
    ORIENTATIONS,
    RATIO_FEATURES,
    Features,
    gate,
    measure,
    orientation,
    smooth,
)
from sicoach.vision.landmarks import Recording
from sicoach.vision.swaps import unswap

__all__ = ["Analysis", "FormCheck", "Hold", "Template", "analyse", "features_of"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

#: How far either side of a frame the settling speed is measured (seconds).
_SPEED_SPAN_SECONDS = 0.15
#: Speeds (root mean square over the angles, in units of their jitter) still counted as settled.
_SETTLED_JITTERS = 1.5
#: Frames of a hold's start that a relative form check takes as the person's own pose.
_BASELINE_FRAMES = int(round(FORM_BASELINE_SECONDS.value * 30))
#: How far a hold's edges may move out to where the angles reach their held values.
_WIDEN_SECONDS = 0.0


@dataclass(frozen=True)
class FormCheck:
    """A form fault: ``features`` moved past ``margin`` from their key-pose ``targets``.

    ``direction`` +1 faults a rise above the target, -1 a fall below it, 0 a
    change either way (the distance over all the features). ``cue`` is the
    catalog's cue that the fault breaks.
    """

    features: tuple[str, ...]
    targets: tuple[float, ...]
    margin: float
    direction: int
    cue: str
    relative: bool = False

    def broken(
        self, features: Features, frames: slice = slice(None), hold_start: int | None = None
    ) -> BoolArray:
        """Per frame in ``frames``: whether the fault shows (unmeasured frames do not).

        A ``relative`` check compares with the person's own values over the first
        :data:`~sicoach.rules.FORM_BASELINE_SECONDS` of the hold (from frame
        ``hold_start``; about 30 frames a second), not with the key pose's, so it
        does not depend on the person's proportions.
        """
        targets: tuple[float, ...] = self.targets
        if self.relative and hold_start is not None:
            span = slice(hold_start, hold_start + _BASELINE_FRAMES)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                targets = tuple(float(np.nanmedian(features[f][span])) for f in self.features)
        changes = [features[f][frames] - t for f, t in zip(self.features, targets, strict=True)]
        if self.direction == 0:
            change = np.sqrt(np.sum(np.square(changes), axis=0))
        else:
            change = self.direction * changes[0]
        with np.errstate(invalid="ignore"):
            return np.asarray(change > self.margin)


@dataclass(frozen=True)
class Template:
    """One held key pose of a stretch on one side, as one camera placement sees it.

    ``targets`` and ``tolerances`` are the compared angles (a frame is inside when
    each is within its tolerance of its target); ``exits`` how far each may go before
    a hold ends. ``shoulder_span`` is how wide the shoulders look in the stretch's
    best view (for the report's view check). ``unjudged`` are the catalog cues whose
    faults one camera at that view cannot see.
    """

    exercise: str
    side: str
    pose: str
    position: Position
    targets: Mapping[str, float]
    tolerances: Mapping[str, float]
    form: tuple[FormCheck, ...] = ()
    shoulder_span: float = 0.0
    exits: Mapping[str, float] | None = None
    unjudged: tuple[str, ...] = ()

    def exit_distance(self, name: str) -> float:
        """How far angle ``name`` may stray from its target before a hold ends.

        ``exits`` gives it per angle; without, it is the tolerance times
        :data:`~sicoach.rules.HOLD_EXIT_TOLERANCE_FACTOR`.
        """
        if self.exits is not None and name in self.exits:
            return self.exits[name]
        return self.tolerances[name] * HOLD_EXIT_TOLERANCE_FACTOR.value


@dataclass(frozen=True)
class Hold:
    """One held stretch: times in seconds from the start of the recording."""

    template: Template
    start: float
    end: float
    faults: tuple[str, ...]
    mismatch: float
    first_frame: int
    last_frame: int

    @property
    def exercise(self) -> str:
        """The catalog id of the stretch."""
        return self.template.exercise

    @property
    def side(self) -> str:
        """The working side: ``left``, ``right`` or ``both``."""
        return self.template.side

    @property
    def pose(self) -> str:
        """The name of the held key pose (a direction or variation where there are several)."""
        return self.template.pose

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

    def hold_at(self, frame: int) -> Hold | None:
        """The hold that frame ``frame`` belongs to, if any."""
        for hold in self.holds:
            if hold.first_frame <= frame <= hold.last_frame:
                return hold
        return None

    def faults_at(self, frame: int) -> list[str]:
        """The cues whose fault shows in frame ``frame`` of its hold (for live coaching)."""
        hold = self.hold_at(frame)
        if hold is None:
            return []
        frames = slice(frame, frame + 1)
        return [
            check.cue
            for check in hold.template.form
            if bool(check.broken(self.features, frames, hold.first_frame)[0])
        ]


def features_of(recording: Recording) -> tuple[Features, BoolArray]:
    """Smoothed angles for every frame, with the frames that passed the visibility gate.

    MediaPipe's left-right swaps are undone first (:func:`sicoach.vision.swaps.unswap`).
    """
    seen = recording.present & gate(recording.visibility)
    raw = measure(unswap(recording.landmarks, recording.scale, recording.times), recording.scale)
    window = ANGLE_SMOOTHING_SECONDS.value
    features = {
        name: smooth(np.where(seen, values, np.nan), recording.frame_step, window)
        for name, values in raw.items()
    }
    return features, seen


def _runs(mask: BoolArray) -> tuple[IntArray, IntArray]:
    """Start and end (exclusive) indices of each run of True."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _long_runs(
    mask: BoolArray, times: FloatArray, step: float, seconds: float
) -> tuple[IntArray, IntArray]:
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


def _settled_floor(name: str) -> float:
    """The smallest jitter assumed for feature ``name``, in its own units per second."""
    if name in RATIO_FEATURES:
        return SETTLED_TRUNK_FRACTION_PER_SECOND.value
    return SETTLED_DEGREES_PER_SECOND.value


class _Stillness:
    """Each angle's speed in units of its own jitter, measured once per recording.

    Most frames of a recording are still (holds and rests), so an angle's median
    speed is its jitter, floored at :data:`~sicoach.rules.SETTLED_DEGREES_PER_SECOND`.
    """

    def __init__(self, features: Features, times: FloatArray, step: float) -> None:
        self._features, self._times, self._step = features, times, step
        self._cache: dict[str, FloatArray] = {}

    def relative_speed(self, name: str) -> FloatArray:
        """The speed of angle ``name`` over its jitter, per frame."""
        if name not in self._cache:
            speed = _speed(self._features[name], self._times, self._step)
            finite = speed[np.isfinite(speed)]
            jitter = float(np.median(finite)) if finite.size else 0.0
            self._cache[name] = speed / max(jitter, _settled_floor(name))
        return self._cache[name]

    def settled(self, template: Template) -> BoolArray:
        """Per frame: whether the template's angles are still.

        A movement moves several angles together while jitter does not, so the
        root mean square over the angles is compared, which averages jitter out.
        """
        total = np.zeros(self._times.shape)
        for name in template.tolerances:
            total += np.square(self.relative_speed(name))
        with np.errstate(invalid="ignore"):
            return np.asarray(np.sqrt(total / max(len(template.tolerances), 1)) <= _SETTLED_JITTERS)


def _widen(
    template: Template, features: Features, first: int, last: int, step: float
) -> tuple[int, int]:
    """Move a hold's edges out to where the angles really reach their held values.

    Speeds are measured over a span of frames, so they notice a movement a little
    before it starts and after it ends. Here each edge moves outward (up to
    :data:`_WIDEN_SECONDS`) while every angle stays within its held value's band:
    twice its spread during the hold, and at least one degree (a hundredth of a trunk
    length for lengths).
    """
    reach = int(round(_WIDEN_SECONDS / step))
    low, high = max(first - reach, 0), last + 1 + reach
    near = np.ones(min(high, features["trunk_incline"].size) - low, dtype=bool)
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        for name in template.tolerances:
            values = features[name]
            held = values[first : last + 1]
            middle = np.nanmedian(held)
            spread = 1.4826 * np.nanmedian(np.abs(held - middle))
            floor = 0.01 if name in RATIO_FEATURES else 1.0
            near &= np.abs(values[low:high] - middle) <= max(floor, 2.0 * spread)
    before = near[: first - low][::-1]
    after = near[last + 1 - low :]
    first -= int(np.argmin(before)) if not before.all() else before.size
    last += int(np.argmin(after)) if not after.all() else after.size
    return first, last


def _mismatch(
    template: Template, features: Features, orient: IntArray, *, exit: bool = False
) -> FloatArray:
    """Per frame: the worst angle's distance from its target in tolerances (inf: wrong position).

    With ``exit``, the distances are in the template's exit distances instead, so
    a value above 1 is outside.
    """
    worst = np.zeros(orient.shape)
    for name, tolerance in template.tolerances.items():
        scale = template.exit_distance(name) if exit else tolerance
        worst = np.fmax(worst, np.abs(features[name] - template.targets[name]) / scale)
        worst[np.isnan(features[name])] = np.nan
    position = ORIENTATIONS.index(template.position)
    worst[(orient != position) & (orient >= 0)] = np.inf
    worst[orient < 0] = np.nan
    return worst


def _held_runs(
    templates: Sequence[Template],
    features: Features,
    orient: IntArray,
    times: FloatArray,
    step: float,
    stillness: _Stillness,
    shortest: float,
) -> list[tuple[int, int, float, Template]]:
    """(first, last, mean mismatch, best template) of each hold of one stretch, side and pose.

    ``templates`` are the same pose seen from different camera placements; a frame
    matches when it matches any of them.
    """
    each = np.vstack([_mismatch(t, features, orient) for t in templates])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mismatch = np.nanmin(each, axis=0)
        beyond = np.nanmin(
            np.vstack([_mismatch(t, features, orient, exit=True) for t in templates]), axis=0
        )
    unknown = np.isnan(mismatch)
    with np.errstate(invalid="ignore"):
        inside = ~unknown & (mismatch <= 1.0) & stillness.settled(templates[0])
        outside = ~unknown & (beyond > 1.0)
    events = np.full(mismatch.shape, -1, dtype=np.int64)
    lost_starts, _ = _long_runs(unknown, times, step, HOLD_MAX_GAP_SECONDS.value)
    exit_starts, _ = _long_runs(outside, times, step, HOLD_EXIT_SECONDS.value)
    events[lost_starts] = 0
    events[exit_starts] = 0
    # A hold is entered at the first settled frame of a long enough stay in the band
    # short of outside, so one jittery frame does not delay it.
    band_starts, band_ends = _long_runs(~unknown & ~outside, times, step, HOLD_ENTER_SECONDS.value)
    settled_so_far = np.concatenate([[0], np.cumsum(inside)])
    for start, end in zip(band_starts, band_ends, strict=True):
        if settled_so_far[end] > settled_so_far[start]:
            events[start + int(np.argmax(inside[start:end]))] = 1
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
            first, last = _widen(
                templates[0], features, int(settled_frames[0]), int(settled_frames[-1]), step
            )
            if times[last] - times[first] + step >= shortest:
                span = each[:, first : last + 1]
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    means = np.nanmean(np.where(np.isinf(span), np.nan, span), axis=1)
                best = int(np.nanargmin(means)) if np.isfinite(means).any() else 0
                holds.append((first, last, float(means[best]), templates[best]))
    return _rejoined(holds, times)


def _rejoined(
    holds: list[tuple[int, int, float, Template]], times: FloatArray
) -> list[tuple[int, int, float, Template]]:
    """Holds of one pose with under :data:`~sicoach.rules.HOLD_REJOIN_SECONDS` between them, as one.

    Nobody lets go of a stretch and takes it up again that fast: the break was the
    pose model's (a burst of jitter, a swap, a moment unseen), not a new rep.
    """
    joined: list[tuple[int, int, float, Template]] = []
    for hold in holds:
        if joined and times[hold[0]] - times[joined[-1][1]] < HOLD_REJOIN_SECONDS.value:
            first, last, mismatch, template = joined[-1]
            a, b = last - first + 1, hold[1] - hold[0] + 1
            joined[-1] = (first, hold[1], (mismatch * a + hold[2] * b) / (a + b), template)
        else:
            joined.append(hold)
    return joined


def _faults(
    template: Template, features: Features, first: int, last: int, step: float
) -> tuple[str, ...]:
    cues = []
    for check in template.form:
        broken = check.broken(features, slice(first, last + 1), first)
        if broken.sum() * step >= FAULT_MIN_SECONDS.value - 1e-9 and check.cue not in cues:
            cues.append(check.cue)
    return tuple(cues)


def _end_time(last: int, times: FloatArray, step: float) -> float:
    after = float(times[last] + step)
    return min(after, float(times[last + 1])) if last + 1 < times.size else after


def analyse(
    recording: Recording, templates: Sequence[Template], *, min_hold_seconds: float | None = None
) -> Analysis:
    """Find every hold in ``recording`` of any of ``templates``.

    Candidate holds of different templates that overlap are settled by keeping
    the one that matches its key pose more closely. Holds shorter than
    ``min_hold_seconds`` (default :data:`~sicoach.rules.MIN_HOLD_SECONDS`) are
    left out.
    """
    shortest = MIN_HOLD_SECONDS.value if min_hold_seconds is None else min_hold_seconds
    features, seen = features_of(recording)
    orient = orientation(features)
    times = recording.times
    step = recording.frame_step
    groups: dict[tuple[str, str, str], list[Template]] = {}
    for template in templates:
        groups.setdefault((template.exercise, template.side, template.pose), []).append(template)
    candidates: list[tuple[float, int, int, Template]] = []
    stillness = _Stillness(features, times, step)
    for members in groups.values():
        for first, last, mismatch, template in _held_runs(
            members, features, orient, times, step, stillness, shortest
        ):
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
                template=template,
                start=float(times[first]),
                end=_end_time(last, times, step),
                faults=_faults(template, features, first, last, step),
                mismatch=mismatch,
                first_frame=first,
                last_frame=last,
            )
        )
    holds.sort(key=lambda h: h.start)
    return Analysis(recording, tuple(holds), seen, features, orient)
