"""The directory tables on SQLite and PostgreSQL: staged import, swap, update, its own branch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select

from sicoach.physicians.nppes import ProviderRecord, Removal, SpecialtyMatch
from sicoach.store.db import MIGRATIONS, make_engine, migrate
from sicoach.store.physician_directory import (
    SourceMeta,
    apply_update,
    current_directory,
    directory_size,
    fetch_candidates,
    import_full,
)
from sicoach.store.physician_models import PhysicianDirectory, PhysicianProvider
from tests.databases import DATABASES, empty_postgres, postgres_url

FULL = SourceMeta("NPPES_Data_Dissemination_November_2026.zip", None, "full")


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        db = make_engine(f"sqlite:///{tmp_path / 'directory.sqlite3'}")
    else:
        db = empty_postgres(postgres_url())
    migrate(db)
    yield db
    db.dispose()


def record(npi: str, zip5: str, key: str = "chiropractic", name: str = "ANN") -> ProviderRecord:
    return ProviderRecord(
        npi=npi, kind="person", name=name, credential="DC", address="1 A ST", city="CHICAGO",
        state="IL", zip5=zip5, phone="3125550100", lat=41.9, lon=-87.6, last_update=None,
        specialties=(SpecialtyMatch(key, "111N00000X", True),),
    )  # fmt: skip


def _count(engine: Engine, model: type[PhysicianProvider] | type[PhysicianDirectory]) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_the_directory_lives_on_its_own_alembic_branch() -> None:
    scripts = ScriptDirectory(str(MIGRATIONS))
    revision = scripts.get_revision("physicians")
    assert revision is not None and revision.down_revision is None
    assert "physicians" in revision.branch_labels


def test_migrations_create_the_directory_tables(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert {"physician_directories", "physician_source_files", "physician_providers",
            "physician_specialties"} <= names  # fmt: skip


def test_an_import_becomes_current_only_when_it_is_complete(engine: Engine) -> None:
    import_full(engine, [record("1", "60611")], FULL, rows_read=lambda: 1)

    def breaks_halfway() -> Iterator[ProviderRecord]:
        for n in range(2, 3_000):
            yield record(str(n), "60611")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        import_full(engine, breaks_halfway(), FULL, rows_read=lambda: 0, batch_rows=1000)
    info = current_directory(engine)
    assert info is not None and directory_size(engine, info.directory_id) == 1
    found = fetch_candidates(engine, info.directory_id, ["chiropractic"], ["60611"], None)
    assert [c.npi for c in found] == ["1"]
    assert _count(engine, PhysicianProvider) == 1, "the failed import's staging is removed"
    assert _count(engine, PhysicianDirectory) == 1
    import_full(engine, [record("7", "60611")], FULL, rows_read=lambda: 1)
    assert _count(engine, PhysicianProvider) == 1 and _count(engine, PhysicianDirectory) == 1


def test_an_update_replaces_and_removes_in_the_current_directory(engine: Engine) -> None:
    import_full(
        engine, [record("1", "60611"), record("2", "60611"), record("3", "60622")], FULL,
        rows_read=lambda: 3,
    )  # fmt: skip
    weekly = SourceMeta("weekly.zip", None, "update")
    items: list[ProviderRecord | Removal] = [
        record("1", "60622", name="MOVED"),
        Removal("2", "deactivated"),
        Removal("99", "deactivated"),
        record("4", "60611"),
    ]
    written, removed = apply_update(engine, items, weekly, rows_read=lambda: 4)
    assert (written, removed) == (2, 1)
    info = current_directory(engine)
    assert info is not None and info.file_name == "weekly.zip"
    assert directory_size(engine, info.directory_id) == 3
    found = fetch_candidates(engine, info.directory_id, ["chiropractic"], ["60611", "60622"], None)
    assert sorted((c.npi, c.zip5, c.name) for c in found) == [
        ("1", "60622", "MOVED"), ("3", "60622", "ANN"), ("4", "60611", "ANN"),
    ]  # fmt: skip
