"""Import and search through the service, on generated NPPES files in a real SQLite database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

from sicoach.physicians.nppes import NppesColumnsError
from sicoach.physicians.search import haversine_miles
from sicoach.physicians.synthetic import (
    MAILING_MARK,
    nppes_header,
    random_specs,
    weekly_member_name,
    write_nppes,
)
from sicoach.physicians.zip_centres import default_zip_index
from sicoach.services.physicians import (
    NoDirectoryError,
    SearchInputError,
    UnknownZipError,
    UnusableFileError,
    clear_abandoned_physician_imports,
    import_nppes_file,
    search_physicians,
)
from sicoach.store.physician_directory import SourceMeta, import_full
from sicoach.store.physician_models import PhysicianDirectory, PhysicianProvider
from sicoach.store.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from tests.fakes import FakeUnitOfWork
from tests.physicians.fixtures import (
    FILE_DATE,
    MONTHLY_ZIP,
    WEEKLY_ZIP,
    npi,
    organization,
    person,
    sqlite_engine,
    write,
)

TODAY = date(2026, 11, 25)
KEPT_FROM_CHICAGO = 6
CHICAGO = [
    person(1, "60611", first="ZOE", last="ADAMS"),
    person(2, "60611", first="AMY", last="BAKER", taxonomies=[("111N00000X", True)]),
    person(3, "606103012", taxonomies=[("207X00000X", False), ("207XS0117X", True)]),
    organization(4, "60622", "WICKER PARK CHIROPRACTIC, INC"),
    person(5, "60004", first="ARLO", last="HEIGHTS", taxonomies=[("207T00000X", True)]),
    person(6, "61820", first="FAR", last="AWAY"),
    person(7, "60611", deactivated=date(2025, 3, 1)),
    person(8, "60611", taxonomies=[("207R00000X", True)]),
]


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return sqlite_engine(tmp_path)


@pytest.fixture
def imported(tmp_path: Path, engine: Engine) -> Engine:
    import_nppes_file(SqlAlchemyUnitOfWork(engine), write(tmp_path, CHICAGO))
    return engine


@pytest.fixture(params=["fake", "sqlite"])
def directory(request: pytest.FixtureRequest, tmp_path: Path) -> AbstractUnitOfWork:
    """A unit of work whose directory holds CHICAGO: in memory, or in SQLite (same answers)."""
    uow: AbstractUnitOfWork = (
        FakeUnitOfWork()
        if request.param == "fake"
        else SqlAlchemyUnitOfWork(sqlite_engine(tmp_path))
    )
    import_nppes_file(uow, write(tmp_path, CHICAGO))
    return uow


def _providers(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(PhysicianProvider)).scalar_one()


def test_an_import_keeps_active_listed_providers_and_records_its_file(
    tmp_path: Path, engine: Engine
) -> None:
    summary = import_nppes_file(SqlAlchemyUnitOfWork(engine), write(tmp_path, CHICAGO))
    assert (summary.kind, summary.rows_read, summary.providers_written) == ("full", 8, 6)
    found = search_physicians(SqlAlchemyUnitOfWork(engine), "60611", radius_miles=250, today=TODAY)
    assert found.source.file == MONTHLY_ZIP and found.source.file_date == FILE_DATE
    assert npi(7) not in {r.npi for r in found.results}
    assert npi(8) not in {r.npi for r in found.results}


def test_results_are_nearest_first_then_by_name_within_the_radius(
    directory: AbstractUnitOfWork,
) -> None:
    found = search_physicians(directory, "60611", radius_miles=25, today=TODAY)
    names = [r.name for r in found.results]
    assert names[:2] == ["AMY BAKER", "ZOE ADAMS"]
    assert "FAR AWAY" not in names
    distances = [r.distance_miles for r in found.results]
    assert distances == sorted(distances) and distances[0] == 0.0
    index = default_zip_index()
    origin = index.get("60611")
    arlo = next(r for r in found.results if r.name == "ARLO HEIGHTS")
    centre = index.get(arlo.zip)
    assert origin is not None and centre is not None
    expected = haversine_miles(origin.lat, origin.lon, centre.lat, centre.lon)
    assert arlo.distance_miles == round(expected, 1)


def test_a_larger_radius_reaches_further(directory: AbstractUnitOfWork) -> None:
    found = search_physicians(directory, "60611", radius_miles=150, today=TODAY)
    assert found.results[-1].name == "FAR AWAY"


def test_specialty_kind_and_limit_filter_the_list(directory: AbstractUnitOfWork) -> None:
    chiro = search_physicians(directory, "60611", specialties=["chiropractic"], today=TODAY)
    assert [r.npi for r in chiro.results] == [npi(2), npi(4)]
    assert {r.specialty for r in chiro.results} == {"chiropractic"}
    orgs = search_physicians(directory, "60611", kind="organization", today=TODAY)
    assert [r.name for r in orgs.results] == ["WICKER PARK CHIROPRACTIC, INC"]
    two = search_physicians(directory, "60611", limit=2, today=TODAY)
    assert len(two.results) == 2


def test_a_result_shows_its_primary_taxonomy_and_its_practice_location(
    directory: AbstractUnitOfWork,
) -> None:
    found = search_physicians(directory, "60610", specialties=["orthopaedics"], today=TODAY)
    (one,) = found.results
    assert (one.taxonomy_code, one.specialty, one.zip) == ("207XS0117X", "orthopaedics", "60610")
    assert MAILING_MARK not in json.dumps(found.as_contract())


def test_the_json_is_contract_6_exactly(directory: AbstractUnitOfWork) -> None:
    contract = search_physicians(directory, "60611", today=TODAY).as_contract()
    assert list(contract) == ["schema", "source", "query", "results"]
    assert contract["schema"] == "sicoach.physicians/1"
    assert contract["source"] == {
        "name": "CMS NPPES",
        "file": MONTHLY_ZIP,
        "file_date": "2026-11-09",
        "imported_at": contract["source"]["imported_at"],  # type: ignore[index]
    }
    assert contract["query"] == {
        "zip": "60611",
        "radius_miles": 25,
        "specialties": [
            "physical-therapy", "physical-medicine", "pain-medicine", "orthopaedics",
            "sports-medicine", "chiropractic", "rheumatology", "neurosurgery",
            "family-medicine", "osteopathic",
        ],
    }  # fmt: skip
    first = contract["results"][0]  # type: ignore[index]
    assert list(first) == [
        "npi", "name", "credential", "kind", "specialty", "taxonomy_code", "address", "city",
        "state", "zip", "phone", "distance_miles",
    ]  # fmt: skip
    json.dumps(contract)


def test_an_old_file_is_flagged_after_sixty_days(directory: AbstractUnitOfWork) -> None:
    fresh = search_physicians(directory, "60611", today=date(2027, 1, 8))
    stale = search_physicians(directory, "60611", today=date(2027, 1, 9))
    assert fresh.stale_warning is None
    assert stale.stale_warning is not None and "61 days old" in stale.stale_warning
    assert "November 2026 file" in stale.source_line


def test_red_flags_and_limits_come_with_every_search(directory: AbstractUnitOfWork) -> None:
    found = search_physicians(directory, "60611", today=TODAY)
    assert any("bladder or bowel" in s for s in found.red_flags.emergency_signs)
    assert any("saddle" in s for s in found.red_flags.emergency_signs)
    text = " ".join(found.limits).lower()
    for needed in ("licence", "quality", "insurance", "new patients", "self-reported"):
        assert needed in text
    for banned in ("best", "top ", "recommended"):
        assert banned not in text


def test_searching_before_any_import_says_how_to_import(engine: Engine) -> None:
    with pytest.raises(NoDirectoryError, match="sicoach physicians import.*--online"):
        search_physicians(SqlAlchemyUnitOfWork(engine), "60611")


@pytest.mark.parametrize("zip_code", ["6061", "ABCDE", "00000"])
def test_an_unknown_or_malformed_zip_is_refused_naming_it(
    directory: AbstractUnitOfWork, zip_code: str
) -> None:
    with pytest.raises(UnknownZipError, match=zip_code):
        search_physicians(directory, zip_code)


def test_a_radius_or_limit_out_of_range_is_refused_with_both_named(
    directory: AbstractUnitOfWork,
) -> None:
    with pytest.raises(SearchInputError, match="radius 0 mi.*limit 0"):
        search_physicians(directory, "60611", radius_miles=0, limit=0)


def test_a_missing_column_is_refused_before_anything_is_written(
    tmp_path: Path, imported: Engine
) -> None:
    before = _providers(imported)
    header = [
        h for h in nppes_header() if h != "Provider Business Practice Location Address Postal Code"
    ]
    bad = write(tmp_path, CHICAGO, name="bad.zip", header=header)
    with pytest.raises(NppesColumnsError, match="Postal Code"):
        import_nppes_file(SqlAlchemyUnitOfWork(imported), bad)
    assert _providers(imported) == before
    with imported.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PhysicianDirectory)).scalar_one() == 1


def test_a_new_monthly_file_replaces_the_whole_directory(tmp_path: Path, imported: Engine) -> None:
    newer = [person(20, "60611", first="NEW", last="PERSON")]
    import_nppes_file(
        SqlAlchemyUnitOfWork(imported),
        write(tmp_path, newer, name="NPPES_Data_Dissemination_December_2026.zip"),
    )
    found = search_physicians(SqlAlchemyUnitOfWork(imported), "60611", today=TODAY)
    assert [r.name for r in found.results] == ["NEW PERSON"]
    assert _providers(imported) == 1


def test_a_weekly_update_replaces_changed_providers_and_removes_deactivated_ones(
    tmp_path: Path, imported: Engine
) -> None:
    update = [
        person(1, "60622", first="ZOE", last="ADAMS"),
        person(2, "60611", deactivated=date(2026, 11, 18)),
        person(3, "60610", taxonomies=[("207R00000X", True)]),
        person(9, "60611", first="BRAND", last="NEW"),
    ]
    member = weekly_member_name(date(2026, 11, 16), date(2026, 11, 22))
    summary = import_nppes_file(
        SqlAlchemyUnitOfWork(imported), write(tmp_path, update, name=WEEKLY_ZIP, member=member)
    )
    assert (summary.kind, summary.providers_written, summary.providers_removed) == ("update", 2, 2)
    found = search_physicians(SqlAlchemyUnitOfWork(imported), "60611", radius_miles=30, today=TODAY)
    by_npi = {r.npi: r for r in found.results}
    assert by_npi[npi(1)].zip == "60622"
    assert npi(2) not in by_npi and npi(3) not in by_npi
    assert npi(9) in by_npi and npi(4) in by_npi and npi(5) in by_npi
    assert found.source.file == WEEKLY_ZIP and found.source.file_date == date(2026, 11, 22)
    assert _providers(imported) == 5


def test_a_weekly_update_needs_a_monthly_file_first(tmp_path: Path, engine: Engine) -> None:
    member = weekly_member_name(date(2026, 11, 16), date(2026, 11, 22))
    path = write(tmp_path, [person(1, "60611")], name=WEEKLY_ZIP, member=member)
    with pytest.raises(NoDirectoryError, match="monthly"):
        import_nppes_file(SqlAlchemyUnitOfWork(engine), path)


KILLABLE_IMPORT = """
import sys
from pathlib import Path
from sicoach.services.physicians import import_nppes_file
from sicoach.store.db import open_database
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
import_nppes_file(SqlAlchemyUnitOfWork(open_database(sys.argv[1])), Path(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_killed_import_leaves_the_previous_directory_whole_and_searchable(
    tmp_path: Path, imported: Engine
) -> None:
    big = tmp_path / "NPPES_Data_Dissemination_December_2026.zip"
    write_nppes(big, random_specs(80_000, default_zip_index(), seed=5, listed_share=0.5))
    before = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    url = str(imported.url)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", KILLABLE_IMPORT, url, str(big)], env=env)
    try:
        deadline = time.monotonic() + 120
        while _providers(imported) <= KEPT_FROM_CHICAGO and time.monotonic() < deadline:
            assert child.poll() is None, "the import finished before it could be killed"
            time.sleep(0.05)
        assert _providers(imported) > KEPT_FROM_CHICAGO, "no batch was written in time"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    after = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    assert after.as_contract()["results"] == before.as_contract()["results"]
    assert after.source == before.source
    import_nppes_file(
        SqlAlchemyUnitOfWork(imported), write(tmp_path, [person(30, "60611")], name="again.zip")
    )
    assert _providers(imported) == 1


def _lines(path: Path) -> list[str]:
    """The CSV lines (header first) inside a ZIP the fixtures wrote."""
    with zipfile.ZipFile(path) as archive:
        (data,) = [n for n in archive.namelist() if not n.endswith("_fileheader.csv")]
        return archive.read(data).decode().splitlines(keepends=True)


def _csv_file(folder: Path, lines: list[str], member: str | None = None) -> Path:
    """An npidata CSV (not zipped) holding exactly ``lines``."""
    path = folder / (member or "npidata_pfile_20050523-20261209.csv")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _cut(row: str, fields: int) -> str:
    """``row`` cut short after its first ``fields`` columns (whole quoted values)."""
    return ",".join(row.split(",")[:fields]) + "\r\n"


def _directories(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(PhysicianDirectory)).scalar_one()


def _unusable_files(folder: Path) -> dict[str, list[str]]:
    good = _lines(write(folder, [person(n, "60611") for n in range(20, 24)], name="good.zip"))
    header, rows = good[0], good[1:]
    return {
        "header only": [header],
        "garbage": [header, *(f"<html>not a CSV {n}</html>\n" for n in range(50))],
        "cut short": [header, *(_cut(row, 100) for row in rows)],
        "under half whole": [header, rows[0], *(_cut(row, 20) for row in rows[1:])],
        "no provider listed": _lines(
            write(folder, [person(30, "60611", taxonomies=[("207R00000X", True)])], name="x.zip")
        ),
    }


@pytest.mark.parametrize(
    "kind", ["header only", "garbage", "cut short", "under half whole", "no provider listed"]
)
def test_a_monthly_file_with_no_or_too_few_usable_rows_is_refused_and_changes_nothing(
    tmp_path: Path, imported: Engine, kind: str
) -> None:
    before = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    path = _csv_file(tmp_path, _unusable_files(tmp_path)[kind])
    with pytest.raises(UnusableFileError, match="was not imported") as refused:
        import_nppes_file(SqlAlchemyUnitOfWork(imported), path)
    assert "directory was kept" in str(refused.value)
    after = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    assert after.as_contract() == before.as_contract()
    assert _providers(imported) == KEPT_FROM_CHICAGO, "nothing staged is left behind"
    assert _directories(imported) == 1


def test_a_refusal_says_how_many_rows_were_whole(tmp_path: Path, imported: Engine) -> None:
    path = _csv_file(tmp_path, _unusable_files(tmp_path)["under half whole"])
    with pytest.raises(UnusableFileError) as refused:
        import_nppes_file(SqlAlchemyUnitOfWork(imported), path)
    assert (refused.value.rows_read, refused.value.whole_rows) == (4, 1)
    assert "only 1 of its 4 rows are whole NPPES rows (at least 50% must be)" in str(refused.value)


def test_a_few_cut_short_rows_are_dropped_and_the_rest_imported(
    tmp_path: Path, engine: Engine
) -> None:
    good = _lines(write(tmp_path, [person(n, "60611") for n in range(20, 24)]))
    summary = import_nppes_file(
        SqlAlchemyUnitOfWork(engine), _csv_file(tmp_path, [*good, _cut(good[1], 40)])
    )
    assert (summary.rows_read, summary.providers_written) == (5, 4)
    assert summary.dropped == {"short row": 1}


def test_a_garbage_weekly_update_is_refused_and_changes_nothing(
    tmp_path: Path, imported: Engine
) -> None:
    before = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    header = _lines(write(tmp_path, [person(20, "60611")], name="good.zip"))[0]
    member = weekly_member_name(date(2026, 11, 16), date(2026, 11, 22))
    path = _csv_file(tmp_path, [header, *(f"garbage {n}\n" for n in range(9))], member)
    with pytest.raises(UnusableFileError):
        import_nppes_file(SqlAlchemyUnitOfWork(imported), path)
    after = search_physicians(
        SqlAlchemyUnitOfWork(imported), "60611", radius_miles=250, today=TODAY
    )
    assert after.as_contract() == before.as_contract() and after.source == before.source
    assert _directories(imported) == 1


def test_an_import_that_fails_midway_leaves_nothing_staged(
    tmp_path: Path, imported: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("sicoach.store.physician_directory._record_source", full_disk)
    path = write(tmp_path, [person(n, "60611") for n in range(20, 30)], name="new.zip")
    with pytest.raises(OSError, match="disk full"):
        import_nppes_file(SqlAlchemyUnitOfWork(imported), path)
    assert _providers(imported) == KEPT_FROM_CHICAGO and _directories(imported) == 1


def test_a_killed_imports_staging_is_cleared_at_start_once_no_import_can_own_it(
    imported: Engine,
) -> None:
    def killed_import(started: datetime) -> None:
        """What a SIGKILLed import leaves: a directory that never became current."""
        with imported.begin() as conn:
            conn.execute(insert(PhysicianDirectory).values(started_at=started, is_current=False))

    now = datetime.now(UTC)
    killed_import(now - timedelta(hours=7))
    killed_import(now - timedelta(minutes=5))  # may be an import still running
    assert clear_abandoned_physician_imports(SqlAlchemyUnitOfWork(imported)) == 1
    assert _directories(imported) == 2
    assert search_physicians(SqlAlchemyUnitOfWork(imported), "60611", today=TODAY).results


def test_a_refused_import_is_refused_before_it_is_made_current(
    tmp_path: Path, imported: Engine
) -> None:
    def refuse(kept: int) -> None:
        raise UnusableFileError("x.zip", 10, 1, kept)

    meta = SourceMeta("x.zip", None, "full")
    with pytest.raises(UnusableFileError):
        import_full(imported, [], meta, rows_read=lambda: 10, check=refuse)
    assert _directories(imported) == 1
