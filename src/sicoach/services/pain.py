"""The kinds of pain rating (before, during, after a session, or the next morning).

:mod:`sicoach.services.care` keeps the ratings, through the plan's life.
"""

from __future__ import annotations

from sicoach.outcomes.pain import PainKind
from sicoach.services.errors import InvalidRecord

__all__ = ["pain_kind"]


def pain_kind(kind: str) -> PainKind:
    """``kind`` (before, during, after or next-morning) as a kind, or :class:`InvalidRecord`."""
    try:
        return PainKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in PainKind)
        raise InvalidRecord(
            "the pain rating", [f"kind: {kind!r} is not one of {allowed}"]
        ) from None
