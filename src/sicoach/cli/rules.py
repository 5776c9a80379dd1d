"""``sicoach rules``: every rule sicoach applies that is not a number in the seed."""

from __future__ import annotations

from rich.table import Table

from sicoach.cli.common import out


def _shown(value: object) -> str:
    if isinstance(value, dict) and all(_is_ranges(item) for item in value.values()):
        return "; ".join(f"{key}: {_ranges(item)}" for key, item in value.items())
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_shown(item)}" for key, item in value.items())
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(str(item) for item in value)
    return str(value)


def _is_ranges(item: object) -> bool:
    return isinstance(item, tuple) and all(isinstance(ranges, dict) for ranges in item)


def _ranges(alternatives: tuple[dict[str, tuple[float, ...]], ...]) -> str:
    """A camera check's range sets as people read them: ``knee 0 to 35, lean 9 to 65 or ...``."""
    return " or ".join(
        ", ".join(f"{name} {bounds[0]:g} to {bounds[1]:g}" for name, bounds in ranges.items())
        for ranges in alternatives
    )


def show_rules() -> None:
    """List sicoach's rules and thresholds with their sources (ours = our own choice)."""
    from sicoach.rules import RULES

    table = Table(title="sicoach's rules (src/sicoach/rules.py)", show_lines=True)
    table.add_column("rule", overflow="fold")
    table.add_column("value", overflow="fold")
    table.add_column("meaning")
    table.add_column("source")
    table.add_column("ours", width=4, no_wrap=True)
    for rule in RULES:
        table.add_row(
            rule.name, _shown(rule.value), rule.meaning, rule.source, "yes" if rule.ours else ""
        )
    out.print(table)
    ours = sum(rule.ours for rule in RULES)
    out.print(f"{len(RULES)} rules; {ours} are sicoach's own choices where the sources are silent.")
