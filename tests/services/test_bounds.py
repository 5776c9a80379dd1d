"""The bounds every value from outside is held to, one check per kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sicoach.services.bounds import MAX_DEPTH, json_depth, value_problems

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), "out of range"),
        (datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))), "out of range"),
        (datetime(1999, 12, 31, tzinfo=UTC), "before 2000-01-01"),
        (NOW + timedelta(hours=25), "in the future"),
        (2**31, "whole number"),
        (-(2**31) - 1, "whole number"),
        ("a\x00b", "NUL"),
        ("x" * 20_001, "longer than"),
        ({"a\x00": 1}, "NUL"),
    ],
)
def test_a_value_out_of_bounds_is_named(value: object, problem: str) -> None:
    [found] = value_problems({"field": value}, NOW)
    assert found.startswith("field") and problem in found


@pytest.mark.parametrize(
    "value", [NOW, NOW + timedelta(hours=23), datetime(2000, 1, 1, tzinfo=UTC), 2**31 - 1, True]
)
def test_a_value_within_bounds_passes(value: object) -> None:
    assert value_problems({"field": [value]}, NOW) == []


def test_nesting_deeper_than_the_limit_is_named_once_without_recursing() -> None:
    value: object = 1
    for _ in range(5000):
        value = [value]
    assert value_problems(value, NOW) == [
        f"{'.'.join(['0'] * (MAX_DEPTH + 1))}: nested more than {MAX_DEPTH} levels deep"
    ]


def test_json_depth_skips_brackets_inside_strings() -> None:
    assert json_depth(b'{"a": ["[[[", {"b": "\\"]]]"}]}') == 3
