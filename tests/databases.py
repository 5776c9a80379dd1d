"""Database fixtures: the same tests run on SQLite, on PostgreSQL, and (for services) in memory.

PostgreSQL comes from SICOACH_TEST_POSTGRES_URL (scripts/test.sh starts a private
server and sets it). Without it the PostgreSQL cases skip and say why; under CI=true
they fail, so CI can never pass without having run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from sicoach.store.db import make_engine, migrate
from sicoach.store.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from tests.fakes import FakeUnitOfWork
from tests.needs import missing

POSTGRES_ENV = "SICOACH_TEST_POSTGRES_URL"

DATABASES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def postgres_url() -> str:
    """The test server's URL, or skip (fail under CI=true) when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        missing(f"no PostgreSQL server: set {POSTGRES_ENV} (scripts/test.sh starts one)")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def empty_postgres(url: str) -> Engine:
    """An engine on the test server with every table of earlier tests dropped."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    return engine


def database_url(kind: str, tmp_path: Path) -> str:
    """A URL for an empty database of ``kind`` (sqlite or postgres)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url = postgres_url()
    empty_postgres(url).dispose()
    return url


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database on each backend."""
    engine = make_engine(database_url(request.param, tmp_path))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=[pytest.param("memory", id="fake"), *DATABASES])
def uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AbstractUnitOfWork]:
    """A unit of work in memory, on SQLite and on PostgreSQL: service tests run on all three."""
    if request.param == "memory":
        yield FakeUnitOfWork()
        return
    engine = make_engine(database_url(request.param, tmp_path))
    migrate(engine)
    yield SqlAlchemyUnitOfWork(engine)
    engine.dispose()
