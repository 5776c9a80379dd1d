"""``sicoach odi`` and ``sicoach psfs``: the Oswestry Disability Index and the PSFS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sicoach.cli.common import fail, out
from sicoach.cli.store_access import PersonOption, handled, person_id, store

odi_app = typer.Typer(
    help="Oswestry Disability Index v2.1a (scoring; wording only if licensed).",
    no_args_is_help=True,
)
wording_app = typer.Typer(help="The clinic's licensed ODI wording.", no_args_is_help=True)
odi_app.add_typer(wording_app, name="wording")
psfs_app = typer.Typer(
    help="Patient-Specific Functional Scale: 3-5 activities, each 0-10.", no_args_is_help=True
)


def _answers(pairs: list[str]) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    problems = []
    for pair in pairs:
        section, _, value = pair.partition("=")
        if not value.strip().isdigit():
            problems.append(f"{pair!r}: write SECTION=VALUE with VALUE 0-5")
            continue
        answers[section.strip()] = int(value)
    if problems:
        fail("; ".join(problems))
    return answers


@odi_app.command("sections")
def show_sections() -> None:
    """The ten section ids, with the clinic's licensed wording if one was loaded."""
    from sicoach.outcomes.oswestry import SECTIONS
    from sicoach.services.outcomes import odi_wording

    wording = odi_wording(store().unit_of_work())
    table = Table(title="Oswestry sections (answer each 0-5)")
    table.add_column("section id")
    table.add_column("licensed wording" if wording else "wording")
    for section in SECTIONS:
        if wording:
            text = wording.sections[section]
            body = text.title + "\n" + "\n".join(f"{n}: {o}" for n, o in enumerate(text.options))
        else:
            body = "(not shipped: load a licensed wording with `sicoach odi wording load FILE`)"
        table.add_row(section, body)
    out.print(table)
    if wording:
        out.print(f"Wording: {wording.source}")


@odi_app.command("record")
def record_odi(
    answers: Annotated[
        list[str],
        typer.Argument(help="SECTION=VALUE for each answered section, e.g. pain-intensity=3."),
    ],
    person: PersonOption = None,
) -> None:
    """Record an Oswestry questionnaire; unanswered sections are left out (at most one)."""
    from sicoach.services.outcomes import record_odi as record

    parsed = _answers(answers)
    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        result = record(store().unit_of_work(), pid, parsed)
    if result.percent is None:
        out.print(
            f"Recorded {result.answered} of 10 sections; no score with more than one missing."
        )
    else:
        out.print(
            f"Recorded: ODI {result.percent} % ({result.band}), {result.answered} of 10 sections."
        )


@wording_app.command("load")
def load_wording(
    file: Annotated[Path, typer.Argument(help="YAML or JSON: schema, source, sections.")],
) -> None:
    """Load your licensed ODI wording (schema sicoach.odi-wording/1); sicoach ships none.

    The file holds ``schema: sicoach.odi-wording/1``, ``source:`` (the licence), and
    ``sections:`` mapping each section id to ``title:`` and six ``options:`` (0 to 5).
    """
    import yaml

    from sicoach.services.outcomes import load_odi_wording

    if not file.is_file():
        fail(f"no such file: {file}")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        fail(f"{file} cannot be read: {exc}")
    with handled():
        wording = load_odi_wording(store().unit_of_work(), data)
    out.print(f"Loaded the ODI wording from {wording.source}.")


@psfs_app.command("activities")
def set_activities(
    names: Annotated[list[str], typer.Argument(help="3 to 5 activities you find hard.")],
    person: PersonOption = None,
) -> None:
    """Name the 3-5 activities you will rate (dropped ones keep their history)."""
    from sicoach.services.outcomes import set_psfs_activities

    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        kept = set_psfs_activities(store().unit_of_work(), pid, names)
    for number, name in enumerate(kept, start=1):
        out.print(f"  {number}. {name}")


@psfs_app.command("rate")
def rate(
    ratings: Annotated[
        list[int], typer.Argument(help="One rating per activity, in order: 0 unable, 10 as before.")
    ],
    person: PersonOption = None,
) -> None:
    """Rate each of your activities 0 (unable) to 10 (as before the problem)."""
    from sicoach.services.outcomes import record_psfs

    pid = person_id(person, create=True)
    assert pid is not None
    with handled():
        assessment = record_psfs(store().unit_of_work(), pid, ratings)
    out.print(f"Recorded: PSFS mean {assessment.score:.1f} / 10.")
