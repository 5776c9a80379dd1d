"""The progress charts on the pages: SVG that scales, styled by classes, made once per data."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sicoach.outcomes.pain import PainKind, compare_pain
from sicoach.outcomes.summary import OdiPoint, PainSeries, ProgressSummary
from sicoach.outcomes.trends import WeekAdherence, WeekValue
from sicoach.web.charts import progress_chart

MONDAY = date(2026, 11, 2)


def _summary(*, holds: float = 28.0, weeks: int = 4, odi: bool = False) -> ProgressSummary:
    days = [MONDAY + timedelta(weeks=n) for n in range(weeks)]
    return ProgressSummary(
        person_id="p",
        first_day=days[0],
        last_day=days[-1] + timedelta(days=2),
        adherence=[WeekAdherence(d, done=3, partial=1, planned=7) for d in days],
        pain=[
            PainSeries(
                kind=PainKind.BEFORE,
                points=[
                    (datetime(2026, 11, 3, tzinfo=UTC), 6),
                    (datetime(2026, 11, 24, tzinfo=UTC), 4),
                ],
                weekly=[WeekValue(d, mean=6 - n * 0.5, count=3) for n, d in enumerate(days)],
                change=compare_pain(6, 4),
            )
        ],
        holds={"hamstring-stretch": [WeekValue(d, mean=holds, count=5) for d in days]},
        psfs=[],
        psfs_change=None,
        odi=[OdiPoint(datetime(2026, 11, 3, tzinfo=UTC), 40, "moderate")] if odi else [],
        odi_change_important=None,
    )


def test_the_charts_are_inline_svg_that_scale_and_use_no_inline_style() -> None:
    chart = str(progress_chart(_summary(), "Charts"))
    drawings = re.findall(r"<svg[^>]*>", chart)
    assert drawings and all('viewBox="0 0 ' in svg for svg in drawings)
    assert all(" width=" not in svg and " height=" not in svg for svg in drawings)
    assert "style=" not in chart and "<style" not in chart and "<script" not in chart
    assert 'fill="#' not in chart and 'stroke="#' not in chart  # colours come from sicoach.css


def test_the_charts_speak_the_persons_words_not_ids() -> None:
    chart = str(progress_chart(_summary(), "Charts"))
    assert "Seated hamstring stretch" in chart and "hamstring-stretch" not in chart
    assert "Before a session" in chart
    for heading in ("Sessions each week", "Pain, weekly average", "Seconds held per stretch"):
        assert heading in chart


def test_the_hold_axis_ends_at_a_round_number_above_the_longest_hold() -> None:
    chart = str(progress_chart(_summary(holds=28), "Charts"))
    holds = chart[chart.index('id="chart-holds-h"') :]
    ticks = re.findall(r'<text class="tick"[^>]*text-anchor="end">(\d+)</text>', holds)
    assert ticks == ["0", "10", "20", "30"]


def test_an_empty_record_says_so_instead_of_drawing_empty_axes() -> None:
    summary = _summary()
    empty = ProgressSummary(
        **{**summary.__dict__, "adherence": [], "pain": [], "holds": {}},
    )
    chart = str(progress_chart(empty, "Charts"))
    assert "No plan or session yet." in chart and "No pain ratings in these weeks." in chart
    assert "Seconds held" not in chart and "Oswestry" not in chart  # no data, no panel


def test_the_oswestry_panel_appears_with_a_score() -> None:
    assert "Oswestry disability" in str(progress_chart(_summary(odi=True), "Charts"))


def test_a_chart_is_made_once_per_change_of_its_data() -> None:
    first = progress_chart(_summary(weeks=3), "Charts")
    assert progress_chart(_summary(weeks=3), "Charts") is first
    changed = progress_chart(_summary(weeks=3, holds=20), "Charts")
    assert changed is not first and changed != first
