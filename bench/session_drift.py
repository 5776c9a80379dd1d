"""Drift of a 30-minute session played by the real runner on the real clock.

The script is the stiff-joint example's session (all seven stretches, every kind of
step) repeated and cut to exactly 30 minutes. It is played at --speed 60 (about 30 s
of wall time) with time.monotonic and time.sleep, and the listener notes the wall
time each step really started. Figures, in wall milliseconds:

- end drift: when the final step started minus when it was due (goal: under 20 ms);
- step lateness: each step's start minus its due time (median and max).

For contrast, the same script is also timed by a naive loop that sleeps each
countdown second in turn, which is what absolute deadlines avoid. With --render the
listener also draws the terminal session's full screen (to memory) on every event,
as `sicoach session` does, to show that drawing makes steps late but never adds up.

    python bench/session_drift.py [--runs 3] [--speed 60] [--minutes 30] [--render]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from sicoach.catalog import default_catalog
from sicoach.cli.intake_file import read_intake
from sicoach.cli.session_view import SessionView
from sicoach.program.plan import build_plan
from sicoach.session.runner import Event, Runner, StepEnded, StepStarted
from sicoach.session.script import build_script
from sicoach.session.script_model import Phase, Script, ScriptStep

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "intakes" / "stiff-joint.yaml"
PLAN_FOR_VIEW = build_plan(read_intake(EXAMPLE), default_catalog())


def thirty_minute_script(minutes: float) -> Script:
    """The example's steps, repeated and cut so the total is exactly ``minutes``."""
    catalog = default_catalog()
    session = build_script(build_plan(read_intake(EXAMPLE), catalog), catalog)
    pattern = [s for s in session.steps if s.phase is not Phase.DONE]
    target = minutes * 60
    steps: list[ScriptStep] = []
    total = 0.0
    while total < target:
        for step in pattern:
            seconds = min(step.seconds, target - total)
            if seconds <= 0:
                break
            steps.append(step.model_copy(update={"seconds": seconds}))
            total += seconds
    steps.append(session.steps[-1])
    return Script(total_seconds=total, steps=steps)


def run_once(script: Script, speed: float, draw: bool) -> tuple[float, list[float]]:
    """Play ``script``; return the end drift and every step's lateness (wall ms)."""
    starts: list[tuple[float, float]] = []
    view = SessionView(script, PLAN_FOR_VIEW, default_catalog(), speed)
    screen = Console(file=io.StringIO(), width=100, height=30, force_terminal=True)
    first_reading: list[float] = []

    def clock() -> float:
        now = time.monotonic()
        if not first_reading:
            first_reading.append(now)
        return now

    def listener(event: Event) -> None:
        if isinstance(event, StepStarted):
            starts.append((event.due, time.monotonic()))
        if draw and not isinstance(event, StepEnded):  # as `sicoach session` draws
            view.apply(event)
            screen.print(view.render(30))

    Runner(
        script,
        session_id="bench",
        clock=clock,
        sleep=time.sleep,
        wall_now=lambda: datetime.now(UTC),
        listener=listener,
        speed=speed,
    ).run()
    origin = first_reading[0]
    lateness = [(actual - (origin + due / speed)) * 1000 for due, actual in starts]
    return lateness[-1], lateness


def naive_once(script: Script, speed: float) -> float:
    """End drift (wall ms) of sleeping one countdown second at a time, step after step."""
    start = time.monotonic()
    for step in script.steps:
        left = step.seconds
        while left > 0:
            chunk = min(1.0, left)
            time.sleep(chunk / speed)
            left -= chunk
    return (time.monotonic() - (start + script.total_seconds / speed)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed", type=float, default=60)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--render", action="store_true", help="draw the screen on every event")
    args = parser.parse_args()
    script = thirty_minute_script(args.minutes)
    wall = script.total_seconds / args.speed
    print(
        f"script: {len(script.steps)} steps, {script.total_seconds:.0f} s; "
        f"speed {args.speed:g} -> {wall:.1f} s wall per run; {args.runs} runs"
        + ("; drawing the screen on every event" if args.render else "")
    )
    ends, medians, maxima, naive = [], [], [], []
    for number in range(1, args.runs + 1):
        end, lateness = run_once(script, args.speed, args.render)
        ends.append(end)
        medians.append(statistics.median(lateness))
        maxima.append(max(lateness))
        naive.append(naive_once(script, args.speed))
        print(
            f"run {number}: end drift {end:.2f} ms; step lateness median "
            f"{medians[-1]:.2f} ms, max {maxima[-1]:.2f} ms; naive loop end drift "
            f"{naive[-1]:.1f} ms"
        )
    print(
        f"median of {args.runs}: end drift {statistics.median(ends):.2f} ms (goal < 20 ms); "
        f"step lateness median {statistics.median(medians):.2f} ms, "
        f"max {statistics.median(maxima):.2f} ms; naive loop end drift "
        f"{statistics.median(naive):.1f} ms"
    )


if __name__ == "__main__":
    main()
