"""Stick-figure body, the exercises' key poses, and their pictures as SVG.

Joint names, ranges and pose arithmetic load at once (the catalog validates its
poses with them). The kinematics and drawing need NumPy, so they load on first
use: listing the catalog from the command line does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sicoach.catalog.joints import (
    JOINT_NAMES,
    JOINTS,
    POINTS,
    SEGMENTS,
    Joint,
    JointLimitError,
    check_angles,
    interpolate,
    mirror,
)
from sicoach.figures.poses import Side, pose_angles, pose_words, sides_of

if TYPE_CHECKING:
    from sicoach.figures.angles import measure_angles
    from sicoach.figures.animation import (
        AnimationFrame,
        animation_frames,
        animation_seconds,
        movement_frames,
    )
    from sicoach.figures.body import joint_positions
    from sicoach.figures.render import (
        render_animated_svg,
        render_frames_svg,
        render_movement_svg,
        render_sheet_svg,
        render_svg,
    )

__all__ = [
    "JOINTS",
    "JOINT_NAMES",
    "POINTS",
    "SEGMENTS",
    "AnimationFrame",
    "Joint",
    "JointLimitError",
    "Side",
    "animation_frames",
    "animation_seconds",
    "check_angles",
    "interpolate",
    "joint_positions",
    "measure_angles",
    "mirror",
    "movement_frames",
    "pose_angles",
    "pose_words",
    "render_animated_svg",
    "render_frames_svg",
    "render_movement_svg",
    "render_sheet_svg",
    "render_svg",
    "sides_of",
]

_LOADED_ON_FIRST_USE = {
    "AnimationFrame": "sicoach.figures.animation",
    "animation_frames": "sicoach.figures.animation",
    "animation_seconds": "sicoach.figures.animation",
    "joint_positions": "sicoach.figures.body",
    "measure_angles": "sicoach.figures.angles",
    "render_animated_svg": "sicoach.figures.render",
    "movement_frames": "sicoach.figures.animation",
    "render_frames_svg": "sicoach.figures.render",
    "render_movement_svg": "sicoach.figures.render",
    "render_sheet_svg": "sicoach.figures.render",
    "render_svg": "sicoach.figures.render",
}


def __getattr__(name: str) -> object:
    module = _LOADED_ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'sicoach.figures' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
