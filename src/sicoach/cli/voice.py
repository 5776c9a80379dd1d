"""Spoken cues through espeak-ng, or the terminal bell when it is not installed."""

from __future__ import annotations

import shutil
import subprocess
from typing import IO

__all__ = ["INSTALL_HINT", "Voice"]

INSTALL_HINT = (
    "Spoken cues need espeak-ng, which is not installed "
    "(on Debian or Ubuntu: sudo apt-get install espeak-ng). "
    "The terminal bell rings at each step instead."
)
# Players that read a WAV stream on stdin, best first.
_PLAYERS = (["paplay"], ["aplay", "-q"], ["play", "-q", "-t", "wav", "-"])


class Voice:
    """Says one cue at a time without blocking; a new cue cuts the old one short.

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

    @property
    def available(self) -> bool:
        """Whether cues are spoken (espeak-ng found and not quiet)."""
        return self._espeak is not None and not self._quiet

    @property
    def missing(self) -> bool:
        """Whether voice was wanted but espeak-ng is not installed."""
        return self._espeak is None and not self._quiet

    def say(self, text: str) -> None:
        """Speak ``text`` (or ring the bell without espeak-ng); return at once."""
        if self._quiet:
            return
        if self._espeak is None:
            self._bell.write("\a")
            self._bell.flush()
            return
        self.hush()
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
        """Let the last cue finish (up to ``timeout`` seconds), then stop it."""
        for process in self._running:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                break
        self.hush()

    def hush(self) -> None:
        """Stop whatever is being said and reap the processes."""
        for process in self._running:
            if process.poll() is None:
                process.terminate()
            process.wait()
        self._running = []
