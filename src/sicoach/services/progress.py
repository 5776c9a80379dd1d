"""The progress summary: adherence, pain, hold times, PSFS and ODI, for one person.

Reads only a window of recent weeks (by the person's indexed start times) plus the
first rating of each kind as the baseline, so its cost does not grow with the
length of the history.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from sicoach.outcomes.oswestry import odi_change_is_important
from sicoach.outcomes.pain import PainKind, compare_pain
from sicoach.outcomes.psfs import compare_psfs
from sicoach.outcomes.summary import OdiPoint, PainSeries, ProgressSummary, PsfsPoint
from sicoach.outcomes.trends import (
    HoldSample,
    SessionDay,
    hold_trend,
    week_start,
    weekly_adherence,
    weekly_means,
)
from sicoach.rules import PLANNED_SESSIONS_PER_WEEK
from sicoach.services.people import require_person
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "progress_summary",
]


def _start_of(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def progress_summary(
    uow: AbstractUnitOfWork,
    person_id: str,
    *,
    today: date,
    tz: tzinfo,
    weeks: int,
) -> ProgressSummary:
    """The person's progress over the ``weeks`` weeks up to ``today`` (local dates in ``tz``)."""
    window_start = week_start(today) - timedelta(weeks=max(weeks, 1) - 1)
    since = _start_of(window_start, tz)
    with uow:
        require_person(uow, person_id)
        sessions = uow.sessions.summaries(person_id, since)
        holds = uow.sessions.holds(person_id, since)
        first_session = uow.sessions.first_started_at(person_id)
        first_plan = uow.plans.first_created_at(person_id)
        ratings = uow.pain.history(person_id, since)
        baselines = uow.pain.firsts(person_id)
        psfs = uow.psfs.history(person_id)
        odi = uow.odi.history(person_id)

    starts = [m for m in (first_session, first_plan) if m]
    began = min(starts).astimezone(tz).date() if starts else today
    first_day = max(window_start, began)
    adherence = (
        weekly_adherence(
            (SessionDay(s.started_at.astimezone(tz).date(), s.completed) for s in sessions),
            first=first_day,
            last=today,
            planned_per_week=PLANNED_SESSIONS_PER_WEEK.value,
        )
        if starts
        else []
    )

    pain = []
    for kind in PainKind:
        points = [(r.recorded_at, r.value) for r in ratings if r.kind is kind]
        baseline = baselines.get(kind)
        if not points and baseline is None:
            continue
        change = compare_pain(baseline.value, points[-1][1]) if baseline and points else None
        weekly = weekly_means((at.astimezone(tz).date(), float(v)) for at, v in points)
        pain.append(PainSeries(kind=kind, points=points, weekly=weekly, change=change))

    hold_weeks = hold_trend(
        HoldSample(h.started_at.astimezone(tz).date(), h.exercise, h.seconds) for h in holds
    )
    odi_points = [OdiPoint(r.recorded_at, r.score.percent, r.score.band) for r in odi]
    scored = [p.percent for p in odi_points if p.percent is not None]
    return ProgressSummary(
        person_id=person_id,
        first_day=first_day,
        last_day=today,
        adherence=adherence,
        pain=pain,
        holds=hold_weeks,
        psfs=[PsfsPoint(a.recorded_at, a.score, dict(a.ratings)) for a in psfs],
        psfs_change=compare_psfs(psfs[0], psfs[-1]) if len(psfs) >= 2 else None,
        odi=odi_points,
        odi_change_important=odi_change_is_important(scored[0], scored[-1])
        if len(scored) >= 2
        else None,
    )
