"""The ``sicoach`` command: one Typer app with a sub-app per command group.

Command modules import their heavy dependencies inside the commands, so
``sicoach --help`` stays fast.
"""

from __future__ import annotations

import typer

from sicoach.cli import (
    accounts,
    check,
    documents,
    exercises,
    physicians,
    plan,
    rules,
    serve,
    session,
    start,
    tracking,
)

app = typer.Typer(
    name="sicoach",
    help="Guided stretching for sacroiliac (SI) joint pain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(exercises.app, name="exercises")
app.add_typer(physicians.app, name="physicians")
app.command("rules")(rules.show_rules)
app.command("plan")(plan.plan_command)
app.command("start")(start.start_command)
app.command("rescreen")(start.rescreen_command)
app.command("session")(session.session_command)
app.add_typer(tracking.app)
documents.register(app)
check.register(app)
app.command("serve")(serve.serve)
app.add_typer(accounts.app, name="accounts")


def run() -> None:
    """Entry point of the console script."""
    app()
