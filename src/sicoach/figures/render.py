"""SVG pictures of the stretches: a still of one key pose, or an animation that loops.

The SVG is returned as a string (the core writes no files). Stills and animations
share one drawing: body parts are ``<polyline>``/``<circle>`` elements defined once
and drawn twice through ``<use>`` (a white halo, then the ink) so crossing limbs
stay readable, also in black and white. The leg that does the work is drawn
hollow. Animations use SMIL ``<animate>``, which browsers play without JavaScript;
a viewer without SMIL shows the first pose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from sicoach.figures.animation import AnimationFrame, animation_frames, movement_frames
from sicoach.figures.body import Vector, joint_positions
from sicoach.figures.poses import Side, pose_angles, pose_words
from sicoach.figures.scene import (
    Camera,
    Part,
    Shape,
    body_parts,
    camera_for,
    floor_shapes,
    prop_shapes,
)

if TYPE_CHECKING:
    from sicoach.catalog.schema import Exercise

__all__ = [
    "PX_PER_METRE",
    "render_animated_svg",
    "render_frames_svg",
    "render_movement_svg",
    "render_sheet_svg",
    "render_svg",
]

PX_PER_METRE = 200.0
_MARGIN = 0.12  # metres of paper round the drawing

# Calm colours that still separate in greyscale: dark ink, lighter far limbs, pale props.
_INK = "#2f3e4c"
_FAR = "#8d99a6"
_ACCENT = "#7cc4c0"
_HALO = "#ffffff"
_PROP_STYLE = {
    "floor": 'fill="#f4f6f8" stroke="#7d8a96" stroke-width="2"',
    "mat": 'fill="#dde6ea" stroke="#a9b8c2" stroke-width="1.5"',
    "chair": 'fill="#c9b59c" stroke="#7a6652" stroke-width="1.5" stroke-linejoin="round"',
    "wall": 'fill="#e4e8ec" stroke="#8d99a6" stroke-width="1.5"',
}


def _px(point: tuple[float, float]) -> tuple[float, float]:
    return point[0] * PX_PER_METRE, -point[1] * PX_PER_METRE


def _points_attr(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (_px(p) for p in points))


def _part_geometry(part: Part, positions: Mapping[str, Vector], camera: Camera) -> dict[str, str]:
    """The SVG attributes that place a part in one frame."""
    if part.round:
        x, y = _px(camera.project(positions[part.points[0]]))
        return {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{part.width * PX_PER_METRE:.1f}"}
    return {"points": _points_attr(camera.project(positions[p]) for p in part.points)}


def _shape_svg(shape: Shape) -> str:
    tag = "polygon" if shape.closed else "polyline"
    return f'<{tag} points="{_points_attr(shape.points)}" {_PROP_STYLE[shape.role]}/>'


def _part_uses(part: Part, working: str | None, far: str | None, id_prefix: str) -> list[str]:
    """Halo, ink and (for the working leg) a pale core, each a ``<use>`` of the part."""
    href = f'href="#{id_prefix}{part.name}"'
    width = part.width * PX_PER_METRE
    ink = _FAR if part.side is not None and part.side == far else _INK
    if part.name == "nose":
        # No halo: the nose must read as a bump on the head, not a dot beside it.
        return [f'<use {href} fill="{ink}"/>']
    if part.round:
        return [f'<use {href} fill="{ink}" stroke="{_HALO}" stroke-width="3"/>']
    common = 'fill="none" stroke-linecap="round" stroke-linejoin="round"'
    uses = [
        f'<use {href} {common} stroke="{_HALO}" stroke-width="{width + 5:.1f}"/>',
        f'<use {href} {common} stroke="{ink}" stroke-width="{width:.1f}"/>',
    ]
    if working is not None and part.name == f"leg_{working}":
        uses.append(f'<use {href} {common} stroke="{_ACCENT}" stroke-width="{width * 0.5:.1f}"/>')
    return uses


def _view_box(
    frames: Sequence[Mapping[str, Vector]], camera: Camera, shapes: Sequence[Shape]
) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for positions in frames:
        for name, point in positions.items():
            u, v = camera.project(point)
            reach = 0.1 if name == "head" else 0.06
            xs += [u - reach, u + reach]
            ys += [v - reach, v + reach]
    for shape in shapes:
        xs += [p[0] for p in shape.points]
        ys += [p[1] for p in shape.points]
    left, right = min(xs) - _MARGIN, max(xs) + _MARGIN
    bottom, top = min(ys) - _MARGIN, max(ys) + _MARGIN
    return left, bottom, right, top


def _resolved_side(exercise: Exercise, side: Side | None) -> Side:
    if side is not None:
        return side
    written = exercise.working_side.value
    return "both" if written == "both" else ("left" if written == "left" else "right")


def _scene(
    exercise: Exercise,
    frames: Sequence[Mapping[str, Vector]],
    anchor: Mapping[str, Vector],
    side: Side,
) -> tuple[Camera, list[Shape], list[Shape]]:
    """The camera, the props (placed against ``anchor``) and the floor under ``frames``."""
    camera = camera_for(exercise, side)
    mirrored = side not in ("both", exercise.working_side.value)
    props = prop_shapes(exercise.props, anchor, camera, mirrored=mirrored)
    mat = any(p.kind.value == "floor" for p in exercise.props)
    footprint = [p for positions in frames for p in positions.values()]
    us = [camera.project(p)[0] for p in footprint]
    us += [x for shape in props for x, _ in shape.points]
    floor = floor_shapes(footprint, camera, mat, (min(us), max(us)))
    return camera, props, floor


@dataclass(frozen=True)
class _Drawing:
    """A finished picture: its size in px, its viewBox and its SVG elements."""

    width: float
    height: float
    view_box: str
    title: str
    elements: list[str]

    def svg(self, *, x: float | None = None, y: float | None = None) -> str:
        """The picture as an ``<svg>`` element, placed at (x, y) when nested in another."""
        place = "" if x is None or y is None else f'x="{x:.0f}" y="{y:.0f}" '
        return "\n".join(
            [
                '<svg xmlns="http://www.w3.org/2000/svg" '
                f'{place}width="{self.width:.0f}" height="{self.height:.0f}" '
                f'viewBox="{self.view_box}" role="img">',
                f"<title>{escape(self.title)}</title>",
                *self.elements,
                "</svg>",
            ]
        )


def _drawing(
    exercise: Exercise,
    title: str,
    frames: Sequence[Mapping[str, Vector]],
    side: Side,
    *,
    anchor: Mapping[str, Vector],
    seconds: float | None,
    id_prefix: str,
    loop: bool = True,
    framed: bool = False,
) -> _Drawing:
    """The picture of ``frames`` (one frame: a still), props placed against ``anchor``.

    An animation loops, or with ``loop`` off plays once and stays on its last frame.
    ``framed``: the picture is framed to hold every key pose of the exercise (on this
    side), so the stills and movements of one stretch are the same size and line up.
    """
    framing = list(frames)
    if framed:
        framing += [joint_positions(pose_angles(exercise, p.name, side)) for p in exercise.poses]
    camera, props, floor = _scene(exercise, framing, anchor, side)
    left, bottom, right, top = _view_box(framing, camera, [*props, *floor])
    width, height = (right - left) * PX_PER_METRE, (top - bottom) * PX_PER_METRE
    origin_x, origin_y = left * PX_PER_METRE, -top * PX_PER_METRE
    working = None if side == "both" else side
    key = frames[_key_frame(frames)]
    far = _far_side(key, camera)
    order = body_parts(key, camera)
    defs = [_animated_part(part, frames, camera, seconds, id_prefix, loop) for part, _ in order]
    body = [use for part, _ in order for use in _part_uses(part, working, far, id_prefix)]
    shadow: list[str] = []
    if not camera.level:
        # Seen from above, the body's shadow straight below it on the floor shows how high
        # each limb is: a knee raised, knees sunk to one side, a foot turned.
        flat = [{name: point * _FLOOR_PLANE for name, point in f.items()} for f in frames]
        prefix = f"{id_prefix}shadow-"
        defs += [_animated_part(part, flat, camera, seconds, prefix, loop) for part, _ in order]
        shadow = [
            f'<g opacity="{_SHADOW_OPACITY}">',
            *(_shadow_use(part, prefix) for part, _ in order if part.name != "nose"),
            "</g>",
        ]
    elements = [
        "<defs>",
        *defs,
        "</defs>",
        *(_shape_svg(s) for s in floor),
        *shadow,
        *(_shape_svg(s) for s in props),
        *body,
    ]
    view_box = f"{origin_x:.1f} {origin_y:.1f} {width:.1f} {height:.1f}"
    return _Drawing(width, height, view_box, title, elements)


_FLOOR_PLANE = np.array([1.0, 1.0, 0.0])
_SHADOW_OPACITY = 0.16
_SHADOW = "#1d2a36"
# Limbs whose depths differ by less than this (metres) are side by side: neither is far.
_SIDE_BY_SIDE = 0.08


def _far_side(positions: Mapping[str, Vector], camera: Camera) -> str | None:
    """The side whose limbs are farther from the viewer (drawn paler), or None when level."""

    def depth(side: str) -> float:
        points = (f"hip_{side}", f"knee_{side}", f"shoulder_{side}")
        return sum(camera.depth(positions[p]) for p in points) / len(points)

    left, right = depth("left"), depth("right")
    if abs(left - right) < _SIDE_BY_SIDE:
        return None
    return "right" if left > right else "left"


def _shadow_use(part: Part, prefix: str) -> str:
    href = f'href="#{prefix}{part.name}"'
    if part.round:
        return f'<use {href} fill="{_SHADOW}"/>'
    width = part.width * PX_PER_METRE
    return (
        f'<use {href} fill="none" stroke="{_SHADOW}" stroke-width="{width:.1f}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _key_frame(frames: Sequence[Mapping[str, Vector]]) -> int:
    """The frame whose depth order is used for the whole animation: the middle one."""
    return len(frames) // 2


def _animated_part(
    part: Part,
    frames: Sequence[Mapping[str, Vector]],
    camera: Camera,
    seconds: float | None,
    id_prefix: str,
    loop: bool,
) -> str:
    tag = "circle" if part.round else "polyline"
    first = _part_geometry(part, frames[0], camera)
    attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in first.items())
    if seconds is None or len(frames) == 1:
        return f'<{tag} id="{id_prefix}{part.name}" {attrs}/>'
    animations = []
    repeat = 'repeatCount="indefinite"' if loop else 'repeatCount="1" fill="freeze"'
    per_frame = [_part_geometry(part, positions, camera) for positions in frames]
    for key in first:
        if key == "r":
            continue
        values = ";".join(g[key] for g in per_frame)
        animations.append(
            f'<animate attributeName="{key}" dur="{seconds:g}s" {repeat} '
            f'calcMode="linear" values="{values}"/>'
        )
    return f'<{tag} id="{id_prefix}{part.name}" {attrs}>{"".join(animations)}</{tag}>'


def _still(
    exercise: Exercise, pose_name: str, side: Side | None, id_prefix: str, framed: bool = False
) -> _Drawing:
    chosen = _resolved_side(exercise, side)
    anchor = joint_positions(pose_angles(exercise, exercise.poses[0].name, side))
    positions = joint_positions(pose_angles(exercise, pose_name, side))
    title = f"{exercise.name}: {pose_words(exercise, pose_name, side)}"
    return _drawing(
        exercise,
        title,
        [positions],
        chosen,
        anchor=anchor,
        seconds=None,
        id_prefix=id_prefix,
        framed=framed,
    )


def render_svg(
    exercise: Exercise,
    pose_name: str,
    side: Side | None = None,
    *,
    id_prefix: str = "",
    framed: bool = False,
) -> str:
    """A still SVG of one key pose, from the exercise's view, with its props.

    ``side`` chooses the working side (default: as written in the data). Props are
    placed against the first pose, so all stills of one exercise share them.
    ``id_prefix`` keeps element ids unique when several pictures share one page.
    ``framed`` frames it to hold every key pose (see :func:`render_movement_svg`).
    """
    return _still(exercise, pose_name, side, id_prefix, framed).svg() + "\n"


def render_frames_svg(
    exercise: Exercise,
    frames: Sequence[AnimationFrame],
    side: Side | None = None,
    *,
    id_prefix: str = "",
    loop: bool = True,
    framed: bool = False,
) -> str:
    """An animated SVG of the given evenly timed frames, looping forever (or played once).

    Props are placed against the exercise's first pose, as in its stills, so a still
    and a movement of one stretch and side line up.
    """
    if not frames:
        raise ValueError("an animation needs at least one frame")
    chosen = _resolved_side(exercise, side)
    positions = [joint_positions(f.angles) for f in frames]
    seconds = frames[-1].seconds if len(frames) > 1 else None
    title = f"{exercise.name} (animated)"
    drawing = _drawing(
        exercise,
        title,
        positions,
        chosen,
        anchor=joint_positions(pose_angles(exercise, exercise.poses[0].name, side)),
        seconds=seconds,
        id_prefix=id_prefix,
        loop=loop,
        framed=framed,
    )
    return drawing.svg() + "\n"


def render_movement_svg(
    exercise: Exercise,
    poses: Sequence[str],
    side: Side | None = None,
    seconds: float = 1.6,
    *,
    id_prefix: str = "",
) -> str:
    """An SVG that moves once through ``poses`` in ``seconds`` and stays on the last one.

    It is framed to hold every key pose of the exercise, like a ``framed`` still
    (:func:`render_svg`), so a session can show the two one after the other.
    """
    frames = movement_frames(exercise, poses, side, seconds)
    return render_frames_svg(exercise, frames, side, id_prefix=id_prefix, loop=False, framed=True)


def render_animated_svg(
    exercise: Exercise, side: Side | None = None, *, id_prefix: str = ""
) -> str:
    """An SVG that moves smoothly between the key poses and holds the stretch, looping."""
    frames = animation_frames(exercise, side)
    return render_frames_svg(exercise, frames, side, id_prefix=id_prefix)


_SHEET_GAP = 24.0
_LABEL_HEIGHT = 34.0


def _label(x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="17" fill="{_INK}">'
        f"{escape(text)}</text>"
    )


def _legend(left: float, bottom: float) -> list[str]:
    """A sample of the hollow working leg and what it means, for a spare cell of a sheet."""
    y = bottom - 60
    width = 0.075 * PX_PER_METRE
    sample = f'x1="{left + 10:.0f}" y1="{y:.0f}" x2="{left + 80:.0f}" y2="{y:.0f}"'
    common = 'stroke-linecap="round"'
    return [
        f'<line {sample} {common} stroke="{_INK}" stroke-width="{width:.1f}"/>',
        f'<line {sample} {common} stroke="{_ACCENT}" stroke-width="{width * 0.5:.1f}"/>',
        _label(left + 100, y + 6, "the leg that does the work", "start"),
        _label(left + 10, y + 48, "One-sided stretches are shown for the left side.", "start"),
    ]


def render_sheet_svg(exercises: Sequence[Exercise], columns: int = 4) -> str:
    """One picture of many stretches, each in its held pose and named, all to one scale.

    A spare cell at the end explains the hollow working leg.
    """
    if not exercises or columns < 1:
        raise ValueError("a sheet needs at least one exercise and one column")
    drawings = [
        _still(e, next(p.name for p in e.poses if p.held), None, f"{e.id}-") for e in exercises
    ]
    named = list(zip(drawings, (e.name for e in exercises), strict=True))
    rows = [named[i : i + columns] for i in range(0, len(named), columns)]
    cell_width = max(d.width for d in drawings)
    width = columns * cell_width + (columns + 1) * _SHEET_GAP
    parts: list[str] = []
    y = _SHEET_GAP
    for row in rows:
        row_height = max(d.height for d, _ in row)
        for column, (drawing, name) in enumerate(row):
            left = _SHEET_GAP + column * (cell_width + _SHEET_GAP)
            x = left + (cell_width - drawing.width) / 2
            parts.append(drawing.svg(x=x, y=y + row_height - drawing.height))
            parts.append(_label(left + cell_width / 2, y + row_height + 24, name))
        if len(row) < columns:
            left = _SHEET_GAP + len(row) * (cell_width + _SHEET_GAP)
            parts.extend(_legend(left, y + row_height))
        y += row_height + _LABEL_HEIGHT + _SHEET_GAP
    names = ", ".join(e.name for e in exercises)
    return (
        "\n".join(
            [
                '<svg xmlns="http://www.w3.org/2000/svg" '
                f'width="{width:.0f}" height="{y:.0f}" viewBox="0 0 {width:.0f} {y:.0f}" '
                'role="img">',
                f"<title>{escape(names)}</title>",
                f'<rect width="{width:.0f}" height="{y:.0f}" rx="14" fill="#ffffff"/>',
                *parts,
                "</svg>",
            ]
        )
        + "\n"
    )
