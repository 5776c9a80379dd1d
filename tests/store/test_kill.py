"""A process killed with SIGKILL while recording keeps every confirmed session, whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sicoach.services import people
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_mid_recording_keeps_every_confirmed_session_and_no_half_record(
    engine: Engine,
) -> None:
    uow = SqlAlchemyUnitOfWork(engine)
    person = people.local_person(uow)
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store.recorder",
            engine.url.render_as_string(False),
            person.id,
            "100000",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    confirmed: list[str] = []
    deadline = time.monotonic() + 60
    while len(confirmed) < 25 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        confirmed.append(line.split()[1])
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    assert len(confirmed) == 25, "the recorder never got going"

    with uow:
        kept = uow.sessions.history(person.id)
        pain = uow.pain.history(person.id)
    kept_ids = [s.record.id for s in kept]
    assert kept_ids[: len(confirmed)] == confirmed
    assert len(kept_ids) in (len(confirmed), len(confirmed) + 1)  # at most one past the last line
    assert all(len(s.record.steps) == 120 for s in kept)
    assert {r.session_id for r in pain} == set(kept_ids)
