"""Single key presses from the terminal, read in a background thread."""

from __future__ import annotations

import os
import select
import sys
import termios
import threading
import tty
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = ["KeyReader"]


class KeyReader:
    """While open, puts the terminal in cbreak mode and hands each key to ``on_key``.

    Ctrl-C still raises SIGINT in cbreak mode. Outside a terminal (input from a pipe
    or file) it reads nothing and leaves stdin alone. When the terminal goes away (its
    window closed: reads fail with EIO or end), it calls ``on_lost`` once and stops.
    """

    def __init__(
        self, on_key: Callable[[str], None], on_lost: Callable[[], None] | None = None
    ) -> None:
        self._on_key = on_key
        self._on_lost = on_lost
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved: list[Any] | None = None
        self._fd = sys.stdin.fileno() if sys.stdin.isatty() else None

    def __enter__(self) -> KeyReader:
        if self._fd is not None:
            self._saved = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd)
            self._thread = threading.Thread(target=self._read, name="keys", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
        if self._fd is not None and self._saved is not None:
            try:
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            except (termios.error, OSError):
                pass  # the terminal is gone: there is no mode left to restore

    def _read(self) -> None:
        assert self._fd is not None
        while not self._stop.is_set():
            ready, _, _ = select.select([self._fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self._fd, 32)
                except OSError:  # EIO: the terminal went away
                    data = b""
                if not data:
                    if self._on_lost is not None:
                        self._on_lost()
                    return
                for key in data.decode(errors="ignore"):
                    self._on_key(key)
