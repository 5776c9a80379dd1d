"""The bounds every value from outside is held to, one check per kind."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def _depth_byte_by_byte(raw: bytes) -> int:
    """The plain reading of the rule: walk every byte, skipping strings (escapes too)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _nesting(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_nesting(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_nesting(v) for v in value), default=0)
    return 0


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n\x00é'),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=4), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_JSON)
def test_json_depth_is_the_nesting_of_any_json_value(value: object) -> None:
    assert json_depth(json.dumps(value, ensure_ascii=False).encode()) == _nesting(value)


@given(st.binary(max_size=200) | st.text(alphabet='[]{}"\\a').map(str.encode))
def test_json_depth_of_any_bytes_is_the_byte_by_byte_reading(raw: bytes) -> None:
    assert json_depth(raw) == _depth_byte_by_byte(raw)
