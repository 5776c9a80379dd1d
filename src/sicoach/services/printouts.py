"""A stored person's documents for the web app: the handout, the FHIR bundle, the calendar.

Each starts from :func:`sicoach.services.printables.stored_plan`, the same plan the
command line prints, and returns None when the person has no plan with stretches.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sicoach.catalog import Catalog
from sicoach.documents import fhir
from sicoach.documents.calendar import calendar_ics
from sicoach.documents.handout import HandoutDetails, Paper, handout_pdf
from sicoach.documents.pictures import pose_pictures
from sicoach.documents.summary import LastChange, PatientSummary, SummaryDetails, summary_pdf
from sicoach.services.accounts import Actor
from sicoach.services.clinic import clinician_name, flat_answers, patient_record
from sicoach.services.exchange import export_person
from sicoach.services.export_formats import EXPORT_FORMATS
from sicoach.services.people import require_person
from sicoach.services.plans import parse_plan
from sicoach.services.printables import PlanToPrint, latest_preferred_time, stored_plan
from sicoach.store.accounts import AccountsUnitOfWork
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "EXPORTS",
    "Paper",
    "export_file",
    "fhir_bundle",
    "handout",
    "patient_summary",
    "reminder_calendar",
]

# What ``sicoach export`` and the data page offer: the exchange document's formats, and
# the FHIR bundle, which is made from the stored records.
FHIR_EXPORT = "fhir"
EXPORTS: dict[str, str] = {
    **{name: chosen.description for name, chosen in EXPORT_FORMATS.items()},
    FHIR_EXPORT: "a FHIR R4B Bundle (collection)",
}


def _printable(uow: AbstractUnitOfWork, person_id: str) -> PlanToPrint | None:
    chosen = stored_plan(uow, person_id)
    if chosen is None or not chosen.plan.eligible or not chosen.plan.exercises:
        return None
    return chosen


def handout(
    uow: AbstractUnitOfWork,
    person_id: str,
    catalog: Catalog,
    *,
    paper: Paper,
    made_on: date,
    clinician: str | None = None,
) -> bytes | None:
    """The printable handout (PDF) of the person's current plan, or None without one."""
    chosen = _printable(uow, person_id)
    if chosen is None:
        return None
    details = HandoutDetails(
        made_on=made_on, person_name=chosen.person_name, clinician=clinician, paper=paper
    )
    return handout_pdf(chosen.plan, catalog, details, pose_pictures)


def fhir_bundle(uow: AbstractUnitOfWork, person_id: str, catalog: Catalog) -> bytes:
    """Everything about the person as a FHIR R4B collection Bundle (UTF-8 JSON).

    It carries what the JSON and CSV exports carry, read from the same records.
    ODI responses without a score (too many sections missing) are left out.
    """
    with uow:
        person = require_person(uow, person_id)
        intakes = uow.intakes.history(person_id)
        versions = uow.plans.history(person_id)
        sessions = uow.sessions.history(person_id)
        ratings = uow.pain.history(person_id)
        odi = uow.odi.history(person_id)
    bundle = fhir.fhir_bundle(
        person=fhir.PersonRecord(person.id, person.display_name),
        plans=[
            fhir.PlanVersionRecord(v.number, v.created_at, parse_plan(v.plan)) for v in versions
        ],
        catalog=catalog,
        sessions=[fhir.SessionEntry(s.record, s.plan_version) for s in sessions],
        pain_ratings=[
            fhir.PainRatingRecord(r.recorded_at, r.value, r.kind.value, r.session_id)
            for r in ratings
        ],
        odi_scores=[
            fhir.OdiScoreRecord(r.recorded_at, r.score.percent)
            for r in odi
            if r.score.percent is not None
        ],
        preferred_time=latest_preferred_time(intakes),
    )
    return (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_file(
    uow: AbstractUnitOfWork, person_id: str, format_name: str, catalog: Catalog
) -> bytes:
    """Everything about the person in one of :data:`EXPORTS` (a ``KeyError`` for another)."""
    if format_name == FHIR_EXPORT:
        return fhir_bundle(uow, person_id, catalog)
    return EXPORT_FORMATS[format_name].write(export_person(uow, person_id))


def reminder_calendar(
    uow: AbstractUnitOfWork, person_id: str, catalog: Catalog, *, now: datetime
) -> bytes | None:
    """The daily reminder calendar (.ics) for the person's current plan, or None without one."""
    chosen = _printable(uow, person_id)
    if chosen is None:
        return None
    return calendar_ics(
        chosen.plan,
        catalog,
        person_key=chosen.person_key,
        plan_version=chosen.version,
        starts_on=chosen.created.date(),
        preferred_time=chosen.preferred_time,
        stamp=now,
    )


def patient_summary(
    uow: AccountsUnitOfWork, actor: Actor, person_id: str, catalog: Catalog, *, made_on: date
) -> bytes:
    """The one-page summary (PDF) of a patient for the chart; raises NotAllowed when the
    actor may not see the person."""
    record = patient_record(uow, actor, person_id, catalog, made_on)
    latest = record.intakes[-1] if record.intakes else None
    last = record.versions[-1] if record.versions else None
    summary = PatientSummary(
        name=record.row.name,
        status=record.care.status,
        version=record.care.version.number if record.care.version else None,
        answered_at=latest.recorded_at if latest else None,
        answers=flat_answers(latest.answers) if latest else {},
        plan=record.plan,
        minutes_per_day=record.minutes_per_day,
        over_time=record.over_time,
        last_change=LastChange(last.created_at, last.changed_by, last.reason) if last else None,
        progress=record.progress.summary,
    )
    details = SummaryDetails(made_on=made_on, clinician=clinician_name(actor))
    return summary_pdf(summary, catalog, details)
