"""``sicoach progress``: adherence, pain, hold times, PSFS and ODI, as text or as a chart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sicoach.cli.common import fail, out
from sicoach.cli.store_access import PersonOption, handled, person_id, store
from sicoach.program.words import seconds_text

if TYPE_CHECKING:
    from sicoach.outcomes.summary import PainSeries, ProgressSummary

CHART_SUFFIXES = (".svg", ".png")


def _bar(fraction: float | None, width: int = 14) -> str:
    if fraction is None:
        return ""
    filled = round(min(fraction, 1.0) * width)
    return "█" * filled + "·" * (width - filled) + f" {fraction:4.0%}"


def _adherence(summary: ProgressSummary) -> None:
    table = Table(title="Sessions per week (finished of planned)", title_justify="left")
    for column in ("week of", "finished", "stopped early", "planned", ""):
        table.add_column(column, justify="right" if column else "left")
    for week in summary.adherence:
        table.add_row(
            f"{week.week:%d %b %Y}",
            str(week.done),
            str(week.partial or ""),
            str(week.planned),
            _bar(week.fraction),
        )
    out.print(table)


def _pain_line(series: PainSeries) -> str:
    change = series.change
    if change is None:
        return f"[bold]{series.kind.value}[/]: no rating in these weeks"
    verdict = (
        "[green]a minimal important change[/]"
        if change.important and change.better
        else "[red]an important worsening[/]"
        if change.important
        else "not yet a minimal important change"
    )
    return (
        f"[bold]{series.kind.value}[/]: first {change.baseline}, latest {change.latest}: "
        f"{change.direction}, {verdict}\n    {change.note}"
    )


def _pain(summary: ProgressSummary) -> None:
    out.print("\n[bold]Pain (0 none – 10 worst)[/]")
    if not summary.pain:
        out.print("  no pain ratings yet: `sicoach pain --kind before 4`")
        return
    for series in summary.pain:
        out.print("  " + _pain_line(series))
    out.print("  (minimal important change: 2 points or 30 % of the first rating, Ostelo 2008)")
    table = Table(title="Mean pain per week", title_justify="left")
    table.add_column("week of")
    kinds = [s for s in summary.pain if s.weekly]
    for series in kinds:
        table.add_column(series.kind.value, justify="right")
    weeks = sorted({w.week for s in kinds for w in s.weekly})
    for week in weeks:
        cells = []
        for series in kinds:
            value = next((w.mean for w in series.weekly if w.week == week), None)
            cells.append("" if value is None else f"{value:.1f}")
        table.add_row(f"{week:%d %b %Y}", *cells)
    if weeks:
        out.print()
        out.print(table)


def _holds(summary: ProgressSummary) -> None:
    out.print("\n[bold]Hold time per stretch[/] (mean seconds of finished holds)")
    if not summary.holds:
        out.print("  no finished holds in these weeks")
        return
    from sicoach.catalog import default_catalog

    catalog = default_catalog()
    table = Table(show_header=True)
    for column in ("stretch", "first week", "latest week", "change"):
        table.add_column(column, justify="left" if column == "stretch" else "right")
    for exercise, weeks in summary.holds.items():
        first, last = weeks[0], weeks[-1]
        table.add_row(
            catalog.name_of(exercise),
            f"{seconds_text(round(first.mean))} ({first.week:%d %b})",
            f"{seconds_text(round(last.mean))} ({last.week:%d %b})",
            f"{round(last.mean) - round(first.mean):+d} seconds",
        )
    out.print(table)


def _measures(summary: ProgressSummary) -> None:
    out.print("\n[bold]Patient-Specific Functional Scale[/] (mean, 0 unable – 10 as before)")
    if not summary.psfs:
        out.print(
            '  none yet: `sicoach psfs activities "..." "..." "..."` then `sicoach psfs rate`'
        )
    for psfs in summary.psfs:
        out.print(f"  {psfs.recorded_at.astimezone():%d %b %Y}: {psfs.mean:.1f}")
    if summary.psfs_change is not None:
        c = summary.psfs_change
        seen = "a detectable change" if c.mean_detectable else "within measurement noise"
        out.print(f"  change {c.mean_change:+.1f}: {seen} (2 points in the mean)")
    out.print("\n[bold]Oswestry Disability Index[/] (0–100 %, lower is better)")
    if not summary.odi:
        out.print("  none yet: `sicoach odi record pain-intensity=3 ...`")
    for point in summary.odi:
        score = (
            "no score (too many sections missing)"
            if point.percent is None
            else (f"{point.percent} % ({point.band})")
        )
        out.print(f"  {point.recorded_at.astimezone():%d %b %Y}: {score}")
    if summary.odi_change_important is not None:
        verdict = "an important change" if summary.odi_change_important else "not yet important"
        out.print(f"  first to latest: {verdict} (10 points or 30 %)")


def show_progress(
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw the charts to FILE.svg or FILE.png.")
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=520, help="Weeks to show.")] = 12,
    person: PersonOption = None,
) -> None:
    """How it is going: sessions per week, pain, hold times, PSFS and ODI."""
    from sicoach.services.progress import progress_summary

    if chart is not None and chart.suffix.lower() not in CHART_SUFFIXES:
        fail(f"--chart must end in .svg or .png, got {chart.name!r}")
    pid = person_id(person, create=False)
    if pid is None:
        out.print("Nothing recorded yet. Start with `sicoach start`, then `sicoach session`.")
        return
    now = datetime.now().astimezone()
    local_zone = now.tzinfo
    assert local_zone is not None  # astimezone() always sets one
    with handled():
        summary = progress_summary(
            store().unit_of_work(),
            pid,
            today=now.date(),
            tz=local_zone,
            weeks=weeks,
        )
    out.print(f"[bold]Progress[/] {summary.first_day:%d %b %Y} – {summary.last_day:%d %b %Y}\n")
    if summary.adherence:
        _adherence(summary)
    else:
        out.print("No plan or session yet.")
    _pain(summary)
    _holds(summary)
    _measures(summary)
    if chart is not None:
        from sicoach.documents.charts import draw_progress

        draw_progress(summary, chart)
        out.print(f"\nCharts written to {chart}.")
