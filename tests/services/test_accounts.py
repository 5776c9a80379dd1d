"""Accounts on SQLite and PostgreSQL: passwords, login limits, invites, who sees whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from sicoach import rules
from sicoach.services import accounts
from sicoach.services.accounts import AccountError, LoginRefused, NotAllowed, TooManyLogins
from sicoach.store.accounts import UserRow

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _uow(engine: Engine) -> accounts.AccountsUnitOfWork:
    return accounts.unit_of_work(engine)


def _clinic(engine: Engine) -> tuple[accounts.Actor, accounts.Actor, accounts.Actor]:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    bob = accounts.create_account(_uow(engine), "bob@clinic.test", PASSWORD, "clinician")
    token = accounts.create_invite(_uow(engine), ann, NOW)
    pat = accounts.accept_invite(_uow(engine), token, "pat@home.test", PASSWORD, "Pat", NOW)
    return ann, bob, pat


def test_passwords_are_kept_only_as_argon2_hashes(engine: Engine) -> None:
    accounts.create_account(_uow(engine), "Ann@Clinic.test", PASSWORD, "clinician")
    with engine.connect() as connection:
        row = connection.execute(select(UserRow.email, UserRow.password_hash)).one()
    assert row.email == "ann@clinic.test"
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash


@pytest.mark.parametrize(
    ("email", "password", "problem"),
    [
        ("not-an-email", PASSWORD, "valid email"),
        ("ann@clinic.test", "short", "at least 10 characters"),
    ],
)
def test_a_bad_email_or_password_is_refused_with_the_reason(
    engine: Engine, email: str, password: str, problem: str
) -> None:
    with pytest.raises(AccountError, match=problem):
        accounts.create_account(_uow(engine), email, password, "clinician")


def test_a_wrong_password_or_unknown_email_gets_the_same_answer(engine: Engine) -> None:
    accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    messages = set()
    for email, password in (("ann@clinic.test", "wrong password"), ("who@x.test", PASSWORD)):
        with pytest.raises(LoginRefused) as refused:
            accounts.log_in(_uow(engine), email, password, NOW)
        messages.add(str(refused.value))
    assert len(messages) == 1


def test_logins_are_refused_after_too_many_failures_until_the_window_passes(
    engine: Engine,
) -> None:
    accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    for _ in range(rules.LOGIN_FAILURES_ALLOWED.value):
        with pytest.raises(LoginRefused):
            accounts.log_in(_uow(engine), "ann@clinic.test", "wrong password", NOW)
    with pytest.raises(TooManyLogins):
        accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, NOW)
    later = NOW + timedelta(minutes=rules.LOGIN_FAILURE_WINDOW_MINUTES.value + 1)
    assert accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, later).role == "clinician"


def test_a_clinician_sees_only_the_people_linked_to_them(engine: Engine) -> None:
    ann, bob, pat = _clinic(engine)
    assert pat.person_id is not None
    accounts.authorize_person(_uow(engine), ann, pat.person_id)
    accounts.authorize_person(_uow(engine), pat, pat.person_id)
    with pytest.raises(NotAllowed):
        accounts.authorize_person(_uow(engine), bob, pat.person_id)
    assert accounts.linked_people(_uow(engine), ann) == [pat.person_id]
    assert accounts.linked_people(_uow(engine), bob) == []


def test_a_person_cannot_see_another_person(engine: Engine) -> None:
    ann, _, pat = _clinic(engine)
    token = accounts.create_invite(_uow(engine), ann, NOW)
    other = accounts.accept_invite(_uow(engine), token, "o@home.test", PASSWORD, None, NOW)
    assert other.person_id is not None
    with pytest.raises(NotAllowed):
        accounts.authorize_person(_uow(engine), pat, other.person_id)


def test_an_invite_works_once_and_not_after_it_expires(engine: Engine) -> None:
    ann, _, _ = _clinic(engine)
    token = accounts.create_invite(_uow(engine), ann, NOW)
    late = NOW + timedelta(days=rules.INVITE_VALID_DAYS.value, seconds=1)
    with pytest.raises(AccountError, match="expired"):
        accounts.accept_invite(_uow(engine), token, "late@home.test", PASSWORD, None, late)
    accounts.accept_invite(_uow(engine), token, "once@home.test", PASSWORD, None, NOW)
    with pytest.raises(AccountError, match="used"):
        accounts.accept_invite(_uow(engine), token, "twice@home.test", PASSWORD, None, NOW)


def test_only_a_clinician_can_invite(engine: Engine) -> None:
    _, _, pat = _clinic(engine)
    with pytest.raises(NotAllowed):
        accounts.create_invite(_uow(engine), pat, NOW)


def test_deleting_a_persons_account_removes_the_person_and_the_link(engine: Engine) -> None:
    ann, _, pat = _clinic(engine)
    accounts.delete_account(_uow(engine), pat)
    assert accounts.linked_people(_uow(engine), ann) == []
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(engine), "pat@home.test", PASSWORD, NOW)
