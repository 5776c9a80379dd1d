"""Starting sicoach's storage: open the database, migrate it, import legacy files once,
and clear what a long-killed physician import left behind.

Adapters (CLI, web) call :func:`open_store` once per process and make a
:class:`~sicoach.store.unit_of_work.SqlAlchemyUnitOfWork` per use case from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from sicoach.catalog import default_catalog
from sicoach.services.legacy import LegacyReport, import_legacy
from sicoach.services.physicians import clear_abandoned_physician_imports
from sicoach.settings import Settings, get_settings
from sicoach.store.db import open_database
from sicoach.store.legacy_files import read_legacy_files
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

__all__ = ["Store", "open_store"]


@dataclass(frozen=True)
class Store:
    """An up-to-date database and what the legacy import did on this start."""

    engine: Engine
    legacy: LegacyReport

    def unit_of_work(self) -> SqlAlchemyUnitOfWork:
        """A fresh unit of work (one per use case)."""
        return SqlAlchemyUnitOfWork(self.engine)


def open_store(settings: Settings | None = None) -> Store:
    """Open and migrate the configured database; in local mode import legacy files once."""
    settings = settings or get_settings()
    engine = open_database(settings.resolved_database_url)
    clear_abandoned_physician_imports(SqlAlchemyUnitOfWork(engine))
    report = LegacyReport(imported=[], problems=[])
    if settings.mode == "local":
        files = read_legacy_files(settings.data_dir)
        if files:
            report = import_legacy(SqlAlchemyUnitOfWork(engine), files, default_catalog())
    return Store(engine=engine, legacy=report)
