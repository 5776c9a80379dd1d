"""What a person's pages read: their answers, today's care and session, progress, export.

Reads only; everything that changes the plan's life is in :mod:`sicoach.services.care`.
Each function opens its own unit of work, one short transaction per read.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
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
from sicoach.store.records import PlanVersion
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "PlanPage",
    "ProgressView",
    "ScriptCache",
    "ScriptJson",
    "Today",
    "TodayJson",
    "current_intake",
    "local_zone",
    "plan_in_force",
    "plan_page",
    "progress_view",
    "today",
    "today_json",
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


@dataclass(frozen=True)
class ScriptJson:
    """A session script serialized once: its JSON bytes and their entity tag (ETag)."""

    body: bytes
    etag: str


class ScriptCache:
    """Scripts as JSON, made once per person and plan version, for one catalog.

    A plan version is never changed once kept and today's dose is decided when it is
    written (a new dose is a new version), so (person, version number, time it was made)
    names one script for good: a new plan or dose is a new key, and a key names its
    person, so no entry can be served for another person or an older plan. Holds at most
    ``size`` scripts, the least recently used going first.
    """

    def __init__(self, catalog: Catalog, size: int = 4096) -> None:
        self.catalog = catalog
        self._size = size
        self._scripts: OrderedDict[tuple[str, int, datetime], ScriptJson] = OrderedDict()

    def script(self, person_id: str, version: PlanVersion) -> ScriptJson:
        """The script of ``version`` (``person_id``'s), built and serialized on first use."""
        key = (person_id, version.number, version.created_at)
        found = self._scripts.get(key)
        if found is not None:
            self._scripts.move_to_end(key)
            return found
        plan = Plan.model_validate(version.plan)
        document = build_script(plan, self.catalog).to_json_dict()
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        tag = hashlib.sha256(person_id.encode() + b"\0" + body).hexdigest()[:32]
        made = ScriptJson(body=body, etag=f'"{tag}"')
        self._scripts[key] = made
        if len(self._scripts) > self._size:
            self._scripts.popitem(last=False)
        return made


@dataclass(frozen=True)
class TodayJson:
    """Today as the API answers it: the care view and, if it may start, the script's JSON."""

    view: care.CareView
    script: ScriptJson | None
    refusal: str | None


def today_json(uow: AbstractUnitOfWork, person_id: str, on: date, cache: ScriptCache) -> TodayJson:
    """:func:`today` with the script serialized once per plan version (one short read)."""
    view = care.care_view(uow, person_id, on)
    refusal = view.start_refusal(on)
    version = view.version
    script = cache.script(person_id, version) if refusal is None and version else None
    return TodayJson(view=view, script=script, refusal=refusal)


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
