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
