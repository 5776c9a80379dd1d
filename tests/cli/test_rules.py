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
