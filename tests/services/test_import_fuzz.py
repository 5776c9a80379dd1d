"""The importers fuzzed: whatever the bytes, reading and importing an export either works or
is refused with an input error naming the problem; nothing else escapes, nothing is half-kept.

Inputs start from a real export (JSON and the CSV zip) and are changed by hypothesis: values
replaced by odd ones, keys dropped or added, bytes flipped or cut, zip members altered.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sicoach.catalog import default_catalog
from sicoach.services import exchange, people
from sicoach.services.errors import INPUT_ERRORS, ImportRefused
from sicoach.services.export_formats import EXPORT_FORMATS, read_export
from sicoach.store.db import make_engine, migrate
from sicoach.store.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from tests import factories, history
from tests.databases import database_url
from tests.fakes import FakeUnitOfWork

CATALOG = default_catalog()

ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00", "\x00", "²"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _export() -> dict[str, Any]:
    uow = FakeUnitOfWork()
    person = people.local_person(uow)
    history.keep_intake(uow, person.id, factories.intake_answers(), source="cli", at=factories.T0)
    history.keep_plan(uow, person.id, factories.plan(), changed_by="t", reason="r", at=factories.T0)
    start = factories.T0 + timedelta(hours=1)
    history.keep_session(
        uow, person.id, factories.session(start=start, pain_before=3, pain_during=2)
    )
    return exchange.export_person(uow, person.id)


DOCUMENT = _export()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


PATHS = _paths(DOCUMENT)[1:]


def _changed(document: dict[str, Any], path: tuple[Any, ...], value: Any, drop: bool) -> Any:
    copied = copy.deepcopy(document)
    holder: Any = copied
    for step in path[:-1]:
        holder = holder[step]
    if drop and isinstance(holder, dict):
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return copied


def _import(raw: bytes, uow: AbstractUnitOfWork | None = None) -> bool:
    """Read and import ``raw`` into an empty store: True when kept, False when refused
    with an input error (then nothing is kept); any other exception fails the test."""
    store = uow or FakeUnitOfWork()
    try:
        exchange.import_person(store, read_export(raw), require_empty=False, catalog=CATALOG)
    except INPUT_ERRORS:
        with store:
            assert store.people.first() is None  # nothing half-kept
        return False
    with store:
        assert store.people.first() is not None
    return True


FUZZ = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def test_the_unchanged_exports_import() -> None:
    assert _import(json.dumps(DOCUMENT).encode()) and _import(EXPORT_FORMATS["csv"].write(DOCUMENT))


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)
@given(st.sampled_from(PATHS), ODD)
def test_a_changed_export_on_sqlite_is_imported_or_refused_plainly(
    tmp_path: Path, path: tuple[Any, ...], value: Any
) -> None:
    engine = make_engine(database_url("sqlite", tmp_path))
    migrate(engine)
    try:
        document = json.dumps(_changed(DOCUMENT, path, value, drop=False), default=str)
        if _import(document.encode(), SqlAlchemyUnitOfWork(engine)):
            # A second import of the same person is refused, not a crash.
            with pytest.raises(ImportRefused, match="already kept"):
                exchange.import_person(
                    SqlAlchemyUnitOfWork(engine),
                    read_export(document.encode()),
                    require_empty=False,
                    catalog=CATALOG,
                )
    finally:
        engine.dispose()
        (tmp_path / "test.sqlite3").unlink(missing_ok=True)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PATHS), ODD, st.booleans()), min_size=1, max_size=4))
def test_a_changed_json_export_is_imported_or_refused_plainly(
    changes: list[tuple[tuple[Any, ...], Any, bool]],
) -> None:
    document: Any = DOCUMENT
    for path, value, drop in changes:
        try:
            document = _changed(document, path, value, drop)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    _import(json.dumps(document, default=str).encode())


RAW = json.dumps(DOCUMENT).encode()
CSV_ZIP = EXPORT_FORMATS["csv"].write(DOCUMENT)


@FUZZ
@given(st.sampled_from([RAW, CSV_ZIP]), st.data())
def test_damaged_bytes_are_imported_or_refused_plainly(raw: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(raw)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255))))
    damaged = bytearray(raw[:cut] if data.draw(st.booleans()) else raw)
    for where, byte in flips:
        if where < len(damaged):
            damaged[where] = byte
    _import(bytes(damaged))


@FUZZ
@given(st.data())
def test_a_csv_zip_with_changed_members_is_imported_or_refused_plainly(
    data: st.DataObject,
) -> None:
    with zipfile.ZipFile(io.BytesIO(CSV_ZIP)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = data.draw(st.sampled_from(sorted(members)))
    members[name] = data.draw(
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=200).map(str.encode),
            st.just(members[name] + b"\n" + members[name].split(b"\n", 1)[-1][:100]),
        )
    )
    if data.draw(st.booleans()):
        members.pop(data.draw(st.sampled_from(sorted(members))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, body in members.items():
            archive.writestr(member, body)
    _import(buffer.getvalue())
