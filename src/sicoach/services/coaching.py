"""A person's journey as use cases: intake to plan, today's session, pain, progress, export.

The web app (and any other front end) calls these; they compose the store's services
with the pure core (screening and plan building, session scripts, progression). Each
function opens its own unit of work, one transaction per use case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sicoach.catalog import Catalog
from sicoach.outcomes.pain import PainKind
from sicoach.outcomes.trends import WeekAdherence
from sicoach.program.intake import Intake, parse_intake
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan
from sicoach.services import dose, exchange, pain, plans, progress, sessions
from sicoach.services.errors import NoPlan
from sicoach.services.people import require_person
from sicoach.session.script import build_script
from sicoach.session.script_model import Script, SessionRecord
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "ProgressView",
    "current_intake",
    "current_plan",
    "export_json",
    "morning_pain_due",
    "progress_view",
    "record_morning_pain",
    "record_pain",
    "record_session",
    "start_with_intake",
    "todays_plan",
    "todays_script",
]

INTAKE_CHANGED_BY = "sicoach (from the person's answers)"


def local_zone() -> tzinfo:
    """The time zone of this computer, for the person's days."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def current_intake(uow: AbstractUnitOfWork, person_id: str) -> Intake | None:
    """The person's latest answers, or None before the first intake."""
    history = plans.intake_history(uow, person_id)
    return parse_intake(history[-1].answers) if history else None


def current_plan(uow: AbstractUnitOfWork, person_id: str) -> Plan | None:
    """The person's newest plan version, or None before the first intake."""
    try:
        version = plans.current_plan(uow, person_id)
    except NoPlan:
        return None
    return plans.parse_plan(version.plan)


def start_with_intake(
    uow: AbstractUnitOfWork, person_id: str, intake: Intake, catalog: Catalog
) -> Plan:
    """Screen the answers and build the plan; keep both. A red flag keeps a plan with no stretches.

    The not-eligible plan is kept too, so an earlier plan is never shown to a person
    whose answers now need a doctor first.
    """
    plan = build_plan(intake, catalog)
    plans.record_intake(
        uow, person_id, intake.to_file_dict(), source="web", screening=plans.screening_of(plan)
    )
    reason = "new answers to the questions" if plan.eligible else "a red flag: see a doctor first"
    plans.save_plan(uow, person_id, plan, changed_by=INTAKE_CHANGED_BY, reason=reason)
    return plan


def _plan_from_newer_answers(uow: AbstractUnitOfWork, person_id: str, catalog: Catalog) -> None:
    """Keep a new plan version when the latest answers are newer than the plan.

    Answers can arrive without a plan (``sicoach start`` writes the intake file, which
    the store imports on its next start); a clinician's later change stays in force.
    """
    with uow:
        require_person(uow, person_id)
        answered_at = uow.intakes.latest_recorded_at(person_id)
        latest = uow.plans.latest(person_id)
    if answered_at is None or (latest is not None and latest.created_at >= answered_at):
        return
    history = plans.intake_history(uow, person_id)
    plan = build_plan(parse_intake(history[-1].answers), catalog)
    reason = "new answers to the questions" if plan.eligible else "a red flag: see a doctor first"
    plans.save_plan(uow, person_id, plan, changed_by=INTAKE_CHANGED_BY, reason=reason)


def todays_plan(
    uow: AbstractUnitOfWork, person_id: str, catalog: Catalog, zone: tzinfo | None = None
) -> Plan | None:
    """The plan to play today, or None before the first intake.

    A plan is made from answers newer than the plan, then the pain answers since the
    plan was made move the holds (the store keeps any change as a new plan version),
    so the session plays today's dose.
    """
    _plan_from_newer_answers(uow, person_id, catalog)
    plan = current_plan(uow, person_id)
    if plan is None or not plan.eligible:
        return plan
    if dose.current_dose(uow, person_id, tz=zone or local_zone()).changed:
        plan = current_plan(uow, person_id) or plan
    return plan


def todays_script(
    uow: AbstractUnitOfWork, person_id: str, catalog: Catalog, zone: tzinfo | None = None
) -> Script | None:
    """Today's session (see :func:`todays_plan`), or None when there is no plan to play."""
    plan = todays_plan(uow, person_id, catalog, zone)
    if plan is None or not plan.eligible:
        return None
    return build_script(plan, catalog)


def record_session(uow: AbstractUnitOfWork, person_id: str, record: SessionRecord) -> None:
    """Keep a played session, complete or stopped part-way."""
    sessions.record_session(uow, person_id, record)


def record_pain(
    uow: AbstractUnitOfWork, person_id: str, kind: str, value: int, session_id: str | None
) -> None:
    """Keep a pain rating (0-10) before, during or after a session, or the next morning."""
    pain.record_pain(uow, person_id, kind, value, session_id=session_id)


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def morning_pain_due(
    uow: AbstractUnitOfWork, person_id: str, today: date, zone: tzinfo | None = None
) -> bool:
    """Whether to ask for pain on waking: a session yesterday, and no waking pain given today.

    Both reads are bounded by date, so the question costs the same however long the history.
    """
    where = zone or local_zone()
    today_starts = _midnight(today, where)
    with uow:
        recent = uow.sessions.summaries(person_id, _midnight(today - timedelta(days=1), where))
        ratings = uow.pain.history(person_id, today_starts)
    had_session = any(s.started_at < today_starts for s in recent)
    answered = any(r.kind is PainKind.NEXT_MORNING for r in ratings)
    return had_session and not answered


def record_morning_pain(uow: AbstractUnitOfWork, person_id: str, value: int) -> None:
    """Keep pain on waking; the next session's dose takes it into account."""
    pain.record_pain(uow, person_id, PainKind.NEXT_MORNING.value, value)


@dataclass(frozen=True)
class ProgressView:
    """What the progress page shows: this week's adherence, pain so far, the charts."""

    this_week: WeekAdherence | None
    summary: progress.ProgressSummary


def progress_view(
    uow: AbstractUnitOfWork, person_id: str, today: date, zone: tzinfo | None = None
) -> ProgressView:
    """The person's progress over the last twelve weeks, with charts as SVG."""
    summary = progress.progress_summary(
        uow, person_id, today=today, tz=zone or local_zone(), weeks=12
    )
    this_week = summary.adherence[-1] if summary.adherence else None
    return ProgressView(this_week=this_week, summary=summary)


def export_json(uow: AbstractUnitOfWork, person_id: str) -> str:
    """Everything about the person as JSON (the store's export document)."""
    document = exchange.export_person(uow, person_id)
    return json.dumps(document, indent=2, ensure_ascii=False, default=str)
