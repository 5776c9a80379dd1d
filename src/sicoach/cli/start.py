"""``sicoach start``: the intake questions, asked one by one (or read from ``--intake``).

The answers (``sicoach.intake/3``) are kept in the database and go through the plan's
life: a plan made or kept, a referral, a review (DESIGN.md contract 10). ``--out``
also writes them to a file, all or nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from sicoach.cli.common import fail, out

if TYPE_CHECKING:
    from sicoach.program.intake import Intake
    from sicoach.services.care import Outcome

_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _yes(question: str) -> bool:
    return typer.confirm(question, default=False)


def _areas(question: str) -> list[str]:
    from sicoach.program.intake import PainArea

    known = [a.value for a in PainArea]
    while True:
        answer: str = typer.prompt(f"{question} Any of: {', '.join(known)} (use commas)")
        areas = [a.strip() for a in answer.replace(" and ", ",").split(",") if a.strip()]
        unknown = [a for a in areas if a not in known]
        if areas and not unknown and len(set(areas)) == len(areas):
            return areas
        out.print(f"Please choose from {', '.join(known)}, each once.")


def _preferred_time(question: str) -> str | None:
    while True:
        answer: str = typer.prompt(
            f"{question} (HH:MM, 24-hour; Enter to skip)",
            default="",
            show_default=False,
        )
        if not answer.strip():
            return None
        if _TIME.match(answer.strip()):
            return answer.strip()
        out.print("Please write the time as HH:MM, for example 07:30 or 18:00.")


class EmergencyStop(Exception):
    """A possible cauda equina sign answered yes: the questions end here."""

    def __init__(self, answers: dict[str, bool]) -> None:
        super().__init__("an emergency sign was answered yes")
        self.answers = answers


def _ask_red_flags() -> dict[str, bool]:
    """Every warning-sign question; raises :class:`EmergencyStop` at an emergency sign."""
    from sicoach.cli.plan import referral_panel
    from sicoach.program.screening import ASKED_RED_FLAGS, emergency_referral

    out.print("\n[bold]Some questions about warning signs[/] (answer each one y or n)")
    answers: dict[str, bool] = {}
    for flag in ASKED_RED_FLAGS:
        answers[flag.key] = _yes(flag.question)
        urgent = emergency_referral(answers)
        if urgent is not None:
            # Said at once, and nothing more is asked.
            out.print(referral_panel(urgent))
            raise EmergencyStop(answers)
    return answers


def _keep_emergency(stop: EmergencyStop) -> None:
    """Keep an emergency answer with the answers given before, or say that nothing is kept."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.store_access import handled, person_id, store
    from sicoach.services import care
    from sicoach.services.times import local_zone

    pid = person_id(None, create=True)
    assert pid is not None
    with handled():
        outcome = care.report_emergency(
            store().unit_of_work(),
            pid,
            stop.answers,
            default_catalog(),
            on=datetime.now(local_zone()).date(),
        )
    if outcome is None:
        out.print(
            "\nNothing more is asked now: get care first. When a doctor has seen you, run "
            "`sicoach start` again to answer the rest."
        )
    else:
        out.print(f"\n[bold]Your plan: {outcome.view.status.state.label}.[/] {outcome.message}")


def _ask_precautions() -> dict[str, Any]:
    from sicoach.cli.answer_types import Weeks
    from sicoach.program.screening import PRECAUTION_QUESTIONS as ASK

    out.print("\n[bold]Some questions that may change the plan[/]")
    hip: dict[str, Any] = {"hip_replacement_weeks_ago": None}
    if _yes(ASK["hip_replacement"]):
        hip = {
            "hip_replacement_weeks_ago": typer.prompt(ASK["hip_replacement_weeks_ago"], type=Weeks),
            "hip_replacement_side": typer.prompt(
                ASK["hip_replacement_side"], type=Literal["left", "right", "both"]
            ),
            "hip_replacement_approach": typer.prompt(
                ASK["hip_replacement_approach"],
                type=Literal["posterior", "anterior", "lateral", "unknown"],
                default="unknown",
            ),
        }
    answers: dict[str, Any] = {**hip, "hip_precautions": _yes(ASK["hip_precautions"])}
    answers["pregnant_or_postpartum"] = _yes(ASK["pregnant_or_postpartum"])
    if answers["pregnant_or_postpartum"]:
        if _yes(ASK["pregnant"]):
            answers["pregnant_weeks"] = typer.prompt(ASK["pregnant_weeks"], type=Weeks)
        else:
            answers["postpartum_weeks"] = typer.prompt(ASK["postpartum_weeks"], type=Weeks)
    for key in ("osteoporosis", "hypermobility", "recent_spine_or_pelvis_surgery"):
        answers[key] = _yes(ASK[key])
    return answers


def ask_intake() -> dict[str, Any]:
    """Ask every intake question in plain words; the answers as an intake mapping (v2)."""
    from sicoach.cli.answer_types import Age, Minutes, PainScore, Weeks
    from sicoach.program.intake import INTAKE_SCHEMA_V3
    from sicoach.program.questions import EQUIPMENT_QUESTIONS, HARD_POSITION_QUESTIONS
    from sicoach.program.questions import QUESTIONS as ASK
    from sicoach.rules import NOT_IMPROVING_AFTER_WEEKS

    out.print("[bold]sicoach: a few questions before your plan[/]")
    age = typer.prompt(ASK["age"], type=Age)
    now = typer.prompt(ASK["pain.now"], type=PainScore)
    side = typer.prompt(ASK["pain.sides"], type=Literal["left", "right", "both"])
    areas = _areas(ASK["pain.areas"])
    weeks = typer.prompt(ASK["pain.weeks"], type=Weeks)
    improving = _yes(ASK["pain.improving"]) if weeks > NOT_IMPROVING_AFTER_WEEKS.value else None
    assessed = _yes(ASK["assessed_by_clinician"])
    stiff = _yes(ASK["joint_stiff"])
    red_flags = _ask_red_flags()
    precautions = _ask_precautions()
    out.print("\n[bold]Positions and equipment[/]")
    hard = [position for position, question in HARD_POSITION_QUESTIONS.items() if _yes(question)]
    equipment = [
        item for item, question in EQUIPMENT_QUESTIONS.items() if typer.confirm(question, True)
    ]
    minutes = typer.prompt(ASK["minutes_per_day"], default=15, type=Minutes)
    # Only asked when it can be planned: a stiff joint, and the floor is not hard.
    pelvic_ok = stiff and "floor" not in hard and _yes(ASK["pelvic_rotation_ok"])
    return {
        "schema": INTAKE_SCHEMA_V3,
        "age": age,
        "pain": {
            "now": now,
            "sides": ["left", "right"] if side == "both" else [side],
            "areas": areas,
            "weeks": weeks,
            "improving": improving,
        },
        "joint_stiff": stiff,
        "red_flags": red_flags,
        "precautions": precautions,
        "hard_positions": hard,
        "equipment": equipment,
        "minutes_per_day": minutes,
        "pelvic_rotation_ok": pelvic_ok,
        "preferred_time": _preferred_time(ASK["preferred_time"]),
        "assessed_by_clinician": assessed,
    }


def give_answers_from(intake: Intake, day: date | None, *, show: bool = True) -> Outcome:
    """Keep the local person's answers as given on ``day`` (default today); show what follows."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.dates import moment_of
    from sicoach.cli.plan import show_plan
    from sicoach.cli.store_access import handled, person_id, store
    from sicoach.services import care
    from sicoach.services.times import local_zone

    pid = person_id(None, create=True)
    assert pid is not None
    today = datetime.now(local_zone()).date()
    on = day or today
    at = moment_of(day)
    catalog = default_catalog()
    with handled():
        outcome = care.give_answers(store().unit_of_work(), pid, intake, catalog, on=on, at=at)
    plan = outcome.view.plan
    if show and plan is not None:
        show_plan(plan, catalog)
    if show:
        out.print(f"\n[bold]Your plan: {outcome.view.status.state.label}.[/] {outcome.message}")
    return outcome


def start_command(
    intake_file: Annotated[
        Path | None,
        typer.Option(
            "--intake",
            help="Take the answers from this file (YAML or JSON) instead of asking.",
            dir_okay=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="The day the answers were given (YYYY-MM-DD); default today."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also save the answers to this file.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Answer the intake questions (or give them in a file); keep them and see your plan."""
    from sicoach.cli.dates import past_day
    from sicoach.cli.intake_file import write_intake
    from sicoach.cli.plan import load_intake_or_fail
    from sicoach.program.intake import IntakeError, parse_intake

    on = past_day(day) if day is not None else None
    if intake_file is not None:
        intake = load_intake_or_fail(intake_file)
    else:
        try:
            intake = parse_intake(ask_intake())
        except EmergencyStop as stop:
            _keep_emergency(stop)
            return
        except IntakeError as exc:
            fail(f"nothing saved: {exc}")
    if out_file is not None:
        write_intake(out_file, intake)
        out.print(f"\nSaved your answers to {out_file}")
    give_answers_from(intake, on)


def rescreen_command() -> None:
    """Answer the warning-sign questions again (every 4 weeks, and after a flare)."""
    from datetime import datetime

    from sicoach.catalog import default_catalog
    from sicoach.cli.store_access import handled, person_id, store
    from sicoach.services import care
    from sicoach.services.times import local_zone

    try:
        answers = _ask_red_flags()
    except EmergencyStop as stop:
        _keep_emergency(stop)
        return
    pid = person_id(None, create=True)
    assert pid is not None
    with handled():
        outcome = care.answer_red_flags(
            store().unit_of_work(),
            pid,
            answers,
            default_catalog(),
            on=datetime.now(local_zone()).date(),
        )
    out.print(f"\n[bold]Your plan: {outcome.view.status.state.label}.[/] {outcome.message}")
