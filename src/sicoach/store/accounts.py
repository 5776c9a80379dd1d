"""Accounts for server mode: users with roles, clinician-person links, invites, failed logins,
and the login sessions (browser cookies and API tokens) that stand for a logged-in account.

The tables live on their own Alembic branch ("accounts"), which depends on the core
branch's people table. A person's account points at their person record, so deleting
the person deletes the account too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Self

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from sicoach.store.db import Base
from sicoach.store.models import PersonRow
from sicoach.store.types import UtcDateTime
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

__all__ = [
    "AccountRepository",
    "AccountsUnitOfWork",
    "CalendarFeedRow",
    "CareLinkRow",
    "Invite",
    "InviteRow",
    "LoginFailureRow",
    "LoginSession",
    "LoginSessionRow",
    "User",
    "UserRow",
]

PERSON_UID_FK = "people.uid"


class UserRow(Base):
    """One login: an email, an argon2 hash, a role, and for a person their record."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role in ('person', 'clinician', 'admin')", name="ck_users_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    person_uid: Mapped[str | None] = mapped_column(
        ForeignKey(PERSON_UID_FK, ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    display_name: Mapped[str | None] = mapped_column(String(200))


class CareLinkRow(Base):
    """A clinician who may see a person."""

    __tablename__ = "care_links"

    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    person_uid: Mapped[str] = mapped_column(
        ForeignKey(PERSON_UID_FK, ondelete="CASCADE"), primary_key=True, index=True
    )


class InviteRow(Base):
    """A one-time link a clinician gives a new patient; only the token's hash is kept.

    ``name`` and ``email`` are the patient's as the clinician gave them (null on older
    invites); a revoked invite's link stops working.
    """

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class LoginFailureRow(Base):
    """One failed login, kept to slow down password guessing across all worker processes.

    The email is kept as its SHA-256 only, so what a failed try sends (of any length)
    is never stored; ``client`` is the address the try came from.
    """

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_email_client_at", "email_hash", "client", "at"),
        Index("ix_login_failures_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class LoginSessionRow(Base):
    """A logged-in browser (``cookie``) or API client (``token``); only the secret's hash is kept.

    Rows go with their account (``ON DELETE CASCADE``), so a cookie or token can never
    open an account made later under a reused id.
    """

    __tablename__ = "login_sessions"
    __table_args__ = (
        CheckConstraint("kind in ('cookie', 'token')", name="ck_login_sessions_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CalendarFeedRow(Base):
    """A person's private calendar address: a random token that is the only key to it."""

    __tablename__ = "calendar_feeds"

    person_uid: Mapped[str] = mapped_column(
        ForeignKey(PERSON_UID_FK, ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True)
class User:
    """An account as the services see it."""

    id: int
    email: str
    password_hash: str
    role: str
    person_id: str | None
    disabled: bool = False
    display_name: str | None = None


@dataclass(frozen=True)
class LoginSession:
    """A login session as the services see it."""

    id: int
    user_id: int
    kind: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Invite:
    """An invite as the services see it."""

    id: int
    clinician_id: int
    expires_at: datetime
    used_at: datetime | None
    created_at: datetime
    name: str | None = None
    email: str | None = None
    revoked_at: datetime | None = None

    def is_open(self, at: datetime) -> bool:
        """Whether the link can still be used at ``at``: not used, not revoked, not expired."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > at


def _invite(row: InviteRow) -> Invite:
    return Invite(
        row.id,
        row.clinician_id,
        row.expires_at,
        row.used_at,
        row.created_at,
        row.name,
        row.email,
        row.revoked_at,
    )


def _user(row: UserRow) -> User:
    return User(
        row.id,
        row.email,
        row.password_hash,
        row.role,
        row.person_uid,
        row.disabled_at is not None,
        row.display_name,
    )


class AccountRepository:
    """Reads and writes the account tables on one database session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_user(
        self,
        email: str,
        password_hash: str,
        role: str,
        person_id: str | None,
        at: datetime,
        display_name: str | None = None,
    ) -> User:
        """Keep a new account and return it with its id."""
        row = UserRow(
            email=email,
            password_hash=password_hash,
            role=role,
            person_uid=person_id,
            created_at=at,
            display_name=display_name,
        )
        self._session.add(row)
        self._session.flush()
        return _user(row)

    def user_by_email(self, email: str) -> User | None:
        """The account with this (lower-case) email, or None."""
        row = self._session.scalar(select(UserRow).where(UserRow.email == email))
        return _user(row) if row else None

    def user(self, user_id: int) -> User | None:
        """The account with this id, or None."""
        row = self._session.get(UserRow, user_id)
        return _user(row) if row else None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace a hash (argon2 parameters changed since it was made)."""
        row = self._session.get(UserRow, user_id)
        if row is not None:
            row.password_hash = password_hash

    def set_disabled(self, user_id: int, at: datetime | None) -> None:
        """Disable an account from ``at`` on, or enable it again with None."""
        row = self._session.get(UserRow, user_id)
        if row is not None:
            row.disabled_at = at

    def delete_user(self, user_id: int) -> None:
        """Remove an account (its links, invites and login sessions go with it)."""
        self.delete_login_sessions(user_id)
        self._session.execute(delete(UserRow).where(UserRow.id == user_id))

    def delete_person(self, person_id: str) -> None:
        """Remove a person; their intakes, plans, sessions, pain and account go with them."""
        account = select(UserRow.id).where(UserRow.person_uid == person_id).scalar_subquery()
        self._session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == account))
        self._session.execute(delete(PersonRow).where(PersonRow.uid == person_id))

    def link(self, clinician_id: int, person_id: str) -> None:
        """Let a clinician see a person."""
        self._session.merge(CareLinkRow(clinician_id=clinician_id, person_uid=person_id))

    def is_linked(self, clinician_id: int, person_id: str) -> bool:
        """Whether the clinician may see the person."""
        return self._session.get(CareLinkRow, (clinician_id, person_id)) is not None

    def has_clinician(self, person_id: str) -> bool:
        """Whether any clinician is linked to the person."""
        found = self._session.scalar(
            select(CareLinkRow.clinician_id).where(CareLinkRow.person_uid == person_id).limit(1)
        )
        return found is not None

    def unlink_person(self, person_id: str) -> None:
        """No clinician may see the person any more (the person and their data stay)."""
        self._session.execute(delete(CareLinkRow).where(CareLinkRow.person_uid == person_id))

    def move_links(self, from_id: int, to_id: int) -> int:
        """Give every person linked to one clinician to another; how many were moved."""
        people = self.linked_people(from_id)
        for person_id in people:
            self.link(to_id, person_id)
        self._session.execute(delete(CareLinkRow).where(CareLinkRow.clinician_id == from_id))
        return len(people)

    def staff(self) -> list[tuple[User, int]]:
        """Every clinician and admin account with how many people are linked to it."""
        counts = (
            select(func.count())
            .where(CareLinkRow.clinician_id == UserRow.id)
            .correlate(UserRow)
            .scalar_subquery()
        )
        rows = self._session.execute(
            select(UserRow, counts).where(UserRow.role != "person").order_by(UserRow.email)
        )
        return [(_user(row), count) for row, count in rows]

    def linked_people(self, clinician_id: int) -> list[str]:
        """The people a clinician may see."""
        rows = self._session.scalars(
            select(CareLinkRow.person_uid)
            .where(CareLinkRow.clinician_id == clinician_id)
            .order_by(CareLinkRow.person_uid)
        )
        return list(rows)

    def add_invite(
        self,
        token_hash: str,
        clinician_id: int,
        at: datetime,
        expires_at: datetime,
        *,
        name: str | None = None,
        email: str | None = None,
    ) -> Invite:
        """Keep a new invite by the hash of its token and return it with its id."""
        row = InviteRow(
            token_hash=token_hash,
            clinician_id=clinician_id,
            created_at=at,
            expires_at=expires_at,
            name=name,
            email=email,
        )
        self._session.add(row)
        self._session.flush()
        return _invite(row)

    def invite(self, token_hash: str) -> Invite | None:
        """The invite with this token hash, or None."""
        row = self._session.scalar(select(InviteRow).where(InviteRow.token_hash == token_hash))
        return _invite(row) if row else None

    def invite_by_id(self, invite_id: int) -> Invite | None:
        """The invite with this id, or None."""
        row = self._session.get(InviteRow, invite_id)
        return _invite(row) if row else None

    def open_invites(self, clinician_id: int, at: datetime) -> list[Invite]:
        """A clinician's invites that can still be used at ``at``, the soonest to expire first."""
        rows = self._session.scalars(
            select(InviteRow)
            .where(
                InviteRow.clinician_id == clinician_id,
                InviteRow.used_at.is_(None),
                InviteRow.revoked_at.is_(None),
                InviteRow.expires_at > at,
            )
            .order_by(InviteRow.expires_at, InviteRow.id)
        )
        return [_invite(row) for row in rows]

    def revoke_invite(self, invite_id: int, at: datetime) -> None:
        """Stop an invite's link from working."""
        row = self._session.get(InviteRow, invite_id)
        if row is not None:
            row.revoked_at = at

    def use_invite(self, invite_id: int, at: datetime) -> None:
        """Mark an invite used, so its link works only once."""
        row = self._session.get(InviteRow, invite_id)
        if row is not None:
            row.used_at = at

    def add_login_failure(self, email_hash: str, client: str, at: datetime) -> None:
        """Remember one failed login for this email (hash) from this client."""
        self._session.add(LoginFailureRow(email_hash=email_hash, client=client, at=at))

    def login_failures_since(
        self, since: datetime, *, client: str, email_hash: str | None = None
    ) -> int:
        """How many logins from ``client`` failed since ``since`` (for one email, if given)."""
        query = (
            select(func.count())
            .select_from(LoginFailureRow)
            .where(LoginFailureRow.client == client, LoginFailureRow.at >= since)
        )
        if email_hash is not None:
            query = query.where(LoginFailureRow.email_hash == email_hash)
        return int(self._session.scalar(query) or 0)

    def forget_login_failures(self, email_hash: str, client: str) -> None:
        """Clear this client's failures for this email after a good login."""
        self._session.execute(
            delete(LoginFailureRow).where(
                LoginFailureRow.email_hash == email_hash, LoginFailureRow.client == client
            )
        )

    def forget_login_failures_before(self, before: datetime) -> None:
        """Forget failures too old to count, so the table stays small."""
        self._session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))

    def add_login_session(
        self, token_hash: str, user_id: int, kind: str, at: datetime, expires_at: datetime
    ) -> None:
        """Keep a new login session by the hash of its secret."""
        self._session.add(
            LoginSessionRow(
                token_hash=token_hash,
                user_id=user_id,
                kind=kind,
                created_at=at,
                last_seen_at=at,
                expires_at=expires_at,
            )
        )

    def login_session(self, token_hash: str) -> LoginSession | None:
        """The login session with this secret's hash, or None."""
        row = self._session.scalar(
            select(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash)
        )
        if row is None:
            return None
        return LoginSession(
            row.id, row.user_id, row.kind, row.created_at, row.last_seen_at, row.expires_at
        )

    def touch_login_session(self, session_id: int, at: datetime) -> None:
        """Note that the session was used at ``at`` (for the idle limit)."""
        row = self._session.get(LoginSessionRow, session_id)
        if row is not None:
            row.last_seen_at = at

    def delete_login_session(self, token_hash: str) -> None:
        """End one login session."""
        self._session.execute(
            delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash)
        )

    def delete_login_sessions(self, user_id: int) -> None:
        """End every login session of an account."""
        self._session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id))

    def delete_expired_login_sessions(
        self, user_id: int, now: datetime, idle_since: datetime
    ) -> None:
        """Forget an account's sessions that can no longer be used."""
        self._session.execute(
            delete(LoginSessionRow).where(
                LoginSessionRow.user_id == user_id,
                (LoginSessionRow.expires_at <= now)
                | (
                    (LoginSessionRow.kind == "cookie")
                    & (LoginSessionRow.last_seen_at <= idle_since)
                ),
            )
        )

    def calendar_token(self, person_id: str) -> str | None:
        """The person's calendar token, or None if they have none yet."""
        row = self._session.get(CalendarFeedRow, person_id)
        return row.token if row else None

    def set_calendar_token(self, person_id: str, token: str, at: datetime) -> None:
        """Give the person this calendar token; any earlier one stops working."""
        self._session.merge(CalendarFeedRow(person_uid=person_id, token=token, created_at=at))

    def person_for_calendar_token(self, token: str) -> str | None:
        """Whose calendar this token opens, or None."""
        return self._session.scalar(
            select(CalendarFeedRow.person_uid).where(CalendarFeedRow.token == token)
        )


class AccountsUnitOfWork(SqlAlchemyUnitOfWork):
    """The core unit of work plus the account tables, in the same transaction."""

    accounts: AccountRepository

    def __enter__(self) -> Self:
        entered = super().__enter__()
        self.accounts = AccountRepository(self._active())
        return entered
