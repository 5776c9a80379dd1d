"""Accounts on SQLite and PostgreSQL: passwords, login limits, invites, who sees whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from sicoach import rules
from sicoach.services import accounts
from sicoach.services.accounts import AccountError, LoginRefused, NotAllowed, TooManyLogins
from sicoach.services.errors import InvalidRecord
from sicoach.store.accounts import AccountsUnitOfWork, LoginFailureRow, LoginSessionRow, UserRow

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _uow(engine: Engine) -> AccountsUnitOfWork:
    return accounts.unit_of_work(engine)


def _clinic(engine: Engine) -> tuple[accounts.Actor, accounts.Actor, accounts.Actor]:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    bob = accounts.create_account(_uow(engine), "bob@clinic.test", PASSWORD, "clinician")
    token = accounts.create_invite(_uow(engine), ann, NOW).token
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
    token = accounts.create_invite(_uow(engine), ann, NOW).token
    other = accounts.accept_invite(_uow(engine), token, "o@home.test", PASSWORD, None, NOW)
    assert other.person_id is not None
    with pytest.raises(NotAllowed):
        accounts.authorize_person(_uow(engine), pat, other.person_id)


def test_an_invite_works_once_and_not_after_it_expires(engine: Engine) -> None:
    ann, _, _ = _clinic(engine)
    token = accounts.create_invite(_uow(engine), ann, NOW).token
    late = NOW + timedelta(days=rules.INVITE_VALID_DAYS.value, seconds=1)
    with pytest.raises(AccountError, match="expired"):
        accounts.accept_invite(_uow(engine), token, "late@home.test", PASSWORD, None, late)
    accounts.accept_invite(_uow(engine), token, "once@home.test", PASSWORD, None, NOW)
    with pytest.raises(AccountError, match="used"):
        accounts.accept_invite(_uow(engine), token, "twice@home.test", PASSWORD, None, NOW)


def test_pending_invites_name_the_patient_and_leave_out_used_revoked_and_expired_ones(
    engine: Engine,
) -> None:
    ann, bob, _ = _clinic(engine)  # ann's first invite was used by pat
    soon = accounts.create_invite(_uow(engine), ann, NOW - timedelta(days=1), name=" Rae ")
    later = accounts.create_invite(_uow(engine), ann, NOW, name="Sam", email="Sam@Home.test")
    gone = accounts.create_invite(_uow(engine), ann, NOW, name="Tom")
    accounts.create_invite(_uow(engine), ann, NOW - timedelta(days=30), name="Old")
    accounts.create_invite(_uow(engine), bob, NOW, name="Bob's")
    accounts.revoke_invite(_uow(engine), ann, gone.invite.id, NOW)
    pending = accounts.pending_invites(_uow(engine), ann, NOW)
    assert [(i.id, i.name, i.email) for i in pending] == [
        (soon.invite.id, "Rae", None),
        (later.invite.id, "Sam", "sam@home.test"),
    ]
    with pytest.raises(AccountError, match="expired"):
        accounts.accept_invite(_uow(engine), gone.token, "tom@home.test", PASSWORD, None, NOW)


def test_an_invite_is_revoked_only_by_its_clinician_and_only_once(engine: Engine) -> None:
    ann, bob, _ = _clinic(engine)
    issued = accounts.create_invite(_uow(engine), ann, NOW, name="Rae")
    with pytest.raises(NotAllowed):
        accounts.revoke_invite(_uow(engine), bob, issued.invite.id, NOW)
    accounts.revoke_invite(_uow(engine), ann, issued.invite.id, NOW)
    with pytest.raises(NotAllowed):
        accounts.revoke_invite(_uow(engine), ann, issued.invite.id, NOW)
    assert not accounts.invite_is_open(_uow(engine), issued.token, NOW)


def test_a_patient_who_gives_no_name_is_called_by_the_name_on_the_invite(engine: Engine) -> None:
    ann, _, _ = _clinic(engine)
    issued = accounts.create_invite(_uow(engine), ann, NOW, name="Rae Lee")
    rae = accounts.accept_invite(_uow(engine), issued.token, "rae@home.test", PASSWORD, None, NOW)
    with _uow(engine) as uow:
        person = uow.people.get(rae.person_id or "")
    assert person is not None and person.display_name == "Rae Lee"


def test_an_invite_names_every_problem_of_its_name_and_email(engine: Engine) -> None:
    ann, _, _ = _clinic(engine)
    with pytest.raises(InvalidRecord) as refused:
        accounts.create_invite(_uow(engine), ann, NOW, name="R" * 201, email="not an address")
    assert [p.split(":")[0] for p in refused.value.problems] == ["name", "email"]
    assert accounts.pending_invites(_uow(engine), ann, NOW) == []


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


def test_a_login_session_stands_for_its_account_until_it_is_ended(engine: Engine) -> None:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    login = accounts.start_login(_uow(engine), ann, "cookie", NOW)
    assert accounts.actor_for_login(_uow(engine), login.token, "cookie", NOW) == ann
    assert accounts.actor_for_login(_uow(engine), login.token, "token", NOW) is None
    accounts.end_login(_uow(engine), login.token)
    assert accounts.actor_for_login(_uow(engine), login.token, "cookie", NOW) is None


def test_login_secrets_are_kept_only_as_hashes(engine: Engine) -> None:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    login = accounts.start_login(_uow(engine), ann, "token", NOW)
    with engine.connect() as connection:
        [stored] = connection.execute(select(LoginSessionRow.token_hash)).scalars()
    assert login.token not in stored and len(stored) == 64


def test_a_browser_login_ends_when_idle_and_at_its_absolute_limit(engine: Engine) -> None:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    idle = timedelta(minutes=rules.LOGIN_SESSION_IDLE_MINUTES.value)
    resting = accounts.start_login(_uow(engine), ann, "cookie", NOW)
    assert accounts.actor_for_login(_uow(engine), resting.token, "cookie", NOW + idle) is None
    busy = accounts.start_login(_uow(engine), ann, "cookie", NOW)
    at = NOW
    limit = NOW + timedelta(hours=rules.LOGIN_SESSION_MAX_HOURS.value)
    while at + idle / 2 < limit:
        at += idle / 2
        assert accounts.actor_for_login(_uow(engine), busy.token, "cookie", at) == ann
    assert accounts.actor_for_login(_uow(engine), busy.token, "cookie", limit) is None


def test_an_api_token_lasts_until_its_expiry_whatever_the_gaps(engine: Engine) -> None:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    token = accounts.start_login(_uow(engine), ann, "token", NOW)
    assert token.expires_at == NOW + timedelta(days=rules.API_TOKEN_VALID_DAYS.value)
    just_before = token.expires_at - timedelta(seconds=1)
    assert accounts.actor_for_login(_uow(engine), token.token, "token", just_before) == ann
    assert accounts.actor_for_login(_uow(engine), token.token, "token", token.expires_at) is None


def test_a_password_change_or_disabling_ends_every_login(engine: Engine) -> None:
    ann = accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    logins = [accounts.start_login(_uow(engine), ann, kind, NOW) for kind in ("cookie", "token")]
    accounts.change_password(_uow(engine), "ann@clinic.test", "a new long passphrase")
    assert accounts.actor_for_login(_uow(engine), logins[0].token, "cookie", NOW) is None
    assert accounts.actor_for_login(_uow(engine), logins[1].token, "token", NOW) is None
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, NOW)
    again = accounts.log_in(_uow(engine), "ann@clinic.test", "a new long passphrase", NOW)
    token = accounts.start_login(_uow(engine), again, "token", NOW)
    accounts.set_disabled(_uow(engine), "ann@clinic.test", True, NOW)
    assert accounts.actor_for_login(_uow(engine), token.token, "token", NOW) is None
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(engine), "ann@clinic.test", "a new long passphrase", NOW)
    accounts.set_disabled(_uow(engine), "ann@clinic.test", False, NOW)
    assert accounts.log_in(_uow(engine), "ann@clinic.test", "a new long passphrase", NOW) == ann


def test_no_login_outlives_its_account_even_when_the_id_is_reused(engine: Engine) -> None:
    ann, _, pat = _clinic(engine)
    login = accounts.start_login(_uow(engine), pat, "cookie", NOW)
    accounts.delete_account(_uow(engine), pat)
    token = accounts.create_invite(_uow(engine), ann, NOW).token
    newcomer = accounts.accept_invite(_uow(engine), token, "new@home.test", PASSWORD, None, NOW)
    assert accounts.actor_for_login(_uow(engine), login.token, "cookie", NOW) is None
    assert newcomer.email == "new@home.test"


def test_a_guesser_slows_only_themselves_and_never_locks_the_owner_out(engine: Engine) -> None:
    accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    guesser, owner = "203.0.113.9", "198.51.100.7"
    for _ in range(rules.LOGIN_FAILURES_ALLOWED.value):
        with pytest.raises(LoginRefused):
            accounts.log_in(_uow(engine), "ann@clinic.test", "wrong password", NOW, guesser)
    with pytest.raises(TooManyLogins):
        accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, NOW, guesser)
    assert (
        accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, NOW, owner).role == "clinician"
    )


def test_a_client_failing_for_many_emails_is_refused_for_any_email(engine: Engine) -> None:
    accounts.create_account(_uow(engine), "ann@clinic.test", PASSWORD, "clinician")
    sprayer = "203.0.113.9"
    for n in range(rules.LOGIN_CLIENT_FAILURES_ALLOWED.value):
        with pytest.raises(LoginRefused):
            accounts.log_in(_uow(engine), f"u{n}@clinic.test", "password guess", NOW, sprayer)
    with pytest.raises(TooManyLogins, match="from this address"):
        accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, NOW, sprayer)
    later = NOW + timedelta(minutes=rules.LOGIN_FAILURE_WINDOW_MINUTES.value + 1)
    assert accounts.log_in(_uow(engine), "ann@clinic.test", PASSWORD, later, sprayer).email


def test_a_failed_login_keeps_only_a_short_hash_of_whatever_email_was_sent(
    engine: Engine,
) -> None:
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(engine), "x" * 1_000_000 + "@clinic.test", PASSWORD, NOW)
    with engine.connect() as connection:
        [stored] = connection.execute(select(LoginFailureRow.email_hash)).scalars()
    assert len(stored) == 64


@pytest.mark.parametrize(
    ("email", "password", "problem"),
    [
        ("x@y", PASSWORD, "valid email"),
        ("ann@clinic.test", " " * 12, "at least 10 characters"),
        ("ann@clinic.test", "   short   ", "at least 10 characters"),
        ("ann@clinic.test", "Password123", "too common"),
        ("ann@clinic.test", "qwertyuiop", "too common"),
        ("ann@clinic.test", "abababababab", "too common"),
        ("ann@clinic.test", "ann@clinic.test", "not your email"),
        ("annabelle@clinic.test", "Annabelle", "at least 10"),
        ("annabelle1@clinic.test", "annabelle1", "not your email"),
    ],
)
def test_a_password_against_nist_guidance_is_refused(
    engine: Engine, email: str, password: str, problem: str
) -> None:
    with pytest.raises(AccountError, match=problem):
        accounts.create_account(_uow(engine), email, password, "clinician")
