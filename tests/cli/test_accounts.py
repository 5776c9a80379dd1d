"""``sicoach accounts``: passwords come from a prompt or stdin, and changing one ends logins."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app
from sicoach.services import accounts
from sicoach.services.accounts import LoginRefused
from sicoach.settings import get_settings
from sicoach.store.accounts import AccountsUnitOfWork
from sicoach.store.db import open_database

runner = CliRunner()
PASSWORD = "correct horse battery"


def _uow() -> AccountsUnitOfWork:
    return accounts.unit_of_work(open_database(get_settings().resolved_database_url))


def _add(email: str = "ann@clinic.test", password: str = PASSWORD) -> int:
    return runner.invoke(app, ["accounts", "add", email], input=password + "\n").exit_code


def test_accounts_add_takes_no_password_on_the_command_line(data_dir: Path) -> None:
    result = runner.invoke(app, ["accounts", "add", "ann@clinic.test", "--password", PASSWORD])
    assert result.exit_code == 2
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(), "ann@clinic.test", PASSWORD)


def test_accounts_add_reads_the_password_from_stdin(data_dir: Path) -> None:
    assert _add() == 0
    assert accounts.log_in(_uow(), "ann@clinic.test", PASSWORD).role == "clinician"


def test_accounts_password_sets_a_new_one_and_ends_every_login(data_dir: Path) -> None:
    assert _add() == 0
    login = accounts.start_login(
        _uow(), accounts.log_in(_uow(), "ann@clinic.test", PASSWORD), "token"
    )
    result = runner.invoke(
        app, ["accounts", "password", "ann@clinic.test"], input="a new long passphrase\n"
    )
    assert result.exit_code == 0, result.output
    assert accounts.actor_for_login(_uow(), login.token, "token") is None
    assert accounts.log_in(_uow(), "ann@clinic.test", "a new long passphrase").role == "clinician"


def test_accounts_disable_ends_logins_and_enable_lets_the_account_back(data_dir: Path) -> None:
    assert _add() == 0
    login = accounts.start_login(
        _uow(), accounts.log_in(_uow(), "ann@clinic.test", PASSWORD), "cookie"
    )
    assert runner.invoke(app, ["accounts", "disable", "ann@clinic.test"]).exit_code == 0
    assert accounts.actor_for_login(_uow(), login.token, "cookie") is None
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(), "ann@clinic.test", PASSWORD)
    assert runner.invoke(app, ["accounts", "enable", "ann@clinic.test"]).exit_code == 0
    assert accounts.log_in(_uow(), "ann@clinic.test", PASSWORD).role == "clinician"


def test_an_unknown_email_is_named(data_dir: Path) -> None:
    result = runner.invoke(app, ["accounts", "disable", "who@x.test"])
    assert result.exit_code == 2 and "no account" in result.output


def test_accounts_secret_key_prints_a_new_good_key_each_time(data_dir: Path) -> None:
    from sicoach.web.secret_key import secret_key_problem

    keys = [runner.invoke(app, ["accounts", "secret-key"]).output.strip() for _ in range(2)]
    assert keys[0] != keys[1]
    assert [secret_key_problem(key) for key in keys] == [None, None]


def _patient_of(clinician_email: str, patient_email: str) -> str:
    ann = accounts.log_in(_uow(), clinician_email, PASSWORD)
    token = accounts.create_invite(_uow(), ann, name="Pat").token
    person = accounts.accept_invite(_uow(), token, patient_email, PASSWORD)
    assert person.person_id is not None
    return person.person_id


def test_removing_a_clinician_keeps_their_patients_and_moves_them(data_dir: Path) -> None:
    assert _add("ann@clinic.test") == 0 and _add("bob@clinic.test") == 0
    pat = _patient_of("ann@clinic.test", "pat@home.test")
    listed = runner.invoke(app, ["accounts", "list"])
    assert listed.exit_code == 0 and "ann@clinic.test" in listed.output
    result = runner.invoke(
        app, ["accounts", "remove", "ann@clinic.test", "--move-patients-to", "bob@clinic.test"]
    )
    assert result.exit_code == 0, result.output
    assert "1 patient(s) moved to bob@clinic.test" in result.output
    with pytest.raises(LoginRefused):
        accounts.log_in(_uow(), "ann@clinic.test", PASSWORD)
    bob = accounts.log_in(_uow(), "bob@clinic.test", PASSWORD)
    assert accounts.linked_people(_uow(), bob) == [pat]
    assert accounts.log_in(_uow(), "pat@home.test", PASSWORD).person_id == pat


def test_a_patient_left_without_a_clinician_can_be_moved_to_one(data_dir: Path) -> None:
    assert _add("ann@clinic.test") == 0 and _add("bob@clinic.test") == 0
    pat = _patient_of("ann@clinic.test", "pat@home.test")
    assert runner.invoke(app, ["accounts", "remove", "ann@clinic.test"]).exit_code == 0
    assert not accounts.has_clinician(_uow(), pat)
    moved = runner.invoke(app, ["accounts", "move-patient", pat, "--to", "bob@clinic.test"])
    assert moved.exit_code == 0, moved.output
    assert accounts.has_clinician(_uow(), pat)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["remove", "nobody@clinic.test"], "There is no account"),
        (["remove", "pat@home.test"], "is a patient's account"),
        (["remove", "ann@clinic.test", "--move-patients-to", "ann@clinic.test"], "another"),
        (["move-patient", "no-such-person", "--to", "ann@clinic.test"], "unknown person"),
    ],
)
def test_a_removal_that_cannot_be_done_says_why(
    data_dir: Path, args: list[str], problem: str
) -> None:
    assert _add("ann@clinic.test") == 0
    _patient_of("ann@clinic.test", "pat@home.test")
    result = runner.invoke(app, ["accounts", *args])
    assert result.exit_code == 2 and problem in result.output, result.output
