"""Spoken cues: espeak-ng when present (its output thrown away), the bell when not."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from sicoach.cli.voice import Voice


def _fake_program(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_without_espeak_ng_the_bell_rings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    bell = io.StringIO()
    voice = Voice(bell)
    assert voice.missing and not voice.available
    voice.say("Hold.")
    assert bell.getvalue() == "\a"


def test_quiet_says_nothing_and_rings_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    bell = io.StringIO()
    voice = Voice(bell, quiet=True)
    voice.say("Hold.")
    assert bell.getvalue() == "" and not voice.missing


def test_espeak_ng_speaks_the_cue_and_its_noise_is_thrown_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    _fake_program(
        tmp_path, "espeak-ng", f'echo "$@" >> {said}; echo "ALSA lib: cannot find card" >&2'
    )
    monkeypatch.setenv("PATH", str(tmp_path))
    bell = io.StringIO()
    voice = Voice(bell)
    assert voice.available
    voice.say("Hold. Keep the other leg straight.")
    voice.finish(timeout=5)
    assert said.read_text(encoding="utf-8") == "Hold. Keep the other leg straight.\n"
    assert bell.getvalue() == ""


def test_with_a_player_espeak_ng_pipes_its_sound_into_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = tmp_path / "heard.bin"
    _fake_program(tmp_path, "espeak-ng", 'echo "RIFF:$2"')
    _fake_program(tmp_path, "aplay", f"/bin/cat > {heard}")
    monkeypatch.setenv("PATH", str(tmp_path))
    voice = Voice(io.StringIO())
    voice.say("And release.")
    voice.finish(timeout=5)
    assert heard.read_text(encoding="utf-8") == "RIFF:And release.\n"


def test_a_cue_waits_for_the_sentence_being_said_and_only_the_newest_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    # A slow speaker: each cue takes a moment to say, then is written down whole.
    _fake_program(tmp_path, "espeak-ng", f'/bin/sleep 0.3; echo "$@" >> {said}')
    monkeypatch.setenv("PATH", str(tmp_path))
    voice = Voice(io.StringIO())
    voice.say("Switch to the right side. Bend your right knee.")
    voice.say("Hold. Keep a hand on the wall.")  # waits, then is replaced by the next
    voice.say("Let go of the foot.")
    voice.finish(timeout=5)
    assert said.read_text(encoding="utf-8").splitlines() == [
        "Switch to the right side. Bend your right knee.",
        "Let go of the foot.",
    ]


def test_hush_stops_at_once_and_forgets_the_waiting_cue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    _fake_program(tmp_path, "espeak-ng", f'/bin/sleep 2; echo "$@" >> {said}')
    monkeypatch.setenv("PATH", str(tmp_path))
    voice = Voice(io.StringIO())
    voice.say("A long sentence.")
    voice.say("The next one.")
    voice.hush()
    voice.finish(timeout=1)
    assert not said.exists()
