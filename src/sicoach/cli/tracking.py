"""Tracking: ``sicoach progress``, ``pain``, ``odi``, ``psfs``, ``export`` and ``import``."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sicoach.cli import measures, progress
from sicoach.cli.common import fail, out
from sicoach.cli.store_access import PersonOption, handled, person_id, store
from sicoach.files import write_atomically

app = typer.Typer()
app.command("progress")(progress.show_progress)
app.add_typer(measures.odi_app, name="odi")
app.add_typer(measures.psfs_app, name="psfs")


class PainKindChoice(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    NEXT_MORNING = "next-morning"


@app.command("pain")
def record_pain(
    value: Annotated[int, typer.Argument(help="Pain now, 0 (none) to 10 (worst imaginable).")],
    kind: Annotated[PainKindChoice, typer.Option("--kind", help="When, relative to a session.")],
    person: PersonOption = None,
) -> None:
    """Record a pain rating (0-10) before, during or after a session, or the next morning."""
    from sicoach.services.pain import record_pain as record

    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        rating = record(store().unit_of_work(), pid, kind.value, value)
    out.print(f"Recorded pain {rating.value}/10 ({rating.kind.value}).")


@app.command("dose")
def show_dose(person: PersonOption = None) -> None:
    """Today's hold for each stretch, moved by your pain answers, and why."""
    from rich.table import Table

    from sicoach.services.dose import current_dose
    from sicoach.services.plans import first_plan_from_intake

    pid = person_id(person, create=False)
    if pid is None:
        fail("there is no plan yet: make one with `sicoach start`")
    now = datetime.now().astimezone()
    assert now.tzinfo is not None
    with handled():
        first_plan_from_intake(store().unit_of_work(), pid)
        dose = current_dose(store().unit_of_work(), pid, tz=now.tzinfo)
    table = Table(title=f"Today's dose (plan version {dose.plan_version})", show_lines=True)
    for column in ("stretch", "hold", "reps", "sides", "why"):
        table.add_column(column)
    for line in dose.lines:
        table.add_row(
            line.exercise,
            f"{line.hold_seconds:g} s",
            str(line.repetitions),
            ", ".join(line.sides),
            line.why,
        )
    out.print(table)
    if dose.contact_clinician:
        out.print(f"[bold red]Please contact your clinician:[/] {dose.clinician_reason}.")


@app.command("export")
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="json; csv (a zip of CSV files, one per kind of record); fhir (R4B Bundle).",
        ),
    ] = "json",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="File to write; default: print to stdout.")
    ] = None,
    person: PersonOption = None,
) -> None:
    """Everything sicoach keeps about you, in a file you can keep or import elsewhere."""
    from sicoach.services.exchange import export_person
    from sicoach.services.export_formats import EXPORT_FORMATS

    chosen = EXPORT_FORMATS.get(format)
    if chosen is None:
        fail(f"unknown format {format!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    pid = person_id(person, create=False)
    if pid is None:
        fail("nothing to export yet: no one has recorded anything")
    with handled():
        data = chosen.write(export_person(store().unit_of_work(), pid))
    if out_file is None:
        if chosen.suffix == ".zip":
            fail("the csv format is a zip file: give --out FILE.zip")
        typer.echo(data.decode(), nl=False)
        return
    try:
        write_atomically(out_file, data)
    except OSError as exc:
        fail(f"cannot write {out_file}: {exc.strerror or exc}")
    out.print(f"Wrote {out_file} ({chosen.description}).")


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A file from `sicoach export` (JSON or CSV zip).")],
) -> None:
    """Read an export back into an empty database; all or nothing."""
    from sicoach.services.exchange import import_person
    from sicoach.services.export_formats import read_export
    from sicoach.settings import get_settings

    if not file.is_file():
        fail(f"no such file: {file}")
    with handled():
        person = import_person(
            store().unit_of_work(),
            read_export(file.read_bytes()),
            require_empty=get_settings().mode == "local",
        )
    out.print(f"Imported everything about person {person.id}.")
