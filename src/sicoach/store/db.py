"""Engines and migrations: a SQLite file by default (WAL, foreign keys), PostgreSQL by URL.

Migrations run on every start through :func:`open_database`, so an older database is
brought up to date, never dropped. Each feature keeps its own Alembic branch
(``branch_labels``) and ``upgrade heads`` applies them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase

__all__ = ["Base", "make_engine", "migrate", "open_database"]

MIGRATIONS = Path(__file__).parent / "migrations"
POOL_RECYCLE_SECONDS = 1800


class Base(DeclarativeBase):
    """Declarative base of every table sicoach keeps."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # A 64 MB page cache keeps one person's recent weeks in memory between queries.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file gets WAL mode and foreign keys, and its folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # No ping on every checkout (a round trip per transaction); a connection the server
    # dropped is replaced on first use (SQLAlchemy invalidates it and the pool reconnects)
    # and no connection is kept longer than POOL_RECYCLE_SECONDS.
    return create_engine(url, pool_recycle=POOL_RECYCLE_SECONDS)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database up to the newest version of every branch."""
    command.upgrade(_alembic_config(engine), "heads")


def open_database(url: str) -> Engine:
    """An engine for ``url`` whose schema is up to date."""
    engine = make_engine(url)
    migrate(engine)
    return engine
