"""Tracking: ``sicoach progress``, ``pain``, ``odi``, ``psfs``, ``export`` and ``import``."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sicoach.cli import measures, progress
from sicoach.cli.common import fail, out
from sicoach.cli.store_access import (
    PersonOption,
    handled,
    person_id,
    store,
    todays_care,
)
from sicoach.files import write_atomically
from sicoach.program.words import seconds_text
from sicoach.services.times import local_zone

if TYPE_CHECKING:
    from sicoach.services.care import Outcome

app = typer.Typer()
app.command("progress")(progress.show_progress)
app.add_typer(measures.odi_app, name="odi")
app.add_typer(measures.psfs_app, name="psfs")


class PainKindChoice(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    NEXT_MORNING = "next-morning"


DateOption = Annotated[
    str | None,
    typer.Option("--date", help="The day it happened (YYYY-MM-DD); default today."),
]


def _show_outcome(outcome: Outcome) -> None:
    out.print(f"[bold]Your plan: {outcome.view.status.state.label}.[/] {outcome.message}")


@app.command("pain")
def record_pain(
    value: Annotated[int, typer.Argument(help="Pain now, 0 (none) to 10 (worst imaginable).")],
    kind: Annotated[PainKindChoice, typer.Option("--kind", help="When, relative to a session.")],
    day: DateOption = None,
    person: PersonOption = None,
) -> None:
    """Record a pain rating (0-10) before, during or after a session, or the next morning."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.dates import moment_of, past_day
    from sicoach.services import care

    on = past_day(day) if day is not None else None
    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        outcome = care.record_pain(
            store().unit_of_work(),
            pid,
            kind.value,
            value,
            default_catalog(),
            tz=local_zone(),
            at=moment_of(on),
        )
    out.print(f"Recorded pain {value}/10 ({kind.value}).")
    _show_outcome(outcome)


@app.command("dose")
def show_dose(person: PersonOption = None) -> None:
    """Today's hold for each stretch (decided when your pain answers were given), and why."""
    from rich.table import Table

    from sicoach.catalog import default_catalog
    from sicoach.services import plans

    pid = person_id(person, create=False)
    if pid is None:
        fail("there is no plan yet: make one with `sicoach start`")
    with handled():
        version = plans.newest_version(store().unit_of_work(), pid)
    plan = plans.parse_plan(version.plan)
    table = Table(title=f"Today's dose (plan version {version.number})", show_lines=True)
    for column in ("stretch", "hold", "reps", "sides"):
        table.add_column(column)
    catalog = default_catalog()
    for item in plan.exercises:
        table.add_row(
            catalog.get(item.id).name,
            seconds_text(item.hold_seconds),
            str(item.repetitions),
            ", ".join(side.value for side in item.sides),
        )
    out.print(table)
    out.print(f"Set by {version.changed_by} on {version.created_at:%Y-%m-%d}: {version.reason}")


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command("status")
def show_status(
    format: Annotated[StatusFormat, typer.Option("--format", help="text or json.")] = (
        StatusFormat.TEXT
    ),
    person: PersonOption = None,
) -> None:
    """Where your plan stands (no plan, referred, needs review, active, paused) and what to do."""
    import json

    from sicoach.services import care

    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        view = care.care_view(store().unit_of_work(), pid, datetime.now(local_zone()).date())
    if format is StatusFormat.JSON:
        typer.echo(json.dumps(view.to_json_dict(), indent=2, ensure_ascii=False))
        return
    version = f" (plan version {view.version.number})" if view.version else ""
    out.print(f"[bold]Your plan: {view.status.state.label}{version}.[/]")
    for flag in view.status.flags:
        out.print(f"  • {flag.kind.label} since {flag.since}: {flag.text}")
    out.print(view.advice)


@app.command("log")
def log_session(
    pain_before: Annotated[
        int, typer.Option("--pain-before", help="Pain before the session, 0-10.")
    ],
    pain_during: Annotated[
        int, typer.Option("--pain-during", help="Worst pain during the session, 0-10.")
    ],
    pain_after: Annotated[int, typer.Option("--pain-after", help="Pain after the session, 0-10.")],
    partial: Annotated[
        bool, typer.Option("--partial", help="Only part of the session was done.")
    ] = False,
    day: DateOption = None,
) -> None:
    """Record a session done without the guide (from the handout), with today's dose."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.dates import moment_of, past_day
    from sicoach.services import care
    from sicoach.session.logged import logged_session

    on = past_day(day) if day is not None else None
    pid = person_id(None, create=True)
    assert pid is not None
    catalog = default_catalog()
    today = todays_care(on)
    first = today.view.status.started_on
    if on is not None and first is not None and on < first:
        fail(f"--date: {on} is before the first answers ({first})")
    if today.script is None:
        fail(f"no session can be logged: {today.refusal or today.view.advice}")
    ended = moment_of(on) or datetime.now().astimezone()
    record = logged_session(
        today.script,
        ended_at=ended,
        completed=not partial,
        pain=(pain_before, pain_during, pain_after),
    )
    with handled():
        outcome = care.record_session(store().unit_of_work(), pid, record, catalog, tz=local_zone())
    done = "part of a session" if partial else "a session"
    out.print(f"Logged {done} on {ended:%Y-%m-%d}.")
    _show_outcome(outcome)


@app.command("review")
def review_plan(
    by: Annotated[str, typer.Option("--by", help="The clinician who reviewed the plan.")],
    note: Annotated[str | None, typer.Option("--note", help="What the clinician said.")] = None,
    day: DateOption = None,
) -> None:
    """Record that a clinician reviewed your plan, or cleared a referral (local mode)."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.dates import past_day
    from sicoach.program.lifecycle import Role
    from sicoach.services import care
    from sicoach.settings import get_settings

    if get_settings().mode != "local":
        fail("in server mode the linked clinician reviews the plan on the patient's page")
    on = past_day(day) if day is not None else datetime.now(local_zone()).date()
    pid = person_id(None, create=True)
    assert pid is not None
    with handled():
        outcome = care.review_plan(
            store().unit_of_work(),
            pid,
            default_catalog(),
            name=by,
            role=Role.PERSON,
            on=on,
            note=note,
            local_mode=True,
        )
    out.print(f"Recorded the review by {by.strip()} on {on}.")
    _show_outcome(outcome)


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
    from sicoach.catalog import default_catalog
    from sicoach.services.printouts import EXPORTS, export_file

    if format not in EXPORTS:
        fail(f"unknown format {format!r}; choose one of: {', '.join(EXPORTS)}")
    pid = person_id(person, create=False)
    if pid is None:
        fail("nothing to export yet: no one has recorded anything")
    with handled():
        data = export_file(store().unit_of_work(), pid, format, default_catalog())
    if out_file is None:
        if format == "csv":
            fail("the csv format is a zip file: give --out FILE.zip")
        typer.echo(data.decode(), nl=False)
        return
    try:
        write_atomically(out_file, data)
    except OSError as exc:
        fail(f"cannot write {out_file}: {exc.strerror or exc}")
    out.print(f"Wrote {out_file} ({EXPORTS[format]}).")


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A file from `sicoach export` (JSON or CSV zip).")],
) -> None:
    """Read an export back into an empty database; all or nothing."""
    from sicoach.catalog import default_catalog
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
            catalog=default_catalog(),
        )
    out.print(f"Imported everything about person {person.id}.")
