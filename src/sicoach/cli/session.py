"""``sicoach session``: today's guided session in the terminal, or its script as JSON."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sicoach.cli.common import err, fail, out

if TYPE_CHECKING:
    from rich.console import Console

    from sicoach.capture.live import CameraWatcher
    from sicoach.catalog import Catalog
    from sicoach.program.plan_model import Plan
    from sicoach.services.coaching import Today
    from sicoach.session.script_model import Script, ScriptStep, SessionRecord


class ScriptFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


# Longest wait for the last spoken cue ("Well done...") before the pain questions.
FAREWELL_SECONDS = 5.0

_KEYS = {" ": "toggle-pause", "n": "skip", "N": "skip", "q": "stop", "Q": "stop"}


def session_command(
    intake: Annotated[
        Path | None,
        typer.Option(
            "--intake",
            help="Intake file (YAML or JSON). Default: the current intake from `sicoach start`.",
            dir_okay=False,
        ),
    ] = None,
    script: Annotated[
        bool, typer.Option("--script", help="Print the session's timed steps and exit.")
    ] = False,
    format: Annotated[
        ScriptFormat, typer.Option("--format", help="Format of --script.")
    ] = ScriptFormat.TEXT,
    speed: Annotated[
        float,
        typer.Option("--speed", min=0.01, max=1000, help="Run the clock this many times faster."),
    ] = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", help="No spoken cues and no bell.")] = False,
    camera: Annotated[
        int | None,
        typer.Option(
            "--camera",
            help="Watch this camera: holds count down only while you hold the stretch, "
            "and form cues are spoken (needs sicoach\\[camera]).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Today's session, guided: a big countdown and spoken cues; space pauses, n skips, q stops."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.plan import load_intake_or_fail, referral_panel
    from sicoach.cli.store_access import todays_care
    from sicoach.program.plan import build_plan
    from sicoach.session.script import build_script

    catalog = default_catalog()
    if intake is not None and script:
        # Contract 8: a script for a plan made on the spot from the file; nothing is kept.
        on_the_spot = build_plan(load_intake_or_fail(intake), catalog)
        if not on_the_spot.eligible:
            assert on_the_spot.referral is not None
            err.print(referral_panel(on_the_spot.referral))
            fail("no session: see the referral above")
        _print_script(build_script(on_the_spot, catalog), catalog, format)
        return
    if intake is not None:
        from sicoach.cli.start import give_answers_from

        give_answers_from(load_intake_or_fail(intake), None, show=False)
    today = todays_care()
    plan = today.view.plan
    if plan is None:
        fail("there is no plan yet: answer the questions with `sicoach start` or pass --intake")
    if plan.referral is not None and not plan.eligible:
        err.print(referral_panel(plan.referral))
        fail("no session: see the referral above")
    if today.script is None:
        fail(f"no session today: {today.refusal or today.view.advice}{_how_to_go_on(today)}")
    if script:
        _print_script(today.script, catalog, format)
        return
    if plan.referral is not None:
        out.print(referral_panel(plan.referral))
    _guide(today.script, plan, catalog, speed=speed, quiet=quiet, camera=camera)


def _how_to_go_on(today: Today) -> str:
    """The commands that move a plan on from where it stands, for the refusal message."""
    status = today.view.status
    hints = []
    if status.rescreen_needed or "warning-sign" in (today.refusal or ""):
        hints.append("`sicoach rescreen` asks the warning-sign questions")
    if status.state.value in ("needs-review", "paused") and not status.resume_approved:
        hints.append("`sicoach review --by NAME` records your clinician's review")
    return f" ({'; '.join(hints)})" if hints else ""


def _print_script(timed: Script, catalog: Catalog, format: ScriptFormat) -> None:
    if format is ScriptFormat.JSON:
        typer.echo(json.dumps(timed.to_json_dict(), indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("#", "exercise", "side", "rep", "phase", "s", "cue", show_lines=False)
    for number, step in enumerate(timed.steps, start=1):
        name = catalog.get(step.exercise).name if step.exercise else ""
        table.add_row(
            str(number),
            name,
            step.side or "",
            "" if step.rep is None else str(step.rep),
            step.phase.value,
            f"{step.seconds:g}",
            step.cue,
        )
    out.print(table)
    from sicoach.documents.wording import minutes_text

    out.print(f"{len(timed.steps)} steps, {minutes_text(timed.total_seconds / 60)} in all")


def _guide(
    timed: Script, plan: Plan, catalog: Catalog, *, speed: float, quiet: bool, camera: int | None
) -> None:
    """Play the session full screen, then ask about pain and save the record."""
    from sicoach.cli.store_access import record_guided_session, store

    if not timed.steps[:-1]:
        fail("the plan has no stretches to play: see `sicoach plan` for why")
    # Open the database and the camera now: a problem with either must show before
    # the stretching, not after.
    store()
    watcher = _watch_camera(camera) if camera is not None else None
    try:
        before = _ask_pain_before()
        record = _play(timed, plan, catalog, speed=speed, quiet=quiet, watcher=watcher)
    finally:
        if watcher is not None:
            watcher.stop()
    during: int | None = None
    after: int | None = None
    try:
        out.print(_summary(record))
        during = _ask_pain("Worst pain during the session (0-10)")
        after = _ask_pain("Pain now (0-10)")
    except typer.Abort:
        _tell(err, "\nNo more questions; saving what was done.")
    except OSError:
        pass  # the terminal went away (EIO): save what was done, asking nothing more
    record = record.model_copy(
        update={"pain_before": before, "pain_during": during, "pain_after": after}
    )
    outcome = record_guided_session(record)
    state = "the whole session" if record.completed else "a partial session (stopped early)"
    _tell(out, f"Saved {state}.")
    if outcome is not None:
        _tell(out, outcome.message)
    from sicoach.program.screening import EMERGENCY_SIGNS

    _tell(out, EMERGENCY_SIGNS)


def _tell(console: Console, text: str) -> None:
    """Print ``text`` if the terminal is still there (after a session it may be gone)."""
    try:
        console.print(text, soft_wrap=True)
    except OSError:
        pass


def _watch_camera(index: int) -> CameraWatcher:
    """Start watching the camera, or stop with a clear message before the session begins."""
    from rich.markup import escape

    from sicoach.capture.live import CameraWatcher
    from sicoach.capture.pose import CameraExtraMissing, CaptureError

    try:
        return CameraWatcher(index).start()
    except (CameraExtraMissing, CaptureError) as exc:
        fail(escape(str(exc)))


def _play(
    timed: Script,
    plan: Plan,
    catalog: Catalog,
    *,
    speed: float,
    quiet: bool,
    watcher: CameraWatcher | None = None,
) -> SessionRecord:
    """Run the script through the runner with the live view, keys, voice and signals."""
    import signal
    import threading
    import time
    import uuid
    from datetime import UTC, datetime

    from rich.live import Live

    from sicoach.cli.keys import KeyReader
    from sicoach.cli.session_view import SessionView
    from sicoach.cli.voice import INSTALL_HINT, Voice
    from sicoach.session.runner import Command, Event, Runner, StepEnded, StepStarted

    voice = Voice(out.file, quiet=quiet)
    if voice.missing:
        err.print(f"[yellow]{INSTALL_HINT}[/]")
    view = SessionView(timed, plan, catalog, speed)
    started = datetime.now(UTC)
    session_id = f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"

    # With a camera: the steps played so far, and the form cue last spoken in each.
    now_playing: list[ScriptStep] = []
    spoken: dict[int, str] = {}

    def held() -> bool:
        """The hold gate: asked many times a second while a hold plays."""
        if watcher is None or not now_playing:
            return True
        step = now_playing[-1]
        seen = watcher.status(step.exercise, step.side)
        if seen.fault is not None and spoken.get(len(now_playing)) != seen.fault:
            spoken[len(now_playing)] = seen.fault
            voice.say(seen.fault)
        return seen.holding

    # A closed terminal window fails every read and write with EIO, with or without a
    # SIGHUP first; the session then stops and is kept as partial, like q.
    terminal_lost = threading.Event()
    live = Live(view.render(out.height), console=out, screen=True, auto_refresh=False)
    try:
        live.start(refresh=True)
    except OSError:
        terminal_lost.set()
    try:

        def on_event(event: Event) -> None:
            # A step's end is drawn by the next step's start: drawing it too would only
            # make that start later.
            if isinstance(event, StepEnded):
                return
            view.apply(event)
            if isinstance(event, StepStarted):
                now_playing.append(event.step)
                voice.say(event.step.cue)
            if terminal_lost.is_set():
                return
            try:
                live.update(view.render(out.height), refresh=True)
            except OSError:  # the terminal went away (EIO): stop as if it sent SIGHUP
                lose_terminal()

        runner = Runner(
            timed,
            session_id=session_id,
            clock=time.monotonic,
            sleep=time.sleep,
            wall_now=lambda: datetime.now(UTC),
            listener=on_event,
            hold_gate=held,
            speed=speed,
        )

        def on_key(key: str) -> None:
            if key in _KEYS:
                # A key is the person moving on (or stopping): what is being said no longer
                # fits, so it stops now instead of finishing its sentence.
                voice.hush()
                runner.send(Command(_KEYS[key]))

        def on_signal(number: int, frame: object) -> None:
            runner.send(Command.STOP)

        def lose_terminal() -> None:
            terminal_lost.set()
            runner.send(Command.STOP)

        # Ctrl-C, a closed terminal or a kill all end the session the same way as q.
        handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        previous = {number: signal.signal(number, on_signal) for number in handled}
        try:
            with KeyReader(on_key, on_lost=lose_terminal):
                record = runner.run()
        except BaseException:
            voice.hush()
            raise
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    finally:
        try:
            live.stop()
        except OSError:
            terminal_lost.set()
    # The closing words are worth hearing out; a stopped session ends at once.
    voice.finish(timeout=FAREWELL_SECONDS if record.completed else 0)
    return record


def _summary(record: SessionRecord) -> str:
    holds = [s for s in record.steps if s.phase.value == "hold"]
    done = sum(1 for s in holds if s.outcome.value == "completed")
    skipped = sum(1 for s in holds if s.outcome.value == "skipped")
    headline = "Session complete." if record.completed else "Session stopped early."
    return f"[bold]{headline}[/] {done} of {len(holds)} holds done, {skipped} skipped."


def _ask_pain_before() -> int:
    """The pain before the session: asked every session, until answered."""
    while True:
        before = _ask_pain("Pain right now, before you start (0-10)")
        if before is not None:
            return before
        out.print("Please rate your pain before you start: it decides how the plan builds up.")


def _ask_pain(question: str) -> int | None:
    """A pain score 0-10, asked again until valid; None if the person presses Enter.

    Ctrl-C or the end of input raises :class:`typer.Abort`.
    """
    while True:
        try:
            answer = typer.prompt(question, default="", show_default=False)
        except (EOFError, KeyboardInterrupt):
            raise typer.Abort() from None
        text = str(answer).strip()
        if text == "":
            return None
        if text.isdigit() and 0 <= int(text) <= 10:
            return int(text)
        err.print(
            f"[red]{text!r} is not a whole number from 0 to 10; try again (or Enter to skip).[/]"
        )
