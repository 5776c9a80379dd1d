"""A stick-figure body: fixed adult segment lengths, named joint angles, 3D forward kinematics.

Frames. The world has z up. Each body part carries a local frame with x pointing
forward (anterior), y to the person's left and z toward the head (for a leg or an
arm: from the far end toward the joint it hangs from). With every angle at 0 the
person stands upright facing +x with the arms hanging and the feet flat.

Angles are in degrees; each joint has a range (:data:`JOINTS`, defined with the
other pose rules in :mod:`sicoach.catalog.joints`) and a pose outside it is
refused, naming the joint and the range. Joints of the limbs come in pairs
named ``<joint>_left`` and ``<joint>_right``; a missing angle means 0.

The root is the pelvis. Its three angles place the whole body: ``trunk_pitch``
tips it forward (+90: lying face down) or back (-90: lying on the back),
``trunk_roll`` tilts it toward the left side, and ``trunk_yaw`` turns it to the
left about its own long axis (lying on the back, that rolls the pelvis; the
lower trunk rotation uses it with an opposite ``lumbar_rotation`` so the chest
stays flat). After the pose is built, the body is moved so that its lowest
surface touches the floor (z = 0) with the pelvis above the world origin.

Limbs. A thigh or upper arm is first swung out to the side (abduction) and then
forward or back (flexion), both measured in the frame of the pelvis or chest; its
internal rotation then turns it about its own length, which decides where a bent
knee or elbow sends the lower leg or forearm. Knee and elbow bend in that plane,
and the ankle tips the foot in it. :func:`sicoach.figures.angles.measure_angles`
reads the same angles back from points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from sicoach.catalog.joints import (
    JOINT_NAMES,
    JOINTS,
    POINTS,
    SEGMENTS,
    SIDES,
    Joint,
    JointLimitError,
    check_angles,
    interpolate,
    mirror,
)

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

# Segment lengths in metres: a person of about 1.72 m with average adult proportions.
HIP_HALF_WIDTH = 0.09
HIP_FORWARD = 0.04  # the hip joints sit in front of the sacrum, not beside it
PELVIS_TO_LUMBAR = 0.10
LUMBAR_TO_NECK = 0.42
SHOULDER_HALF_WIDTH = 0.18
SHOULDER_BELOW_NECK = 0.03
NECK_TO_HEAD = 0.13
HEAD_FORWARD = 0.03  # the skull's centre sits a little in front of the neck
NOSE_FROM_HEAD = (0.09, 0.0, -0.01)  # the tip of the nose, from the centre of the head
UPPER_ARM = 0.30
FOREARM = 0.26
THIGH = 0.44
SHANK = 0.42
# Points of the foot in the foot frame (x toward the toes), from the ankle.
HEEL_FROM_ANKLE = (-0.05, 0.0, -0.05)
TOE_FROM_ANKLE = (0.16, 0.0, -0.06)

# Half the thickness of the body at each point, roughly as drawn: the lowest surface
# (a point's height minus its radius) is what rests on the floor or the chair.
CONTACT_RADIUS: dict[str, float] = {
    "head": 0.10,
    "nose": 0.01,
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

    upper_arm = (
        chest_frame
        @ _ry(-a("shoulder_flexion"))
        @ _rx(sign * a("shoulder_abduction"))
        @ _rz(-sign * a("shoulder_internal_rotation"))
    )
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
    points["nose"] = points["head"] + head_frame @ _vec(*NOSE_FROM_HEAD)
    for side in SIDES:
        _limbs(points, pelvis_frame, chest_frame, side, angle)
    floor = min(p[2] - contact_radius(name) for name, p in points.items())
    lift = _vec(0.0, 0.0, -floor)
    return {name: points[name] + lift for name in POINTS}
