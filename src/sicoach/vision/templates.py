"""Recognisers for the catalog's stretches: each held pose, on each side, as :class:`Template` s.

What makes a stretch held is a set of ranges of what one camera measures (angles in
the picture, and a few ratios), read from the seed's words and kept as rules in
:mod:`sicoach.rules` (``*_ranges``): a range, not one template pose, so people of
every size doing the stretch in any of the ways its words allow are recognised, from
the best view and some way off it. Ranges are written for the catalog's working
side and mirrored for the other. Form checks still compare a frame with the key pose
of the catalog measured from its best view, and speak the catalog's own cue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from sicoach.catalog import Catalog, default_catalog
from sicoach.catalog.schema import Exercise, View
from sicoach.figures.poses import pose_angles, sides_of
from sicoach.rules import (
    HAMSTRING_RANGES,
    HIP_ADDUCTOR_RANGES,
    HOLD_EXIT_RANGE_MARGIN,
    KNEE_TO_CHEST_RANGES,
    LOWER_TRUNK_ROTATION_RANGES,
    PELVIC_ROTATION_RANGES,
    PRESS_UP_RANGES,
    QUADRICEPS_RANGES,
    SHOULDER_HUNCH_TRUNK_FRACTION,
    SHOULDER_LIFT_TRUNK_FRACTION,
    STRAIGHT_LEG_BEND_DEGREES,
    HoldRanges,
    Rule,
)
from sicoach.vision.angles import measure
from sicoach.vision.recognise import FormCheck, Template
from sicoach.vision.synthetic import Camera, pose_landmarks

__all__ = [
    "FORM_CHECKS",
    "HOLD_RANGES",
    "VIEW_CAMERAS",
    "FormRule",
    "default_templates",
    "measure_pose",
    "ranges_for",
    "templates_for",
    "unjudged_cues",
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
    exercise's catalog cues. A ``relative`` rule compares with the person's own pose
    at the start of the hold rather than the key pose (so proportions do not matter;
    a fault there from the start is not seen). ``judged_from`` are the views from
    which one camera can see the fault; from others the check says it cannot judge.
    """

    features: tuple[str, ...]
    direction: int
    margin: Rule[float]
    cue: str
    relative: bool = False
    judged_from: frozenset[View] = frozenset(View)


FORM_CHECKS: Mapping[str, tuple[FormRule, ...]] = {
    "knee-to-chest-isometric": (
        FormRule(
            ("knee_flexion_{other}",), +1, STRAIGHT_LEG_BEND_DEGREES, "Keep the other leg straight"
        ),
    ),
    "lower-trunk-rotation": (
        FormRule(
            # Up the picture only: the pose model's depth (z) is too unsteady to tell a
            # shoulder lifting toward a camera above.
            ("shoulder_rise_y",),
            0,
            SHOULDER_LIFT_TRUNK_FRACTION,
            "Keep both shoulders flat",
            relative=True,
        ),
    ),
    "hip-adductor-stretch": (
        # Seen from the front the legs point at the camera, and a straight leg can look bent.
        FormRule(
            ("knee_flexion_left",),
            +1,
            STRAIGHT_LEG_BEND_DEGREES,
            "Keep both legs straight",
            judged_from=frozenset({View.SIDE}),
        ),
        FormRule(
            ("knee_flexion_right",),
            +1,
            STRAIGHT_LEG_BEND_DEGREES,
            "Keep both legs straight",
            judged_from=frozenset({View.SIDE}),
        ),
    ),
    "press-up-stretch": (
        FormRule(
            ("shoulder_to_ear",),
            -1,
            SHOULDER_HUNCH_TRUNK_FRACTION,
            "Keep your shoulders relaxed",
            relative=True,
        ),
    ),
}


def measure_pose(angles: Mapping[str, float], camera: Camera) -> dict[str, float]:
    """Every feature of one body pose as ``camera`` sees it."""
    points = pose_landmarks(angles, camera)[None]
    features = measure(points, (camera.width, camera.height, camera.width))
    return {name: float(values[0]) for name, values in features.items()}


def _cue(exercise: Exercise, start: str) -> str:
    for cue in exercise.cues:
        if cue.startswith(start):
            return cue
    raise ValueError(f"{exercise.id}: no catalog cue starts with {start!r}")


def _form(exercise: Exercise, side: str, targets: Mapping[str, float]) -> tuple[FormCheck, ...]:
    other = {"left": "right", "right": "left"}.get(side, side)
    checks = []
    for rule in FORM_CHECKS.get(exercise.id, ()):
        if exercise.view not in rule.judged_from:
            continue
        features = tuple(f.format(other=other) for f in rule.features)
        checks.append(
            FormCheck(
                features=features,
                targets=tuple(targets[f] for f in features),
                margin=rule.margin.value,
                direction=rule.direction,
                cue=_cue(exercise, rule.cue),
                relative=rule.relative,
            )
        )
    return tuple(checks)


def unjudged_cues(exercise: Exercise) -> tuple[str, ...]:
    """The catalog cues of ``exercise`` whose faults one camera at its best view cannot see."""
    return tuple(
        dict.fromkeys(
            _cue(exercise, rule.cue)
            for rule in FORM_CHECKS.get(exercise.id, ())
            if exercise.view not in rule.judged_from
        )
    )


def cameras_for(view: View) -> list[Camera]:
    """The camera of ``view``, and for side and top views its mirror on the person's other side."""
    camera = VIEW_CAMERAS[view]
    if view not in _TWO_SIDED:
        return [camera]
    return [camera, replace(camera, azimuth=(camera.azimuth + 180.0) % 360.0)]


#: The range rules of each stretch (see the ``*_ranges`` rules).
HOLD_RANGES: dict[str, Rule[HoldRanges]] = {
    "hamstring-stretch": HAMSTRING_RANGES,
    "quadriceps-stretch": QUADRICEPS_RANGES,
    "hip-adductor-stretch": HIP_ADDUCTOR_RANGES,
    "press-up-stretch": PRESS_UP_RANGES,
    "knee-to-chest-isometric": KNEE_TO_CHEST_RANGES,
    "lower-trunk-rotation": LOWER_TRUNK_ROTATION_RANGES,
    "pelvic-rotation-stretch": PELVIC_ROTATION_RANGES,
}

#: Measures that change sign when the body is mirrored (they point to the body's left).
_SIGNED = frozenset({"knees_to_left", "hip_line_rise"})


def _mirrored_name(name: str) -> str:
    for a, b in (("_left", "_right"), ("_right", "_left")):
        if name.endswith(a):
            return name[: -len(a)] + b
    return name


def ranges_for(
    exercise: Exercise, pose: str, side: str
) -> list[dict[str, tuple[float, float, float]]]:
    """The alternative range sets of one held pose on one side: feature -> (low, high, exit).

    ``exit`` is how far outside the range a hold ends (the range's own margin, or
    :data:`~sicoach.rules.HOLD_EXIT_RANGE_MARGIN` of its half-width).
    """
    other = {"left": "right", "right": "left"}.get(side, side)
    mirror_it = side not in (exercise.working_side.value, "both")
    out = []
    for alternative in HOLD_RANGES[exercise.id].value[pose]:
        ranges = {}
        for written, bounds in alternative.items():
            low, high = bounds[0], bounds[1]
            exit_margin = (
                bounds[2] if len(bounds) > 2 else ((high - low) / 2 * HOLD_EXIT_RANGE_MARGIN.value)
            )
            name = written.format(side=side, other=other)
            if mirror_it and name in _SIGNED:
                low, high = -high, -low
            elif mirror_it and "{" not in written:
                name = _mirrored_name(name)
            ranges[name] = (low, high, exit_margin)
        out.append(ranges)
    return out


def templates_for(exercise: Exercise) -> list[Template]:
    """One template per held pose, side and alternative range set of ``exercise``.

    Features that a form check watches are left out of recognition, so a fault
    is coached instead of ending the hold.
    """
    templates = []
    camera = VIEW_CAMERAS[exercise.view]
    for pose, side in product(list(HOLD_RANGES[exercise.id].value), sides_of(exercise)):
        key_pose = measure_pose(pose_angles(exercise, pose, side), camera)
        form = _form(exercise, side, key_pose)
        watched = {f for check in form for f in check.features}
        for ranges in ranges_for(exercise, pose, side):
            kept = {f: r for f, r in ranges.items() if f not in watched}
            templates.append(
                Template(
                    exercise=exercise.id,
                    side=side,
                    pose=pose,
                    position=exercise.position,
                    targets={f: (low + high) / 2 for f, (low, high, _) in kept.items()},
                    tolerances={f: (high - low) / 2 for f, (low, high, _) in kept.items()},
                    exits={f: (high - low) / 2 + margin for f, (low, high, margin) in kept.items()},
                    form=form,
                    shoulder_span=key_pose["shoulder_span"],
                    unjudged=unjudged_cues(exercise),
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
