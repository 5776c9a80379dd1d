"""``sicoach session``: contract 8 JSON, the refusals, and a real session in a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sicoach.catalog import default_catalog
from sicoach.cli import store_access
from sicoach.cli.intake_file import read_intake
from sicoach.cli.main import app
from sicoach.program.plan import build_plan
from sicoach.session.script import build_script
from sicoach.session.script_model import SessionRecord
from tests import history

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
SRC = Path(__file__).resolve().parents[2] / "src"
WIDE = {"COLUMNS": "200"}


def _session(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["session", *args], env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def test_script_json_is_contract_8_for_the_intakes_plan() -> None:
    intake = EXAMPLES / "stiff-joint.yaml"
    code, stdout, _ = _session("--intake", str(intake), "--script", "--format", "json")
    assert code == 0
    script = json.loads(stdout)
    assert set(script) == {"schema", "total_seconds", "steps"}
    assert script["schema"] == "sicoach.script/1"
    catalog = default_catalog()
    expected = build_script(build_plan(read_intake(intake), catalog), catalog)
    assert script == expected.to_json_dict()
    assert {p for s in script["steps"] for p in s} == {
        "exercise", "side", "rep", "phase", "seconds", "cue"
    }  # fmt: skip


def test_script_as_text_lists_every_step(data_dir: Path) -> None:
    code, stdout, _ = _session("--intake", str(EXAMPLES / "typical.yaml"), "--script")
    assert code == 0
    assert "Switch to the right side." in stdout
    assert "in all" in stdout


def test_the_current_intake_is_used_without_intake(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    answers = yaml.safe_load((EXAMPLES / "typical.yaml").read_text(encoding="utf-8"))
    (data_dir / "intake.yaml").write_text(yaml.safe_dump({**answers, "equipment": []}))
    code, stdout, _ = _session("--script", "--format", "json")
    assert code == 0
    script = json.loads(stdout)
    assert script["schema"] == "sicoach.script/1"
    # No chairs and no wall: adductor 44 s, knee to chest 135 s, press-up 70 s, two rests.
    stretches = [s["exercise"] for s in script["steps"] if s["phase"] == "get-ready"]
    assert stretches == ["hip-adductor-stretch", "knee-to-chest-isometric", "press-up-stretch"]
    assert script["total_seconds"] == 44 + 135 + 70 + 2 * 15


def test_without_any_intake_it_says_how_to_make_one(data_dir: Path) -> None:
    code, _, stderr = _session("--script", "--format", "json")
    assert code == 2
    assert "sicoach start" in stderr and "--intake" in stderr


def test_a_red_flag_gives_no_session_but_the_referral(data_dir: Path) -> None:
    code, stdout, stderr = _session("--intake", str(EXAMPLES / "red-flag.yaml"))
    assert code == 2
    assert stdout == ""
    assert "EMERGENCY" in stderr and "no session" in stderr


def test_a_bad_speed_is_refused(data_dir: Path) -> None:
    code, _, stderr = _session("--intake", str(EXAMPLES / "typical.yaml"), "--speed", "0")
    assert code == 2
    assert "--speed" in stderr


class Terminal:
    """``sicoach session`` in a real pseudo-terminal, 100 columns by 30 rows."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "SICOACH_DATA_DIR": str(data_dir),
            "COLUMNS": "100",
            "LINES": "30",
            "TERM": "xterm-256color",
        }
        command = [
            sys.executable,
            "-c",
            "from sicoach.cli.main import run; run()",
            "session",
            *args,
        ]
        self.main, child = pty.openpty()
        self.process = subprocess.Popen(
            command, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)
        self.screen = b""

    def read_until(self, text: bytes, timeout: float) -> None:
        end = time.monotonic() + timeout
        while text not in self.screen:
            left = end - time.monotonic()
            assert left > 0, f"{text!r} never came; the screen ended with {self.screen[-600:]!r}"
            ready, _, _ = select.select([self.main], [], [], min(left, 0.2))
            if ready:
                try:
                    self.screen += os.read(self.main, 65536)
                except OSError:
                    break

    def keep_reading(self, seconds: float) -> None:
        """Read the screen for ``seconds``: a terminal nobody reads stops its program."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.main], [], [], left)
            if ready:
                self.screen += os.read(self.main, 65536)

    def type(self, text: str) -> None:
        os.write(self.main, text.encode())

    def finish(self, timeout: float = 20) -> int:
        self.read_until(b"Saved ", timeout)
        code = self.process.wait(timeout=timeout)
        os.close(self.main)
        return code


def _saved(data_dir: Path) -> tuple[SessionRecord, dict[str, int]]:
    """The one session the database holds (through `sicoach export`), and its pain by kind."""
    store_access.store.cache_clear()
    try:
        result = runner.invoke(app, ["export", "--format", "json"], env=WIDE)
    finally:
        store_access.store().engine.dispose()
        store_access.store.cache_clear()
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["sessions"]) == 1
    session = document["sessions"][0]
    record = SessionRecord.model_validate(
        {key: value for key, value in session.items() if key != "plan_version"}
    )
    pain = {r["kind"]: r["value"] for r in document["pain_ratings"] if r["session_id"] == record.id}
    return record, pain


def _pain_answers(terminal: Terminal, during: str, now: str) -> None:
    terminal.read_until(b"Worst pain during the session", 60)
    terminal.type(f"{during}\r")
    terminal.read_until(b"Pain now", 10)
    terminal.type(f"{now}\r")


@pytest.mark.slow
def test_a_whole_session_plays_in_a_terminal_and_is_saved(data_dir: Path) -> None:
    terminal = Terminal(
        data_dir, "--intake", str(EXAMPLES / "typical.yaml"), "--speed", "200", "--quiet"
    )
    terminal.read_until(b"Pain right now, before you start", 15)
    terminal.type("4\r")
    terminal.read_until(b"Standing quadriceps stretch", 10)
    terminal.read_until(b"rep 1 of 2", 10)
    _pain_answers(terminal, during="12\r3", now="2")
    assert terminal.finish() == 0
    assert b"not a whole number from 0 to 10" in terminal.screen
    record, pain = _saved(data_dir)
    assert record.completed
    assert pain == {"before": 4, "during": 3, "after": 2}
    assert {s.outcome.value for s in record.steps} == {"completed"}
    catalog = default_catalog()
    script = build_script(build_plan(read_intake(EXAMPLES / "typical.yaml"), catalog), catalog)
    assert [s.planned_seconds for s in record.steps] == [s.seconds for s in script.steps]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["q", "ctrl-c"])
def test_stopping_early_saves_a_partial_session(data_dir: Path, how: str) -> None:
    terminal = Terminal(
        data_dir, "--intake", str(EXAMPLES / "typical.yaml"), "--speed", "20", "--quiet"
    )
    terminal.read_until(b"Pain right now, before you start", 15)
    terminal.type("\r")
    terminal.read_until(b"Please rate your pain before you start", 5)
    terminal.type("3\r")
    terminal.read_until(b"rep 1 of 2", 10)
    terminal.keep_reading(1.0)
    if how == "q":
        terminal.type("q")
    else:
        os.killpg(terminal.process.pid, signal.SIGINT)
    _pain_answers(terminal, during="5", now="")
    assert terminal.finish() == 0
    record, pain = _saved(data_dir)
    assert not record.completed
    assert pain == {"before": 3, "during": 5}
    outcomes = [s.outcome.value for s in record.steps]
    assert outcomes[0] == "completed"
    assert "skipped" in outcomes and outcomes[-1] == "not-reached"


@pytest.mark.slow
def test_without_espeak_ng_the_session_says_how_to_install_it_and_rings_the_bell(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nothing_installed = tmp_path / "bin"
    nothing_installed.mkdir()
    monkeypatch.setenv("PATH", str(nothing_installed))
    terminal = Terminal(data_dir, "--intake", str(EXAMPLES / "typical.yaml"), "--speed", "20")
    terminal.read_until(b"Pain right now, before you start", 15)
    terminal.type("3\r")
    terminal.read_until(b"rep 1 of 2", 10)
    terminal.keep_reading(1.0)
    terminal.type("q")
    _pain_answers(terminal, during="3", now="")
    assert terminal.finish() == 0
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.screen.decode(errors="replace"))
    said = " ".join(plain.split())
    assert "Spoken cues need espeak-ng" in said
    assert "sudo apt-get install espeak-ng" in said
    assert "\a" in said, "the bell rings instead of the voice"


def test_without_intake_it_plays_the_stored_plan_with_a_clinicians_change(data_dir: Path) -> None:

    data_dir.mkdir(parents=True)
    shutil.copy(EXAMPLES / "typical.yaml", data_dir / "intake.yaml")
    code, stdout, _ = _session("--script", "--format", "json")
    assert code == 0
    catalog = default_catalog()
    from_intake = build_plan(read_intake(EXAMPLES / "typical.yaml"), catalog)
    assert json.loads(stdout) == build_script(from_intake, catalog).to_json_dict()

    person_id = store_access.person_id(None, create=True)
    assert person_id is not None
    longer = [e.model_copy(update={"hold_seconds": 25}) for e in from_intake.exercises]
    history.keep_plan(
        store_access.store().unit_of_work(),
        person_id,
        from_intake.model_copy(update={"exercises": longer}),
        changed_by="Dr Who",
        reason="longer holds",
    )
    code, stdout, _ = _session("--script", "--format", "json")
    assert code == 0
    holds = {s["seconds"] for s in json.loads(stdout)["steps"] if s["phase"] == "hold"}
    assert holds == {25}


@pytest.mark.slow
def test_a_closed_terminal_saves_a_partial_session(data_dir: Path) -> None:
    """Issue 13, finding 6: writing to a terminal that went away raised EIO and lost it all."""
    terminal = Terminal(
        data_dir, "--intake", str(EXAMPLES / "typical.yaml"), "--speed", "20", "--quiet"
    )
    terminal.read_until(b"before you start", 15)
    terminal.type("3\r")
    terminal.read_until(b"rep 1 of 2", 10)
    terminal.keep_reading(1.0)
    os.close(terminal.main)  # the window is closed: every read and write now fails (EIO)
    try:
        terminal.process.wait(timeout=30)
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
            terminal.process.wait()
    record, pain = _saved(data_dir)
    assert not record.completed
    assert pain == {"before": 3}
    assert record.steps[0].outcome.value == "completed"
    assert record.steps[-1].outcome.value == "not-reached"


def test_the_help_names_the_camera_extra_in_brackets() -> None:
    result = runner.invoke(app, ["session", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(needs sicoach[camera])" in result.output
