"""Inviting a patient: the one-time link, and the email with it when a mail server is set.

The pages and the API both call :func:`invite_patient`, so an invite made either way
is the same invite, sent the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sicoach.rules import INVITE_VALID_DAYS
from sicoach.services import accounts
from sicoach.services.mail import Mailer, MailError, invite_message
from sicoach.store.accounts import AccountsUnitOfWork

__all__ = ["SentInvite", "invite_patient"]


@dataclass(frozen=True)
class SentInvite:
    """A new invite: the link (shown only now), and whether the email with it went out.

    ``emailed_to`` is the address the link was sent to, or None when it was not sent:
    no mail server is set, the clinician gave no email, or the server refused
    (``mail_problem`` then says why).
    """

    issued: accounts.IssuedInvite
    url: str
    emailed_to: str | None
    mail_problem: str | None


def invite_patient(
    uow: AccountsUnitOfWork,
    actor: accounts.Actor,
    *,
    name: str | None,
    email: str | None,
    link_for: Callable[[str], str],
    mailer: Mailer | None,
    clinic: str | None,
) -> SentInvite:
    """Make the invite (raises InvalidRecord for a bad name or email), then email its
    link when there is an address and a mail server; a failed send keeps the invite."""
    issued = accounts.create_invite(uow, actor, name=name, email=email)
    url = link_for(issued.token)
    address = issued.invite.email
    if mailer is None or address is None:
        return SentInvite(issued, url, None, None)
    details = accounts.open_invite(uow, issued.token)
    clinician = details.clinician if details else "Your clinician"
    message = invite_message(
        address, issued.invite.name, url, clinician, clinic, INVITE_VALID_DAYS.value
    )
    try:
        mailer.send(message)
    except MailError as exc:
        return SentInvite(issued, url, None, str(exc))
    return SentInvite(issued, url, address, None)
