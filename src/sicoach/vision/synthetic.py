"""Synthetic pose recordings made from the figures' body model, for tests, benchmarks and demos.

A :class:`Performance` is someone doing a stretch: moving from the start pose into
the held pose, holding it, moving back and resting, rep after rep. Each frame's
body (:func:`sicoach.figures.body.joint_positions`) is placed into MediaPipe's
33-landmark layout (:func:`landmarks_from_body`) and seen through a pinhole
:class:`Camera`. Noise, lost frames, poorly seen stretches and form faults are
added on purpose, so the recogniser can be tested against a known truth.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sicoach.figures.body import JOINTS, interpolate, joint_positions
from sicoach.vision.landmarks import LANDMARK_COUNT, Recording
from sicoach.vision.landmarks import Landmark as L

__all__ = ["Camera", "Performance", "Rep", "landmarks_from_body", "perform", "pose_landmarks"]

FloatArray = npt.NDArray[np.float64]

_UP = np.array([0.0, 0.0, 1.0])
#: Body model points and the MediaPipe landmark names they become (with LEFT_/RIGHT_).
_BODY_POINTS = {
    "shoulder": "SHOULDER",
    "elbow": "ELBOW",
    "wrist": "WRIST",
    "hip": "HIP",
    "knee": "KNEE",
    "ankle": "ANKLE",
    "heel": "HEEL",
    "toe": "FOOT_INDEX",
}


@dataclass(frozen=True)
class Camera:
    """A pinhole camera looking at the body.

    ``azimuth`` is where it stands around the person, in degrees: 0 in front of
    them, 90 at their left side, 180 behind, 270 at their right side (for a body
    lying down, 90 and 270 see it side-on). ``elevation`` is how far above the
    body's centre it looks down from, in degrees.
    """

    azimuth: float = 90.0
    elevation: float = 10.0
    distance: float = 3.0
    width: int = 640
    height: int = 480
    horizontal_fov: float = 60.0

    def project(self, points: FloatArray, target: FloatArray) -> FloatArray:
        """World points (... x 3, metres) to MediaPipe image coordinates (... x 3).

        x and y are normalised to the image (x right, y down); z is depth from the
        midpoint of the hips' depth, on the same scale as x, as MediaPipe gives it.
        """
        az, el = math.radians(self.azimuth), math.radians(self.elevation)
        eye = target + self.distance * np.array(
            [math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)]
        )
        forward = (target - eye) / np.linalg.norm(target - eye)
        right = np.cross(forward, _UP)
        right /= np.linalg.norm(right)
        down = np.cross(forward, right)
        focal = self.width / 2 / math.tan(math.radians(self.horizontal_fov) / 2)
        relative = points - eye
        depth = relative @ forward
        u = self.width / 2 + focal * (relative @ right) / depth
        v = self.height / 2 + focal * (relative @ down) / depth
        hips = (relative[..., L.LEFT_HIP, :] + relative[..., L.RIGHT_HIP, :]) / 2 @ forward
        z = (depth - hips[..., None]) * focal / hips[..., None] / self.width
        return np.stack([u / self.width, v / self.height, z], axis=-1)


def _unit(v: FloatArray) -> FloatArray:
    return np.asarray(v / np.linalg.norm(v))


def landmarks_from_body(points: Mapping[str, FloatArray], shrug: float = 0.0) -> FloatArray:
    """The 33 MediaPipe landmarks (33 x 3, metres) of one body from the figures model.

    The face and hands, which the stick figure does not have, are placed from the
    head and forearms with average adult sizes. ``shrug`` lifts both shoulders
    toward the ears by that many metres (the body model has no shoulder shrug).
    """
    out = np.zeros((LANDMARK_COUNT, 3))
    for part, name in _BODY_POINTS.items():
        for side in ("LEFT", "RIGHT"):
            out[L[f"{side}_{name}"]] = points[f"{part}_{side.lower()}"]
    lateral = _unit(points["shoulder_left"] - points["shoulder_right"])
    head_up = _unit(points["head"] - points["neck"])
    face = _unit(np.cross(lateral, head_up))
    for index in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER):
        out[index] += shrug * _unit(points["neck"] - points["lumbar"])
    head = points["head"]
    out[L.NOSE] = head + 0.10 * face
    for side, sign in (("LEFT", 1.0), ("RIGHT", -1.0)):
        out[L[f"{side}_EYE_INNER"]] = head + 0.08 * face + 0.035 * head_up + sign * 0.015 * lateral
        out[L[f"{side}_EYE"]] = head + 0.08 * face + 0.035 * head_up + sign * 0.032 * lateral
        out[L[f"{side}_EYE_OUTER"]] = head + 0.075 * face + 0.035 * head_up + sign * 0.048 * lateral
        out[L[f"{side}_EAR"]] = head + 0.01 * head_up + sign * 0.075 * lateral
        out[L[f"MOUTH_{side}"]] = head + 0.085 * face - 0.045 * head_up + sign * 0.025 * lateral
        wrist, elbow = points[f"wrist_{side.lower()}"], points[f"elbow_{side.lower()}"]
        hand = _unit(wrist - elbow)
        out[L[f"{side}_INDEX"]] = wrist + 0.09 * hand + sign * 0.02 * lateral
        out[L[f"{side}_PINKY"]] = wrist + 0.08 * hand - sign * 0.02 * lateral
        out[L[f"{side}_THUMB"]] = wrist + 0.05 * hand + sign * 0.03 * lateral
    return out


def pose_landmarks(
    angles: Mapping[str, float], camera: Camera, target: FloatArray | None = None
) -> FloatArray:
    """One pose seen by ``camera`` (33 x 3 image coordinates), aimed at the body's centre."""
    body = landmarks_from_body(joint_positions(angles))
    centre = body.mean(axis=0) if target is None else target
    return camera.project(body, centre)


@dataclass(frozen=True)
class Rep:
    """One repetition: the seconds the held pose is kept, and any fault made during it.

    ``fault`` adds degrees to joints of the held pose and ``shrug`` lifts the
    shoulders (metres), both over the middle ``fault_fraction`` of the hold.
    """

    hold_seconds: float
    fault: Mapping[str, float] = field(default_factory=dict)
    shrug: float = 0.0
    fault_fraction: float = 0.6


@dataclass(frozen=True)
class Performance:
    """A stretch done for the camera: poses, reps, pace, and what goes wrong on purpose."""

    start: Mapping[str, float]
    held: Mapping[str, float]
    reps: Sequence[Rep]
    camera: Camera = Camera()
    fps: float = 30.0
    move_seconds: float = 1.5
    rest_seconds: float = 3.0
    lead_seconds: float = 2.0
    noise_pixels: float = 0.0
    drop_fraction: float = 0.0
    lost: Sequence[tuple[float, float]] = ()
    dim: Sequence[tuple[float, float]] = ()
    seed: int = 0

    def schedule(self) -> list[tuple[float, float]]:
        """(start, end) seconds of each rep's held pose."""
        spans = []
        t = self.lead_seconds
        for rep in self.reps:
            t += self.move_seconds
            spans.append((t, t + rep.hold_seconds))
            t += rep.hold_seconds + self.move_seconds + self.rest_seconds
        return spans

    @property
    def duration(self) -> float:
        """Seconds from the first frame to the end of the last rest."""
        spans = self.schedule()
        return (
            (spans[-1][1] if spans else self.lead_seconds) + self.move_seconds + self.rest_seconds
        )


def _ease(t: float) -> float:
    """Smoothstep: a movement that starts and ends gently, as people move."""
    return t * t * (3 - 2 * t)


_LIMITS = {joint.name: (joint.low, joint.high) for joint in JOINTS}


def _between(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Part of the way from pose ``a`` to ``b``, kept inside each joint's range against rounding."""
    blend = interpolate(a, b, _ease(t))
    return {
        name: min(max(value, _LIMITS[name][0]), _LIMITS[name][1]) for name, value in blend.items()
    }


def _body_at(performance: Performance, t: float) -> tuple[dict[str, float], float]:
    """The joint angles and shoulder shrug at time ``t``."""
    for rep, (start, end) in zip(performance.reps, performance.schedule(), strict=True):
        move = performance.move_seconds
        if start - move <= t < start:
            return _between(performance.start, performance.held, (t - start + move) / move), 0.0
        if start <= t <= end:
            middle = (start + end) / 2
            half = (end - start) * rep.fault_fraction / 2
            if rep.fault or rep.shrug:
                if middle - half <= t <= middle + half:
                    faulty = {k: v + rep.fault.get(k, 0.0) for k, v in performance.held.items()}
                    faulty.update({k: v for k, v in rep.fault.items() if k not in performance.held})
                    return faulty, rep.shrug
            return dict(performance.held), 0.0
        if end < t <= end + move:
            return _between(performance.held, performance.start, (t - end) / move), 0.0
    return dict(performance.start), 0.0


def perform(performance: Performance) -> Recording:
    """Render a performance into a recording (contract 2 as arrays) with its noise and losses."""
    rng = np.random.default_rng(performance.seed)
    camera = performance.camera
    times = np.arange(0.0, performance.duration, 1.0 / performance.fps)
    target = landmarks_from_body(joint_positions(performance.held)).mean(axis=0)
    frames = np.empty((times.size, LANDMARK_COUNT, 4))
    for index, t in enumerate(times):
        angles, shrug = _body_at(performance, float(t))
        frames[index, :, :3] = camera.project(
            landmarks_from_body(joint_positions(angles), shrug), target
        )
    frames[:, :, 3] = rng.uniform(0.9, 1.0, size=frames.shape[:2])
    sigma = performance.noise_pixels
    frames[:, :, 0] += rng.normal(0.0, sigma / camera.width, size=frames.shape[:2])
    frames[:, :, 1] += rng.normal(0.0, sigma / camera.height, size=frames.shape[:2])
    for start, end in performance.dim:
        frames[(times >= start) & (times < end), :, 3] = rng.uniform(0.05, 0.3)
    dropped = rng.random(times.size) < performance.drop_fraction
    for start, end in performance.lost:
        dropped |= (times >= start) & (times < end)
    frames[dropped] = np.nan
    return Recording(times, frames, camera.width, camera.height, performance.fps)
