"""A clinician's use cases: the patient list with flags, a patient's record, a new prescription.

Every function first checks, through :func:`sicoach.services.accounts.authorize_person`,
that the actor may see the person; a clinician sees only the people linked to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sicoach import rules
from sicoach.catalog import Catalog
from sicoach.outcomes.pain import PainRating
from sicoach.outcomes.trends import WeekAdherence
from sicoach.program.plan_model import Plan
from sicoach.program.prescription import DoseChange, prescribe
from sicoach.program.progression import next_dose
from sicoach.services import coaching, dose, plans
from sicoach.services.accounts import Actor, authorize_person, linked_people
from sicoach.services.coaching import ProgressView
from sicoach.services.errors import InvalidRecord
from sicoach.store.accounts import AccountsUnitOfWork
from sicoach.store.records import IntakeEntry, PlanVersion, StoredSession

__all__ = [
    "PatientRecord",
    "PatientRow",
    "change_prescription",
    "patient_record",
    "patient_rows",
]


@dataclass(frozen=True)
class PatientRow:
    """One line of the clinician's list."""

    person_id: str
    name: str
    this_week: WeekAdherence | None
    last_pain: PainRating | None
    flags: list[str]


@dataclass(frozen=True)
class PatientRecord:
    """A patient's page: plan history, sessions, pain, progress and flags."""

    row: PatientRow
    plan: Plan | None
    versions: list[PlanVersion]
    sessions: list[StoredSession]
    pain: list[PainRating]
    progress: ProgressView
    intakes: list[IntakeEntry]


def _flags(
    uow: AccountsUnitOfWork, person_id: str, catalog: Catalog, today: date, zone: tzinfo
) -> list[str]:
    flags: list[str] = []
    intakes = plans.intake_history(uow, person_id)
    latest_screening = intakes[-1].screening if intakes else None
    if latest_screening is not None and not latest_screening.eligible:
        flags.append("red flag answered")
    plan = coaching.current_plan(uow, person_id)
    with uow:
        ratings = uow.pain.history(person_id)
    responses = dose.pain_responses(ratings, zone)
    if plan is not None and plan.exercises and responses:
        first = plan.exercises[0]
        decision = next_dose(first.hold_seconds, catalog.get(first.id), responses)
        if decision.contact_clinician:
            flags.append(f"pain rising: {decision.clinician_reason}")
    with uow:
        history = uow.sessions.history(person_id)
    quiet_since = datetime.combine(
        today - timedelta(days=rules.MISSED_SESSIONS_FLAG_DAYS.value), time.min, tzinfo=zone
    )
    versions = plans.plan_history(uow, person_id) if plan is not None and plan.eligible else []
    if versions:
        started = versions[0].created_at
        last = max((s.record.started_at for s in history), default=started)
        if last < quiet_since:
            flags.append(f"missed sessions: none in {rules.MISSED_SESSIONS_FLAG_DAYS.value} days")
    return flags


def _row(
    uow: AccountsUnitOfWork, person_id: str, catalog: Catalog, today: date, zone: tzinfo
) -> tuple[PatientRow, ProgressView]:
    with uow:
        person = uow.people.get(person_id)
        ratings = uow.pain.history(person_id)
    view = coaching.progress_view(uow, person_id, today, zone)
    name = person.display_name if person and person.display_name else f"Patient {person_id[:8]}"
    row = PatientRow(
        person_id=person_id,
        name=name,
        this_week=view.this_week,
        last_pain=ratings[-1] if ratings else None,
        flags=_flags(uow, person_id, catalog, today, zone),
    )
    return row, view


def patient_rows(
    uow: AccountsUnitOfWork, actor: Actor, catalog: Catalog, today: date, zone: tzinfo | None = None
) -> list[PatientRow]:
    """The people this clinician may see, flagged ones first."""
    where = zone or coaching.local_zone()
    rows = [_row(uow, pid, catalog, today, where)[0] for pid in linked_people(uow, actor)]
    return sorted(rows, key=lambda r: (not r.flags, r.name.lower()))


def patient_record(
    uow: AccountsUnitOfWork,
    actor: Actor,
    person_id: str,
    catalog: Catalog,
    today: date,
    zone: tzinfo | None = None,
) -> PatientRecord:
    """Everything a clinician sees about one patient (raises NotAllowed if not theirs)."""
    authorize_person(uow, actor, person_id)
    where = zone or coaching.local_zone()
    row, view = _row(uow, person_id, catalog, today, where)
    with uow:
        sessions = uow.sessions.history(person_id)
        ratings = uow.pain.history(person_id)
    return PatientRecord(
        row=row,
        plan=coaching.current_plan(uow, person_id),
        versions=plans.plan_history(uow, person_id),
        sessions=sessions,
        pain=ratings,
        progress=view,
        intakes=plans.intake_history(uow, person_id),
    )


def change_prescription(
    uow: AccountsUnitOfWork,
    actor: Actor,
    person_id: str,
    changes: Sequence[DoseChange],
    reason: str,
    catalog: Catalog,
) -> PlanVersion:
    """Apply a clinician's changes as a new plan version, with who and why."""
    authorize_person(uow, actor, person_id)
    plan = coaching.current_plan(uow, person_id)
    if plan is None or not plan.eligible:
        raise InvalidRecord("the prescription", ["(plan): this person has no plan to change yet"])
    why = reason.strip()
    if not why:
        raise InvalidRecord("the prescription", ["reason: say why the dose changes"])
    changed = prescribe(plan, changes, catalog, why)
    who = f"clinician {actor.email or actor.user_id}"
    return plans.save_plan(uow, person_id, changed, changed_by=who, reason=why)
