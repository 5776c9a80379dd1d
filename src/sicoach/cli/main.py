"""The ``sicoach`` command: one Typer app with a sub-app per command group.

Starting fast: ``sicoach --help`` (or no arguments) prints the list below without importing
Typer, Rich or any command; ``sicoach NAME ...`` imports only the module that defines NAME
(and the command modules import their heavy dependencies inside the commands). ``app``,
the whole command with every group, is built on first use (tests use it).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "HELP", "build", "help_text", "run"]

HELP = "Guided stretching for sacroiliac (SI) joint pain."


def _exercises(app: typer.Typer) -> None:
    from sicoach.cli import exercises

    app.add_typer(exercises.app, name="exercises")


def _physicians(app: typer.Typer) -> None:
    from sicoach.cli import physicians

    app.add_typer(physicians.app, name="physicians")


def _rules(app: typer.Typer) -> None:
    from sicoach.cli import rules

    app.command("rules")(rules.show_rules)


def _plan(app: typer.Typer) -> None:
    from sicoach.cli import plan

    app.command("plan")(plan.plan_command)


def _start(app: typer.Typer) -> None:
    from sicoach.cli import start

    app.command("start")(start.start_command)
    app.command("rescreen")(start.rescreen_command)


def _session(app: typer.Typer) -> None:
    from sicoach.cli import session

    app.command("session")(session.session_command)


def _tracking(app: typer.Typer) -> None:
    from sicoach.cli import tracking

    app.add_typer(tracking.app)


def _documents(app: typer.Typer) -> None:
    from sicoach.cli import documents

    documents.register(app)


def _check(app: typer.Typer) -> None:
    from sicoach.cli import check

    check.register(app)


def _serve(app: typer.Typer) -> None:
    from sicoach.cli import serve

    app.command("serve")(serve.serve)


def _accounts(app: typer.Typer) -> None:
    from sicoach.cli import accounts

    app.add_typer(accounts.app, name="accounts")


# Each command in the order `sicoach --help` lists it: its one-line help (the first line of
# the command's own; tests/cli/test_main.py holds them equal) and what adds it to the app.
COMMANDS: dict[str, tuple[str, Callable[[typer.Typer], None]]] = {
    "rules": (
        "List sicoach's rules and thresholds with their sources (ours = our own choice).",
        _rules,
    ),
    "plan": (
        "Your plan from your intake: stretches, dose and reasons (or where to get care first).",
        _plan,
    ),
    "start": (
        "Answer the intake questions (or give them in a file); keep them and see your plan.",
        _start,
    ),
    "rescreen": (
        "Answer the warning-sign questions again (every 4 weeks, and after a flare).",
        _start,
    ),
    "session": (
        "Today's session, guided: a big countdown and spoken cues; space pauses, n skips, q stops.",
        _session,
    ),
    "handout": (
        "Write the printable handout (PDF): dose table, a page per stretch, a four-week log.",
        _documents,
    ),
    "calendar": (
        "Write a daily reminder (iCalendar .ics) at the preferred time, for the plan's minutes.",
        _documents,
    ),
    "check": (
        "Check held stretches: which one, which side, how long, how many, and what to fix.",
        _check,
    ),
    "record": (
        "Save the pose landmarks of a video or a live camera (sicoach.landmarks/1).",
        _check,
    ),
    "serve": ("Start the web app and print its address.", _serve),
    "exercises": ("The seven SI joint stretches.", _exercises),
    "physicians": (
        "Find a physician near you, from the CMS NPPES provider file (offline by default).",
        _physicians,
    ),
    "progress": (
        "How it is going: sessions per week, pain, hold times, PSFS and ODI.",
        _tracking,
    ),
    "pain": (
        "Record a pain rating (0-10) before, during or after a session, or the next morning.",
        _tracking,
    ),
    "dose": (
        "Today's hold for each stretch (decided when your pain answers were given), and why.",
        _tracking,
    ),
    "status": (
        "Where your plan stands (no plan, referred, needs review, active, paused) and what to do.",
        _tracking,
    ),
    "log": (
        "Record a session done without the guide (from the handout), with today's dose.",
        _tracking,
    ),
    "review": (
        "Record that a clinician reviewed your plan, or cleared a referral (local mode).",
        _tracking,
    ),
    "export": (
        "Everything sicoach keeps about you, in a file you can keep or import elsewhere.",
        _tracking,
    ),
    "import": ("Read an export back into an empty database; all or nothing.", _tracking),
    "odi": ("Oswestry Disability Index v2.1a (scoring; wording only if licensed).", _tracking),
    "psfs": ("Patient-Specific Functional Scale: 3-5 activities, each 0-10.", _tracking),
    "accounts": ("Accounts for server mode (SICOACH_MODE=server).", _accounts),
}


def _group() -> None:
    """Guided stretching for sacroiliac (SI) joint pain."""


def build(names: set[str] | None = None) -> typer.Typer:
    """The ``sicoach`` Typer app with the commands ``names`` (and those defined beside
    them), or every command."""
    import typer

    app = typer.Typer(
        name="sicoach",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    # A group even when it holds one command (Typer would make a lone command the root).
    app.callback()(_group)
    added: list[Callable[[typer.Typer], None]] = []
    for name, (_, add) in COMMANDS.items():
        if (names is None or name in names) and add not in added:
            add(app)
            added.append(add)
    return app


def help_text(width: int = 80) -> str:
    """What ``sicoach --help`` prints: usage, the one option, every command's first line."""
    wide = max(len(name) for name in COMMANDS) + 2
    lines = ["Usage: sicoach [OPTIONS] COMMAND [ARGS]...", "", f"  {HELP}", "", "Options:"]
    lines += [f"  {'--help':<{wide}}Show this message and exit.", "", "Commands:"]
    for name, (summary, _) in COMMANDS.items():
        wrapped = textwrap.wrap(summary, width - wide - 2) or [""]
        lines.append(f"  {name:<{wide}}{wrapped[0]}")
        lines += [f"  {'':<{wide}}{more}" for more in wrapped[1:]]
    return "\n".join(lines)


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        whole = build()
        globals()["app"] = whole
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """Entry point of the console script."""
    arguments = sys.argv[1:]
    if arguments in ([], ["--help"]):
        sys.stdout.write(help_text() + "\n")
        if not arguments:
            sys.exit(2)  # as Typer's no_args_is_help: a command was expected
        return
    first = arguments[0]
    build({first} if first in COMMANDS else None)()
