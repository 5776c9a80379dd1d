"""Play a session script against a clock, by absolute deadlines, and record what happened.

The runner owns no clock, terminal or thread. It is given ``clock()`` (monotonic
seconds), ``sleep(seconds)`` and ``wall_now()`` (for the record's timestamps), tells
a listener what happens, and takes commands (pause, resume, skip, stop) from any
thread through :meth:`Runner.send`.

Each step ends at its deadline in session time; the next step's deadline is counted
from that deadline, not from when the runner woke up, so a late wake-up costs that
one step a few milliseconds and nothing after it. Only a pause, a skip or a hold
waiting on the ``hold_gate`` moves later deadlines, and by exactly that much.
"""

from __future__ import annotations

import math
import queue
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sicoach.session.clock import SessionClock
from sicoach.session.script_model import (
    Phase,
    Script,
    ScriptStep,
    SessionRecord,
    StepOutcome,
    StepResult,
)

__all__ = [
    "Command",
    "Event",
    "PauseChanged",
    "Runner",
    "StepEnded",
    "StepStarted",
    "Tick",
]

# Longest wall time between looks at the command queue: keys feel instant at 50 ms.
POLL_SECONDS = 0.05
# A deadline counts as reached this close to it (session seconds), so float rounding
# between session and wall time can never leave the runner sleeping for nothing.
REACHED_WITHIN = 1e-6


class Command(StrEnum):
    """What the person can ask for while a session plays."""

    PAUSE = "pause"
    RESUME = "resume"
    TOGGLE_PAUSE = "toggle-pause"
    SKIP = "skip"
    STOP = "stop"


@dataclass(frozen=True)
class StepStarted:
    """A step began; ``due`` is when it should have (session seconds), ``at`` when it did."""

    index: int
    step: ScriptStep
    due: float
    at: float


@dataclass(frozen=True)
class Tick:
    """The countdown moved: whole seconds left in the step, and session seconds so far."""

    index: int
    step: ScriptStep
    remaining: int
    elapsed: float
    waiting_for_hold: bool


@dataclass(frozen=True)
class PauseChanged:
    """The person paused or resumed."""

    index: int
    paused: bool


@dataclass(frozen=True)
class StepEnded:
    """A step finished, was skipped or was cut short by a stop."""

    result: StepResult


Event = StepStarted | Tick | PauseChanged | StepEnded


def _always() -> bool:
    return True


def _ignore(event: Event) -> None:
    del event


class Runner:
    """Plays one script once; build a new runner for each session."""

    def __init__(
        self,
        script: Script,
        *,
        session_id: str,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
        wall_now: Callable[[], datetime],
        listener: Callable[[Event], None] = _ignore,
        hold_gate: Callable[[], bool] = _always,
        speed: float = 1.0,
    ) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be above 0, got {speed}")
        self._script = script
        self._session_id = session_id
        self._clock = clock
        self._sleep = sleep
        self._wall_now = wall_now
        self._listener = listener
        self._hold_gate = hold_gate
        self._speed = speed
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._paused = False
        self._stopped = False
        self._skip_requested = False

    def send(self, command: Command) -> None:
        """Queue a command; safe to call from another thread or a signal handler."""
        self._commands.put(command)

    def run(self) -> SessionRecord:
        """Play every step (or until stopped) and return the record of the session."""
        started_at = self._wall_now()
        session = SessionClock(self._clock, self._speed)
        results: list[StepResult] = []
        due = 0.0
        for index, step in enumerate(self._script.steps):
            if self._stopped:
                results.append(_result(index, step, 0.0, StepOutcome.NOT_REACHED))
                continue
            outcome, actual, ended = self._play(index, step, due, session)
            result = _result(index, step, actual, outcome)
            results.append(result)
            self._listener(StepEnded(result))
            due = ended
        return SessionRecord(
            id=self._session_id,
            started_at=started_at,
            ended_at=self._wall_now(),
            completed=not self._stopped,
            steps=results,
        )

    def _play(
        self, index: int, step: ScriptStep, due: float, session: SessionClock
    ) -> tuple[StepOutcome, float, float]:
        """Play one step from ``due``; return its outcome, the seconds it ran and its end.

        Seconds run are session seconds on the step's own clock: a completed step ran
        from ``due`` to its deadline, a skipped or stopped one until that moment.
        Pauses and waits for the hold gate do not count.
        """
        self._listener(StepStarted(index=index, step=step, due=due, at=session.elapsed()))
        deadline = due + step.seconds
        shown: tuple[int, bool, bool] | None = None
        while True:
            self._take_commands(index, session)
            waiting = self._waiting_for_hold(step)
            session.set_frozen(self._paused or waiting)
            now = session.elapsed()
            if self._stopped or self._skip_requested:
                self._skip_requested = False
                return StepOutcome.SKIPPED, now - due, now
            if now >= deadline - REACHED_WITHIN:
                return StepOutcome.COMPLETED, step.seconds, deadline
            remaining = math.ceil(deadline - now - REACHED_WITHIN)
            if shown != (remaining, waiting, self._paused):
                shown = (remaining, waiting, self._paused)
                self._listener(Tick(index, step, remaining, now, waiting))
            self._sleep(self._wait(session, deadline, remaining))

    def _wait(self, session: SessionClock, deadline: float, remaining: int) -> float:
        if session.frozen:
            return POLL_SECONDS
        # Wake for whichever comes first: the deadline, the next whole second shown, a poll.
        next_change = deadline - (remaining - 1)
        return min(POLL_SECONDS, session.wall_seconds_until(min(deadline, next_change)))

    def _waiting_for_hold(self, step: ScriptStep) -> bool:
        return step.phase is Phase.HOLD and not self._paused and not self._hold_gate()

    def _take_commands(self, index: int, session: SessionClock) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            if command is Command.STOP:
                self._stopped = True
            elif command is Command.SKIP:
                self._skip_requested = True
            else:
                wanted = {
                    Command.PAUSE: True,
                    Command.RESUME: False,
                    Command.TOGGLE_PAUSE: not self._paused,
                }[command]
                if wanted != self._paused:
                    self._paused = wanted
                    session.set_frozen(wanted)
                    self._listener(PauseChanged(index, wanted))


def _result(index: int, step: ScriptStep, actual: float, outcome: StepOutcome) -> StepResult:
    return StepResult(
        index=index,
        exercise=step.exercise,
        side=step.side,
        rep=step.rep,
        phase=step.phase,
        planned_seconds=step.seconds,
        actual_seconds=round(min(max(actual, 0.0), 3600.0), 3),
        outcome=outcome,
    )
