"""Jinja2 templates with what every page uses: the mode, the catalog, the CSRF token."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from sicoach.documents.wording import build_up_text, minutes_text, seconds_range_text, seconds_text
from sicoach.web.answer_words import answer_text, question_text
from sicoach.web.context import WebContext
from sicoach.web.csrf import CSRF_FIELD, csrf_token
from sicoach.web.pictures import exercise_picture

__all__ = ["make_templates", "seconds_label", "side_label"]

TEMPLATES = Path(__file__).parent / "templates"


def seconds_label(seconds: float) -> str:
    """Seconds as people say them: '30 seconds', '1 minute 30 seconds'."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    words = [f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes else []
    if rest or not minutes:
        words.append(seconds_text(rest))
    return " ".join(words)


def side_label(sides: list[str]) -> str:
    """The sides of a dose in words: 'left and right', 'both together'."""
    if sides == ["both"]:
        return "both legs together"
    return " and ".join(sides) + (" side" if len(sides) == 1 else " sides")


def make_templates(context: WebContext) -> Jinja2Templates:
    """The template set for one app, with its globals and filters."""
    templates = Jinja2Templates(directory=TEMPLATES)
    env = templates.env
    env.globals.update(
        server_mode=context.server_mode,
        catalog=context.catalog,
        csrf_token=csrf_token,
        csrf_field=CSRF_FIELD,
        picture=exercise_picture,
        build_up=build_up_text,
        emergency_number=context.settings.emergency_number,
    )
    env.filters["seconds"] = seconds_label
    env.globals["seconds_range"] = seconds_range_text
    env.filters["minutes"] = minutes_text
    env.filters["sides"] = side_label
    env.filters["answer"] = answer_text
    env.filters["question"] = question_text
    return templates
