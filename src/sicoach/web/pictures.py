"""The stretch pictures: the animated SVG of each exercise, drawn once per process and served
as a cacheable image, so pages stay light and the browser keeps the pictures."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from sicoach.catalog import Exercise
from sicoach.figures.poses import Side, pose_words
from sicoach.figures.render import render_animated_svg, render_movement_svg, render_svg
from sicoach.session.pictures import StepPicture

__all__ = [
    "exercise_picture",
    "movement_svg",
    "picture_svg",
    "picture_url",
    "pose_svg",
    "step_picture_data",
]

_drawn: dict[str, str] = {}


def picture_svg(exercise: Exercise) -> str:
    """The animated picture of ``exercise`` as an SVG document."""
    if exercise.id not in _drawn:
        _drawn[exercise.id] = render_animated_svg(exercise)
    return _drawn[exercise.id]


def picture_url(exercise_id: str) -> str:
    """Where the picture of an exercise is served."""
    return f"/exercises/{exercise_id}/picture.svg"


def exercise_picture(exercise: Exercise) -> Markup:
    """An <img> of the exercise's animated picture, with words for screen readers."""
    return Markup(
        f'<img src="{picture_url(exercise.id)}" alt="Animated picture: {escape(exercise.name)}"'
        ' width="400" height="300">'
    )


_steps_drawn: dict[tuple[str, str, tuple[str, ...], float], str] = {}
_STEPS_KEPT = 512  # pictures of session steps kept drawn; a few stretches' worth


def _step_svg(key: tuple[str, str, tuple[str, ...], float], draw: Callable[[], str]) -> str:
    if key not in _steps_drawn:
        if len(_steps_drawn) >= _STEPS_KEPT:
            _steps_drawn.clear()
        _steps_drawn[key] = draw()
    return _steps_drawn[key]


def pose_svg(exercise: Exercise, pose: str, side: Side) -> str:
    """A still of one key pose for one side, framed like every picture of its session steps."""
    key = (exercise.id, side, (pose,), 0.0)
    return _step_svg(key, lambda: render_svg(exercise, pose, side, framed=True))


def movement_svg(exercise: Exercise, poses: tuple[str, ...], side: Side, seconds: float) -> str:
    """The movement through ``poses`` in ``seconds``, played once (a session step's picture)."""
    key = (exercise.id, side, poses, seconds)
    return _step_svg(key, lambda: render_movement_svg(exercise, poses, side, seconds))


def step_picture_data(picture: StepPicture | None, exercise: Exercise | None) -> Any:
    """What the session page needs to show one step's picture: the still it starts on, the
    movement (if any) and when, and words for screen readers."""
    if picture is None or exercise is None:
        return None
    base = f"/exercises/{picture.exercise}"
    side = urlencode({"side": picture.side})
    shown = pose_words(exercise, picture.shown_last, picture.side)
    where = "" if picture.side == "both" else f" ({picture.side} side)"
    data: dict[str, Any] = {
        "exercise": picture.exercise,
        "side": picture.side,
        "poses": picture.poses,
        "motion": picture.motion,
        "move_seconds": picture.move_seconds,
        "held": picture.held,
        "still": f"{base}/poses/{picture.poses[0]}.svg?{side}",
        "end": f"{base}/poses/{picture.shown_last}.svg?{side}",
        "alt": f"{exercise.name}{where}: {shown}",
    }
    if picture.motion != "still":
        data["movement"] = f"{base}/movement.svg?{side}&poses={','.join(picture.poses)}"
    return data
