"""The stretch pictures the pages show: the animated SVG of each exercise, made once per process."""

from __future__ import annotations

from markupsafe import Markup

from sicoach.catalog import Exercise
from sicoach.figures.render import render_animated_svg

__all__ = ["exercise_picture"]

_drawn: dict[str, Markup] = {}


def exercise_picture(exercise: Exercise) -> Markup:
    """The animated picture of ``exercise`` as inline SVG (made by sicoach, no user text in it)."""
    if exercise.id not in _drawn:
        _drawn[exercise.id] = Markup(render_animated_svg(exercise))
    return _drawn[exercise.id]
