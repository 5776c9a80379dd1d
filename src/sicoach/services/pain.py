"""Recording pain ratings (0-10) before, during or after a session, or the next morning."""

from __future__ import annotations

from datetime import datetime

from sicoach.outcomes.pain import PainKind, PainRating, check_nrs
from sicoach.services.errors import InvalidRecord
from sicoach.services.people import require_person
from sicoach.services.times import as_utc, now_utc
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["pain_kind", "record_pain"]


def pain_kind(kind: str) -> PainKind:
    """``kind`` (before, during, after or next-morning) as a kind, or :class:`InvalidRecord`."""
    try:
        return PainKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in PainKind)
        raise InvalidRecord(
            "the pain rating", [f"kind: {kind!r} is not one of {allowed}"]
        ) from None


def record_pain(
    uow: AbstractUnitOfWork,
    person_id: str,
    kind: str,
    value: int,
    *,
    at: datetime | None = None,
    session_id: str | None = None,
) -> PainRating:
    """Keep one pain rating; ``kind`` is before, during, after or next-morning."""
    rating = PainRating(
        kind=pain_kind(kind),
        value=check_nrs(value),
        recorded_at=as_utc(at) if at else now_utc(),
        session_id=session_id,
    )
    with uow:
        require_person(uow, person_id)
        if session_id is not None and not uow.sessions.exists(person_id, session_id):
            raise InvalidRecord("the pain rating", [f"session_id: no session {session_id!r}"])
        uow.pain.add(person_id, rating)
        uow.commit()
    return rating
