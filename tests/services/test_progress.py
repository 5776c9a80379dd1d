from __future__ import annotations

from datetime import UTC, date, timedelta

from sicoach.outcomes.oswestry import SECTIONS
from sicoach.outcomes.pain import PainKind
from sicoach.outcomes.summary import ProgressSummary
from sicoach.services import outcomes, people, progress
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories, history

T0 = factories.T0  # Monday 2 March 2026


def _summary(
    uow: AbstractUnitOfWork, person_id: str, today: date, weeks: int = 12
) -> ProgressSummary:
    return progress.progress_summary(uow, person_id, today=today, tz=UTC, weeks=weeks)


def test_progress_counts_sessions_per_week_from_the_first_plan(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    history.keep_plan(uow, person.id, factories.plan(), changed_by="me", reason="start", at=T0)
    for day in (0, 1, 2, 7):
        history.keep_session(
            uow, person.id, factories.session(f"s{day}", start=T0 + timedelta(days=day))
        )
    history.keep_session(
        uow, person.id, factories.session("p", start=T0 + timedelta(days=8), completed=False)
    )
    summary = _summary(uow, person.id, date(2026, 3, 11))
    assert [(w.week, w.done, w.partial, w.planned) for w in summary.adherence] == [
        (date(2026, 3, 2), 3, 0, 7),
        (date(2026, 3, 9), 1, 1, 3),
    ]


def test_pain_trend_compares_the_latest_with_the_very_first_rating(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    history.keep_pain(uow, person.id, "before", 7, at=T0)
    history.keep_pain(uow, person.id, "before", 6, at=T0 + timedelta(weeks=20))
    history.keep_pain(uow, person.id, "before", 4, at=T0 + timedelta(weeks=21))
    summary = _summary(uow, person.id, (T0 + timedelta(weeks=21)).date(), weeks=4)
    [series] = summary.pain
    assert series.kind is PainKind.BEFORE
    assert [v for _, v in series.points] == [6, 4]  # only the window's ratings are drawn
    assert series.change is not None
    assert (series.change.baseline, series.change.latest, series.change.important) == (7, 4, True)


def test_hold_time_is_the_weekly_mean_of_finished_holds(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    history.keep_session(uow, person.id, factories.session("a", start=T0, hold=15))
    history.keep_session(
        uow, person.id, factories.session("b", start=T0 + timedelta(days=1), hold=20)
    )
    history.keep_session(
        uow, person.id, factories.session("c", start=T0 + timedelta(days=7), hold=25)
    )
    holds = _summary(uow, person.id, date(2026, 3, 10)).holds
    assert [(w.week, w.mean) for w in holds["hamstring-stretch"]] == [
        (date(2026, 3, 2), 17.5),
        (date(2026, 3, 9), 25.0),
    ]


def test_psfs_and_odi_appear_with_their_changes(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    outcomes.set_psfs_activities(uow, person.id, ["walk", "sit", "lift"], at=T0)
    outcomes.record_psfs(uow, person.id, [2, 3, 4], at=T0)
    outcomes.record_psfs(uow, person.id, [5, 5, 5], at=T0 + timedelta(days=20))
    outcomes.record_odi(uow, person.id, dict.fromkeys(SECTIONS, 3), at=T0)
    # The second answers leave out the optional sex-life section.
    answered = [section for section in SECTIONS if section != "sex-life"]
    outcomes.record_odi(uow, person.id, dict.fromkeys(answered, 2), at=T0 + timedelta(days=20))
    summary = _summary(uow, person.id, date(2026, 3, 23))
    assert [p.mean for p in summary.psfs] == [3.0, 5.0]
    assert summary.psfs_change is not None and summary.psfs_change.mean_detectable
    assert [(p.percent, p.band) for p in summary.odi] == [(60, "severe"), (40, "moderate")]
    assert summary.odi_change_important is True


def test_nothing_recorded_gives_an_empty_summary(uow: AbstractUnitOfWork) -> None:
    person = people.local_person(uow)
    summary = _summary(uow, person.id, date(2026, 3, 2))
    assert (summary.adherence, summary.pain, summary.holds, summary.psfs, summary.odi) == (
        [],
        [],
        {},
        [],
        [],
    )
