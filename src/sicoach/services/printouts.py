"""A stored person's documents for the web app: the handout, the FHIR bundle, the calendar.

Each starts from :func:`sicoach.documents.sources.stored_plan`, the same plan the
command line prints, and returns None when the person has no plan with stretches.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sicoach.catalog import Catalog
from sicoach.documents.calendar import calendar_ics
from sicoach.documents.fhir import fhir_from_export
from sicoach.documents.handout import HandoutDetails, Paper, handout_pdf
from sicoach.documents.pictures import pose_pictures
from sicoach.documents.sources import PlanToPrint, stored_plan
from sicoach.documents.summary import SummaryDetails, summary_pdf
from sicoach.services.accounts import Actor
from sicoach.services.clinic import clinician_name, patient_record
from sicoach.services.exchange import export_person
from sicoach.store.accounts import AccountsUnitOfWork
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["Paper", "fhir_bundle", "handout", "patient_summary", "reminder_calendar"]


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
    """Everything about the person as a FHIR R4B collection Bundle (UTF-8 JSON)."""
    bundle = fhir_from_export(export_person(uow, person_id), catalog)
    return json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8")


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
    details = SummaryDetails(made_on=made_on, clinician=clinician_name(actor))
    return summary_pdf(record, catalog, details)
