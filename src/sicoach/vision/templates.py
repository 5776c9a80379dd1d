"""Recognisers built from the catalog: every held key pose, on each side, as a :class:`Template`.

Nothing here is written per stretch. For each exercise the held poses in its data
(``held: true``), mirrored for the other side, are put on the figures' body model,
seen through the camera of the exercise's best ``view``, and measured with the
same functions that measure a recording. Those measurements are the targets; the
pose's ``tolerance_degrees`` says which joints define it and how far each may
stray. Form checks compare a frame with the same key pose measured the same way,
and speak the catalog's own cue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from sicoach.catalog import Catalog, default_catalog
from sicoach.catalog.schema import Exercise, View
from sicoach.figures.body import mirror
from sicoach.figures.poses import pose_angles, sides_of
from sicoach.rules import (
    SHOULDER_HUNCH_TRUNK_FRACTION,
    SHOULDER_LIFT_TRUNK_FRACTION,
    STRAIGHT_LEG_BEND_DEGREES,
    Rule,
)
from sicoach.vision.angles import FEATURE_JOINTS, measure
from sicoach.vision.recognise import FormCheck, Template
from sicoach.vision.synthetic import Camera, pose_landmarks

__all__ = [
    "FORM_CHECKS",
    "VIEW_CAMERAS",
    "FormRule",
    "default_templates",
    "measure_pose",
    "templates_for",
]

#: Where the camera stands for each of the catalog's views (see :class:`Camera`).
VIEW_CAMERAS: Mapping[View, Camera] = {
    View.SIDE: Camera(azimuth=90.0, elevation=10.0, distance=3.0),
    View.FRONT: Camera(azimuth=0.0, elevation=15.0, distance=3.0),
    View.TOP: Camera(azimuth=90.0, elevation=60.0, distance=3.0),
}

#: Views a camera may take from either side of the person (left or right); the
#: templates are measured from both.
_TWO_SIDED = frozenset({View.SIDE, View.TOP})


@dataclass(frozen=True)
class FormRule:
    """A form fault in the data's terms: features that move past a margin, and the cue it breaks.

    ``features`` may say ``{other}`` for the side that is not working. ``direction``
    +1 faults a rise above the key pose, -1 a fall below it, 0 a change either way
    (the distance over all features). ``cue`` is the start of one of the
    exercise's catalog cues.
    """

    features: tuple[str, ...]
    direction: int
    margin: Rule[float]
    cue: str


FORM_CHECKS: Mapping[str, tuple[FormRule, ...]] = {
    "knee-to-chest-isometric": (
        FormRule(
            ("knee_flexion_{other}",), +1, STRAIGHT_LEG_BEND_DEGREES, "Keep the other leg straight"
        ),
    ),
    "lower-trunk-rotation": (
        FormRule(
            ("shoulder_rise_y", "shoulder_rise_z"),
            0,
            SHOULDER_LIFT_TRUNK_FRACTION,
            "Keep both shoulders flat",
        ),
    ),
    "hip-adductor-stretch": (
        FormRule(("knee_flexion_left",), +1, STRAIGHT_LEG_BEND_DEGREES, "Keep both legs straight"),
        FormRule(("knee_flexion_right",), +1, STRAIGHT_LEG_BEND_DEGREES, "Keep both legs straight"),
    ),
    "press-up-stretch": (
        FormRule(
            ("shoulder_to_ear",), -1, SHOULDER_HUNCH_TRUNK_FRACTION, "Keep your shoulders relaxed"
        ),
    ),
}


def measure_pose(angles: Mapping[str, float], camera: Camera) -> dict[str, float]:
    """Every feature of one body pose as ``camera`` sees it."""
    points = pose_landmarks(angles, camera)[None]
    features = measure(points, (camera.width, camera.height, camera.width))
    return {name: float(values[0]) for name, values in features.items()}


def _tolerances(exercise: Exercise, pose_name: str, side: str) -> dict[str, float]:
    by_joint = dict(exercise.pose(pose_name).tolerance_degrees)
    if side not in (exercise.working_side.value, "both"):
        by_joint = {joint: abs(value) for joint, value in mirror(by_joint).items()}
    tolerances = {}
    for feature, (joints, combine) in FEATURE_JOINTS.items():
        listed = [by_joint[j] for j in joints if j in by_joint]
        if listed:
            tolerances[feature] = sum(listed) if combine == "sum" else min(listed)
    return tolerances


def _cue(exercise: Exercise, start: str) -> str:
    for cue in exercise.cues:
        if cue.startswith(start):
            return cue
    raise ValueError(f"{exercise.id}: no catalog cue starts with {start!r}")


def _form(exercise: Exercise, side: str, targets: Mapping[str, float]) -> tuple[FormCheck, ...]:
    other = {"left": "right", "right": "left"}.get(side, side)
    checks = []
    for rule in FORM_CHECKS.get(exercise.id, ()):
        features = tuple(f.format(other=other) for f in rule.features)
        checks.append(
            FormCheck(
                features=features,
                targets=tuple(targets[f] for f in features),
                margin=rule.margin.value,
                direction=rule.direction,
                cue=_cue(exercise, rule.cue),
            )
        )
    return tuple(checks)


def cameras_for(view: View) -> list[Camera]:
    """The camera of ``view``, and for side and top views its mirror on the person's other side."""
    camera = VIEW_CAMERAS[view]
    if view not in _TWO_SIDED:
        return [camera]
    return [camera, replace(camera, azimuth=(camera.azimuth + 180.0) % 360.0)]


def templates_for(exercise: Exercise) -> list[Template]:
    """One template per held key pose, side and camera placement of ``exercise``.

    Features that a form check watches are left out of recognition, so a fault
    is coached instead of ending the hold.
    """
    templates = []
    for pose, side, camera in product(
        [p for p in exercise.poses if p.held], sides_of(exercise), cameras_for(exercise.view)
    ):
        targets = measure_pose(pose_angles(exercise, pose.name, side), camera)
        form = _form(exercise, side, targets)
        watched = {f for check in form for f in check.features}
        tolerances = {
            f: t for f, t in _tolerances(exercise, pose.name, side).items() if f not in watched
        }
        templates.append(
            Template(
                exercise=exercise.id,
                side=side,
                pose=pose.name,
                position=exercise.position,
                targets={f: targets[f] for f in tolerances},
                tolerances=tolerances,
                form=form,
                shoulder_span=targets["shoulder_span"],
            )
        )
    return templates


def catalog_templates(
    catalog: Catalog, exercises: Sequence[str] | None = None
) -> tuple[Template, ...]:
    """Templates for the catalog's exercises (all of them, or those named)."""
    chosen = catalog.exercises if exercises is None else [catalog.get(e) for e in exercises]
    return tuple(t for exercise in chosen for t in templates_for(exercise))


@lru_cache(maxsize=1)
def default_templates() -> tuple[Template, ...]:
    """Templates for every stretch of the packaged catalog, built once per process."""
    return catalog_templates(default_catalog())
