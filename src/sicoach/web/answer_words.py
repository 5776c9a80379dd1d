"""A person's answers in words for the clinician's page: each field's question and its answer."""

from __future__ import annotations

from typing import Any

from sicoach.program.questions import QUESTIONS
from sicoach.program.screening import PRECAUTION_QUESTIONS, RED_FLAGS

__all__ = ["answer_text", "question_text"]

_RED_FLAG_NAMES = {f"red_flags.{flag.key}": flag.name for flag in RED_FLAGS}
_LISTS = {
    "hard_positions": "Positions that are hard",
    "equipment": "Equipment at hand",
}


def question_text(field: str) -> str:
    """The question (or, for a red flag, its clinical name) behind an intake field."""
    if field in _RED_FLAG_NAMES:
        return _RED_FLAG_NAMES[field]
    section, _, name = field.partition(".")
    if section == "precautions" and name in PRECAUTION_QUESTIONS:
        return PRECAUTION_QUESTIONS[name]
    return QUESTIONS.get(field) or _LISTS.get(field) or field


def answer_text(value: Any) -> str:
    """An answer as words: yes or no, a number without a needless '.0', a list joined,
    "none given" for an empty one."""
    if value is None:
        return "none given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)
