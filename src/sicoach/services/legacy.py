"""Importing the files older sicoach versions wrote, once each, losing nothing.

A file is remembered by its path and content hash: the same file is never imported
twice, and a file that changed since (a new intake) is imported as a new record.
A file that cannot be read is reported and left for the next start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sicoach.catalog import Catalog
from sicoach.program.intake import Intake, IntakeError, parse_intake
from sicoach.program.lifecycle import Role
from sicoach.services.care import give_answers
from sicoach.services.errors import InvalidRecord
from sicoach.services.people import local_person
from sicoach.services.sessions import check_session, parse_session, session_pain
from sicoach.services.times import now_utc
from sicoach.store.legacy_files import LegacyFile
from sicoach.store.records import StoredSession
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = ["LEGACY_SOURCE", "LegacyReport", "import_legacy"]

LEGACY_SOURCE = "legacy-file"


@dataclass(frozen=True)
class LegacyReport:
    """Which files were imported now, and which could not be (with why)."""

    imported: list[str]
    problems: list[str]


def import_legacy(
    uow: AbstractUnitOfWork, files: Sequence[LegacyFile], catalog: Catalog
) -> LegacyReport:
    """Import every file not imported before into the local person, in one transaction."""
    with uow:
        pending = [f for f in files if not uow.legacy.imported(f.path, f.sha256)]
    if not pending:
        return LegacyReport(imported=[], problems=[])
    person = local_person(uow)
    imported: list[str] = []
    problems: list[str] = []
    answers: list[tuple[LegacyFile, Intake]] = []
    moment = now_utc()
    with uow:
        for file in pending:
            if file.problem is not None:
                problems.append(f"{file.path}: {file.problem}")
                continue
            try:
                if file.kind == "intake":
                    answers.append((file, parse_intake(file.data)))
                    continue
                else:
                    record = check_session(parse_session(file.data), catalog.ids)
                    if not uow.sessions.exists(person.id, record.id):
                        bare = record.model_copy(
                            update={"pain_before": None, "pain_during": None, "pain_after": None}
                        )
                        uow.sessions.add(person.id, StoredSession(record=bare, plan_version=None))
                        uow.pain.add_all(person.id, session_pain(record))
            except (IntakeError, InvalidRecord) as exc:
                problems.append(f"{file.path}: {exc}")
                continue
            uow.legacy.mark(file.path, file.sha256, file.kind, moment)
            imported.append(file.path)
        uow.commit()
    for file, intake in sorted(answers, key=lambda pair: pair[0].modified_at):
        # Answers go through the plan's life like any others (a plan, a referral, a review).
        give_answers(
            uow,
            person.id,
            intake,
            catalog,
            on=file.modified_at.date(),
            at=file.modified_at,
            by=Role.SICOACH,
            source=LEGACY_SOURCE,
        )
        with uow:
            uow.legacy.mark(file.path, file.sha256, file.kind, moment)
            uow.commit()
        imported.append(file.path)
    return LegacyReport(imported=imported, problems=problems)
