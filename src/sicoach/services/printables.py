"""Which plan a document is made from: a person's stored plan, or one made from an intake.

The command line and the web app both call these, so a handout, a calendar file
and a FHIR export of the same person always start from the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

from sicoach.catalog import Catalog
from sicoach.program.intake import Intake
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan
from sicoach.services import people, plans
from sicoach.services.errors import NoPlan
from sicoach.store.records import IntakeEntry
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "ON_THE_SPOT_PERSON",
    "PlanToPrint",
    "latest_preferred_time",
    "plan_from_intake",
    "stored_plan",
]

# A plan made from an intake file belongs to no stored person; its calendar event
# still needs a UID that stays the same from one file to the next.
ON_THE_SPOT_PERSON = "local-person"


@dataclass(frozen=True)
class PlanToPrint:
    """A plan and what documents need besides it: whose, which version, what time of day."""

    plan: Plan
    person_key: str
    version: int
    created: datetime
    preferred_time: time | None
    person_name: str | None = None


def _time(text: object) -> time | None:
    return time.fromisoformat(text) if isinstance(text, str) and text else None


def plan_from_intake(
    intake: Intake, catalog: Catalog, *, now: datetime | None = None
) -> PlanToPrint:
    """A plan made on the spot: no stored person, version 0."""
    return PlanToPrint(
        plan=build_plan(intake, catalog),
        person_key=ON_THE_SPOT_PERSON,
        version=0,
        created=now or datetime.now(UTC),
        preferred_time=_time(intake.preferred_time),
    )


def latest_preferred_time(intakes: Sequence[IntakeEntry]) -> time | None:
    """The time of day the person last asked for, from their intakes (oldest first)."""
    answered = [entry.answers.get("preferred_time") for entry in intakes]
    return _time(next((t for t in reversed(answered) if t), None))


def stored_plan(uow: AbstractUnitOfWork, person_id: str) -> PlanToPrint | None:
    """The person's current plan version with their name and latest preferred time.

    None when no plan is stored yet; an unknown person raises the services' error.
    """
    try:
        version = plans.newest_version(uow, person_id)
    except NoPlan:
        return None
    return PlanToPrint(
        plan=Plan.model_validate(version.plan),
        person_key=person_id,
        version=version.number,
        created=version.created_at,
        preferred_time=latest_preferred_time(plans.intake_history(uow, person_id)),
        person_name=people.get_person(uow, person_id).display_name,
    )
