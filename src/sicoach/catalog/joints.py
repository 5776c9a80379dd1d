"""The named joint angles of the stick figure, their ranges, and what can be done with poses.

A pose is a mapping from joint name to degrees; a missing joint means 0. This
module knows names and ranges only (no geometry), so the catalog can validate its
poses without loading the kinematics. :mod:`sicoach.figures.body` places a pose in
space.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "JOINTS",
    "JOINT_NAMES",
    "POINTS",
    "SEGMENTS",
    "SIDES",
    "Joint",
    "JointLimitError",
    "check_angles",
    "interpolate",
    "mirror",
    "mirrored_point",
]

SIDES = ("left", "right")


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
    *_paired(
        "shoulder_internal_rotation",
        -90,
        70,
        "upper arm turned inward (+) or outward (-): where a bent elbow points the forearm",
    ),
    *_paired("elbow_flexion", 0, 150, "elbow bent (+); 0 is straight"),
)
JOINT_NAMES: tuple[str, ...] = tuple(j.name for j in JOINTS)
_BY_NAME = {j.name: j for j in JOINTS}

# Angles that change sign when a pose is mirrored left to right.
_LATERAL = frozenset({"trunk_roll", "trunk_yaw", "lumbar_side_bend", "lumbar_rotation"})

POINTS: tuple[str, ...] = (
    "head",
    "nose",
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
    ("head", "nose"),
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


def mirrored_point(name: str) -> str:
    """The matching joint or point on the other side: ``knee_left`` → ``knee_right``."""
    if name.endswith("_left"):
        return name.removesuffix("_left") + "_right"
    if name.endswith("_right"):
        return name.removesuffix("_right") + "_left"
    return name


def mirror(angles: Mapping[str, float]) -> dict[str, float]:
    """The same pose done with the other side: left and right swapped, sideways angles negated."""
    mirrored: dict[str, float] = {}
    for name, value in angles.items():
        if name in _LATERAL:
            mirrored[name] = -value if value else 0.0
        else:
            mirrored[mirrored_point(name)] = value
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
