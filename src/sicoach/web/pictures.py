"""The stretch pictures: the animated SVG of each exercise, drawn once per process and served
as a cacheable image, so pages stay light and the browser keeps the pictures."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from sicoach.catalog import Exercise
from sicoach.figures.render import render_animated_svg

__all__ = ["exercise_picture", "picture_svg", "picture_url"]

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
