"""Bounds on every value that comes in from outside, one check per kind, for every door.

The web forms, the JSON API and the command-line importers all pass what they read
through :func:`value_problems` before anything is kept, so the same limits hold
everywhere and a bad value is named instead of breaking a page later:

- a moment in time lies between ``rules.EARLIEST_RECORD_DATE`` and
  ``rules.LATEST_RECORD_HOURS_AHEAD`` from now, and converts to UTC (year 1 or 9999
  with an offset does not, and a session dated 9999-12-31 broke the clinician's list);
- an integer fits the smallest integer column (32 bits, PostgreSQL's ``integer``);
- a text has no NUL character (PostgreSQL refuses it) and at most ``MAX_TEXT``
  characters;
- nesting is at most ``MAX_DEPTH`` levels deep.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel

from sicoach import rules

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "MAX_DEPTH",
    "MAX_TEXT",
    "json_depth",
    "moment_problem",
    "value_problems",
]

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
MAX_TEXT = 20_000
MAX_DEPTH = 32


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))


def json_depth(raw: bytes) -> int:
    """How deeply the arrays and objects in a JSON text nest (strings are skipped).

    Whole strings are cut out first and whatever follows a string left open is inside it,
    so only the brackets are walked in Python (a 24 KB session took 3 ms byte by byte).
    """
    outside = _JSON_STRING.sub(b"", raw)
    brackets = outside.split(b'"', 1)[0].translate(None, _NOT_BRACKET)
    depth = deepest = 0
    for byte in brackets:
        if byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        else:  # ] }
            depth -= 1
    return deepest


def moment_problem(value: datetime, now: datetime) -> str | None:
    """Why ``value`` is not a believable moment for a record made at ``now``, or None."""
    try:
        moment = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return f"{value.isoformat()} is out of range"
    earliest = datetime.combine(rules.EARLIEST_RECORD_DATE.value, time(), UTC)
    if moment < earliest:
        return f"{value.isoformat()} is before {rules.EARLIEST_RECORD_DATE.value.isoformat()}"
    if moment > now + timedelta(hours=rules.LATEST_RECORD_HOURS_AHEAD.value):
        return f"{value.isoformat()} is in the future"
    return None


def _children(value: object) -> list[tuple[str, object]]:
    """The values inside a model, mapping (its keys too) or list, each with its name."""
    children: list[tuple[str, object]] = []
    if isinstance(value, BaseModel):
        children.extend((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, Mapping):
        for key, child in value.items():
            children.append((str(key), child))
            if isinstance(key, str):
                children.append((f"{key[:40]}(key)", key))
    elif isinstance(value, list | tuple):
        children.extend((str(n), item) for n, item in enumerate(value))
    return children


def value_problems(value: object, now: datetime, path: str = "") -> list[str]:
    """Every value in ``value`` (a model, mapping, list or scalar) outside its bounds,
    as ``path: reason`` lines."""
    problems: list[str] = []
    stack: list[tuple[str, object, int]] = [(path, value, 0)]
    while stack:
        where, item, depth = stack.pop()
        name = where or "(value)"
        if depth > MAX_DEPTH:
            problems.append(f"{name}: nested more than {MAX_DEPTH} levels deep")
            continue
        if isinstance(item, datetime):
            problem = moment_problem(item, now)
            if problem:
                problems.append(f"{name}: {problem}")
        elif isinstance(item, date):
            if not rules.EARLIEST_RECORD_DATE.value <= item <= now.date() + timedelta(days=1):
                problems.append(f"{name}: {item.isoformat()} is outside the believable dates")
        elif isinstance(item, int) and not isinstance(item, bool):
            if not INT_MIN <= item <= INT_MAX:
                problems.append(f"{name}: a whole number from {INT_MIN} to {INT_MAX} is needed")
        elif isinstance(item, str):
            if "\x00" in item:
                problems.append(f"{name}: may not contain a NUL character")
            elif len(item) > MAX_TEXT:
                problems.append(f"{name}: longer than {MAX_TEXT} characters")
        else:
            for key, child in _children(item):
                stack.append((f"{where}.{key}" if where else key, child, depth + 1))
    return sorted(problems)
