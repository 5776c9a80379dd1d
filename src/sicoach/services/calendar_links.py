"""A person's private calendar address: a secret random token, made on first use, renewable.

The token is the only key to the calendar (calendar apps cannot log in), so it is
long and random, and making a new one retires the old one at once.
"""

from __future__ import annotations

import secrets

from sicoach.services.times import now_utc
from sicoach.store.accounts import AccountsUnitOfWork

__all__ = [
    "calendar_token",
    "existing_calendar_token",
    "person_for_calendar_token",
    "renew_calendar_token",
]

TOKEN_BYTES = 32


def calendar_token(uow: AccountsUnitOfWork, person_id: str) -> str:
    """The person's calendar token, made now if they have none yet."""
    with uow:
        token = uow.accounts.calendar_token(person_id)
        if token is None:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            uow.accounts.set_calendar_token(person_id, token, now_utc())
            uow.commit()
    return token


def existing_calendar_token(uow: AccountsUnitOfWork, person_id: str) -> str | None:
    """The person's calendar token, or None if none is made yet (a read only)."""
    with uow:
        return uow.accounts.calendar_token(person_id)


def renew_calendar_token(uow: AccountsUnitOfWork, person_id: str) -> str:
    """A new calendar token for the person; the old address stops working."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with uow:
        uow.accounts.set_calendar_token(person_id, token, now_utc())
        uow.commit()
    return token


def person_for_calendar_token(uow: AccountsUnitOfWork, token: str) -> str | None:
    """Whose calendar ``token`` opens, or None for a token that is not (or no longer) in use."""
    with uow:
        return uow.accounts.person_for_calendar_token(token)
