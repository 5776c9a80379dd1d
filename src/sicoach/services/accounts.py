"""Accounts, roles and who may see whom (server mode).

Every function that touches a person's data for someone else goes through
:func:`authorize_person`: a person sees only themselves, a clinician only the people
linked to them, an admin everyone. Passwords are kept as argon2 hashes only; invite
tokens, login cookies' session ids and API tokens as SHA-256 hashes only.

A login is a server-side session: a random secret handed to the browser (in its signed
cookie) or to an API client (as a bearer token), looked up by its hash on every
request. It ends at logout, when its idle or absolute limit passes, and whenever the
password changes or the account is disabled or deleted.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from sicoach import rules
from sicoach.services.errors import InvalidRecord, ServiceError
from sicoach.services.people import new_person
from sicoach.services.times import now_utc
from sicoach.store.accounts import AccountsUnitOfWork, Invite, User

__all__ = [
    "ROLES",
    "AccountError",
    "Actor",
    "InviteClosed",
    "IssuedInvite",
    "IssuedLogin",
    "LoginRefused",
    "NotAllowed",
    "OpenInvite",
    "TooManyLogins",
    "accept_invite",
    "actor_for_login",
    "authorize_person",
    "change_password",
    "create_account",
    "create_invite",
    "delete_account",
    "end_login",
    "has_clinician",
    "invite_is_open",
    "linked_people",
    "log_in",
    "open_invite",
    "pending_invites",
    "require_account",
    "revoke_invite",
    "set_disabled",
    "start_login",
    "unit_of_work",
]

Role = Literal["person", "clinician", "admin"]
ROLES: tuple[Role, ...] = ("person", "clinician", "admin")
LoginKind = Literal["cookie", "token"]
# A session's last use is written at most this often, so pages do not each cost a write.
_TOUCH_EVERY = timedelta(minutes=1)
COMMON_PASSWORDS_FILE = "data/common-passwords.txt"
_hasher = PasswordHasher()
# A hash of a random password, checked when the email is unknown so a failed login
# takes as long whether or not the account exists.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Actor:
    """Who is acting: their role, their own person record (if a person) and their account."""

    role: Role
    person_id: str | None
    user_id: int | None
    email: str | None = None
    time_zone: str | None = None  # the person's own (IANA name); None: the server's


@dataclass(frozen=True)
class IssuedLogin:
    """A new login: the secret to give the browser or client, and when it ends at the latest."""

    token: str
    expires_at: datetime
    actor: Actor


@dataclass(frozen=True)
class IssuedInvite:
    """A new invite: the secret for its link (never kept), and the invite as kept."""

    token: str
    invite: Invite


class AccountError(ServiceError):
    """An account request that cannot be done; the message says why, for the person."""


class LoginRefused(AccountError):
    """Wrong email or password (never says which)."""


class TooManyLogins(AccountError):
    """Too many failed logins for this email lately."""


class InviteClosed(AccountError):
    """The invite link was used, revoked or has expired."""


class NotAllowed(AccountError):
    """The actor may not see or change this."""


def unit_of_work(engine: Engine) -> AccountsUnitOfWork:
    """A unit of work over the core and account tables."""
    return AccountsUnitOfWork(engine)


_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_MAX_PASSWORD = 1024
_MAX_NAME = 200  # the invites table's name column


def _email(text: str) -> str:
    email = text.strip().lower()
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise AccountError("Please enter a valid email address.")
    return email


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    """The shipped list of passwords too common to allow (data/common-passwords.txt)."""
    text = resources.files("sicoach.services").joinpath(COMMON_PASSWORDS_FILE).read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _check_password(password: str, email: str) -> None:
    """Refuse a password per NIST SP 800-63B: too short or long, blank, common, or the email."""
    minimum = rules.MINIMUM_PASSWORD_LENGTH.value
    if len(password) < minimum or len(password.strip()) < minimum:
        raise AccountError(
            f"Please choose a password of at least {minimum} characters (spaces at the ends "
            "do not count)."
        )
    if len(password) > _MAX_PASSWORD:
        raise AccountError(f"That password is too long (at most {_MAX_PASSWORD} characters).")
    lowered = password.strip().lower()
    local_part = email.partition("@")[0]
    if lowered in _common_passwords() or len(set(lowered)) < 3:
        raise AccountError("That password is too common or too easy to guess; choose another.")
    if lowered in (email, local_part):
        raise AccountError("Please choose a password that is not your email address.")


def _actor(role: str, person_id: str | None, user_id: int, email: str) -> Actor:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}")
    return Actor(role=role, person_id=person_id, user_id=user_id, email=email)


def create_account(
    uow: AccountsUnitOfWork, email: str, password: str, role: Role, display_name: str | None = None
) -> Actor:
    """A new account; a person's account gets a new person record in the same transaction.

    ``display_name`` names the account: a clinician is called by it on the invite page
    (by their email without one); a person's record takes it.
    """
    address = _email(email)
    _check_password(password, address)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    name = display_name.strip() if display_name and display_name.strip() else None
    if name and len(name) > _MAX_NAME:
        raise AccountError(f"Please keep the name to {_MAX_NAME} characters.")
    with uow:
        if uow.accounts.user_by_email(address) is not None:
            raise AccountError("There is already an account with that email.")
        person_id = None
        if role == "person":
            person = new_person(name, None)
            uow.people.add(person)
            person_id = person.id
        user = uow.accounts.add_user(
            address, _hasher.hash(password), role, person_id, now_utc(), display_name=name
        )
        uow.commit()
    return _actor(user.role, user.person_id, user.id, user.email)


def log_in(
    uow: AccountsUnitOfWork,
    email: str,
    password: str,
    now: datetime | None = None,
    client: str = "unknown",
) -> Actor:
    """The actor for a right email and password; failed tries are counted and limited.

    Failures count per email and client address, so a guesser slows only themselves
    and never locks the account's owner out; a client that fails for many emails is
    refused too. Only a hash of the email is kept, whatever its length.
    """
    at = now or now_utc()
    address = email.strip().lower()
    key = _token_hash(address)
    source = client[:64]
    window = timedelta(minutes=rules.LOGIN_FAILURE_WINDOW_MINUTES.value)
    wait = f"Please wait {rules.LOGIN_FAILURE_WINDOW_MINUTES.value} minutes and try again."
    with uow:
        uow.accounts.forget_login_failures_before(at - window)
        failures = uow.accounts.login_failures_since(at - window, client=source)
        if failures >= rules.LOGIN_CLIENT_FAILURES_ALLOWED.value:
            raise TooManyLogins(f"Too many failed logins from this address. {wait}")
        tries = uow.accounts.login_failures_since(at - window, client=source, email_hash=key)
        if tries >= rules.LOGIN_FAILURES_ALLOWED.value:
            raise TooManyLogins(f"Too many failed tries for this email. {wait}")
        user = uow.accounts.user_by_email(address) if len(address) <= 254 else None
        good = False
        if len(password) <= _MAX_PASSWORD:
            try:
                _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
                good = user is not None
            except (VerificationError, InvalidHashError):
                good = False
        if not good or user is None or user.disabled:
            uow.accounts.add_login_failure(key, source, at)
            uow.commit()
            raise LoginRefused("That email and password do not match an account.")
        uow.accounts.forget_login_failures(key, source)
        if _hasher.check_needs_rehash(user.password_hash):
            uow.accounts.set_password_hash(user.id, _hasher.hash(password))
        uow.commit()
    return _actor(user.role, user.person_id, user.id, user.email)


def _login_limits(kind: LoginKind, at: datetime) -> datetime:
    if kind == "token":
        return at + timedelta(days=rules.API_TOKEN_VALID_DAYS.value)
    return at + timedelta(hours=rules.LOGIN_SESSION_MAX_HOURS.value)


def _idle_since(at: datetime) -> datetime:
    return at - timedelta(minutes=rules.LOGIN_SESSION_IDLE_MINUTES.value)


def start_login(
    uow: AccountsUnitOfWork, actor: Actor, kind: LoginKind, now: datetime | None = None
) -> IssuedLogin:
    """A new login session for ``actor`` (just logged in); only the secret's hash is kept."""
    if actor.user_id is None:
        raise AccountError("Only an account can log in.")
    at = now or now_utc()
    token = secrets.token_urlsafe(32)
    expires_at = _login_limits(kind, at)
    with uow:
        uow.accounts.delete_expired_login_sessions(actor.user_id, at, _idle_since(at))
        uow.accounts.add_login_session(_token_hash(token), actor.user_id, kind, at, expires_at)
        uow.commit()
    return IssuedLogin(token=token, expires_at=expires_at, actor=actor)


def actor_for_login(
    uow: AccountsUnitOfWork, token: str, kind: LoginKind, now: datetime | None = None
) -> Actor | None:
    """The actor a login secret stands for, or None if it is unknown, ended or expired."""
    at = now or now_utc()
    with uow:
        login = uow.accounts.login_session(_token_hash(token))
        if login is None or login.kind != kind:
            return None
        idle = kind == "cookie" and login.last_seen_at <= _idle_since(at)
        user = uow.accounts.user(login.user_id)
        if login.expires_at <= at or idle or user is None or user.disabled:
            uow.accounts.delete_login_session(_token_hash(token))
            uow.commit()
            return None
        if at - login.last_seen_at >= _TOUCH_EVERY:
            uow.accounts.touch_login_session(login.id, at)
            uow.commit()
        person = uow.people.get(user.person_id) if user.person_id else None
    actor = _actor(user.role, user.person_id, user.id, user.email)
    return replace(actor, time_zone=person.time_zone) if person else actor


def end_login(uow: AccountsUnitOfWork, token: str) -> None:
    """End one login session (logout, or revoking an API token)."""
    with uow:
        uow.accounts.delete_login_session(_token_hash(token))
        uow.commit()


def require_account(uow: AccountsUnitOfWork, email: str) -> User:
    """The account with this email (any case), or AccountError saying there is none."""
    user = uow.accounts.user_by_email(email.strip().lower())
    if user is None:
        raise AccountError(f"There is no account with the email {email.strip()!r}.")
    return user


def change_password(uow: AccountsUnitOfWork, email: str, password: str) -> None:
    """Give an account a new password; every login of the account ends."""
    with uow:
        user = require_account(uow, email)
        _check_password(password, user.email)
        uow.accounts.set_password_hash(user.id, _hasher.hash(password))
        uow.accounts.delete_login_sessions(user.id)
        uow.commit()


def set_disabled(
    uow: AccountsUnitOfWork, email: str, disabled: bool, now: datetime | None = None
) -> None:
    """Disable an account (every login ends, no new one starts) or enable it again."""
    with uow:
        user = require_account(uow, email)
        uow.accounts.set_disabled(user.id, (now or now_utc()) if disabled else None)
        if disabled:
            uow.accounts.delete_login_sessions(user.id)
        uow.commit()


def authorize_person(uow: AccountsUnitOfWork, actor: Actor, person_id: str) -> None:
    """Raise :class:`NotAllowed` unless ``actor`` may see ``person_id``'s data."""
    if actor.role == "admin":
        return
    if actor.role == "person" and actor.person_id == person_id:
        return
    if actor.role == "clinician" and actor.user_id is not None:
        with uow:
            if uow.accounts.is_linked(actor.user_id, person_id):
                return
    raise NotAllowed("You can't open this person's record.")


def linked_people(uow: AccountsUnitOfWork, actor: Actor) -> list[str]:
    """The people a clinician may see (an admin: everyone; a person: themselves)."""
    if actor.role == "person":
        return [actor.person_id] if actor.person_id else []
    with uow:
        if actor.role == "admin":
            return [p.id for p in uow.people.all()]
        if actor.user_id is None:
            return []
        return uow.accounts.linked_people(actor.user_id)


def has_clinician(uow: AccountsUnitOfWork, person_id: str) -> bool:
    """Whether a clinician is linked to this person (their answers then never replace it)."""
    with uow:
        return uow.accounts.has_clinician(person_id)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _inviter(actor: Actor) -> int:
    if actor.role not in ("clinician", "admin") or actor.user_id is None:
        raise NotAllowed("Only a clinician can invite a patient.")
    return actor.user_id


def create_invite(
    uow: AccountsUnitOfWork,
    actor: Actor,
    now: datetime | None = None,
    *,
    name: str | None = None,
    email: str | None = None,
) -> IssuedInvite:
    """A one-time invite for a new patient of this clinician, with their name and email if given.

    A name over 200 characters or an email that is not a valid address is refused with
    :class:`InvalidRecord`, naming each problem. The email is kept for the clinician's
    list and for sending the link, not as the account's email, which the patient
    chooses when they join.
    """
    clinician_id = _inviter(actor)
    patient_name = name.strip() if name and name.strip() else None
    problems = []
    if patient_name and len(patient_name) > _MAX_NAME:
        problems.append(f"name: Please keep the name to {_MAX_NAME} characters.")
    address: str | None = None
    try:
        address = _email(email) if email else None
    except AccountError as exc:
        problems.append(f"email: {exc}")
    if problems:
        raise InvalidRecord("the invite", problems)
    at = now or now_utc()
    token = secrets.token_urlsafe(24)
    with uow:
        invite = uow.accounts.add_invite(
            _token_hash(token),
            clinician_id,
            at,
            at + timedelta(days=rules.INVITE_VALID_DAYS.value),
            name=patient_name,
            email=address,
        )
        uow.commit()
    return IssuedInvite(token=token, invite=invite)


def pending_invites(
    uow: AccountsUnitOfWork, actor: Actor, now: datetime | None = None
) -> list[Invite]:
    """The clinician's invites not yet used, revoked or expired, the soonest to expire first."""
    clinician_id = _inviter(actor)
    with uow:
        return uow.accounts.open_invites(clinician_id, now or now_utc())


def revoke_invite(
    uow: AccountsUnitOfWork, actor: Actor, invite_id: int, now: datetime | None = None
) -> None:
    """Stop one of the clinician's pending invites; another's, or a closed one, is NotAllowed."""
    clinician_id = _inviter(actor)
    at = now or now_utc()
    with uow:
        invite = uow.accounts.invite_by_id(invite_id)
        if invite is None or invite.clinician_id != clinician_id or not invite.is_open(at):
            raise NotAllowed("There is no pending invite with that id.")
        uow.accounts.revoke_invite(invite_id, at)
        uow.commit()


def accept_invite(
    uow: AccountsUnitOfWork,
    token: str,
    email: str,
    password: str,
    display_name: str | None = None,
    now: datetime | None = None,
) -> Actor:
    """Make the invited person's account, linked to the inviting clinician; the link then ends.

    Without a ``display_name`` the person is called by the name the clinician gave.
    """
    at = now or now_utc()
    address = _email(email)
    _check_password(password, address)
    with uow:
        invite = uow.accounts.invite(_token_hash(token))
        if invite is None or not invite.is_open(at):
            raise InviteClosed(
                "This invite link has been used or has expired. Ask your clinician for a new one."
            )
        if uow.accounts.user_by_email(address) is not None:
            raise AccountError("There is already an account with that email.")
        person = new_person(display_name or invite.name, at)
        uow.people.add(person)
        user = uow.accounts.add_user(address, _hasher.hash(password), "person", person.id, at)
        uow.accounts.link(invite.clinician_id, person.id)
        uow.accounts.use_invite(invite.id, at)
        uow.commit()
    return _actor(user.role, user.person_id, user.id, user.email)


def invite_is_open(uow: AccountsUnitOfWork, token: str, now: datetime | None = None) -> bool:
    """Whether an invite token can still be used."""
    return open_invite(uow, token, now) is not None


@dataclass(frozen=True)
class OpenInvite:
    """What the invite page says: who invited the patient, and the name they were given."""

    clinician: str
    patient_name: str | None
    expires_at: datetime


def open_invite(
    uow: AccountsUnitOfWork, token: str, now: datetime | None = None
) -> OpenInvite | None:
    """The invite behind a link that can still be used, with its clinician's name (or
    email), or None when the link was used, revoked, has expired or never existed."""
    with uow:
        invite = uow.accounts.invite(_token_hash(token))
        if invite is None or not invite.is_open(now or now_utc()):
            return None
        clinician = uow.accounts.user(invite.clinician_id)
    who = (clinician.display_name or clinician.email) if clinician else "your clinician"
    return OpenInvite(clinician=who, patient_name=invite.name, expires_at=invite.expires_at)


def delete_account(uow: AccountsUnitOfWork, actor: Actor) -> None:
    """Delete the actor's account; a person's record and all their data go with it."""
    with uow:
        if actor.person_id is not None:
            uow.accounts.delete_person(actor.person_id)
        if actor.user_id is not None:
            uow.accounts.delete_user(actor.user_id)
        uow.commit()
