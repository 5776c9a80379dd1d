"""Stick-figure body, the exercises' key poses, and their pictures as SVG."""

from sicoach.figures.animation import AnimationFrame, animation_frames, animation_seconds
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
from sicoach.figures.render import render_animated_svg, render_frames_svg, render_svg

__all__ = [
    "AnimationFrame",
    "JOINTS",
    "JOINT_NAMES",
    "Joint",
    "JointLimitError",
    "POINTS",
    "SEGMENTS",
    "Side",
    "animation_frames",
    "animation_seconds",
    "check_angles",
    "interpolate",
    "joint_positions",
    "mirror",
    "pose_angles",
    "render_animated_svg",
    "render_frames_svg",
    "render_svg",
    "sides_of",
]
