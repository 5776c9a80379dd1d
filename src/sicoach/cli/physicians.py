"""``sicoach physicians``: import the NPPES file, search it by ZIP and distance, make test files.

Every search prints the red-flag advice before any list and the data's limits after it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sicoach.cli.common import err, fail, out
from sicoach.rules import PHYSICIAN_DEFAULT_LIMIT, PHYSICIAN_DEFAULT_RADIUS_MILES

if TYPE_CHECKING:
    from sicoach.physicians.notices import RedFlagAdvice
    from sicoach.physicians.search import PhysicianResult
    from sicoach.services.physicians import PhysicianSearch

app = typer.Typer(
    help="Find a physician near you, from the CMS NPPES provider file (offline by default).",
    no_args_is_help=True,
)

NOT_FOUND = 1


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class Kind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


class Layout(StrEnum):
    V1 = "v1"
    V2 = "v2"


@app.command("import")
def import_file(
    file: Annotated[
        Path, typer.Argument(help="Monthly or weekly NPPES ZIP, or its npidata_pfile CSV.")
    ],
    update: Annotated[
        bool,
        typer.Option("--update", help="Apply as a weekly update even if the name does not say so."),
    ] = False,
) -> None:
    """Import the NPPES file: a monthly file replaces the directory, a weekly one updates it."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from sicoach.cli.store_access import store
    from sicoach.physicians.nppes import NppesFileError, ReadCounts
    from sicoach.services.physicians import NoDirectoryError, import_nppes_file

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=24),
        TaskProgressColumn(),
        TextColumn("{task.fields[read]:>12,} rows read  {task.fields[kept]:>9,} kept"),
        TextColumn("{task.fields[rate]:>8,.0f} rows/s"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        progress.console.print(f"Importing {escape(file.name)}")
        task = progress.add_task("reading", total=None, read=0, kept=0, rate=0.0)

        def show(counts: ReadCounts, size_bytes: int) -> None:
            elapsed = progress.tasks[task].elapsed or 0.0
            progress.update(
                task,
                total=size_bytes,
                completed=min(counts.characters_read, size_bytes),
                read=counts.rows_read,
                kept=counts.rows_kept,
                rate=counts.rows_read / elapsed if elapsed else 0.0,
            )

        try:
            summary = import_nppes_file(
                store().unit_of_work(), file, on_progress=show, force_update=update
            )
        except (NppesFileError, NoDirectoryError) as exc:
            progress.stop()
            fail(str(exc))
        progress.update(task, completed=progress.tasks[task].total or 0)
    from sicoach.physicians.notices import file_month

    what = "Updated the directory from" if summary.kind == "update" else "Imported"
    out.print(
        f"{what} {escape(summary.file_name)} ({file_month(summary.file_date)} file): "
        f"{summary.rows_read:,} rows read, {summary.providers_written:,} providers kept"
        + (f", {summary.providers_removed:,} removed" if summary.kind == "update" else "")
        + "."
    )
    if summary.dropped:
        reasons = ", ".join(f"{reason}: {n:,}" for reason, n in sorted(summary.dropped.items()))
        out.print(f"Not kept: {reasons}.")


def _phone(digits: str) -> str:
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else digits


def _bullets(items: Sequence[str | Text]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("  •", item)
    return grid


def _red_flags(advice: RedFlagAdvice) -> Panel:
    body = Group(
        Text(advice.emergency_heading, style="bold red"),
        _bullets(advice.emergency_signs),
        Text(""),
        Text(advice.before_starting_heading, style="bold"),
        _bullets(advice.before_starting_signs),
    )
    return Panel(
        body,
        title="Red flags first",
        subtitle="This finder is not for emergencies",
        border_style="red",
        expand=True,
    )


def _results_table(found: PhysicianSearch) -> Table:
    from sicoach.physicians.specialties import default_specialties

    specialties = default_specialties()
    table = Table(
        caption="≈ distance between ZIP code centres, not street addresses",
        show_lines=True,
        expand=True,
    )
    table.add_column("≈ distance", justify="right", no_wrap=True)
    table.add_column("Provider", ratio=3)
    table.add_column("Practice location", ratio=3)
    table.add_column("Phone", no_wrap=True)
    result: PhysicianResult
    for result in found.results:
        who = Text(result.name, style="bold")
        if result.credential:
            who.append(f", {result.credential}")
        who.append(f"\n{specialties.describe(result.taxonomy_code)}", style="dim")
        if result.kind == "organization":
            who.append(" (organization)", style="dim")
        table.add_row(
            f"≈ {result.distance_miles:.1f} mi",
            who,
            f"{result.address}\n{result.city}, {result.state} {result.zip}",
            _phone(result.phone),
        )
    return table


def _print_search(found: PhysicianSearch) -> None:
    out.print(_red_flags(found.red_flags))
    chosen = (
        "all listed specialties"
        if len(found.specialties) == len(found.specialty_labels)
        else ", ".join(found.specialty_labels[k] for k in found.specialties)
    )
    kind = f", {found.kind}s only" if found.kind else ""
    out.print(
        f"\n[bold]The {len(found.results)} nearest provider(s) within {found.radius_miles:g} mi of "
        f"{found.origin.zip5} ({escape(found.origin.city)}, {found.origin.state})[/]"
        f" — {escape(chosen)}{kind}. Nearest first, then by name."
    )
    if found.results:
        out.print(_results_table(found))
    else:
        out.print(
            "No provider found. Try a larger --radius or other --specialty keys "
            "(sicoach physicians specialties)."
        )
    if found.incomplete:
        out.print(f"[yellow]{escape(found.incomplete)}[/]")
    out.print("\n[bold]About this list[/]")
    out.print(_bullets([*found.limits, Text(found.source_line, style="bold")]))
    if found.stale_warning:
        out.print(f"[bold yellow]Warning:[/] {escape(found.stale_warning)}")


@app.command("search")
def search(
    zip_code: Annotated[str, typer.Option("--zip", help="Your 5-digit ZIP code.")],
    radius: Annotated[
        float, typer.Option("--radius", help="Miles between ZIP centres.")
    ] = PHYSICIAN_DEFAULT_RADIUS_MILES.value,
    specialty: Annotated[
        list[str] | None,
        typer.Option(
            "--specialty", help="A specialty key (repeat for more); default: all of them."
        ),
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", help="Only people or only organizations.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="How many to list.")
    ] = PHYSICIAN_DEFAULT_LIMIT.value,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table (readable) or json (contract 6).")
    ] = OutputFormat.TABLE,
    online: Annotated[
        bool,
        typer.Option(
            "--online", help="Ask the public NPI Registry API instead of the imported file."
        ),
    ] = False,
) -> None:
    """Providers near a ZIP code, nearest first: red-flag advice first, the data's limits last."""
    from sicoach.cli.store_access import store
    from sicoach.physicians.npi_registry import OnlineSearchError
    from sicoach.physicians.specialties import UnknownSpecialtyError
    from sicoach.services.physicians import (
        NoDirectoryError,
        SearchInputError,
        UnknownZipError,
        search_physicians,
    )

    try:
        found = search_physicians(
            store().unit_of_work(),
            zip_code,
            radius_miles=radius,
            specialties=specialty or (),
            kind=kind.value if kind else None,
            limit=limit,
            online=online,
        )
    except (UnknownZipError, UnknownSpecialtyError, SearchInputError) as exc:
        fail(str(exc))
    except (NoDirectoryError, OnlineSearchError) as exc:
        fail(str(exc), code=NOT_FOUND)
    if output is OutputFormat.JSON:
        err.print(
            "Not for emergencies: with red-flag symptoms get care now "
            "(the search without --format json shows the advice)."
        )
        typer.echo(json.dumps(found.as_contract(), indent=2, ensure_ascii=False))
        return
    _print_search(found)


@app.command("specialties")
def list_specialties() -> None:
    """The specialty keys and the NUCC taxonomy codes each one covers."""
    from sicoach.physicians.specialties import default_specialties

    table = Table(title="Specialties that commonly evaluate back and pelvic pain", show_lines=True)
    for column in ("key", "specialty", "taxonomy codes"):
        table.add_column(column)
    for s in default_specialties().items:
        codes = "\n".join(f"{code} {meaning}" for code, meaning in s.codes.items())
        table.add_row(s.key, f"{s.label}\n[dim]{escape(s.description)}[/]", codes)
    out.print(table)
    out.print("Taxonomy: NUCC Health Care Provider Taxonomy (c) AMA/NUCC.")


@app.command("generate")
def generate(
    rows: Annotated[int, typer.Option("--rows", min=1, help="How many provider rows.")],
    out_file: Annotated[Path, typer.Option("--out", help="Where to write (.csv or .zip).")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same file).")] = 9,
    layout: Annotated[Layout, typer.Option("--layout", help="Header layout.")] = Layout.V1,
    weekly: Annotated[
        bool, typer.Option("--weekly", help="Write a weekly update of the same NPIs.")
    ] = False,
    file_date: Annotated[
        datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="The file's date (default 2026-11-09)."),
    ] = None,
) -> None:
    """Write a made-up NPPES-shaped file (full 330-column header) for demos and benchmarks."""
    from datetime import date, timedelta

    from sicoach.physicians.synthetic import (
        monthly_member_name,
        random_specs,
        weekly_member_name,
        write_nppes,
    )
    from sicoach.physicians.zip_centres import default_zip_index

    if out_file.suffix.lower() not in (".csv", ".zip"):
        fail(f"--out must end in .csv or .zip, got {out_file.name!r}")
    end = file_date.date() if file_date else date(2026, 11, 22 if weekly else 9)
    first = end - timedelta(days=6)
    member = weekly_member_name(first, end) if weekly else monthly_member_name(end)
    written = write_nppes(
        out_file,
        random_specs(rows, default_zip_index(), seed=seed + 1 if weekly else seed, file_date=end),
        variant="v2" if layout is Layout.V2 else "v1",
        member_name=member,
    )
    out.print(f"Wrote {written:,} rows to {escape(str(out_file))} ({member}).")
