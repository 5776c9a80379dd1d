"""What the session screen shows for a given moment of the script."""

from __future__ import annotations

from rich.console import Console

from sicoach.catalog import default_catalog
from sicoach.cli.session_view import SessionView
from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.session.runner import PauseChanged, StepStarted, Tick
from sicoach.session.script import build_script

CATALOG = default_catalog()
PLAN = Plan(
    eligible=True,
    referral=None,
    exercises=[
        PlannedExercise(
            id="pelvic-rotation-stretch",
            hold_seconds=5,
            repetitions=3,
            sides=[SideName.LEFT, SideName.RIGHT],
            reason="stiff joint",
        )
    ],
    excluded=[],
    minutes=3,
)
SCRIPT = build_script(PLAN, CATALOG)


def _screen(view: SessionView) -> str:
    console = Console(width=100, record=True, color_system=None)
    console.print(view.render())
    return console.export_text()


def test_a_hold_shows_exercise_side_rep_direction_and_what_is_next() -> None:
    view = SessionView(SCRIPT, PLAN, CATALOG, speed=1)
    hold = SCRIPT.steps[1]
    view.apply(StepStarted(index=1, step=hold, due=10, at=10))
    view.apply(Tick(index=1, step=hold, remaining=4, elapsed=11, waiting_for_hold=False))
    screen = _screen(view)
    assert "Pelvic rotation stretch · LEFT side · rep 1 of 3 · Outward turn" in screen
    assert "HOLD" in screen
    assert "█████" in screen.split("Outward turn")[1]  # the big 4's middle row
    assert "Next: release 3 seconds · Pelvic rotation stretch, left side, rep 1" in screen
    assert "Remember: Keep the calf level with the floor." in screen
    assert "0:11 / " in screen and f"step 2 of {len(SCRIPT.steps)}" in screen
    assert "space pause/resume" in screen


def test_a_pause_is_shown_until_resumed() -> None:
    view = SessionView(SCRIPT, PLAN, CATALOG, speed=20)
    view.apply(StepStarted(index=0, step=SCRIPT.steps[0], due=0, at=0))
    view.apply(PauseChanged(index=0, paused=True))
    assert "PAUSED: press space to go on" in _screen(view)
    assert "speed ×20" in _screen(view)
    view.apply(PauseChanged(index=0, paused=False))
    assert "PAUSED" not in _screen(view)


def test_the_end_says_so() -> None:
    view = SessionView(SCRIPT, PLAN, CATALOG, speed=1)
    last = len(SCRIPT.steps) - 1
    view.apply(StepStarted(index=last, step=SCRIPT.steps[last], due=SCRIPT.total_seconds, at=0))
    screen = _screen(view)
    assert "Session complete" in screen
    assert "Next: nothing: this is the end" in screen


def test_the_picture_in_words_follows_the_step_and_the_side() -> None:
    view = SessionView(SCRIPT, PLAN, CATALOG, speed=1)
    get_ready = SCRIPT.steps[0]
    view.apply(StepStarted(index=0, step=get_ready, due=0, at=0))
    view.apply(Tick(index=0, step=get_ready, remaining=8, elapsed=2, waiting_for_hold=False))
    assert "Picture: Lying on the back, both legs straight." in _screen(view)
    view.apply(Tick(index=0, step=get_ready, remaining=3, elapsed=7, waiting_for_hold=False))
    screen = " ".join(_screen(view).replace("│", " ").split())
    assert "Now moving to: Calf level, the left foot turned slightly away from the body" in screen
    switch = next(i for i, s in enumerate(SCRIPT.steps) if s.phase.value == "switch-side")
    hold = SCRIPT.steps[switch + 1]
    view.apply(StepStarted(index=switch + 1, step=hold, due=0, at=0))
    screen = " ".join(_screen(view).replace("│", " ").split())
    assert "Picture: Calf level, the right foot turned slightly away from the body;" in screen
    assert "the right hand pushes on the outside of the knee" in screen
