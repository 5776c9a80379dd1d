"""The runner against a fake clock: deadlines, pause, skip, stop, the hold gate."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from sicoach.session.runner import Command, Event, PauseChanged, Runner, StepStarted, Tick
from sicoach.session.script_model import Phase, Script, ScriptStep, StepOutcome


class FakeClock:
    """A monotonic clock that only moves when the runner sleeps (plus any oversleep)."""

    def __init__(self, oversleep: Callable[[], float] = lambda: 0.0) -> None:
        self.now = 1000.0
        self.oversleep = oversleep
        self.at: dict[float, Callable[[], None]] = {}

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        before = self.now
        self.now += seconds + self.oversleep()
        for when in sorted(self.at):
            if before < when <= self.now:
                self.at.pop(when)()


def _step(phase: Phase, seconds: float, rep: int | None = 1) -> ScriptStep:
    return ScriptStep(
        exercise="press-up-stretch",
        side="both",
        rep=rep,
        phase=phase,
        seconds=seconds,
        cue=phase.value,
    )


def _script(steps: list[ScriptStep]) -> Script:
    done = ScriptStep(exercise=None, side=None, rep=None, phase=Phase.DONE, seconds=0, cue="done")
    steps = [*steps, done]
    return Script(total_seconds=sum(s.seconds for s in steps), steps=steps)


def _runner(script: Script, clock: FakeClock, events: list[Event], **kwargs: Any) -> Runner:
    return Runner(
        script,
        session_id="s1",
        clock=clock,
        sleep=clock.sleep,
        wall_now=lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        listener=events.append,
        **kwargs,
    )


def _starts(events: list[Event]) -> list[StepStarted]:
    return [e for e in events if isinstance(e, StepStarted)]


SHORT = _script([_step(Phase.GET_READY, 5), _step(Phase.HOLD, 10), _step(Phase.RELEASE, 3)])


def test_steps_start_at_their_planned_times() -> None:
    clock = FakeClock()
    events: list[Event] = []
    record = _runner(SHORT, clock, events).run()
    assert [round(e.at, 6) for e in _starts(events)] == [0, 5, 15, 18]
    assert clock.now == pytest.approx(1018)
    assert record.completed
    assert [r.outcome for r in record.steps] == [StepOutcome.COMPLETED] * 4
    assert [r.actual_seconds for r in record.steps] == [5, 10, 3, 0]


def test_the_countdown_shows_each_whole_second_once() -> None:
    clock = FakeClock()
    events: list[Event] = []
    _runner(SHORT, clock, events).run()
    hold = [e.remaining for e in events if isinstance(e, Tick) and e.step.phase is Phase.HOLD]
    assert hold == [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def test_thirty_minutes_of_late_wakeups_do_not_add_up() -> None:
    """Every sleep wakes 0-8 ms late; the end is still within one wake-up of the plan."""
    rng = random.Random(7)
    clock = FakeClock(oversleep=lambda: rng.uniform(0, 0.008))
    events: list[Event] = []
    steps = [_step(Phase.HOLD if i % 2 else Phase.REST, 12.5 if i % 2 else 2.5) for i in range(240)]
    script = _script(steps)
    assert script.total_seconds == 1800
    _runner(script, clock, events).run()
    starts = _starts(events)
    lateness = [e.at - e.due for e in starts]
    assert max(lateness) <= 0.008 + 1e-9
    assert starts[-1].due == 1800
    assert clock.now - 1000 == pytest.approx(1800, abs=0.008 + 1e-9)


def test_speed_runs_the_same_script_faster() -> None:
    clock = FakeClock()
    events: list[Event] = []
    record = _runner(SHORT, clock, events, speed=20).run()
    assert clock.now - 1000 == pytest.approx(18 / 20)
    assert [r.actual_seconds for r in record.steps] == [5, 10, 3, 0]


def test_a_pause_moves_every_later_deadline_by_its_length() -> None:
    clock = FakeClock()
    events: list[Event] = []
    runner = _runner(SHORT, clock, events)
    clock.at[1007.0] = lambda: runner.send(Command.PAUSE)
    clock.at[1037.0] = lambda: runner.send(Command.RESUME)
    record = runner.run()
    assert [round(e.at, 1) for e in _starts(events)] == [0, 5, 15, 18]
    assert clock.now == pytest.approx(1018 + 30, abs=0.06)
    assert [e.paused for e in events if isinstance(e, PauseChanged)] == [True, False]
    assert record.steps[1].actual_seconds == pytest.approx(10, abs=0.06)


def test_space_toggles_pause() -> None:
    clock = FakeClock()
    events: list[Event] = []
    runner = _runner(SHORT, clock, events)
    clock.at[1001.0] = lambda: runner.send(Command.TOGGLE_PAUSE)
    clock.at[1011.0] = lambda: runner.send(Command.TOGGLE_PAUSE)
    runner.run()
    assert clock.now == pytest.approx(1028, abs=0.06)


def test_skip_ends_the_step_now_and_keeps_the_next_ones_whole() -> None:
    clock = FakeClock()
    events: list[Event] = []
    runner = _runner(SHORT, clock, events)
    clock.at[1008.0] = lambda: runner.send(Command.SKIP)
    record = runner.run()
    assert [r.outcome for r in record.steps] == [
        StepOutcome.COMPLETED,
        StepOutcome.SKIPPED,
        StepOutcome.COMPLETED,
        StepOutcome.COMPLETED,
    ]
    assert record.steps[1].actual_seconds == pytest.approx(3, abs=0.06)
    assert record.steps[2].actual_seconds == 3
    assert record.completed


def test_stop_gives_a_partial_record() -> None:
    clock = FakeClock()
    events: list[Event] = []
    runner = _runner(SHORT, clock, events)
    clock.at[1008.0] = lambda: runner.send(Command.STOP)
    record = runner.run()
    assert not record.completed
    assert [r.outcome for r in record.steps] == [
        StepOutcome.COMPLETED,
        StepOutcome.SKIPPED,
        StepOutcome.NOT_REACHED,
        StepOutcome.NOT_REACHED,
    ]
    assert [r.actual_seconds for r in record.steps][2:] == [0, 0]
    assert clock.now == pytest.approx(1008, abs=0.06)


def test_stop_while_paused_ends_at_once() -> None:
    clock = FakeClock()
    events: list[Event] = []
    runner = _runner(SHORT, clock, events)
    clock.at[1002.0] = lambda: runner.send(Command.PAUSE)
    clock.at[1100.0] = lambda: runner.send(Command.STOP)
    record = runner.run()
    assert not record.completed
    assert record.steps[0].actual_seconds == pytest.approx(2, abs=0.06)


def test_the_hold_countdown_waits_while_the_gate_is_closed() -> None:
    clock = FakeClock()
    events: list[Event] = []
    in_position = {"now": True}
    clock.at[1008.0] = lambda: in_position.update(now=False)
    clock.at[1020.0] = lambda: in_position.update(now=True)
    record = _runner(SHORT, clock, events, hold_gate=lambda: in_position["now"]).run()
    assert clock.now == pytest.approx(1018 + 12, abs=0.06)
    assert record.steps[1].actual_seconds == pytest.approx(10, abs=0.06)
    waiting = [e for e in events if isinstance(e, Tick) and e.waiting_for_hold]
    assert waiting and {e.remaining for e in waiting} == {7}


def test_the_gate_is_not_asked_outside_holds() -> None:
    clock = FakeClock()
    events: list[Event] = []
    script = _script([_step(Phase.GET_READY, 5), _step(Phase.REST, 5)])
    record = _runner(script, clock, events, hold_gate=lambda: False).run()
    assert record.completed
    assert clock.now == pytest.approx(1010)


def test_a_speed_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="speed must be above 0"):
        _runner(SHORT, FakeClock(), [], speed=0)
