"""``sicoach handout`` and ``sicoach calendar``: the plan on paper and in a calendar.

Both print the stored current plan, or a plan made on the spot from ``--intake``.
Files are written whole or not at all (temporary file, then rename).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sicoach.cli.common import fail, out
from sicoach.cli.store_access import PersonOption

if TYPE_CHECKING:
    from sicoach.catalog import Catalog
    from sicoach.documents.handout import Paper
    from sicoach.program.plan_model import Plan
    from sicoach.services.printables import PlanToPrint

IntakeOption = Annotated[
    Path | None,
    typer.Option(
        "--intake", help="Make the plan on the spot from this intake file (YAML or JSON)."
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="The file to write.", dir_okay=False)]


def register(app: typer.Typer) -> None:
    """Add ``handout`` and ``calendar`` to the ``sicoach`` command."""
    app.command("handout")(handout)
    app.command("calendar")(calendar)


def _catalog() -> Catalog:
    from sicoach.catalog import CatalogError, default_catalog

    try:
        return default_catalog()
    except CatalogError as exc:
        fail(str(exc), code=1)


def _plan_from_intake(path: Path, catalog: Catalog) -> PlanToPrint:
    from sicoach.cli.plan import load_intake_or_fail
    from sicoach.services.printables import plan_from_intake

    return plan_from_intake(load_intake_or_fail(path), catalog)


def _stored_plan(person: str | None) -> PlanToPrint | None:
    """The person's stored current plan, or None if nothing is stored yet."""
    from sicoach.cli.store_access import handled, person_id, store
    from sicoach.services.printables import stored_plan

    pid = person_id(person, create=False)
    if pid is None:
        return None
    with handled():
        return stored_plan(store().unit_of_work(), pid)


def _plan_to_print(intake: Path | None, catalog: Catalog, person: str | None) -> PlanToPrint:
    """The plan from ``--intake``, else the stored current plan, else the current intake file."""
    from sicoach.cli.intake_file import current_intake_path

    if intake is not None:
        return _plan_from_intake(intake, catalog)
    stored = _stored_plan(person)
    if stored is not None:
        return stored
    current = current_intake_path()
    if current.exists():
        return _plan_from_intake(current, catalog)
    fail(
        f"no plan to print: no stored plan and no intake at {current}; "
        "run `sicoach start` or pass --intake FILE"
    )


def _ready_plan(plan: Plan, what: str) -> None:
    if not plan.eligible or not plan.exercises:
        reasons = (
            "; ".join(plan.referral.reasons) if plan.referral else "no stretch fits the intake"
        )
        fail(f"no {what}: the plan has no stretches ({reasons}); `sicoach plan` says what to do.")


def _write(path: Path, data: bytes) -> None:
    from sicoach.files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def handout(
    out_file: OutOption,
    intake: IntakeOption = None,
    paper: Annotated[str, typer.Option("--paper", help="Paper size: a4 or letter.")] = "a4",
    name: Annotated[str | None, typer.Option("--name", help="The name on the cover.")] = None,
    clinician: Annotated[
        str | None, typer.Option("--clinician", help="The clinician named on the cover.")
    ] = None,
    person: PersonOption = None,
) -> None:
    """Write the printable handout (PDF): dose table, a page per stretch, a four-week log."""
    from sicoach.documents.handout import HandoutDetails, handout_pdf
    from sicoach.documents.pictures import pose_pictures

    size = _paper(paper)
    catalog = _catalog()
    chosen = _plan_to_print(intake, catalog, person)
    _ready_plan(chosen.plan, "handout")
    details = HandoutDetails(
        made_on=date.today(),
        person_name=name or chosen.person_name,
        clinician=clinician,
        paper=size,
    )
    pdf = handout_pdf(chosen.plan, catalog, details, pose_pictures)
    _write(out_file, pdf)
    out.print(
        f"Wrote {out_file}: {len(chosen.plan.exercises)} stretches on {size.value} paper "
        f"({len(pdf) / 1024:.0f} KB)."
    )


def _paper(value: str) -> Paper:
    from sicoach.documents.handout import Paper

    try:
        return Paper(value.lower())
    except ValueError:
        fail(f"unknown paper size {value!r}: use one of {', '.join(p.value for p in Paper)}")


def calendar(out_file: OutOption, intake: IntakeOption = None, person: PersonOption = None) -> None:
    """Write a daily reminder (iCalendar .ics) at the preferred time, for the plan's minutes."""
    from sicoach.documents.calendar import calendar_ics, reminder_time
    from sicoach.documents.wording import minutes_text

    catalog = _catalog()
    chosen = _plan_to_print(intake, catalog, person)
    _ready_plan(chosen.plan, "calendar")
    ics = calendar_ics(
        chosen.plan,
        catalog,
        person_key=chosen.person_key,
        plan_version=chosen.version,
        starts_on=date.today(),
        preferred_time=chosen.preferred_time,
        stamp=datetime.now(UTC),
    )
    _write(out_file, ics)
    when = reminder_time(chosen.preferred_time)
    note = (
        " (sicoach's default: add preferred_time to the intake to change it)"
        if when.is_default
        else ""
    )
    out.print(
        f"Wrote {out_file}: daily at {when.at:%H:%M}{note}, "
        f"{minutes_text(chosen.plan.minutes)}, reminder before it."
    )
