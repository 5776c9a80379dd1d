"""How commands reach the store: one up-to-date database per process, errors as exit 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated

import typer

from sicoach.cli.common import err, fail

if TYPE_CHECKING:
    from sicoach.bootstrap import Store
    from sicoach.services.care import Outcome
    from sicoach.services.coaching import Today
    from sicoach.session.script_model import SessionRecord

__all__ = [
    "PersonOption",
    "handled",
    "person_id",
    "record_guided_session",
    "store",
    "todays_care",
]

PersonOption = Annotated[
    str | None,
    typer.Option("--person", help="Person id (server mode); default: the one local person."),
]


@lru_cache(maxsize=1)
def store() -> Store:
    """The configured database, migrated, with legacy files imported once (reported on stderr)."""
    from sqlalchemy.exc import OperationalError

    from sicoach.bootstrap import open_store

    try:
        opened = open_store()
    except OperationalError as exc:
        fail(f"cannot open the database: {exc.orig}", code=1)
    if opened.legacy.imported:
        err.print(f"Imported {len(opened.legacy.imported)} file(s) from an earlier sicoach.")
    for problem in opened.legacy.problems:
        err.print(f"[yellow]warning:[/] not imported: {problem}", soft_wrap=True)
    return opened


@contextmanager
def handled() -> Iterator[None]:
    """Turn a service's input errors into a clear message and exit status 2."""
    from sicoach.services.errors import INPUT_ERRORS

    try:
        yield
    except INPUT_ERRORS as exc:
        fail(str(exc))


def person_id(person: str | None, *, create: bool) -> str | None:
    """The person a command is about: ``--person``, or the local person (None if not made yet)."""
    from sicoach.services import people

    uow = store().unit_of_work()
    with handled():
        if person is not None:
            return people.get_person(uow, person).id
        if create:
            return people.local_person(uow).id
        found = people.list_people(uow)
        return found[0].id if found else None


def todays_care(day: date | None = None) -> Today:
    """The local person's care today: the status, and the session script if it may start."""
    from sicoach.catalog import default_catalog
    from sicoach.services import coaching

    pid = person_id(None, create=True)
    assert pid is not None
    with handled():
        return coaching.today(
            store().unit_of_work(), pid, default_catalog(), day or datetime.now().date()
        )


def record_guided_session(record: SessionRecord) -> Outcome | None:
    """Keep a session the local person just did, with its pain; the outcome says what follows.

    If the database refuses the record, it is written to ``<data_dir>/sessions/``
    instead, imported on the next start: a session is never lost.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from sicoach.catalog import default_catalog
    from sicoach.services import care, times
    from sicoach.services.errors import INPUT_ERRORS
    from sicoach.settings import get_settings
    from sicoach.store.legacy_files import keep_session_file

    refused: tuple[type[Exception], ...] = (SQLAlchemyError, *INPUT_ERRORS)
    try:
        pid = person_id(None, create=True)
        assert pid is not None
        return care.record_session(
            store().unit_of_work(), pid, record, default_catalog(), tz=times.local_zone()
        )
    except refused as exc:
        path = keep_session_file(record, get_settings().data_dir)
        err.print(
            f"[yellow]warning:[/] the database did not take this session ({exc}); "
            f"it is kept in {path} and will be imported on the next start.",
            soft_wrap=True,
        )
        return None
