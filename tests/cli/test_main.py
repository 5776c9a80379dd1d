"""The ``sicoach`` command starts fast: its help and each command without the others."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from sicoach.cli import main


def _commands(app: typer.Typer) -> dict[str, str]:
    group = typer.main.get_group(app)
    context = typer.Context(group)
    found = {}
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        found[name] = command.get_short_help_str(limit=200)
    return found


def test_the_quick_help_lists_every_command_with_its_own_first_line() -> None:
    real = _commands(main.build())
    assert list(real) == list(main.COMMANDS)
    assert real == {name: summary for name, (summary, _) in main.COMMANDS.items()}


@pytest.mark.parametrize("name", list(main.COMMANDS))
def test_each_command_is_there_when_only_it_is_loaded(name: str) -> None:
    assert name in _commands(main.build({name}))


def _start(*arguments: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from sicoach.cli.main import run\n"
        "try:\n    run()\nfinally:\n"
        "    print('loaded:', sorted(m for m in sys.modules if m.split('.')[0] in "
        "('typer', 'rich', 'pydantic', 'sqlalchemy') or m.startswith('sicoach.cli.')))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=False
    )


def test_help_loads_no_command_and_no_library() -> None:
    started = _start("--help")
    assert started.returncode == 0
    assert "Usage: sicoach [OPTIONS] COMMAND [ARGS]..." in started.stdout
    assert "exercises" in started.stdout and "accounts" in started.stdout
    assert "loaded: ['sicoach.cli.main']" in started.stdout


def test_no_arguments_shows_the_help_and_asks_for_a_command() -> None:
    started = _start()
    assert started.returncode == 2 and "Commands:" in started.stdout


def test_a_command_loads_only_its_own_module() -> None:
    started = _start("exercises", "list")
    assert started.returncode == 0, started.stderr
    assert "'sicoach.cli.exercises'" in started.stdout
    for other in ("accounts", "physicians", "check", "tracking", "session"):
        assert f"'sicoach.cli.{other}'" not in started.stdout


def test_an_unknown_command_is_refused_by_name() -> None:
    started = _start("nope")
    assert started.returncode == 2 and "No such command 'nope'" in started.stderr
