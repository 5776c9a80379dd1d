"""``sicoach exercises``: list, show, export the catalog, and draw a stretch's picture."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sicoach.cli.common import fail, out
from sicoach.files import write_atomically

if TYPE_CHECKING:
    from sicoach.catalog import Catalog, Exercise
    from sicoach.figures import Side

app = typer.Typer(help="The seven SI joint stretches.", no_args_is_help=True)


class ExportFormat(StrEnum):
    JSON = "json"


class FigureSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"


def _catalog() -> Catalog:
    from sicoach.catalog import CatalogError, default_catalog

    try:
        return default_catalog()
    except CatalogError as exc:
        fail(str(exc), code=1)


def _exercise(exercise_id: str) -> Exercise:
    from sicoach.catalog import UnknownExerciseError

    try:
        return _catalog().get(exercise_id)
    except UnknownExerciseError as exc:
        fail(str(exc))


def reps_text(exercise: Exercise) -> str:
    """Repetitions in words, or a plain note that the instructions set no number."""
    reps = exercise.repetitions
    if reps is None:
        return "no set number"
    count = str(reps.min) if reps.min == reps.max else f"{reps.min}–{reps.max}"
    return f"{count} per {reps.per.value}"


def _words(value: str) -> str:
    """A kebab-case value as words: 'sitting-on-floor' → 'sitting on floor'."""
    return value.replace("-", " ")


@app.command("list")
def list_exercises() -> None:
    """A table of every stretch by group: its id (for show and figure), name, hold and repeats."""
    from sicoach.documents.wording import build_up_text

    catalog = _catalog()
    widest = max(len(e.id) for e in catalog.exercises)
    out.print("[bold]SI joint stretches[/]")
    for group_id in dict.fromkeys(e.group for e in catalog.exercises):
        table = Table(title=catalog.group(group_id).name, title_justify="left", expand=True)
        # The id is what `show` and `figure` take, so it is never cut; the words wrap instead.
        table.add_column("id", no_wrap=True, min_width=widest)
        for column in ("name", "hold", "repeat"):
            table.add_column(column, ratio=1)
        for e in (e for e in catalog.exercises if e.group == group_id):
            table.add_row(e.id, e.name, build_up_text(e), reps_text(e))
        out.print(table)
    out.print("Check with a doctor before you start new stretches.")


@app.command("show")
def show_exercise(exercise_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Steps, cues, cautions and dose of one stretch."""
    from sicoach.documents.wording import build_up_text

    e = _exercise(exercise_id)
    out.print(f"[bold]{e.name}[/] ({e.id})")
    out.print(e.summary)
    out.print(
        f"\n[bold]Position:[/] {_words(e.position.value)}   [bold]Equipment:[/] "
        f"{', '.join(_words(x.value) for x in e.equipment)}   "
        f"[bold]Sides:[/] {_words(e.laterality.value)}"
    )
    out.print(f"[bold]Hold:[/] {build_up_text(e)}   [bold]Repetitions:[/] {reps_text(e)}")
    out.print("\n[bold]Steps[/]")
    for number, step in enumerate(e.steps, start=1):
        out.print(f"  {number}. {step}")
    out.print(f"\n[bold]What you should feel:[/] {e.feel}")
    out.print("\n[bold]Cues[/]")
    for cue in e.cues:
        out.print(f"  • {e.as_shown(cue)}")
    if e.variations:
        out.print("\n[bold]Variations[/]")
        for v in e.variations:
            out.print(f"  • {v.name}: {v.description}")
    out.print("\n[bold]Cautions[/]")
    for caution in [*e.cautions, *_catalog().general_cautions]:
        out.print(f"  ! {e.as_shown(caution)}")
    if e.gaps:
        out.print("\n[bold]Left open by the instructions[/]")
        for gap in e.gaps:
            out.print(f"  ? {gap}")
    out.print(
        f"\n[bold]Picture:[/] sicoach exercises figure {e.id} --out {e.id}.svg"
        f"  (add --animated for the moving version; poses: {', '.join(p.name for p in e.poses)})",
        soft_wrap=True,
    )


@app.command("export")
def export_catalog(
    format: Annotated[
        ExportFormat, typer.Option("--format", help="Output format.")
    ] = ExportFormat.JSON,
) -> None:
    """The whole catalog as JSON (schema sicoach.catalog/1)."""
    typer.echo(json.dumps(_catalog().export(), indent=2, ensure_ascii=False))


@app.command("figure")
def figure(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    out_file: Annotated[Path, typer.Option("--out", help="The SVG file to write.")],
    animated: Annotated[
        bool, typer.Option("--animated", help="Move between the key poses, holding the stretch.")
    ] = False,
    pose: Annotated[
        str | None, typer.Option("--pose", help="Key pose to draw (default: the held stretch).")
    ] = None,
    side: Annotated[
        FigureSide | None, typer.Option("--side", help="Working side (default: as in the data).")
    ] = None,
) -> None:
    """Draw a stretch as an SVG picture: one key pose, or --animated."""
    from sicoach.figures import render_animated_svg, render_svg

    e = _exercise(exercise_id)
    names = [p.name for p in e.poses]
    if animated and pose is not None:
        fail("choose either --pose or --animated, not both")
    if pose is not None and pose not in names:
        fail(f"{e.id} has no pose {pose!r}; its poses are: {', '.join(names)}")
    if side is not None and e.working_side.value == "both":
        fail(f"{e.id} works both sides together; leave out --side")
    if not out_file.parent.is_dir():
        fail(f"the folder {str(out_file.parent)!r} does not exist")
    chosen: Side | None = None
    if side is not None:
        chosen = "left" if side is FigureSide.LEFT else "right"
    if animated:
        svg = render_animated_svg(e, chosen)
    else:
        held = next(p.name for p in e.poses if p.held)
        svg = render_svg(e, pose or held, chosen)
    write_atomically(out_file, svg)
    out.print(f"wrote {out_file}")


@app.command("sheet")
def sheet(
    out_file: Annotated[Path, typer.Option("--out", help="The SVG file to write.")],
    columns: Annotated[int, typer.Option("--columns", min=1, help="Pictures per row.")] = 4,
) -> None:
    """Draw every stretch in its held pose on one SVG sheet, named and to one scale."""
    from sicoach.figures.render import render_sheet_svg

    if not out_file.parent.is_dir():
        fail(f"the folder {str(out_file.parent)!r} does not exist")
    write_atomically(out_file, render_sheet_svg(_catalog().exercises, columns))
    out.print(f"wrote {out_file}")
