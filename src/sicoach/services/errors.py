"""Errors the services raise when a request cannot be carried out; nothing is written.

    ServiceError
     ├── UnknownPerson      no person with this id
     ├── NoPlan             the person has no plan yet
     ├── DuplicateRecord    a record with this id is already kept
     ├── InvalidRecord      a record with problems (all listed): bad times, seconds, exercises
     ├── NotNow             the plan's state (or the actor's role) does not allow it now
     └── ImportRefused      an import file that is malformed, or a database that is not empty

Core errors pass through unchanged (pain outside 0-10: ``sicoach.outcomes.OutcomeError``;
a prescription that cannot make a plan: ``sicoach.program.prescription.PrescriptionError``).
:data:`INPUT_ERRORS` is every error that means "the input was wrong", for the CLI
(exit 2) and the web app (4xx).
"""

from __future__ import annotations

from pydantic import ValidationError

from sicoach.catalog.errors import CatalogError
from sicoach.outcomes.errors import OutcomeError
from sicoach.program.intake import IntakeError
from sicoach.program.prescription import PrescriptionError

__all__ = [
    "INPUT_ERRORS",
    "DuplicateRecord",
    "ImportRefused",
    "InvalidRecord",
    "NoPlan",
    "NotNow",
    "ServiceError",
    "UnknownPerson",
    "validation_problems",
]


class ServiceError(Exception):
    """Base class of the services' own errors."""


class UnknownPerson(ServiceError):
    """No person has the id ``person_id``."""

    def __init__(self, person_id: str) -> None:
        self.person_id = person_id
        super().__init__(f"unknown person {person_id!r}")


class NoPlan(ServiceError):
    """The person has no plan yet."""

    def __init__(self, person_id: str) -> None:
        self.person_id = person_id
        super().__init__("there is no plan yet: make one with `sicoach start` or `sicoach plan`")


class DuplicateRecord(ServiceError):
    """A ``kind`` with this ``record_id`` is already kept."""

    def __init__(self, kind: str, record_id: str) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"a {kind} with id {record_id!r} is already recorded")


class NotNow(ServiceError):
    """The plan's life does not allow this now (a paused plan, a referral, a role); says why."""


class _Problems(ServiceError):
    def __init__(self, what: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{what} has {len(problems)} problem(s):\n{lines}")


class InvalidRecord(_Problems):
    """A record that cannot be kept; ``problems`` lists every problem."""


class ImportRefused(_Problems):
    """An import that cannot be done; ``problems`` lists every problem."""


def validation_problems(exc: ValidationError, prefix: str = "") -> list[str]:
    """Pydantic's errors as 'field: reason' lines."""
    problems = []
    for item in exc.errors():
        field = ".".join(str(p) for p in item["loc"]).replace("schema_", "schema")
        message = "unknown field" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append(f"{prefix}{field or '(record)'}: {message}")
    return problems


INPUT_ERRORS: tuple[type[Exception], ...] = (
    ServiceError,
    OutcomeError,
    CatalogError,
    IntakeError,
    PrescriptionError,
)
