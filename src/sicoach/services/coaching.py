"""What a person's pages read: their answers, today's care and session, progress, export.

Reads only; everything that changes the plan's life is in :mod:`sicoach.services.care`.
Each function opens its own unit of work, one short transaction per read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sicoach.catalog import Catalog
from sicoach.outcomes.pain import PainKind
from sicoach.outcomes.summary import ProgressSummary
from sicoach.outcomes.trends import WeekAdherence
from sicoach.program.intake import Intake, parse_intake
from sicoach.program.plan_model import Plan
from sicoach.rules import PROGRESS_WEEKS
from sicoach.services import care, plans, progress
from sicoach.services.errors import NoPlan
from sicoach.services.times import local_zone
from sicoach.session.script import build_script
from sicoach.session.script_model import Script
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "PlanPage",
    "ProgressView",
    "Today",
    "current_intake",
    "local_zone",
    "plan_in_force",
    "plan_page",
    "progress_view",
    "today",
]


def current_intake(uow: AbstractUnitOfWork, person_id: str) -> Intake | None:
    """The person's latest answers, or None before the first intake."""
    history = plans.intake_history(uow, person_id)
    return parse_intake(history[-1].answers) if history else None


def plan_in_force(uow: AbstractUnitOfWork, person_id: str) -> Plan | None:
    """The person's plan version in force, or None before the first intake (a read only)."""
    try:
        version = plans.newest_version(uow, person_id)
    except NoPlan:
        return None
    return plans.parse_plan(version.plan)


@dataclass(frozen=True)
class Today:
    """Today for the person: where their care stands, and the session to play if it may start."""

    view: care.CareView
    script: Script | None
    refusal: str | None


def today(uow: AbstractUnitOfWork, person_id: str, catalog: Catalog, on: date) -> Today:
    """Today's care view and session script, read in one short transaction (no writes).

    Today's dose was decided when the pain answers that changed it were written.
    """
    view = care.care_view(uow, person_id, on)
    refusal = view.start_refusal(on)
    plan = view.plan
    script = build_script(plan, catalog) if refusal is None and plan is not None else None
    return Today(view=view, script=script, refusal=refusal)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _morning_due(uow: AbstractUnitOfWork, person_id: str, today: date, zone: tzinfo) -> bool:
    today_starts = _midnight(today, zone)
    recent = uow.sessions.summaries(person_id, _midnight(today - timedelta(days=1), zone))
    ratings = uow.pain.history(person_id, today_starts)
    had_session = any(s.started_at < today_starts for s in recent)
    answered = any(r.kind is PainKind.NEXT_MORNING for r in ratings)
    return had_session and not answered


@dataclass(frozen=True)
class PlanPage:
    """What the plan page reads: today's care, and whether to ask for pain on waking."""

    view: care.CareView
    morning_due: bool


def plan_page(
    uow: AbstractUnitOfWork, person_id: str, today: date, zone: tzinfo | None = None
) -> PlanPage:
    """Today's care and the morning question, in one short transaction."""
    with uow:
        view = care.read_view(uow, person_id, today)
        due = _morning_due(uow, person_id, today, zone or local_zone())
    return PlanPage(view=view, morning_due=due)


@dataclass(frozen=True)
class ProgressView:
    """What the progress page shows: this week's adherence, pain so far, the charts."""

    this_week: WeekAdherence | None
    summary: ProgressSummary


def progress_view(
    uow: AbstractUnitOfWork, person_id: str, today: date, zone: tzinfo | None = None
) -> ProgressView:
    """The person's progress over the last weeks (rule ``progress_weeks``)."""
    summary = progress.progress_summary(
        uow, person_id, today=today, tz=zone or local_zone(), weeks=PROGRESS_WEEKS.value
    )
    this_week = summary.adherence[-1] if summary.adherence else None
    return ProgressView(this_week=this_week, summary=summary)
