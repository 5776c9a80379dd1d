"""``sicoach accounts``: add server-mode accounts (clinicians, admins; patients come by invite)."""

from __future__ import annotations

import typer

from sicoach.cli.common import fail, out

__all__ = ["app"]

app = typer.Typer(help="Accounts for server mode (SICOACH_MODE=server).", no_args_is_help=True)


@app.command("add")
def add_account(
    email: str = typer.Argument(..., help="The account's email, used to log in."),
    role: str = typer.Option("clinician", "--role", help="clinician, admin or person."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="At least 10 characters."
    ),
) -> None:
    """Add an account with a password (kept only as an argon2 hash)."""
    from sicoach.services import accounts
    from sicoach.settings import get_settings
    from sicoach.store.db import open_database

    if role not in accounts.ROLES:
        fail(f"--role must be one of {', '.join(accounts.ROLES)}, not {role!r}")
    engine = open_database(get_settings().resolved_database_url)
    try:
        actor = accounts.create_account(accounts.unit_of_work(engine), email, password, role)
    except accounts.AccountError as exc:
        fail(str(exc))
    out.print(f"Added the {actor.role} account {actor.email}.")
