from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from sicoach.services import people
from sicoach.store.db import _alembic_config, make_engine, migrate
from sicoach.store.tables import metadata
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests import factories, history
from tests.databases import DATABASES, database_url


def test_the_models_cover_every_feature_branch() -> None:
    # One table of each Alembic branch (core, accounts, physicians): the comparison
    # below sees all of them, not only the core's.
    assert {"people", "users", "calendar_feeds", "physician_providers"} <= set(metadata.tables)


def test_the_migrations_build_exactly_the_tables_the_models_describe(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


@pytest.mark.parametrize("kind", DATABASES)
def test_a_database_from_the_first_version_is_upgraded_with_its_data_kept(
    kind: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url(kind, tmp_path))
    command.upgrade(_alembic_config(engine), "core0001")
    assert "psfs_activities" not in inspect(engine).get_table_names()
    created = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO people (uid, display_name, created_at) VALUES ('p1', 'Ann', :at)"),
            {"at": created.replace(tzinfo=None)},
        )
        connection.execute(
            text(
                "INSERT INTO pain_ratings (person_id, kind, value, recorded_at) "
                "SELECT id, 'before', 6, :at FROM people"
            ),
            {"at": created.replace(tzinfo=None)},
        )
    migrate(engine)
    uow = SqlAlchemyUnitOfWork(engine)
    assert people.get_person(uow, "p1").created_at == created
    with uow:
        [rating] = uow.pain.history("p1")
    assert (rating.value, rating.recorded_at) == (6, created)
    history.keep_session(uow, "p1", factories.session())
    assert "psfs_activities" in inspect(engine).get_table_names()
    engine.dispose()


def test_migrating_twice_changes_nothing(engine: Engine) -> None:
    uow = SqlAlchemyUnitOfWork(engine)
    person = people.local_person(uow)
    migrate(engine)
    assert people.list_people(uow) == [person]
