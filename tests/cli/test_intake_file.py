"""Intake files: YAML or JSON in, YAML out, written all or nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sicoach.cli.intake_file import read_intake, write_intake
from sicoach.program.intake import IntakeError
from tests.intake_factory import intake_data, make_intake


def test_a_written_intake_reads_back_the_same(tmp_path: Path) -> None:
    intake = make_intake({"schema": "sicoach.intake/2", "preferred_time": "18:15"})
    path = tmp_path / "deep" / "intake.yaml"
    write_intake(path, intake)
    assert read_intake(path) == intake
    assert [p.name for p in path.parent.iterdir()] == ["intake.yaml"]


def test_json_is_read_by_extension_or_content(tmp_path: Path) -> None:
    for name in ("intake.json", "intake.txt"):
        path = tmp_path / name
        path.write_text(json.dumps(intake_data()))
        assert read_intake(path).age == 42


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text('{\n  "age": 4,\n}')
    with pytest.raises(IntakeError) as caught:
        read_intake(path)
    assert caught.value.problems[0].startswith("line 3: not valid JSON")


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "intake.yaml"
    path.write_text("old answers\n")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_intake(path, make_intake())
    assert path.read_text() == "old answers\n"
    assert [p.name for p in tmp_path.iterdir()] == ["intake.yaml"]


@pytest.mark.parametrize("depth", [600, 5000])
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_an_intake_nested_far_too_deep_is_a_problem_not_a_crash(
    tmp_path: Path, depth: int, suffix: str
) -> None:
    path = tmp_path / f"deep{suffix}"
    text = (
        '{"a": ' * depth + "1" + "}" * depth
        if suffix == ".json"
        else "a: " + "[" * depth + "]" * depth
    )
    path.write_text(text)
    with pytest.raises(IntakeError, match="nested far too deep"):
        read_intake(path)
