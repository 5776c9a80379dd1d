"""The big countdown digits."""

from __future__ import annotations

import pytest

from sicoach.cli.big_digits import big_text, countdown_text


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0"), (9, "9"), (30, "30"), (59, "59"), (60, "1:00"), (65, "1:05")]
)
def test_countdown_shows_seconds_then_minutes(seconds: int, shown: str) -> None:
    assert countdown_text(seconds) == shown


def test_big_text_is_five_rows_of_equal_width() -> None:
    rows = big_text("1:05").split("\n")
    assert len(rows) == 5
    assert len({len(r) for r in rows}) == 1
    assert rows[0] == "  █           █████  █████"
