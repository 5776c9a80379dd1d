"""What every command shares: the consoles and how a command fails."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

__all__ = ["USAGE_ERROR", "err", "fail", "out"]

USAGE_ERROR = 2

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, *, code: int = USAGE_ERROR) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code`` (2: the input was wrong)."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)
