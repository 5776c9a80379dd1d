"""Outcome measures: Oswestry questionnaires, the clinic's licensed ODI wording, and the PSFS."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sicoach.outcomes.errors import OutcomeError
from sicoach.outcomes.oswestry import OdiResponse, OdiWording, check_answers, parse_wording
from sicoach.outcomes.psfs import PsfsAssessment, check_activities
from sicoach.services.people import require_person
from sicoach.services.times import as_utc, now_utc
from sicoach.store.records import PsfsActivity
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "OdiResult",
    "load_odi_wording",
    "odi_history",
    "odi_wording",
    "psfs_activities",
    "psfs_history",
    "record_odi",
    "record_psfs",
    "set_psfs_activities",
]


@dataclass(frozen=True)
class OdiResult:
    """A recorded questionnaire: when, score (None with too many gaps), band, sections answered."""

    recorded_at: datetime
    percent: int | None
    band: str | None
    answered: int


def record_odi(
    uow: AbstractUnitOfWork,
    person_id: str,
    answers: Mapping[str, int | None],
    *,
    at: datetime | None = None,
) -> OdiResult:
    """Keep an Oswestry questionnaire (answers 0-5 keyed by section id) with its score."""
    response = OdiResponse(
        recorded_at=as_utc(at) if at else now_utc(), answers=check_answers(answers)
    )
    score = response.score
    with uow:
        require_person(uow, person_id)
        uow.odi.add(person_id, response)
        uow.commit()
    return OdiResult(response.recorded_at, score.percent, score.band, score.answered)


def odi_history(uow: AbstractUnitOfWork, person_id: str) -> list[OdiResponse]:
    """Every questionnaire of the person, oldest first."""
    with uow:
        require_person(uow, person_id)
        return uow.odi.history(person_id)


def load_odi_wording(
    uow: AbstractUnitOfWork, data: object, *, at: datetime | None = None
) -> OdiWording:
    """Validate and keep a clinic's licensed ODI wording (replacing any earlier one)."""
    wording = parse_wording(data)
    with uow:
        uow.odi.set_wording(wording, as_utc(at) if at else now_utc())
        uow.commit()
    return wording


def odi_wording(uow: AbstractUnitOfWork) -> OdiWording | None:
    """The licensed wording a clinic loaded, or None (sicoach ships none)."""
    with uow:
        return uow.odi.wording()


def set_psfs_activities(
    uow: AbstractUnitOfWork,
    person_id: str,
    names: Sequence[str],
    *,
    at: datetime | None = None,
) -> list[str]:
    """Make ``names`` (3-5) the person's PSFS activities; dropped ones are retired, not deleted."""
    wanted = check_activities(list(names))
    moment = as_utc(at) if at else now_utc()
    with uow:
        require_person(uow, person_id)
        known = {a.name: a for a in uow.psfs.activities(person_id)}
        for position, name in enumerate(wanted):
            if name in known:
                uow.psfs.update_activity(
                    person_id, replace(known[name], position=position, retired_at=None)
                )
            else:
                uow.psfs.add_activity(person_id, PsfsActivity(name, position, moment, None))
        for name, activity in known.items():
            if name not in wanted and activity.retired_at is None:
                uow.psfs.update_activity(
                    person_id, replace(activity, position=len(wanted), retired_at=moment)
                )
        uow.commit()
    return wanted


def psfs_activities(uow: AbstractUnitOfWork, person_id: str) -> list[str]:
    """The person's current PSFS activities, in order."""
    with uow:
        require_person(uow, person_id)
        return [a.name for a in uow.psfs.activities(person_id) if a.retired_at is None]


def record_psfs(
    uow: AbstractUnitOfWork,
    person_id: str,
    ratings: Sequence[int],
    *,
    at: datetime | None = None,
) -> PsfsAssessment:
    """Keep one PSFS: a 0-10 rating for each current activity, in the activities' order."""
    with uow:
        require_person(uow, person_id)
        names = [a.name for a in uow.psfs.activities(person_id) if a.retired_at is None]
        if not names:
            raise OutcomeError("name 3 to 5 PSFS activities first (sicoach psfs activities ...)")
        if len(ratings) != len(names):
            raise OutcomeError(
                f"give one rating for each of the {len(names)} activities "
                f"({', '.join(names)}), got {len(ratings)}"
            )
        assessment = PsfsAssessment(
            recorded_at=as_utc(at) if at else now_utc(),
            ratings=dict(zip(names, ratings, strict=True)),
        )
        uow.psfs.add(person_id, assessment)
        uow.commit()
    return assessment


def psfs_history(uow: AbstractUnitOfWork, person_id: str) -> list[PsfsAssessment]:
    """Every PSFS of the person, oldest first."""
    with uow:
        require_person(uow, person_id)
        return uow.psfs.history(person_id)
