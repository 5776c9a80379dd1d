"""What a picture shows, in 2D: the camera of each view, the body's parts and the props.

Everything here is geometry: a pose's joint positions are projected through the
exercise's camera into flat shapes (in metres, v up) sorted from far to near.
:mod:`sicoach.figures.render` turns the shapes into SVG.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sicoach.catalog.joints import mirrored_point
from sicoach.figures.body import CONTACT_RADIUS, Vector, contact_radius

if TYPE_CHECKING:
    from sicoach.catalog.schema import Exercise, Prop

__all__ = [
    "Camera",
    "Part",
    "Shape",
    "body_parts",
    "camera_for",
    "floor_shapes",
    "prop_shapes",
]

Point2 = tuple[float, float]


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: screen right and up, and the direction toward the viewer."""

    right: Vector
    up: Vector
    toward_viewer: Vector

    @classmethod
    def looking_from(cls, azimuth: float, elevation: float) -> Camera:
        """A camera at ``azimuth`` degrees round from +x (toward +y), ``elevation`` above."""
        az, el = math.radians(azimuth), math.radians(elevation)
        toward = np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
        right = np.array([-math.sin(az), math.cos(az), 0.0])
        up = np.cross(toward, right)
        return cls(right=right, up=up, toward_viewer=toward)

    @property
    def level(self) -> bool:
        """Whether the camera looks horizontally (the floor is then a line)."""
        return abs(float(self.toward_viewer[2])) < 1e-9

    def project(self, point: Vector) -> Point2:
        """Screen position (metres) of a world point."""
        return float(point @ self.right), float(point @ self.up)

    def depth(self, point: Vector) -> float:
        """How near the viewer a point is (larger is nearer)."""
        return float(point @ self.toward_viewer)


# The front view looks down steeply from in front, so legs spread wide and a lean
# toward them both show. The top view looks down at a slant from beyond the feet and
# to one side, so a knee rising, knees sinking to one side and a leg turning show.
_FRONT_ELEVATION = 60.0
_TOP_ELEVATION = 45.0
_TOP_AZIMUTH = 60.0


def camera_for(exercise: Exercise, side: str) -> Camera:
    """The camera of the exercise's view (or its own ``camera``), on the side its
    ``view_from`` names.

    ``side`` is the working side drawn; a stretch done with both sides together is
    seen from the left.
    """
    toward_left = (side != "right") == (exercise.view_from.value == "working-side")
    sign = 1.0 if toward_left else -1.0
    if exercise.camera is not None:
        return Camera.looking_from(sign * exercise.camera.azimuth, exercise.camera.elevation)
    view = exercise.view.value
    if view == "side":
        return Camera.looking_from(sign * 90.0, 0.0)
    if view == "front":
        return Camera.looking_from(0.0, _FRONT_ELEVATION)
    return Camera.looking_from(sign * _TOP_AZIMUTH, _TOP_ELEVATION)


@dataclass(frozen=True)
class Part:
    """A named piece of the body drawn as one shape in every frame."""

    name: str
    points: tuple[str, ...]
    width: float  # stroke width in metres; for a round part, its radius
    side: str | None
    round: bool = False


PARTS: tuple[Part, ...] = (
    Part("hips", ("hip_left", "pelvis", "hip_right"), 0.10, None),
    Part("trunk", ("pelvis", "lumbar", "neck"), 0.12, None),
    Part("shoulders", ("shoulder_left", "neck", "shoulder_right"), 0.08, None),
    Part("neck", ("neck", "head"), 0.06, None),
    Part("head", ("head",), CONTACT_RADIUS["head"], None, round=True),
    Part("nose", ("nose",), 0.03, None, round=True),
    *(
        part
        for side in ("left", "right")
        for part in (
            Part(f"leg_{side}", (f"hip_{side}", f"knee_{side}", f"ankle_{side}"), 0.075, side),
            Part(f"foot_{side}", (f"ankle_{side}", f"heel_{side}", f"toe_{side}"), 0.045, side),
            Part(f"arm_{side}", (f"shoulder_{side}", f"elbow_{side}", f"wrist_{side}"), 0.06, side),
            Part(f"hand_{side}", (f"wrist_{side}",), 0.04, side, round=True),
        )
    ),
)


def body_parts(positions: Mapping[str, Vector], camera: Camera) -> list[tuple[Part, float]]:
    """Every body part with its depth, far to near (the order to paint them in).

    A hand is painted with its arm, a foot with its leg and the nose with the head,
    so none is hidden behind the part it belongs to.
    """

    def depth(part: Part) -> float:
        limb = {"hand": "arm", "foot": "leg", "nose": "head"}.get(part.name.split("_")[0])
        if limb is None:
            source = part
        else:
            source = _part(limb if part.side is None else f"{limb}_{part.side}")
        nearest = max(camera.depth(positions[p]) for p in source.points)
        mean = sum(camera.depth(positions[p]) for p in source.points) / len(source.points)
        bump = 1e-6 if limb is not None else 0.0
        return 0.5 * (nearest + mean) + bump

    return sorted(((part, depth(part)) for part in PARTS), key=lambda item: item[1])


def _part(name: str) -> Part:
    return next(p for p in PARTS if p.name == name)


@dataclass(frozen=True)
class Shape:
    """A flat polygon or polyline in screen metres, with its role (for the colour)."""

    role: str  # "floor", "mat", "chair", "wall"
    points: tuple[Point2, ...]
    closed: bool


def _hull(points: Sequence[Point2]) -> tuple[Point2, ...]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)

    def cross(o: Point2, a: Point2, b: Point2) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point2] = []
    upper: list[Point2] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 1e-12:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 1e-12:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def _box(low: Sequence[float], high: Sequence[float], camera: Camera, role: str) -> Shape:
    corners = [
        np.array([x, y, z], dtype=np.float64)
        for x in (low[0], high[0])
        for y in (low[1], high[1])
        for z in (low[2], high[2])
    ]
    return Shape(role, _hull([camera.project(c) for c in corners]), closed=True)


_SEAT_DEPTH = 0.42
_SEAT_WIDTH = 0.44
_SEAT_THICKNESS = 0.04
_BACKREST_HEIGHT = 0.45
_LEG = 0.035


def _chair(
    positions: Mapping[str, Vector], touches: str, camera: Camera
) -> list[tuple[Shape, float]]:
    """A chair whose seat is just under ``touches``, its backrest away from the person."""
    point = positions[touches]
    pelvis = positions["pelvis"]
    seat_top = float(point[2]) - contact_radius(touches)
    if touches == "pelvis":
        knees = (positions["knee_left"][0] + positions["knee_right"][0]) / 2.0
        back = -1.0 if knees >= pelvis[0] else 1.0
        near_edge = float(point[0]) + back * 0.14
        far_edge = near_edge - back * _SEAT_DEPTH
        back_edge = near_edge
    else:
        back = 1.0 if point[0] >= pelvis[0] else -1.0
        near_edge = float(point[0]) - back * 0.30
        far_edge = near_edge + back * _SEAT_DEPTH
        back_edge = far_edge
    x0, x1 = sorted((near_edge, far_edge))
    y0, y1 = float(point[1]) - _SEAT_WIDTH / 2, float(point[1]) + _SEAT_WIDTH / 2
    boxes = [((x0, y0, seat_top - _SEAT_THICKNESS), (x1, y1, seat_top))]
    for x in (x0, x1 - _LEG):
        for y in (y0, y1 - _LEG):
            boxes.append(((x, y, 0.0), (x + _LEG, y + _LEG, seat_top - _SEAT_THICKNESS)))
    bx = back_edge - _LEG if back_edge == x1 else back_edge
    boxes.append(((bx, y0, seat_top), (bx + _LEG, y1, seat_top + _BACKREST_HEIGHT)))
    shapes = []
    for low, high in boxes:
        centre = np.array([(a + b) / 2 for a, b in zip(low, high, strict=True)])
        shapes.append((_box(low, high, camera, "chair"), camera.depth(centre)))
    return shapes


_WALL_HEIGHT = 2.0
_WALL_THICKNESS = 0.12
_WALL_WIDTH = 1.2


def _wall(positions: Mapping[str, Vector], touches: str, camera: Camera) -> tuple[Shape, float]:
    """A wall standing just beyond the point that leans on it (a hand)."""
    point = positions[touches]
    away = 1.0 if point[0] >= positions["pelvis"][0] else -1.0
    face = float(point[0]) + away * CONTACT_RADIUS["wrist"]
    x0, x1 = sorted((face, face + away * _WALL_THICKNESS))
    y = float(positions["pelvis"][1])
    low = (x0, y - _WALL_WIDTH / 2, 0.0)
    high = (x1, y + _WALL_WIDTH / 2, _WALL_HEIGHT)
    centre = np.array([(x0 + x1) / 2, y, 1.0])
    return _box(low, high, camera, "wall"), camera.depth(centre) - 10.0


def prop_shapes(
    props: Sequence[Prop], positions: Mapping[str, Vector], camera: Camera, *, mirrored: bool
) -> list[Shape]:
    """Chairs and walls placed against the pose, far to near (the floor is separate).

    ``mirrored``: the pose is the other side's, so a prop touching a left point
    touches the matching right point.
    """
    shapes: list[tuple[Shape, float]] = []
    for prop in props:
        if prop.touches is None:
            continue
        touches = mirrored_point(prop.touches) if mirrored else prop.touches
        if prop.kind.value == "chair":
            shapes.extend(_chair(positions, touches, camera))
        elif prop.kind.value == "wall":
            shapes.append(_wall(positions, touches, camera))
    return [shape for shape, _ in sorted(shapes, key=lambda item: item[1])]


def floor_shapes(
    footprint: Sequence[Vector], camera: Camera, mat: bool, extent: tuple[float, float]
) -> list[Shape]:
    """The floor under the body (a line seen from the side), and a mat if it is used.

    ``footprint`` are body points over every frame; ``extent`` the horizontal screen
    range the floor line must cover (props included).
    """
    xs = [float(p[0]) for p in footprint]
    ys = [float(p[1]) for p in footprint]
    shapes = []
    if camera.level:
        shapes.append(Shape("floor", ((extent[0] - 0.25, 0.0), (extent[1] + 0.25, 0.0)), False))
        if mat:
            us = [camera.project(p)[0] for p in footprint]
            left, right = min(us) - 0.12, max(us) + 0.12
            corners = ((left, 0.0), (right, 0.0), (right, -0.025), (left, -0.025))
            shapes.insert(0, Shape("mat", corners, closed=True))
        return shapes
    role, margin = ("mat", 0.15) if mat else ("floor", 0.35)
    low = (min(xs) - margin, min(ys) - margin, 0.0)
    high = (max(xs) + margin, max(ys) + margin, 0.0)
    return [_box(low, high, camera, role)]
