"""Joint angles measured back from 3D points with plain vector geometry.

This is the inverse of :func:`sicoach.figures.body.joint_positions`, written
independently of it (no shared rotation matrices): the tests use it to check
that a drawn pose has the angles asked for, and anything that has the body's
points in 3D (for example pose landmarks mapped onto :data:`POINTS`) can read the
same named angles the key poses are written in.

Angles that a set of points cannot show are left out: the turn of an arm whose
elbow is nearly straight (there is no hand to show it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from sicoach.figures.body import HEAD_FORWARD, HEEL_FROM_ANKLE, NECK_TO_HEAD, TOE_FROM_ANKLE

__all__ = [
    "ARM_TURN_VISIBLE_FROM",
    "measure_angles",
]

Vector = NDArray[np.float64]


def _unit(v: Vector) -> Vector:
    return v / np.linalg.norm(v)


def _angle_between(a: Vector, b: Vector) -> float:
    return math.degrees(math.atan2(float(np.linalg.norm(np.cross(a, b))), float(a @ b)))


def _pelvis_frame(p: Mapping[str, Vector]) -> tuple[Vector, Vector, Vector]:
    y = _unit(p["hip_left"] - p["hip_right"])
    z = _unit(p["lumbar"] - p["pelvis"])
    return _unit(np.cross(y, z)), y, z


def _chest_frame(p: Mapping[str, Vector]) -> tuple[Vector, Vector, Vector]:
    y = _unit(p["shoulder_left"] - p["shoulder_right"])
    z = _unit(p["neck"] - p["lumbar"])
    return _unit(np.cross(y, z)), y, z


def _in(frame: tuple[Vector, Vector, Vector], v: Vector) -> Vector:
    return np.array([v @ frame[0], v @ frame[1], v @ frame[2]])


def _tilt(z: Vector) -> tuple[float, float]:
    """Forward tilt and sideways tilt (to the left) of an axis given in a parent frame."""
    return math.degrees(math.atan2(z[0], z[2])), math.degrees(math.asin(np.clip(z[1], -1, 1)))


def _twist(y: Vector, forward_tilt: float, side_tilt: float) -> float:
    """Turn about the tilted axis: where the left axis points against its untwisted place."""
    f, s = math.radians(forward_tilt), math.radians(side_tilt)
    untwisted_x = np.array([math.cos(f), 0.0, -math.sin(f)])
    untwisted_y = np.array([-math.sin(s) * math.sin(f), math.cos(s), -math.sin(s) * math.cos(f)])
    return math.degrees(math.atan2(-(y @ untwisted_x), y @ untwisted_y))


def _limb_direction(down: Vector, sign: float) -> tuple[float, float]:
    """Flexion (forward) and abduction (outward) of a limb pointing along ``down``."""
    flexion = math.degrees(math.atan2(down[0], -down[2]))
    abduction = math.degrees(math.asin(np.clip(sign * down[1], -1, 1)))
    return flexion, abduction


def _turn(left_axis: Vector, flexion: float, outward: float) -> float:
    """Turn of a limb about its length: its left axis against where it points untwisted."""
    h, a = math.radians(flexion), math.radians(outward)
    untwisted_x = np.array([math.cos(h), 0.0, math.sin(h)])
    untwisted_y = np.array([-math.sin(a) * math.sin(h), math.cos(a), math.sin(a) * math.cos(h)])
    return math.degrees(math.atan2(left_axis @ untwisted_x, left_axis @ untwisted_y))


ARM_TURN_VISIBLE_FROM = 20.0  # degrees of elbow bend


def measure_angles(p: Mapping[str, Vector]) -> dict[str, float]:
    """Every named joint angle (degrees) measured from the points of :data:`POINTS`.

    The turn of an arm bent less than :data:`ARM_TURN_VISIBLE_FROM` is left out.
    """
    world = (np.eye(3)[0], np.eye(3)[1], np.eye(3)[2])
    pelvis = _pelvis_frame(p)
    chest = _chest_frame(p)
    angles: dict[str, float] = {}
    pitch, roll = _tilt(_in(world, pelvis[2]))
    angles["trunk_pitch"], angles["trunk_roll"] = pitch, roll
    angles["trunk_yaw"] = _twist(_in(world, pelvis[1]), pitch, roll)
    flexion, side_bend = _tilt(_in(pelvis, chest[2]))
    angles["lumbar_flexion"], angles["lumbar_side_bend"] = flexion, side_bend
    angles["lumbar_rotation"] = _twist(_in(pelvis, chest[1]), flexion, side_bend)
    head = _in(chest, p["head"] - p["neck"])
    angles["neck_flexion"] = math.degrees(
        math.atan2(head[0], head[2]) - math.atan2(HEAD_FORWARD, NECK_TO_HEAD)
    )
    foot = np.subtract(TOE_FROM_ANKLE, HEEL_FROM_ANKLE)
    neutral_ankle = _angle_between(np.array([0.0, 0.0, 1.0]), foot)
    for side, sign in (("left", 1.0), ("right", -1.0)):
        thigh = p[f"knee_{side}"] - p[f"hip_{side}"]
        shank = p[f"ankle_{side}"] - p[f"knee_{side}"]
        hip_flexion, hip_abduction = _limb_direction(_in(pelvis, _unit(thigh)), sign)
        angles[f"hip_flexion_{side}"] = hip_flexion
        angles[f"hip_abduction_{side}"] = hip_abduction
        knee = _angle_between(thigh, shank)
        angles[f"knee_flexion_{side}"] = knee
        sole = p[f"toe_{side}"] - p[f"heel_{side}"]
        if knee >= 30.0:
            leg_left_axis = _unit(np.cross(thigh, shank))
        else:
            leg_left_axis = _unit(np.cross(-thigh, sole))
        turn = _turn(_in(pelvis, leg_left_axis), hip_flexion, sign * hip_abduction)
        angles[f"hip_internal_rotation_{side}"] = sign * turn
        angles[f"ankle_dorsiflexion_{side}"] = neutral_ankle - _angle_between(-shank, sole)
        upper = p[f"elbow_{side}"] - p[f"shoulder_{side}"]
        fore = p[f"wrist_{side}"] - p[f"elbow_{side}"]
        flex, abd = _limb_direction(_in(chest, _unit(upper)), sign)
        angles[f"shoulder_flexion_{side}"] = flex
        angles[f"shoulder_abduction_{side}"] = abd
        elbow = _angle_between(upper, fore)
        angles[f"elbow_flexion_{side}"] = elbow
        if elbow >= ARM_TURN_VISIBLE_FROM:
            # With no hand to show it, the arm's turn is seen only in where the forearm points.
            arm_left_axis = _in(chest, _unit(np.cross(fore, upper)))
            angles[f"shoulder_internal_rotation_{side}"] = sign * _turn(
                arm_left_axis, flex, sign * abd
            )
    return angles
