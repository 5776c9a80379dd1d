"""A stick-figure body: fixed adult segment lengths, named joint angles, 3D forward kinematics.

Frames. The world has z up. Each body part carries a local frame with x pointing
forward (anterior), y to the person's left and z toward the head (for a leg or an
arm: from the far end toward the joint it hangs from). With every angle at 0 the
person stands upright facing +x with the arms hanging and the feet flat.

Angles are in degrees; each joint has a range (:data:`JOINTS`) and a pose outside
it is refused, naming the joint and the range. Joints of the limbs come in pairs
named ``<joint>_left`` and ``<joint>_right``; a missing angle means 0.

The root is the pelvis. Its three angles place the whole body: ``trunk_pitch``
tips it forward (+90: lying face down) or back (-90: lying on the back),
``trunk_roll`` tilts it toward the left side, and ``trunk_yaw`` turns it to the
left about its own long axis (lying on the back, that rolls the pelvis; the
lower trunk rotation uses it with an opposite ``lumbar_rotation`` so the chest
stays flat). After the pose is built, the body is moved so that its lowest
surface touches the floor (z = 0) with the pelvis above the world origin.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CONTACT_RADIUS",
    "JOINTS",
    "JOINT_NAMES",
    "POINTS",
    "SEGMENTS",
    "SIDES",
    "Joint",
    "JointLimitError",
    "Vector",
    "check_angles",
    "contact_radius",
    "interpolate",
    "joint_positions",
    "mirror",
]

Vector = NDArray[np.float64]
SIDES = ("left", "right")

# Segment lengths in metres: a person of about 1.72 m with average adult proportions.
HIP_HALF_WIDTH = 0.09
HIP_FORWARD = 0.04  # the hip joints sit in front of the sacrum, not beside it
PELVIS_TO_LUMBAR = 0.10
LUMBAR_TO_NECK = 0.42
SHOULDER_HALF_WIDTH = 0.18
SHOULDER_BELOW_NECK = 0.03
NECK_TO_HEAD = 0.13
HEAD_FORWARD = 0.03  # the skull's centre sits a little in front of the neck
UPPER_ARM = 0.30
FOREARM = 0.26
THIGH = 0.44
SHANK = 0.42
# Points of the foot in the foot frame (x toward the toes), from the ankle.
HEEL_FROM_ANKLE = (-0.05, 0.0, -0.05)
TOE_FROM_ANKLE = (0.16, 0.0, -0.06)

# Half the thickness of the body at each point: the drawing uses the same widths,
# and the lowest surface (point minus radius) is what rests on the floor.
CONTACT_RADIUS: dict[str, float] = {
    "head": 0.10,
    "neck": 0.04,
    "lumbar": 0.045,
    "pelvis": 0.045,
    "shoulder": 0.035,
    "elbow": 0.03,
    "wrist": 0.025,
    "hip": 0.035,
    "knee": 0.035,
    "ankle": 0.025,
    "heel": 0.015,
    "toe": 0.015,
}


@dataclass(frozen=True)
class Joint:
    """One named angle with its allowed range in degrees and what it means."""

    name: str
    low: float
    high: float
    meaning: str

    def allows(self, degrees: float) -> bool:
        """Whether ``degrees`` lies within the range (ends included)."""
        return self.low <= degrees <= self.high


def _paired(joint: str, low: float, high: float, meaning: str) -> tuple[Joint, Joint]:
    left, right = (Joint(f"{joint}_{side}", low, high, meaning) for side in SIDES)
    return left, right


JOINTS: tuple[Joint, ...] = (
    Joint("trunk_pitch", -90, 90, "whole body tipped forward (+) or back (-); ±90 is lying"),
    Joint("trunk_roll", -90, 90, "whole body tilted toward its left side (+)"),
    Joint("trunk_yaw", -90, 90, "pelvis turned to the left (+) about its own long axis"),
    Joint("lumbar_flexion", -60, 80, "spine bent forward (+) or arched back (-) above the pelvis"),
    Joint("lumbar_side_bend", -35, 35, "spine bent toward the left (+)"),
    Joint("lumbar_rotation", -50, 50, "chest turned to the left (+) against the pelvis"),
    Joint("neck_flexion", -50, 60, "chin toward the chest (+) or head tipped back (-)"),
    *_paired("hip_flexion", -30, 135, "thigh forward (+) or behind the body (-)"),
    *_paired("hip_abduction", -25, 50, "thigh out to the side (+) or across the midline (-)"),
    *_paired("hip_internal_rotation", -45, 40, "thigh turned inward (+) or outward (-)"),
    *_paired("knee_flexion", 0, 150, "knee bent (+); 0 is straight"),
    *_paired("ankle_dorsiflexion", -50, 25, "toes pulled up (+) or pointed (-)"),
    *_paired("shoulder_flexion", -60, 180, "arm raised forward (+) or back (-)"),
    *_paired("shoulder_abduction", -40, 90, "arm out to the side (+) or across the chest (-)"),
    *_paired("elbow_flexion", 0, 150, "elbow bent (+); 0 is straight"),
)
JOINT_NAMES: tuple[str, ...] = tuple(j.name for j in JOINTS)
_BY_NAME = {j.name: j for j in JOINTS}

# Angles that change sign when a pose is mirrored left to right.
_LATERAL = frozenset({"trunk_roll", "trunk_yaw", "lumbar_side_bend", "lumbar_rotation"})

POINTS: tuple[str, ...] = (
    "head",
    "neck",
    "lumbar",
    "pelvis",
    *(f"{part}_{side}" for part in ("shoulder", "elbow", "wrist") for side in SIDES),
    *(f"{part}_{side}" for part in ("hip", "knee", "ankle", "heel", "toe") for side in SIDES),
)

# Rigid links of the skeleton: their lengths never change, whatever the pose.
SEGMENTS: tuple[tuple[str, str], ...] = (
    ("pelvis", "lumbar"),
    ("lumbar", "neck"),
    ("neck", "head"),
    *(
        pair
        for side in SIDES
        for pair in (
            ("pelvis", f"hip_{side}"),
            ("neck", f"shoulder_{side}"),
            (f"shoulder_{side}", f"elbow_{side}"),
            (f"elbow_{side}", f"wrist_{side}"),
            (f"hip_{side}", f"knee_{side}"),
            (f"knee_{side}", f"ankle_{side}"),
            (f"ankle_{side}", f"heel_{side}"),
            (f"ankle_{side}", f"toe_{side}"),
            (f"heel_{side}", f"toe_{side}"),
        )
    ),
    ("shoulder_left", "shoulder_right"),
    ("hip_left", "hip_right"),
)


class JointLimitError(ValueError):
    """A pose names an unknown joint or an angle outside a joint's range (all listed)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def check_angles(angles: Mapping[str, float]) -> None:
    """Raise :class:`JointLimitError` listing every unknown joint and out-of-range angle."""
    problems: list[str] = []
    for name, value in angles.items():
        joint = _BY_NAME.get(name)
        if joint is None:
            problems.append(f"unknown joint {name!r}")
        elif not math.isfinite(value) or not joint.allows(value):
            problems.append(
                f"{name} = {value:g}° is outside its range {joint.low:g}° to {joint.high:g}°"
            )
    if problems:
        raise JointLimitError(problems)


def mirror(angles: Mapping[str, float]) -> dict[str, float]:
    """The same pose done with the other side: left and right swapped, sideways angles negated."""
    mirrored: dict[str, float] = {}
    for name, value in angles.items():
        if name.endswith("_left"):
            mirrored[name.removesuffix("_left") + "_right"] = value
        elif name.endswith("_right"):
            mirrored[name.removesuffix("_right") + "_left"] = value
        elif name in _LATERAL:
            mirrored[name] = -value if value else 0.0
        else:
            mirrored[name] = value
    return mirrored


def interpolate(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """The pose a fraction ``t`` (0..1) of the way from ``a`` to ``b``, joint by joint.

    A joint missing from one pose counts as 0 there; every range is an interval,
    so the result of two valid poses is valid.
    """
    if not 0.0 <= t <= 1.0:
        raise ValueError(f"t must be between 0 and 1, got {t}")
    check_angles(a)
    check_angles(b)
    names = [n for n in JOINT_NAMES if n in a or n in b]
    return {n: _between(a.get(n, 0.0), b.get(n, 0.0), t) for n in names}


def _between(a: float, b: float, t: float) -> float:
    # Clamped so rounding never steps past an end (and so past a joint's limit).
    low, high = min(a, b), max(a, b)
    return min(high, max(low, a + (b - a) * t))


def _rx(degrees: float) -> Vector:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def _ry(degrees: float) -> Vector:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


def _rz(degrees: float) -> Vector:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def _vec(x: float, y: float, z: float) -> Vector:
    return np.array([x, y, z], dtype=np.float64)


def _limbs(
    points: dict[str, Vector],
    pelvis_frame: Vector,
    chest_frame: Vector,
    side: str,
    angle: Mapping[str, float],
) -> None:
    """Add the arm and the leg of one side to ``points``."""
    sign = 1.0 if side == "left" else -1.0

    def a(joint: str) -> float:
        return angle.get(f"{joint}_{side}", 0.0)

    thigh = (
        pelvis_frame
        @ _ry(-a("hip_flexion"))
        @ _rx(sign * a("hip_abduction"))
        @ _rz(-sign * a("hip_internal_rotation"))
    )
    shank = thigh @ _ry(a("knee_flexion"))
    foot = shank @ _ry(-a("ankle_dorsiflexion"))
    hip = points["pelvis"] + pelvis_frame @ _vec(HIP_FORWARD, sign * HIP_HALF_WIDTH, 0.0)
    knee = hip + thigh @ _vec(0.0, 0.0, -THIGH)
    ankle = knee + shank @ _vec(0.0, 0.0, -SHANK)
    points[f"hip_{side}"] = hip
    points[f"knee_{side}"] = knee
    points[f"ankle_{side}"] = ankle
    points[f"heel_{side}"] = ankle + foot @ _vec(*HEEL_FROM_ANKLE)
    points[f"toe_{side}"] = ankle + foot @ _vec(*TOE_FROM_ANKLE)

    upper_arm = chest_frame @ _ry(-a("shoulder_flexion")) @ _rx(sign * a("shoulder_abduction"))
    forearm = upper_arm @ _ry(-a("elbow_flexion"))
    shoulder_offset = _vec(0.0, sign * SHOULDER_HALF_WIDTH, -SHOULDER_BELOW_NECK)
    shoulder = points["neck"] + chest_frame @ shoulder_offset
    elbow = shoulder + upper_arm @ _vec(0.0, 0.0, -UPPER_ARM)
    points[f"shoulder_{side}"] = shoulder
    points[f"elbow_{side}"] = elbow
    points[f"wrist_{side}"] = elbow + forearm @ _vec(0.0, 0.0, -FOREARM)


def contact_radius(point: str) -> float:
    """Half the body's thickness at a point of :data:`POINTS` (metres)."""
    return CONTACT_RADIUS[point.removesuffix("_left").removesuffix("_right")]


def joint_positions(angles: Mapping[str, float]) -> dict[str, Vector]:
    """World positions (metres, z up) of every point in :data:`POINTS` for a pose.

    The pose is checked first (:func:`check_angles`); the body then rests on the
    floor at its lowest surface, with the pelvis above x = y = 0.
    """
    check_angles(angles)
    angle = dict(angles)

    def a(joint: str) -> float:
        return angle.get(joint, 0.0)

    pelvis_frame = _ry(a("trunk_pitch")) @ _rx(-a("trunk_roll")) @ _rz(a("trunk_yaw"))
    chest_frame = (
        pelvis_frame
        @ _ry(a("lumbar_flexion"))
        @ _rx(-a("lumbar_side_bend"))
        @ _rz(a("lumbar_rotation"))
    )
    head_frame = chest_frame @ _ry(a("neck_flexion"))
    points: dict[str, Vector] = {"pelvis": _vec(0.0, 0.0, 0.0)}
    points["lumbar"] = pelvis_frame @ _vec(0.0, 0.0, PELVIS_TO_LUMBAR)
    points["neck"] = points["lumbar"] + chest_frame @ _vec(0.0, 0.0, LUMBAR_TO_NECK)
    points["head"] = points["neck"] + head_frame @ _vec(HEAD_FORWARD, 0.0, NECK_TO_HEAD)
    for side in SIDES:
        _limbs(points, pelvis_frame, chest_frame, side, angle)
    floor = min(p[2] - contact_radius(name) for name, p in points.items())
    lift = _vec(0.0, 0.0, -floor)
    return {name: points[name] + lift for name in POINTS}
