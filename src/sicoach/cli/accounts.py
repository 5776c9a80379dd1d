"""``sicoach accounts``: server-mode accounts (clinicians, admins; patients come by invite).

Passwords are never taken on the command line (shell history and the process list
would keep them): they are asked for at a terminal, or read as one line from stdin.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from sicoach.cli.common import fail, out

if TYPE_CHECKING:
    from sicoach.store.accounts import AccountsUnitOfWork

__all__ = ["app", "read_password"]

app = typer.Typer(help="Accounts for server mode (SICOACH_MODE=server).", no_args_is_help=True)


def read_password() -> str:
    """The new password: asked twice, hidden, at a terminal; else the first line of stdin."""
    if sys.stdin.isatty():
        password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


def _accounts_uow() -> AccountsUnitOfWork:
    from sicoach.services import accounts
    from sicoach.settings import get_settings
    from sicoach.store.db import open_database

    return accounts.unit_of_work(open_database(get_settings().resolved_database_url))


@app.command("add")
def add_account(
    email: str = typer.Argument(..., help="The account's email, used to log in."),
    role: str = typer.Option("clinician", "--role", help="clinician, admin or person."),
    name: str | None = typer.Option(
        None, "--name", help="The name patients see on an invite, e.g. 'Dr Ann Lee'."
    ),
) -> None:
    """Add an account; the password (at least 10 characters) is asked for, or read from stdin."""
    from sicoach.services import accounts

    if role not in accounts.ROLES:
        fail(f"--role must be one of {', '.join(accounts.ROLES)}, not {role!r}")
    password = read_password()
    try:
        actor = accounts.create_account(_accounts_uow(), email, password, role, name)
    except accounts.AccountError as exc:
        fail(str(exc))
    out.print(f"Added the {actor.role} account {actor.email}.")


@app.command("password")
def change_password(
    email: str = typer.Argument(..., help="The account's email."),
) -> None:
    """Set a new password (asked for, or read from stdin); every login of the account ends."""
    from sicoach.services import accounts

    password = read_password()
    try:
        accounts.change_password(_accounts_uow(), email, password)
    except accounts.AccountError as exc:
        fail(str(exc))
    out.print(f"Changed the password of {email.strip().lower()}; its logins have ended.")


@app.command("disable")
def disable_account(email: str = typer.Argument(..., help="The account's email.")) -> None:
    """Stop an account from logging in; its logins and API tokens end at once."""
    from sicoach.services import accounts

    try:
        accounts.set_disabled(_accounts_uow(), email, True)
    except accounts.AccountError as exc:
        fail(str(exc))
    out.print(f"Disabled {email.strip().lower()}.")


@app.command("enable")
def enable_account(email: str = typer.Argument(..., help="The account's email.")) -> None:
    """Let a disabled account log in again."""
    from sicoach.services import accounts

    try:
        accounts.set_disabled(_accounts_uow(), email, False)
    except accounts.AccountError as exc:
        fail(str(exc))
    out.print(f"Enabled {email.strip().lower()}.")


@app.command("list")
def list_staff() -> None:
    """The clinician and admin accounts, with how many patients each one has."""
    from rich.table import Table

    from sicoach.services import staff

    table = Table(show_header=True)
    for column in ("email", "name", "role", "can log in", "patients"):
        table.add_column(column, justify="right" if column == "patients" else "left")
    for member in staff.staff(_accounts_uow()):
        table.add_row(
            member.email,
            member.name or "",
            member.role,
            "no (disabled)" if member.disabled else "yes",
            str(member.patients),
        )
    out.print(table)


@app.command("remove")
def remove_account(
    email: str = typer.Argument(..., help="The clinician's email."),
    move_to: str | None = typer.Option(
        None, "--move-patients-to", help="Another clinician's email: they see the patients."
    ),
) -> None:
    """Remove a clinician's account; their patients and all their data are kept."""
    from sicoach.services import accounts, staff

    try:
        moved = staff.remove_clinician(_accounts_uow(), email, move_to=move_to)
    except accounts.AccountError as exc:
        fail(str(exc))
    where = f"; {moved} patient(s) moved to {move_to.strip().lower()}" if move_to else ""
    out.print(f"Removed {email.strip().lower()}{where}.")
    if not move_to:
        out.print("Their patients are kept; move them with `sicoach accounts move-patient`.")


@app.command("move-patient")
def move_patient(
    person: str = typer.Argument(..., help="The patient's id (shown on their page)."),
    to: str = typer.Option(..., "--to", help="The email of the clinician who takes them."),
) -> None:
    """Give a patient to another clinician (instead of any they had)."""
    from sicoach.services import accounts, staff
    from sicoach.services.errors import UnknownPerson

    try:
        staff.move_patient(_accounts_uow(), person, to)
    except (accounts.AccountError, UnknownPerson) as exc:
        fail(str(exc))
    out.print(f"{to.strip().lower()} now sees patient {person}.")


@app.command("secret-key")
def print_secret_key() -> None:
    """Print a new random key for SICOACH_SECRET_KEY (48 random bytes)."""
    from sicoach.web.secret_key import new_secret_key

    out.print(new_secret_key(), soft_wrap=True)
