"""``sicoach exercises``: list, show and export."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sicoach.catalog import default_catalog
from sicoach.cli.main import app

runner = CliRunner()


def test_list_shows_every_stretch_with_its_dose() -> None:
    result = runner.invoke(app, ["exercises", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("Seated hamstring stretch", "Press-up stretch", "Pelvic rotation stretch"):
        assert name in result.output
    assert "start at 5 seconds, build up to 15 to 30 seconds" in result.output
    assert "no set number" in result.output


@pytest.mark.parametrize("columns", ["80", "100"])
def test_list_shows_every_id_whole_in_a_narrow_terminal(columns: str) -> None:
    result = runner.invoke(app, ["exercises", "list"], env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= int(columns)
    for exercise in default_catalog().exercises:  # the ids that show and figure take
        assert f"│ {exercise.id} " in result.output


def test_show_prints_steps_cues_cautions_and_dose() -> None:
    result = runner.invoke(app, ["exercises", "show", "press-up-stretch"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1. Lie on your stomach." in result.output
    assert "Keep your shoulders relaxed, down and away from your ears." in result.output
    assert "Advanced press-up" in result.output
    assert "5–10 per session" in result.output
    assert "doctor before you start new stretches" in result.output


def test_export_prints_contract_one_json() -> None:
    result = runner.invoke(app, ["exercises", "export", "--format", "json"])
    assert result.exit_code == 0
    exported = json.loads(result.stdout)
    assert exported["schema"] == "sicoach.catalog/1"
    assert [e["id"] for e in exported["exercises"]][:2] == [
        "hamstring-stretch",
        "quadriceps-stretch",
    ]


def test_unknown_id_exits_2_and_names_the_closest_ids() -> None:
    result = runner.invoke(app, ["exercises", "show", "press-up"])
    assert result.exit_code == 2
    assert "unknown exercise 'press-up'" in result.stderr
    assert "press-up-stretch" in result.stderr
