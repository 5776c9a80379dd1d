"""Stick-figure body, the exercises' key poses, and their pictures as SVG."""

from sicoach.figures.body import (
    JOINT_NAMES,
    JOINTS,
    POINTS,
    SEGMENTS,
    Joint,
    JointLimitError,
    check_angles,
    interpolate,
    joint_positions,
    mirror,
)
from sicoach.figures.poses import Side, pose_angles, sides_of

__all__ = [
    "JOINTS",
    "JOINT_NAMES",
    "POINTS",
    "SEGMENTS",
    "Joint",
    "JointLimitError",
    "Side",
    "check_angles",
    "interpolate",
    "joint_positions",
    "mirror",
    "pose_angles",
    "sides_of",
]
