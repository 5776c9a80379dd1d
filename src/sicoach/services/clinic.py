"""A clinician's use cases: the patient list with flags, a patient's record, a new prescription.

Every function first checks, through :func:`sicoach.services.accounts.authorize_person`,
that the actor may see the person; a clinician sees only the people linked to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any, Literal

from sicoach.catalog import Catalog
from sicoach.outcomes.pain import PainRating
from sicoach.outcomes.trends import WeekAdherence, week_adherence, week_start
from sicoach.program.lifecycle import CareState, CareStatus, Flag, Role
from sicoach.program.plan_model import Plan
from sicoach.program.prescription import DoseChange, PlanChange, plan_changes
from sicoach.rules import PLANNED_SESSIONS_PER_WEEK
from sicoach.services import care, coaching, plans
from sicoach.services.accounts import Actor, authorize_person, linked_people
from sicoach.services.care import CareView
from sicoach.services.coaching import ProgressView
from sicoach.services.times import local_zone
from sicoach.store.accounts import AccountsUnitOfWork
from sicoach.store.records import (
    CareEntry,
    IntakeEntry,
    PersonOverview,
    PlanVersion,
    StoredSession,
)

__all__ = [
    "AnswerChange",
    "PatientOrder",
    "PatientPage",
    "PatientRecord",
    "PatientRow",
    "answer_changes",
    "change_prescription",
    "clinician_name",
    "flat_answers",
    "patient_page",
    "patient_record",
    "review_patient",
    "version_changes",
]


PatientOrder = Literal["attention", "name", "activity"]


@dataclass(frozen=True)
class PatientRow:
    """One line of the clinician's list."""

    person_id: str
    name: str
    this_week: WeekAdherence | None
    last_pain: PainRating | None
    state: CareState
    flags: list[Flag]
    last_activity: datetime | None = None

    @property
    def needs_attention(self) -> bool:
        """Flagged, referred, paused or waiting for a review: listed first."""
        return _needs_attention(self.state, self.flags)


def _needs_attention(state: CareState, flags: Sequence[Flag]) -> bool:
    waiting = (CareState.REFERRED, CareState.PAUSED, CareState.NEEDS_REVIEW)
    return bool(flags) or state in waiting


@dataclass(frozen=True)
class PatientPage:
    """One page of the clinician's list, and how many patients there are in all."""

    rows: list[PatientRow]
    total: int
    offset: int
    limit: int | None


@dataclass(frozen=True)
class AnswerChange:
    """One answer that changed: its intake field (dotted, e.g. ``pain.sides``), before and now."""

    field: str
    before: Any
    now: Any


@dataclass(frozen=True)
class PatientRecord:
    """A patient's page: answers, plan history, sessions, pain, progress and flags.

    ``changes`` are the answers that differ between the latest answers and those in
    force at the last review (``reviewed_at``), or the first answers when there has
    been no review yet. ``version_changes`` says, by version number, what each plan
    version changed against the one before. ``minutes_per_day`` is the time the person
    said they have (None before any answers).
    """

    row: PatientRow
    care: CareView
    events: list[CareEntry]
    plan: Plan | None
    versions: list[PlanVersion]
    sessions: list[StoredSession]
    pain: list[PainRating]
    progress: ProgressView
    intakes: list[IntakeEntry]
    changes: list[AnswerChange]
    reviewed_at: datetime | None
    version_changes: dict[int, list[PlanChange]]
    minutes_per_day: int | None

    @property
    def over_time(self) -> bool:
        """The plan takes longer a day than the time the person said they have."""
        plan, minutes = self.plan, self.minutes_per_day
        return bool(plan and plan.eligible and minutes is not None and plan.minutes > minutes)


def flat_answers(answers: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """The answers (contract 5/12) with nested sections as dotted fields, in the file's order."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flat_answers(value, f"{name}."))
        elif key != "schema":
            flat[name] = value
    return flat


def answer_changes(before: Mapping[str, Any], now: Mapping[str, Any]) -> list[AnswerChange]:
    """Every field whose answer differs (a field missing on one side counts as None)."""
    old, new = flat_answers(before), flat_answers(now)
    fields = list(new) + [f for f in old if f not in new]
    return [AnswerChange(f, old.get(f), new.get(f)) for f in fields if old.get(f) != new.get(f)]


def _since_review(
    intakes: Sequence[IntakeEntry], events: Sequence[CareEntry]
) -> tuple[list[AnswerChange], datetime | None]:
    """What changed in the answers since the last review (or since the first answers)."""
    reviews = [e.at for e in events if e.kind == "review"]
    reviewed_at = reviews[-1] if reviews else None
    if not intakes:
        return [], reviewed_at
    earlier = [i for i in intakes if reviewed_at is None or i.recorded_at <= reviewed_at]
    baseline = earlier[-1] if reviewed_at is not None and earlier else intakes[0]
    return answer_changes(baseline.answers, intakes[-1].answers), reviewed_at


def version_changes(versions: Sequence[PlanVersion]) -> dict[int, list[PlanChange]]:
    """What each plan version changed against the one before it, by version number."""
    found: dict[int, list[PlanChange]] = {}
    before: Plan | None = None
    for version in sorted(versions, key=lambda v: v.number):
        plan = Plan.model_validate(version.plan)
        found[version.number] = plan_changes(before, plan) if plan.eligible else []
        before = plan if plan.eligible else before
    return found


def _minutes_per_day(intakes: Sequence[IntakeEntry]) -> int | None:
    minutes = intakes[-1].answers.get("minutes_per_day") if intakes else None
    return minutes if isinstance(minutes, int) else None


def _name(person_id: str, display_name: str | None) -> str:
    return display_name or f"Patient {person_id[:8]}"


def _week_start_moment(today: date, zone: tzinfo) -> datetime:
    return datetime.combine(week_start(today), time.min, tzinfo=zone)


def _row(seen: PersonOverview, status: CareStatus, today: date, zone: tzinfo) -> PatientRow:
    """One line of the list from the one read of everyone on it (no query of its own)."""
    starts = [m for m in (seen.first_session_at, seen.first_plan_at) if m]
    this_week = (
        week_adherence(
            week_start(today),
            seen.done_since,
            seen.partial_since,
            first=min(starts).astimezone(zone).date(),
            last=today,
            planned_per_week=PLANNED_SESSIONS_PER_WEEK.value,
        )
        if starts
        else None
    )
    pain = seen.last_pain
    moments = [seen.last_intake_at, seen.last_session_at, pain.recorded_at if pain else None]
    return PatientRow(
        person_id=seen.person_id,
        name=_name(seen.person_id, seen.display_name),
        this_week=this_week,
        last_pain=pain,
        state=status.state,
        flags=list(status.flags),
        last_activity=max((m for m in moments if m), default=None),
    )


def _rows(
    uow: AccountsUnitOfWork, ids: Sequence[str], today: date, zone: tzinfo
) -> list[PatientRow]:
    statuses = care.care_views(uow, ids, today)
    with uow:
        seen = uow.people.overview(ids, _week_start_moment(today, zone))
    return [_row(seen[pid], statuses[pid], today, zone) for pid in ids if pid in seen]


def _order_key(order: PatientOrder) -> Callable[[PatientRow], tuple[Any, ...]]:
    if order == "name":
        return lambda r: (r.name.lower(), r.person_id)
    if order == "activity":
        return lambda r: (
            r.last_activity is None,
            -(r.last_activity.timestamp() if r.last_activity else 0.0),
            r.name.lower(),
            r.person_id,
        )
    return lambda r: (not r.needs_attention, r.name.lower(), r.person_id)


def patient_page(
    uow: AccountsUnitOfWork,
    actor: Actor,
    today: date,
    zone: tzinfo | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
    order: PatientOrder = "attention",
) -> PatientPage:
    """One page of the people this clinician may see, in ``order``: ``attention``
    (flagged, referred, paused or waiting for a review first, then by name), ``name``,
    or ``activity`` (the latest first).

    Whatever the size of the clinic, the list costs three reads: the linked people,
    their statuses, and one statement for everyone's name, latest activity, last pain
    and sessions this week.
    """
    where = zone or local_zone()
    rows = sorted(_rows(uow, linked_people(uow, actor), today, where), key=_order_key(order))
    chosen = rows[offset : None if limit is None else offset + limit]
    return PatientPage(rows=chosen, total=len(rows), offset=offset, limit=limit)


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
    where = zone or local_zone()
    view_now = care.care_view(uow, person_id, today)
    [row] = _rows(uow, [person_id], today, where)
    view = coaching.progress_view(uow, person_id, today, where)
    with uow:
        sessions = uow.sessions.history(person_id)
        ratings = uow.pain.history(person_id)
        events = uow.care.events(person_id)
    intakes = plans.intake_history(uow, person_id)
    changes, reviewed_at = _since_review(intakes, events)
    versions = plans.plan_history(uow, person_id)
    return PatientRecord(
        row=row,
        care=view_now,
        events=events,
        plan=view_now.plan,
        versions=versions,
        sessions=sessions,
        pain=ratings,
        progress=view,
        intakes=intakes,
        changes=changes,
        reviewed_at=reviewed_at,
        version_changes=version_changes(versions),
        minutes_per_day=_minutes_per_day(intakes),
    )


def clinician_name(actor: Actor) -> str:
    """How a clinician is named in a plan version and on a printout: their email."""
    return actor.email or f"clinician {actor.user_id}"


def change_prescription(
    uow: AccountsUnitOfWork,
    actor: Actor,
    person_id: str,
    changes: Sequence[DoseChange],
    reason: str,
    catalog: Catalog,
    today: date,
) -> care.Outcome:
    """Apply a clinician's changes as a new plan version in force, with who and why."""
    authorize_person(uow, actor, person_id)
    return care.prescribe_plan(
        uow, person_id, changes, reason, catalog, name=clinician_name(actor), on=today
    )


def review_patient(
    uow: AccountsUnitOfWork,
    actor: Actor,
    person_id: str,
    note: str | None,
    catalog: Catalog,
    today: date,
) -> care.Outcome:
    """The linked clinician reviews the plan, clears a non-emergency referral, or resumes it."""
    authorize_person(uow, actor, person_id)
    return care.review_plan(
        uow,
        person_id,
        catalog,
        name=clinician_name(actor),
        role=Role.CLINICIAN,
        on=today,
        note=note.strip() if note and note.strip() else None,
    )
