"""Reading and writing the offline physician directory.

A monthly import writes a new directory one batch (one transaction) at a time and makes it
current in a single short transaction at the end, so whatever happens mid-import the
previous directory stays whole and searchable. A weekly update is staged the same way and
then applied to the current directory in one transaction: changed providers replaced,
deactivated ones removed. An import that fails or is refused removes what it staged; the
leftovers of a killed one are cleared by the next import, or at start-up once they are
old enough that no running import can own them (:func:`clear_abandoned_imports`).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any, Literal, cast

from sqlalchemy import Connection, Engine, Table, and_, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from sicoach.physicians.nppes import ProviderRecord, Removal
from sicoach.physicians.search import Candidate
from sicoach.store.physician_models import (
    PhysicianDirectory,
    PhysicianProvider,
    PhysicianSourceFile,
    PhysicianSpecialty,
)

__all__ = [
    "DirectoryInfo",
    "NoDirectoryError",
    "PhysicianDirectoryRepository",
    "SourceMeta",
    "SqlAlchemyPhysicianDirectoryRepository",
    "apply_update",
    "clear_abandoned_imports",
    "current_directory",
    "directory_size",
    "fetch_candidates",
    "import_full",
]

BATCH_ROWS = 5000
ID_CHUNK = 500

providers = cast(Table, PhysicianProvider.__table__)
specialties = cast(Table, PhysicianSpecialty.__table__)
directories = cast(Table, PhysicianDirectory.__table__)
source_files = cast(Table, PhysicianSourceFile.__table__)


class NoDirectoryError(LookupError):
    """No physician directory has been imported yet."""


@dataclass(frozen=True)
class SourceMeta:
    """What is recorded about an imported file."""

    file_name: str
    file_date: date | None
    kind: Literal["full", "update"]


@dataclass(frozen=True)
class DirectoryInfo:
    """The current directory: its id and the last file applied to it."""

    directory_id: int
    file_name: str
    file_date: date | None
    imported_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def current_directory(engine: Engine) -> DirectoryInfo | None:
    """The current directory and its newest source file, or None when nothing is imported."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                source_files.c.directory_id,
                source_files.c.file_name,
                source_files.c.file_date,
                source_files.c.imported_at,
            )
            .join(directories, directories.c.id == source_files.c.directory_id)
            .where(directories.c.is_current.is_(True))
            .order_by(source_files.c.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    imported_at = row.imported_at
    if imported_at.tzinfo is None:
        imported_at = imported_at.replace(tzinfo=UTC)
    return DirectoryInfo(row.directory_id, row.file_name, row.file_date, imported_at)


def directory_size(engine: Engine, directory_id: int) -> int:
    """How many providers a directory holds (a full count: not for every search)."""
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).where(providers.c.directory_id == directory_id)
        ).scalar_one()


def _clear_unfinished(engine: Engine, started_before: datetime | None = None) -> int:
    """Remove what earlier interrupted imports left behind (never the current directory),
    only those started before ``started_before`` when it is given; returns how many."""
    query = select(directories.c.id).where(directories.c.is_current.is_(False))
    if started_before is not None:
        query = query.where(directories.c.started_at < started_before)
    with engine.begin() as conn:
        stale = list(conn.execute(query).scalars())
    for directory_id in stale:
        _drop_directory(engine, directory_id)
    return len(stale)


def clear_abandoned_imports(engine: Engine, older_than: timedelta) -> int:
    """Remove the staging of imports started more than ``older_than`` ago and never finished
    (a killed process); returns how many were removed. A younger one may still be running."""
    return _clear_unfinished(engine, started_before=_now() - older_than)


def _drop_staging(engine: Engine, directory_id: int) -> None:
    """Remove a failed import's staging; if the database refuses now, the next start does."""
    with suppress(SQLAlchemyError):
        _drop_directory(engine, directory_id)


def _drop_directory(engine: Engine, directory_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(delete(specialties).where(specialties.c.directory_id == directory_id))
        conn.execute(delete(providers).where(providers.c.directory_id == directory_id))
        conn.execute(delete(source_files).where(source_files.c.directory_id == directory_id))
        conn.execute(delete(directories).where(directories.c.id == directory_id))


def _new_directory(engine: Engine) -> int:
    with engine.begin() as conn:
        result = conn.execute(insert(directories).values(started_at=_now(), is_current=False))
        key = result.inserted_primary_key
        assert key is not None
        return cast(int, key[0])


def _write_batch(conn: Connection, directory_id: int, batch: Sequence[ProviderRecord]) -> None:
    conn.execute(
        insert(providers),
        [
            {
                "directory_id": directory_id,
                "npi": r.npi,
                "kind": r.kind,
                "name": r.name,
                "credential": r.credential,
                "address": r.address,
                "city": r.city,
                "state": r.state,
                "zip5": r.zip5,
                "phone": r.phone,
                "lat": r.lat,
                "lon": r.lon,
                "last_update": r.last_update,
            }
            for r in batch
        ],
    )
    conn.execute(
        insert(specialties),
        [
            {
                "directory_id": directory_id,
                "specialty": m.key,
                "zip5": r.zip5,
                "npi": r.npi,
                "taxonomy_code": m.code,
                "is_primary": m.is_primary,
            }
            for r in batch
            for m in r.specialties
        ],
    )


def _record_source(
    conn: Connection, directory_id: int, meta: SourceMeta, read: int, kept: int
) -> None:
    conn.execute(
        insert(source_files).values(
            directory_id=directory_id,
            file_name=meta.file_name,
            file_date=meta.file_date,
            kind=meta.kind,
            rows_read=read,
            rows_kept=kept,
            imported_at=_now(),
        )
    )


def import_full(
    engine: Engine,
    records: Iterable[ProviderRecord],
    meta: SourceMeta,
    *,
    rows_read: Callable[[], int],
    check: Callable[[int], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> int:
    """Load a monthly file into a new directory and make it current; returns providers kept.

    ``rows_read`` reports how many file rows were read, once the records are exhausted.
    ``check(kept)`` runs after the last record is staged and before the swap; when it
    raises (a file refused), or anything else fails, the staged rows are removed and the
    current directory stays as it was.
    """
    _clear_unfinished(engine)
    directory_id = _new_directory(engine)
    try:
        kept = 0
        for batch in _batches(records, batch_rows):
            with engine.begin() as conn:
                _write_batch(conn, directory_id, batch)
            kept += len(batch)
        if check is not None:
            check(kept)
        with engine.begin() as conn:
            previous = list(
                conn.execute(
                    select(directories.c.id).where(directories.c.is_current.is_(True))
                ).scalars()
            )
            conn.execute(update(directories).values(is_current=False))
            conn.execute(
                update(directories).where(directories.c.id == directory_id).values(is_current=True)
            )
            _record_source(conn, directory_id, meta, rows_read(), kept)
    except BaseException:  # also Ctrl-C: nothing staged may outlive a failed import
        _drop_staging(engine, directory_id)
        raise
    for old in previous:
        _drop_directory(engine, old)
    return kept


def apply_update(
    engine: Engine,
    items: Iterable[ProviderRecord | Removal],
    meta: SourceMeta,
    *,
    rows_read: Callable[[], int],
    check: Callable[[int], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> tuple[int, int]:
    """Apply a weekly file to the current directory; returns (providers written, NPIs removed).

    Changed providers are staged first, then swapped in with the removals in one transaction.
    ``check(written)`` runs before that transaction; when it raises, or anything fails, the
    staged rows are removed and the current directory stays as it was.
    """
    info = current_directory(engine)
    if info is None:
        raise NoDirectoryError("import a monthly NPPES file before a weekly update")
    _clear_unfinished(engine)
    staging_id = _new_directory(engine)
    removed: set[str] = set()
    written = 0

    def staged() -> Iterator[ProviderRecord]:
        for item in items:
            if isinstance(item, Removal):
                removed.add(item.npi)
            else:
                yield item

    try:
        for batch in _batches(staged(), batch_rows):
            with engine.begin() as conn:
                _write_batch(conn, staging_id, batch)
            written += len(batch)
        if check is not None:
            check(written)
        with engine.begin() as conn:
            dropped = _swap_in_update(conn, info.directory_id, staging_id, removed)
            _record_source(conn, info.directory_id, meta, rows_read(), written)
    except BaseException:  # also Ctrl-C: nothing staged may outlive a failed update
        _drop_staging(engine, staging_id)
        raise
    return written, dropped


def _swap_in_update(conn: Connection, directory_id: int, staging_id: int, removed: set[str]) -> int:
    """Move the staged providers into the directory, replacing and removing; returns how
    many providers the removals took out."""
    staged_npis = set(
        conn.execute(
            select(providers.c.npi).where(providers.c.directory_id == staging_id)
        ).scalars()
    )
    dropped = _delete_npis(conn, directory_id, sorted(removed - staged_npis))
    _delete_npis(conn, directory_id, sorted(staged_npis))
    for table in (providers, specialties):
        conn.execute(
            update(table)
            .where(table.c.directory_id == staging_id)
            .values(directory_id=directory_id)
        )
    conn.execute(delete(directories).where(directories.c.id == staging_id))
    return dropped


def _delete_npis(conn: Connection, directory_id: int, npis: list[str]) -> int:
    """Delete these NPIs from a directory; returns how many providers were there."""
    deleted = 0
    for chunk in _batches(npis, ID_CHUNK):
        conn.execute(
            delete(specialties).where(
                specialties.c.directory_id == directory_id, specialties.c.npi.in_(chunk)
            )
        )
        result = conn.execute(
            delete(providers).where(
                providers.c.directory_id == directory_id, providers.c.npi.in_(chunk)
            )
        )
        deleted += result.rowcount
    return deleted


def fetch_candidates(
    engine: Engine,
    directory_id: int,
    keys: Sequence[str],
    zips: Sequence[str],
    kind: str | None,
) -> list[Candidate]:
    """Every provider in ``zips`` matching any of ``keys`` (and ``kind``), one row per key."""
    query = (
        select(
            providers.c.npi,
            providers.c.name,
            providers.c.credential,
            providers.c.kind,
            specialties.c.specialty,
            specialties.c.taxonomy_code,
            specialties.c.is_primary,
            providers.c.address,
            providers.c.city,
            providers.c.state,
            providers.c.zip5,
            providers.c.phone,
        )
        .join(
            providers,
            and_(
                providers.c.directory_id == specialties.c.directory_id,
                providers.c.npi == specialties.c.npi,
            ),
        )
        .where(
            specialties.c.directory_id == directory_id,
            specialties.c.specialty.in_(keys),
            specialties.c.zip5.in_(zips),
        )
    )
    if kind is not None:
        query = query.where(providers.c.kind == kind)
    with engine.connect() as conn:
        return [
            Candidate(
                npi=row.npi,
                name=row.name,
                credential=row.credential,
                kind=row.kind,
                specialty=row.specialty,
                taxonomy_code=row.taxonomy_code,
                is_primary=bool(row.is_primary),
                address=row.address,
                city=row.city,
                state=row.state,
                zip5=row.zip5,
                phone=row.phone,
            )
            for row in conn.execute(query)
        ]


class PhysicianDirectoryRepository(abc.ABC):
    """The offline physician directory: what is imported, a search's candidates, and imports.

    Unlike the other repositories it keeps its own transactions: an import writes one
    batch at a time and swaps the new directory in at the end (see the module's notes).
    """

    @abc.abstractmethod
    def current(self) -> DirectoryInfo | None:
        """The current directory and its newest source file, or None before any import."""

    @abc.abstractmethod
    def candidates(
        self, directory_id: int, keys: Sequence[str], zips: Sequence[str], kind: str | None
    ) -> list[Candidate]:
        """Every provider in ``zips`` matching any of ``keys`` (and ``kind``), one per key."""

    @abc.abstractmethod
    def import_full(
        self,
        records: Iterable[ProviderRecord],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> int:
        """Replace the directory with a monthly file's records; returns providers kept.

        When ``check(kept)`` raises, or anything fails, the current directory stays as it was.
        """

    @abc.abstractmethod
    def apply_update(
        self,
        items: Iterable[ProviderRecord | Removal],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Apply a weekly file; returns (providers written, NPIs removed), all or nothing."""

    @abc.abstractmethod
    def clear_abandoned(self, older_than: timedelta) -> int:
        """Remove what imports killed more than ``older_than`` ago left; returns how many."""


class SqlAlchemyPhysicianDirectoryRepository(PhysicianDirectoryRepository):
    """The directory in the sicoach database behind ``engine``."""

    def __init__(self, engine: Engine, *, batch_rows: int = BATCH_ROWS) -> None:
        self._engine = engine
        self._batch_rows = batch_rows

    def current(self) -> DirectoryInfo | None:
        return current_directory(self._engine)

    def candidates(
        self, directory_id: int, keys: Sequence[str], zips: Sequence[str], kind: str | None
    ) -> list[Candidate]:
        return fetch_candidates(self._engine, directory_id, keys, zips, kind)

    def import_full(
        self,
        records: Iterable[ProviderRecord],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> int:
        return import_full(
            self._engine,
            records,
            meta,
            rows_read=rows_read,
            check=check,
            batch_rows=self._batch_rows,
        )

    def apply_update(
        self,
        items: Iterable[ProviderRecord | Removal],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        return apply_update(
            self._engine, items, meta, rows_read=rows_read, check=check, batch_rows=self._batch_rows
        )

    def clear_abandoned(self, older_than: timedelta) -> int:
        return clear_abandoned_imports(self._engine, older_than)
