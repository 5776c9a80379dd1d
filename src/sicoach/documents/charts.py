"""Progress charts for people: one figure, five small panels, dates on every time axis."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sicoach.outcomes.summary import ProgressSummary

__all__ = ["draw_progress"]

PAIN_COLOURS = {
    "before": "#1f77b4",
    "during": "#9467bd",
    "after": "#ff7f0e",
    "next-morning": "#2ca02c",
}
FINISHED = "#2a7ab0"
STOPPED = "#a6cbe3"


def _tidy(ax: Any, title: str, ylabel: str) -> None:
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def _date_axis(ax: Any) -> None:
    """Dates on the x axis, as few and as short as reads well."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def _adherence(ax: Any, summary: ProgressSummary) -> None:
    from matplotlib.ticker import MaxNLocator

    _tidy(ax, "Sessions per week", "sessions")
    if not summary.adherence:
        _empty(ax, "No plan or session yet")
        return
    weeks = [w.week for w in summary.adherence]
    done = [w.done for w in summary.adherence]
    partial = [w.partial for w in summary.adherence]
    middle = [w + timedelta(days=3, hours=12) for w in weeks]
    ax.bar(middle, done, width=5, color=FINISHED, label="finished")
    ax.bar(middle, partial, width=5, bottom=done, color=STOPPED, label="stopped early")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    planned_x = [d for w in weeks for d in (w, w + timedelta(days=7))]
    planned_y = [w.planned for w in summary.adherence for _ in (0, 1)]
    ax.plot(planned_x, planned_y, color="#333333", linestyle="--", linewidth=1.2, label="planned")
    ax.set_ylim(0, max([*planned_y, *(d + p for d, p in zip(done, partial, strict=True))]) + 1)
    ax.legend(frameon=False, ncols=3, loc="lower right", bbox_to_anchor=(1, 1.0), fontsize=9)


def _pain(ax: Any, summary: ProgressSummary) -> None:
    from sicoach.outcomes.pain import important_change_size

    _tidy(ax, "Pain (weekly mean)", "pain (0 none – 10 worst)")
    shown = [s for s in summary.pain if s.weekly]
    if not shown:
        _empty(ax, "No pain ratings in these weeks")
        return
    for series in shown:
        ax.plot(
            [w.week + timedelta(days=3) for w in series.weekly],
            [w.mean for w in series.weekly],
            marker="o",
            markersize=3,
            linewidth=1.6,
            color=PAIN_COLOURS[series.kind.value],
            label=series.kind.value,
        )
    reference = next((s for s in shown if s.change is not None), None)
    if reference is not None and reference.change is not None and reference.change.baseline > 0:
        baseline = reference.change.baseline
        target = baseline - important_change_size(baseline)
        ax.axhline(
            baseline,
            color="#999999",
            linewidth=1,
            linestyle=":",
            label=f"first {reference.kind.value} rating ({baseline})",
        )
        ax.axhline(
            target,
            color="#2ca02c",
            linewidth=1,
            linestyle="--",
            label=f"important improvement (≤ {target:g})",
        )
    ax.set_ylim(0, 10)
    ax.legend(frameon=False, fontsize=8, loc="lower left", ncols=2)


def _holds(ax: Any, summary: ProgressSummary) -> None:
    _tidy(ax, "Hold time per stretch (weekly mean)", "seconds held")
    if not summary.holds:
        _empty(ax, "No finished holds in these weeks")
        return
    for exercise, weeks in summary.holds.items():
        ax.plot(
            [w.week + timedelta(days=3) for w in weeks],
            [w.mean for w in weeks],
            marker="o",
            markersize=3,
            linewidth=1.4,
            label=exercise.replace("-", " "),
        )
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=8, loc="best")


def _psfs(ax: Any, summary: ProgressSummary) -> None:
    _tidy(ax, "Function (PSFS, mean)", "0 unable – 10 as before")
    if not summary.psfs:
        _empty(ax, "No PSFS yet")
        return
    ax.plot(
        [p.recorded_at.astimezone() for p in summary.psfs],
        [p.mean for p in summary.psfs],
        marker="o",
        color="#2ca02c",
        linewidth=1.6,
    )
    ax.set_ylim(0, 10.3)


def _odi(ax: Any, summary: ProgressSummary) -> None:
    _tidy(ax, "Disability (Oswestry)", "ODI % (lower is better)")
    scored = [p for p in summary.odi if p.percent is not None]
    if not scored:
        _empty(ax, "No Oswestry score yet")
        return
    ax.plot(
        [p.recorded_at.astimezone() for p in scored],
        [p.percent for p in scored],
        marker="o",
        color="#d62728",
        linewidth=1.6,
    )
    for low in (20, 40, 60, 80):
        ax.axhline(low, color="#eeeeee", linewidth=0.8)
    ax.set_ylim(0, 100)


def _span(summary: ProgressSummary) -> tuple[datetime, datetime]:
    """Whole weeks from the first week shown to the end of this week, so no bar is cut."""
    from sicoach.outcomes.trends import week_start

    first = week_start(summary.first_day)
    last = week_start(summary.last_day) + timedelta(days=7)
    return datetime.combine(first, datetime.min.time()), datetime.combine(last, datetime.min.time())


def draw_progress(summary: ProgressSummary, path: Path) -> None:
    """Draw the progress panels to ``path`` (.svg or .png), written whole or not at all."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(11, 10), dpi=110, layout="constrained")
    grid = figure.add_gridspec(3, 2)
    adherence = figure.add_subplot(grid[0, :])
    panels = [figure.add_subplot(grid[r, c]) for r, c in ((1, 0), (1, 1), (2, 0), (2, 1))]
    start, end = _span(summary)
    _adherence(adherence, summary)
    for ax, draw in zip(panels, (_pain, _holds, _psfs, _odi), strict=True):
        draw(ax, summary)
    for ax in (adherence, *panels):
        if ax.has_data():
            _date_axis(ax)
    for ax in (adherence, *panels[:2]):
        if ax.has_data():
            ax.set_xlim(start, end)  # type: ignore[arg-type]  # matplotlib converts dates
    figure.suptitle(
        f"Your progress, {summary.first_day:%d %b %Y} – {summary.last_day:%d %b %Y}",
        fontsize=14,
        fontweight="bold",
    )
    temporary = path.with_name(f".{path.stem}.part{path.suffix}")
    figure.savefig(temporary)
    plt.close(figure)
    temporary.replace(path)
