"""An admin's use cases: the clinician accounts, disabling or removing one, and moving
their patients to another clinician. The patients and everything about them are kept.

The command line (run by whoever runs the server) calls these directly; the web app
lets only an admin call them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sicoach.services.accounts import AccountError, require_account
from sicoach.services.errors import UnknownPerson
from sicoach.store.accounts import AccountsUnitOfWork, User

__all__ = ["StaffMember", "move_patient", "remove_clinician", "staff"]


@dataclass(frozen=True)
class StaffMember:
    """A clinician or admin account: who, whether it may log in, how many patients."""

    id: int
    email: str
    name: str | None
    role: str
    disabled: bool
    patients: int


def staff(uow: AccountsUnitOfWork) -> list[StaffMember]:
    """Every clinician and admin account, by email."""
    with uow:
        found = uow.accounts.staff()
    return [
        StaffMember(u.id, u.email, u.display_name, u.role, u.disabled, count) for u, count in found
    ]


def _clinician(uow: AccountsUnitOfWork, email: str) -> User:
    user = require_account(uow, email)
    if user.role == "person":
        raise AccountError(f"{user.email} is a patient's account, not a clinician's.")
    return user


def remove_clinician(
    uow: AccountsUnitOfWork, email: str, *, move_to: str | None = None, by: str | None = None
) -> int:
    """Remove a clinician's account: their logins, tokens and pending invites end. Their
    patients stay, with all their data, and go to ``move_to`` when given (else no
    clinician sees them until an admin moves them). Returns how many patients moved.

    ``by`` is the email of the admin doing it, who cannot remove their own account.
    """
    with uow:
        user = _clinician(uow, email)
        if by is not None and user.email == by.strip().lower():
            raise AccountError("You cannot remove your own account.")
        moved = 0
        if move_to is not None:
            target = _clinician(uow, move_to)
            if target.id == user.id:
                raise AccountError("Move the patients to another clinician.")
            if target.disabled:
                raise AccountError(f"{target.email} is disabled; enable it first.")
            moved = uow.accounts.move_links(user.id, target.id)
        uow.accounts.delete_user(user.id)
        uow.commit()
    return moved


def move_patient(uow: AccountsUnitOfWork, person_id: str, to: str) -> None:
    """Give a patient to one clinician (``to``, an email) instead of any they had."""
    with uow:
        target = _clinician(uow, to)
        if uow.people.get(person_id) is None:
            raise UnknownPerson(person_id)
        uow.accounts.unlink_person(person_id)
        uow.accounts.link(target.id, person_id)
        uow.commit()
