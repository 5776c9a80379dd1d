"""``sicoach plan``: the person's plan from an intake file, as text or contract 4 JSON."""

from __future__ import annotations

import json
from datetime import date, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table

from sicoach.cli.common import fail, out
from sicoach.program.words import seconds_text

if TYPE_CHECKING:
    from sicoach.catalog import Catalog
    from sicoach.program.intake import Intake
    from sicoach.program.plan_model import Plan, Referral


class PlanFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    FHIR = "fhir"


_HEADLINES = {
    "emergency": ("red", "EMERGENCY: get care now. No plan.", "Get emergency care"),
    "before-starting": ("red", "See a doctor before you start. No plan yet.", "See a doctor"),
    "clinician-review": (
        "yellow",
        "Ask your clinician to review this plan before you start.",
        "Ask your clinician",
    ),
}


def load_intake_or_fail(path: Path | None) -> Intake:
    """The intake at ``path`` (default: the answers kept, else the current intake file).

    Exits 2 listing every problem.
    """
    from sicoach.cli.intake_file import current_intake_path, read_intake
    from sicoach.program.intake import IntakeError

    if path is None:
        kept = _kept_intake()
        if kept is not None:
            return kept
        path = current_intake_path()
        if not path.exists():
            fail(f"no intake at {path}: answer the questions with `sicoach start` or pass --intake")
    try:
        return read_intake(path)
    except IntakeError as exc:
        fail(f"{path}: {exc}")


def _kept_intake() -> Intake | None:
    from sicoach.cli.store_access import person_id, store
    from sicoach.services import coaching

    pid = person_id(None, create=False)
    return coaching.current_intake(store().unit_of_work(), pid) if pid is not None else None


def referral_panel(referral: Referral) -> Panel:
    """A bordered box: how urgent, why, and what to do."""
    from sicoach.settings import get_settings

    colour, headline, title = _HEADLINES[referral.urgency.value]
    lines: list[Any] = [
        f"[bold]{headline}[/]\n",
        _bullets("•", referral.reasons, 2),
        f"\n{referral.advice}",
    ]
    if referral.urgency.value == "emergency":
        lines.append(f"\n[bold]Call {get_settings().emergency_number} now.[/]")
    return Panel(Group(*lines), title=title, border_style=colour)


def _bullets(marker: str, lines: list[str], indent: int) -> Padding:
    """Lines after a marker, wrapped with a hanging indent (readable in a narrow terminal)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(marker, line)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def _line(text: str, indent: int) -> None:
    """Print ``text`` wrapped with every line indented."""
    out.print(Padding(text, (0, 0, 0, indent), expand=False))


def show_plan(plan: Plan, catalog: Catalog) -> None:
    """Print a plan for a person: each stretch with dose, reason and limits, then the rest."""
    from sicoach.documents.wording import minutes_text

    if plan.referral is not None:
        out.print(referral_panel(plan.referral))
    if plan.eligible:
        out.print(
            f"\n[bold]Your plan[/]: {len(plan.exercises)} stretches, "
            f"{minutes_text(plan.minutes)} a day\n"
        )
        if not plan.exercises:
            _line("No stretch fits: see the reasons below.", 2)
    for number, planned in enumerate(plan.exercises, start=1):
        exercise = catalog.get(planned.id)
        sides = " and ".join(s.value for s in planned.sides)
        out.print(f"{number}. [bold]{exercise.name}[/] ({exercise.position.value})")
        _line(
            f"hold {seconds_text(planned.hold_seconds)} · {planned.repetitions} times · {sides}", 3
        )
        _line(f"[dim]why:[/] {planned.reason}", 3)
        if planned.notes:
            out.print(_bullets("[yellow]![/]", planned.notes, 3))
    if plan.excluded:
        out.print("\n[bold]Left out[/]")
        names = [f"{catalog.get(e.id).name}: {e.reason}" for e in plan.excluded]
        out.print(_bullets("•", names, 2))
    out.print("\n[bold]Before you start[/]")
    out.print(_bullets("•", plan.advice, 2))


def _fhir_care_plan(plan: Plan, catalog: Catalog, intake: Intake) -> dict[str, Any]:
    """The plan as a FHIR R4B bundle: the CarePlan and its ActivityDefinitions, no Patient."""
    from sicoach.documents.fhir import care_plan_bundle

    preferred = time.fromisoformat(intake.preferred_time) if intake.preferred_time else None
    return care_plan_bundle(plan, catalog, created=date.today(), preferred_time=preferred)


def plan_command(
    intake: Annotated[
        Path | None,
        typer.Option(
            "--intake",
            help="Intake file (YAML or JSON). Default: the current intake from `sicoach start`.",
            dir_okay=False,
        ),
    ] = None,
    format: Annotated[PlanFormat, typer.Option("--format", help="Output format.")] = (
        PlanFormat.TEXT
    ),
) -> None:
    """Your plan from your intake: stretches, dose and reasons (or where to get care first)."""
    from sicoach.catalog import default_catalog
    from sicoach.program.plan import build_plan

    answers = load_intake_or_fail(intake)
    catalog = default_catalog()
    plan = build_plan(answers, catalog)
    if format is PlanFormat.JSON:
        typer.echo(json.dumps(plan.to_json_dict(), indent=2, ensure_ascii=False))
    elif format is PlanFormat.FHIR:
        typer.echo(
            json.dumps(_fhir_care_plan(plan, catalog, answers), indent=2, ensure_ascii=False)
        )
    else:
        show_plan(plan, catalog)
