"""``sicoach rules`` lists every rule with its source and whether it is sicoach's own."""

from __future__ import annotations

from typer.testing import CliRunner

from sicoach.cli.main import app
from sicoach.rules import RULES


def test_every_rule_is_listed_with_the_count_of_our_own() -> None:
    result = CliRunner().invoke(app, ["rules"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.name in result.output
    ours = sum(rule.ours for rule in RULES)
    assert f"{len(RULES)} rules; {ours} are sicoach's own choices" in result.output


def test_a_camera_check_range_reads_as_low_to_high_for_each_measure() -> None:
    result = CliRunner().invoke(app, ["rules"], env={"COLUMNS": "400"})
    line = next(x for x in result.output.splitlines() if "quadriceps_stretch_ranges" in x)
    assert "stretched: knee_flexion_{side} 85 to 175, knee_flexion_{other} 0 to 35" in line
