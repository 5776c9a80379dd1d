"""Spoken cues through espeak-ng, or the terminal bell when it is not installed."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from typing import IO

__all__ = ["INSTALL_HINT", "Voice"]

INSTALL_HINT = (
    "Spoken cues need espeak-ng, which is not installed "
    "(on Debian or Ubuntu: sudo apt-get install espeak-ng). "
    "The terminal bell rings at each step instead."
)
# Players that read a WAV stream on stdin, best first.
_PLAYERS = (["paplay"], ["aplay", "-q"], ["play", "-q", "-t", "wav", "-"])


# How often the voice looks whether the cue being said has ended (seconds).
_POLL_SECONDS = 0.05


class Voice:
    """Says one cue at a time without blocking, and never cuts a sentence short.

    A cue that comes while another is being said waits for it to end; a newer cue
    replaces a waiting one, so the voice is never more than one cue behind (a
    movement line such as "Bend your right knee..." is heard whole even when the
    hold starts before it ends). :meth:`hush` stops at once (skip, pause, stop).

    espeak-ng writes WAV to a pipe into the first audio player found, or plays by itself
    when there is none. All their output is thrown away: without a sound device
    espeak-ng prints ALSA errors yet exits 0, and nothing must scribble on the screen.
    """

    def __init__(self, bell: IO[str], *, quiet: bool = False) -> None:
        self._bell = bell
        self._quiet = quiet
        self._espeak = shutil.which("espeak-ng")
        self._player = next((p for p in _PLAYERS if shutil.which(p[0])), None)
        self._running: list[subprocess.Popen[bytes]] = []
        self._waiting: str | None = None
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    @property
    def available(self) -> bool:
        """Whether cues are spoken (espeak-ng found and not quiet)."""
        return self._espeak is not None and not self._quiet

    @property
    def missing(self) -> bool:
        """Whether voice was wanted but espeak-ng is not installed."""
        return self._espeak is None and not self._quiet

    def say(self, text: str) -> None:
        """Speak ``text`` (or ring the bell without espeak-ng); return at once.

        While a cue is still being said, ``text`` waits for it (replacing any cue
        already waiting).
        """
        if self._quiet:
            return
        if self._espeak is None:
            self._bell.write("\a")
            self._bell.flush()
            return
        with self._lock:
            if self._speaking():
                self._waiting = text
                if self._watcher is None or not self._watcher.is_alive():
                    self._watcher = threading.Thread(target=self._say_waiting, daemon=True)
                    self._watcher.start()
                return
            self._start(text)

    def _speaking(self) -> bool:
        return any(process.poll() is None for process in self._running)

    def _say_waiting(self) -> None:
        """Start the waiting cue as soon as the one being said ends."""
        while True:
            with self._lock:
                if self._waiting is None:
                    return
                if not self._speaking():
                    text, self._waiting = self._waiting, None
                    self._start(text)
                    return
            time.sleep(_POLL_SECONDS)

    def _start(self, text: str) -> None:
        self._reap()
        assert self._espeak is not None
        nothing = subprocess.DEVNULL
        if self._player is None:
            alone = subprocess.Popen(
                [self._espeak, text], stdin=nothing, stdout=nothing, stderr=nothing
            )
            self._running = [alone]
            return
        speaker = subprocess.Popen(
            [self._espeak, "--stdout", text], stdin=nothing, stdout=subprocess.PIPE, stderr=nothing
        )
        player = subprocess.Popen(
            self._player, stdin=speaker.stdout, stdout=nothing, stderr=nothing
        )
        assert speaker.stdout is not None
        speaker.stdout.close()
        self._running = [speaker, player]

    def finish(self, timeout: float) -> None:
        """Let the cue being said and any waiting one finish (up to ``timeout`` seconds in
        all), then stop."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._waiting is None and not self._speaking():
                    break
            time.sleep(_POLL_SECONDS)
        self.hush()

    def hush(self) -> None:
        """Stop whatever is being said, forget any waiting cue, and reap the processes."""
        with self._lock:
            self._waiting = None
            for process in self._running:
                if process.poll() is None:
                    process.terminate()
            self._reap()

    def _reap(self) -> None:
        for process in self._running:
            process.wait()
        self._running = []
