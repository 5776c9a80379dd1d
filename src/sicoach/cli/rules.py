"""``sicoach rules``: every rule sicoach applies that is not a number in the seed."""

from __future__ import annotations

from rich.table import Table

from sicoach.cli.common import out


def show_rules() -> None:
    """List sicoach's rules and thresholds with their sources (ours = our own choice)."""
    from sicoach.rules import RULES

    table = Table(title="sicoach's rules (sicoach/rules.py)", show_lines=True)
    for column in ("rule", "value", "meaning", "source", "ours"):
        table.add_column(column)
    for rule in RULES:
        table.add_row(
            rule.name, str(rule.value), rule.meaning, rule.source, "yes" if rule.ours else ""
        )
    out.print(table)
