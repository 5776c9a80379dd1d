"""The progress charts for the pages: small SVG panels drawn here, inline in the page.

Each panel is a ``viewBox`` drawing that scales to its box, so it fits a 360 px phone
and sits two to a row on a desktop. Colours and text come from classes in
``sicoach.css`` (``currentColor`` and the page's colour variables), so the charts follow
the dark scheme, and no inline ``style`` is used: the pages' Content-Security-Policy
refuses it. The legends are HTML lists beside the drawing, so their words wrap.

Drawing is plain string work (no matplotlib: that took seconds a page); a chart is
made once per change of its data and kept in a small cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from markupsafe import Markup

from sicoach.catalog import default_catalog
from sicoach.outcomes.summary import ProgressSummary
from sicoach.outcomes.trends import week_start

__all__ = ["PAIN_LABELS", "progress_chart"]

PAIN_LABELS = {
    "before": "Before a session",
    "during": "Worst during a session",
    "after": "After a session",
    "next-morning": "On waking",
}
"""Each kind of pain rating in the person's words (the pain table uses the same)."""

# The drawing's own units; text is 15 units (sicoach.css), about 13 px on a phone.
WIDTH, HEIGHT = 320, 190
LEFT, RIGHT, TOP, BOTTOM = 30, 22, 12, 30
SERIES = 7  # colour classes c1..c7 in sicoach.css
_CACHE_SIZE = 256
_cache: OrderedDict[str, Markup] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class _Line:
    """One series: its words for the legend, its colour class and its points."""

    label: str
    colour: int
    points: Sequence[tuple[date, float]]


@dataclass(frozen=True)
class _Frame:
    """The axes of one panel: days across, values up."""

    first: date
    last: date
    top: float

    def x(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / span

    def y(self, value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / self.top)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _nice_top(highest: float, steps: int = 4) -> tuple[float, float]:
    """A round top for the value axis and its step: 0–30 by 10, 0–4 by 1."""
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300):
        if highest <= step * steps:
            return max(step, step * -(-highest // step)), step
    return highest, highest / steps


def _axes(frame: _Frame, step: float) -> list[str]:
    parts = []
    value = 0.0
    while value <= frame.top + 1e-9:
        y = frame.y(value)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_number(value)}</text>"
        )
        value += step
    weeks = max(1, (frame.last - frame.first).days // 7)
    every = -(-weeks // 4)  # at most about five dates across
    day = frame.first
    while day < frame.last:
        parts.append(
            f'<text class="tick" x="{frame.x(day):.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
            f"{_day(day)}</text>"
        )
        day += timedelta(days=7 * every)
    return parts


def _svg(key: str, title: str, parts: list[str]) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{key}-t" '
        f'class="chart-drawing"><title id="{key}-t">{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def _legend(keys: Sequence[tuple[str, str]]) -> str:
    """The legend as an HTML list: each key's colour class and its words."""
    items = "".join(
        f'<li><span class="key {cls}"></span>{escape(words)}</li>' for cls, words in keys
    )
    return f'<ul class="legend">{items}</ul>'


def _keys(lines: Sequence[_Line]) -> str:
    return _legend([(f"c{line.colour}", line.label) for line in lines])


def _panel(key: str, heading: str, drawing: str, legend: str = "") -> str:
    return (
        f'<section class="chart-panel" aria-labelledby="{key}-h"><h3 id="{key}-h">'
        f"{escape(heading)}</h3>{drawing}{legend}</section>"
    )


def _empty(key: str, heading: str, words: str) -> str:
    return (
        f'<section class="chart-panel empty" aria-labelledby="{key}-h"><h3 id="{key}-h">'
        f'{escape(heading)}</h3><p class="muted">{escape(words)}</p></section>'
    )


def _lines(key: str, title: str, frame: _Frame, step: float, lines: list[_Line]) -> str:
    parts = _axes(frame, step)
    for line in lines:
        xy = [(frame.x(d), frame.y(min(v, frame.top))) for d, v in line.points]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        if len(xy) > 1:
            parts.append(f'<polyline class="line c{line.colour}" points="{path}"/>')
        parts.extend(
            f'<circle class="dot c{line.colour}" cx="{x:.1f}" cy="{y:.1f}" r="3"/>' for x, y in xy
        )
    return _svg(key, title, parts)


def _span(summary: ProgressSummary) -> tuple[date, date]:
    """Whole weeks, from the first week shown to the end of this one, so no bar is cut."""
    return week_start(summary.first_day), week_start(summary.last_day) + timedelta(days=7)


def _sessions(summary: ProgressSummary, first: date, last: date) -> str:
    heading = "Sessions each week"
    if not summary.adherence:
        return _empty("chart-sessions", heading, "No plan or session yet.")
    highest = max(max(w.planned, w.done + w.partial) for w in summary.adherence)
    top, step = _nice_top(max(1, highest))
    frame = _Frame(first, last, top)
    parts = _axes(frame, step)
    width = (frame.x(first + timedelta(days=7)) - frame.x(first)) * 0.7
    for week in summary.adherence:
        x = (frame.x(week.week) + frame.x(week.week + timedelta(days=7)) - width) / 2
        done_top = frame.y(week.done)
        parts.append(
            f'<rect class="bar done" x="{x:.1f}" y="{done_top:.1f}" width="{width:.1f}" '
            f'height="{frame.y(0) - done_top:.1f}"/>'
        )
        if week.partial:
            partial_top = frame.y(week.done + week.partial)
            parts.append(
                f'<rect class="bar partial" x="{x:.1f}" y="{partial_top:.1f}" '
                f'width="{width:.1f}" height="{done_top - partial_top:.1f}"/>'
            )
        y = frame.y(week.planned)
        parts.append(
            f'<line class="planned" x1="{x - 2:.1f}" x2="{x + width + 2:.1f}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
        )
    drawing = _svg("chart-sessions", "Sessions finished, stopped and planned each week", parts)
    keys = [("done", "Finished"), ("partial", "Stopped part-way"), ("planned", "Planned")]
    return _panel("chart-sessions", heading, drawing, _legend(keys))


def _pain(summary: ProgressSummary, first: date, last: date) -> str:
    heading = "Pain, weekly average (0 none, 10 worst)"
    shown = [s for s in summary.pain if s.weekly]
    if not shown:
        return _empty("chart-pain", heading, "No pain ratings in these weeks.")
    lines = [
        _Line(
            PAIN_LABELS[series.kind.value],
            number,
            [(w.week + timedelta(days=3), w.mean) for w in series.weekly],
        )
        for number, series in enumerate(shown, start=1)
    ]
    drawing = _lines("chart-pain", heading, _Frame(first, last, 10), 5, lines)
    return _panel("chart-pain", heading, drawing, _keys(lines))


def _holds(summary: ProgressSummary, first: date, last: date) -> str:
    heading = "Seconds held per stretch, weekly average"
    catalog = default_catalog()
    lines = [
        _Line(
            catalog.name_of(exercise),
            number % SERIES + 1,
            [(w.week + timedelta(days=3), w.mean) for w in weeks],
        )
        for number, (exercise, weeks) in enumerate(summary.holds.items())
        if weeks
    ]
    if not lines:
        return ""
    top, step = _nice_top(max(v for line in lines for _, v in line.points))
    drawing = _lines("chart-holds", heading, _Frame(first, last, top), step, lines)
    return _panel("chart-holds", heading, drawing, _keys(lines))


def _dated(
    key: str,
    heading: str,
    points: list[tuple[datetime, float]],
    top: float,
    step: float,
) -> str:
    if not points:
        return ""
    days = [moment.date() for moment, _ in points]
    first = week_start(min(days))
    last = max(week_start(max(days)) + timedelta(days=7), first + timedelta(days=28))
    line = _Line(heading, 2, [(moment.date(), value) for moment, value in points])
    return _panel(key, heading, _lines(key, heading, _Frame(first, last, top), step, [line]))


def _draw(summary: ProgressSummary, title: str) -> Markup:
    first, last = _span(summary)
    panels = [
        _sessions(summary, first, last),
        _pain(summary, first, last),
        _holds(summary, first, last),
        _dated(
            "chart-psfs",
            "Everyday activities (0 unable, 10 as before)",
            [(p.recorded_at, p.mean) for p in summary.psfs],
            10,
            5,
        ),
        _dated(
            "chart-odi",
            "Oswestry disability, % (lower is better)",
            [(p.recorded_at, float(p.percent)) for p in summary.odi if p.percent is not None],
            100,
            20,
        ),
    ]
    return Markup(
        f'<div class="charts" role="group" aria-label="{escape(title)}">'
        + "".join(panels)
        + "</div>"
    )


def progress_chart(summary: ProgressSummary, title: str) -> Markup:
    """The progress panels as inline SVG with HTML legends, made once per change of data."""
    key = hashlib.sha256(repr((title, summary)).encode()).hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    chart = _draw(summary, title)
    with _cache_lock:
        _cache[key] = chart
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return chart
