"""Synthetic performances of the catalog's stretches, for the recogniser's tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sicoach.catalog import default_catalog
from sicoach.figures.poses import pose_angles, sides_of
from sicoach.vision.synthetic import Camera, Performance, Rep
from sicoach.vision.templates import VIEW_CAMERAS


def held_poses(exercise_id: str) -> list[str]:
    """The names of the held key poses of an exercise, as the catalog lists them."""
    return [p.name for p in default_catalog().get(exercise_id).poses if p.held]


def exercise_sides() -> list[tuple[str, str]]:
    """Every (exercise, side) pair the catalog has: 12 of them."""
    return [(e.id, side) for e in default_catalog().exercises for side in sides_of(e)]


def camera(
    exercise_id: str, *, turn: float = 0.0, distance: float = 3.0, tilt: float = 0.0
) -> Camera:
    """The camera of the exercise's best view, moved around the person, nearer or higher."""
    base = VIEW_CAMERAS[default_catalog().get(exercise_id).view]
    return replace(
        base, azimuth=base.azimuth + turn, distance=distance, elevation=base.elevation + tilt
    )


def performance(
    exercise_id: str,
    side: str,
    reps: Sequence[Rep],
    *,
    pose: str | None = None,
    view: Camera | None = None,
    **options: object,
) -> Performance:
    """Someone doing the stretch: from its start pose into ``pose`` (default: the first held)."""
    exercise = default_catalog().get(exercise_id)
    held = pose or held_poses(exercise_id)[0]
    return Performance(
        start=pose_angles(exercise, "start", side),  # type: ignore[arg-type]
        held=pose_angles(exercise, held, side),  # type: ignore[arg-type]
        reps=reps,
        camera=view or camera(exercise_id),
        **options,  # type: ignore[arg-type]
    )
