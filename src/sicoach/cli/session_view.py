"""The full-screen view of a guided session: what to do, a big countdown, what comes next."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from rich.align import Align
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from sicoach.catalog import Catalog
from sicoach.cli.big_digits import big_text, countdown_text
from sicoach.figures.poses import pose_words
from sicoach.program.plan_model import Plan
from sicoach.program.words import seconds_text
from sicoach.session.pictures import StepPicture, step_pictures
from sicoach.session.runner import Event, PauseChanged, StepStarted, Tick
from sicoach.session.script_model import Phase, Script, ScriptStep

__all__ = ["SessionView", "ViewState"]

_PHASE_WORDS = {
    Phase.GET_READY: "Get into position",
    Phase.HOLD: "Hold",
    Phase.RELEASE: "Release",
    Phase.SWITCH_SIDE: "Switch side",
    Phase.REST: "Rest",
    Phase.DONE: "Done",
}
_PHASE_COLOURS = {
    Phase.GET_READY: "cyan",
    Phase.HOLD: "bold green",
    Phase.RELEASE: "yellow",
    Phase.SWITCH_SIDE: "magenta",
    Phase.REST: "blue",
    Phase.DONE: "bold green",
}
KEY_HELP = "[bold]space[/] pause/resume   [bold]n[/] skip step   [bold]q[/] stop and save"


@dataclass(frozen=True)
class ViewState:
    """What the screen shows right now."""

    index: int = 0
    remaining: int = 0
    step_began: float = 0.0
    elapsed: float = 0.0
    paused: bool = False
    waiting_for_hold: bool = False


class SessionView:
    """Keeps the view state from the runner's events and draws it."""

    def __init__(self, script: Script, plan: Plan, catalog: Catalog, speed: float) -> None:
        self._script = script
        self._catalog = catalog
        self._speed = speed
        self._reps = {p.id: p.repetitions for p in plan.exercises}
        self._starts = [sum(s.seconds for s in script.steps[:i]) for i in range(len(script.steps))]
        self._pictures = step_pictures(script, plan, catalog)
        self._directions = _directions_by_step(self._pictures, catalog)
        self.state = ViewState(remaining=int(script.steps[0].seconds) if script.steps else 0)

    def apply(self, event: Event) -> None:
        """Move the view state on by one runner event."""
        if isinstance(event, StepStarted):
            self.state = replace(
                self.state,
                index=event.index,
                remaining=math.ceil(event.step.seconds),
                step_began=event.at,
                elapsed=event.at,
            )
        elif isinstance(event, Tick):
            self.state = replace(
                self.state,
                index=event.index,
                remaining=event.remaining,
                elapsed=event.elapsed,
                waiting_for_hold=event.waiting_for_hold,
            )
        elif isinstance(event, PauseChanged):
            self.state = replace(self.state, paused=event.paused)

    def render(self, height: int | None = None) -> RenderableType:
        """The whole screen for the current state, ``height`` rows tall if given."""
        step = self._script.steps[self.state.index]
        colour = _PHASE_COLOURS[step.phase]
        countdown = Text(big_text(countdown_text(self.state.remaining)), style=colour)
        status = self._status()
        body = Group(
            Text(self._headline(step), style="bold"),
            Text(_PHASE_WORDS[step.phase].upper(), style=colour),
            Text(""),
            Align.center(countdown),
            Text(""),
            Align.center(Text(status, style="bold reverse")) if status else Text(""),
            Text(step.cue, style="bold"),
            self._key_cue(step),
            self._picture_text(),
            Text(""),
            Text.from_markup(f"[dim]Next:[/] {self._next_text()}"),
            Text(""),
            self._progress(),
            Text(""),
            Text.from_markup(KEY_HELP, style="dim"),
        )
        speed = f" · speed ×{self._speed:g}" if self._speed != 1 else ""
        return Panel(body, title=f"sicoach session{speed}", border_style=colour, height=height)

    def _headline(self, step: ScriptStep) -> str:
        if step.exercise is None:
            return "Between stretches" if step.phase is Phase.REST else "Session complete"
        parts = [self._catalog.get(step.exercise).name]
        if step.side is not None:
            parts.append("both sides" if step.side == "both" else f"{step.side.upper()} side")
        if step.rep is not None:
            parts.append(f"rep {step.rep} of {self._reps.get(step.exercise, step.rep)}")
        direction = self._directions.get(self.state.index)
        if direction is not None:
            parts.append(direction)
        return " · ".join(parts)

    def _status(self) -> str:
        if self.state.paused:
            return " PAUSED: press space to go on "
        if self.state.waiting_for_hold:
            return " Waiting until you are in the stretch "
        return ""

    def _key_cue(self, step: ScriptStep) -> Text:
        if step.exercise is None:
            return Text("")
        key = self._catalog.get(step.exercise).cues[0]
        if key in step.cue:
            return Text("")
        return Text.from_markup(f"[dim]Remember:[/] {key}")

    def _picture_text(self) -> Text:
        """The session picture in words: the pose shown now, or the one the body moves to."""
        picture = self._pictures[self.state.index]
        if picture is None:
            return Text("")
        exercise = self._catalog.get(picture.exercise)
        moving = picture.motion == "whole-step" or (
            picture.motion == "at-end" and self.state.remaining <= picture.move_seconds
        )
        pose = picture.shown_last if moving else picture.poses[0]
        label = "Now moving to" if moving else "Picture"
        words = pose_words(exercise, pose, picture.side)
        return Text.assemble((f"{label}: ", "dim"), words)

    def _next_text(self) -> str:
        following = self.state.index + 1
        if following >= len(self._script.steps):
            return "nothing: this is the end"
        step = self._script.steps[following]
        words = _PHASE_WORDS[step.phase].lower()
        if step.phase is Phase.DONE:
            return "the end of the session"
        if step.exercise is None:
            return f"{words} {seconds_text(step.seconds)}"
        name = self._catalog.get(step.exercise).name
        where = "" if step.side in (None, "both") else f", {step.side} side"
        rep = "" if step.rep is None else f", rep {step.rep}"
        direction = self._directions.get(following)
        how = "" if direction is None else f" · {direction}"
        return f"{words} {seconds_text(step.seconds)} · {name}{where}{rep}{how}"

    def _progress(self) -> RenderableType:
        # Progress is the place in the script, so a skipped step jumps the bar forward.
        total = self._script.total_seconds or 1
        step = self._script.steps[self.state.index]
        into_step = min(max(self.state.elapsed - self.state.step_began, 0.0), step.seconds)
        done = min(self._starts[self.state.index] + into_step, total)
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True)
        grid.add_row(
            ProgressBar(total=total, completed=done),
            f"{_clock(done)} / {_clock(total)}  step {self.state.index + 1} of "
            f"{len(self._script.steps)}",
        )
        return grid


def _directions_by_step(pictures: list[StepPicture | None], catalog: Catalog) -> dict[int, str]:
    """The direction's name (e.g. 'Outward turn') for each step whose hold has one."""
    names: dict[int, str] = {}
    for index, picture in enumerate(pictures):
        if picture is None:
            continue
        exercise = catalog.get(picture.exercise)
        if exercise.repetitions is not None and exercise.repetitions.per.value == "direction":
            names[index] = next(v.name for v in exercise.variations if v.id == picture.held)
    return names


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
