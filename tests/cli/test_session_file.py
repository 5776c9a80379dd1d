"""Session records saved as JSON files, exactly the model, all or nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sicoach.cli.session_file import save_session_record, sessions_dir
from sicoach.session.script_model import Phase, SessionRecord, StepOutcome, StepResult

RECORD = SessionRecord(
    id="20261125T090000Z-abc",
    started_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
    ended_at=datetime(2026, 11, 25, 9, 1, tzinfo=UTC),
    completed=False,
    steps=[
        StepResult(
            index=0,
            exercise="press-up-stretch",
            side="both",
            rep=1,
            phase=Phase.HOLD,
            planned_seconds=5,
            actual_seconds=2.5,
            outcome=StepOutcome.SKIPPED,
        )
    ],
    pain_during=3,
)


def test_the_file_is_exactly_the_records_json(data_dir: Path) -> None:
    path = save_session_record(RECORD)
    assert path == sessions_dir() / "20261125T090000Z-abc.json"
    assert path.parent == data_dir / "sessions"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == RECORD.model_dump(mode="json", by_alias=True)
    assert SessionRecord.model_validate(data) == RECORD


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        save_session_record(RECORD, tmp_path)
    assert list(tmp_path.iterdir()) == []
