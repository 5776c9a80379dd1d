"""The handout's pictures: a stretch's start pose and each pose it is held in.

Drawn by the figure model (:func:`sicoach.figures.render.render_svg`) from the
poses in the catalog, so the paper shows the same positions as the app.
"""

from __future__ import annotations

from sicoach.catalog import Exercise
from sicoach.documents.handout import Picture

__all__ = ["pose_pictures"]


def _caption(exercise: Exercise, pose_name: str) -> str:
    """'Get ready', 'Hold', or the variation the pose shows ('Outward turn', 'Advanced press-up'),
    named like the session's steps."""
    if pose_name == "start":
        return "Get ready"
    named = {v.id: v.name for v in exercise.variations}
    return named.get(pose_name, "Hold")


def pose_pictures(exercise: Exercise) -> list[Picture]:
    """The start pose and every held pose of ``exercise``, as captioned SVG pictures."""
    from sicoach.figures.render import render_svg

    held = [p.name for p in exercise.poses if p.held]
    return [
        Picture(_caption(exercise, name), render_svg(exercise, name)) for name in ["start", *held]
    ]
