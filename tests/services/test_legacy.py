from __future__ import annotations

import json
from pathlib import Path

import yaml

from sicoach.catalog import default_catalog
from sicoach.services import legacy
from sicoach.store.legacy_files import read_legacy_files
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories

CATALOG = default_catalog()


def _old_files(data_dir: Path) -> None:
    (data_dir / "sessions").mkdir(parents=True)
    (data_dir / "intake.yaml").write_text(yaml.safe_dump(factories.intake_answers()))
    for n in range(3):
        record = factories.session(f"old-{n}", pain_before=5, pain_after=4)
        (data_dir / "sessions" / f"old-{n}.json").write_text(
            json.dumps(record.model_dump(mode="json", by_alias=True))
        )
    (data_dir / "sessions" / "torn.json").write_text('{"id": "torn", "start')


def _counts(uow: AbstractUnitOfWork) -> tuple[int, int, int]:
    with uow:
        person = uow.people.first()
        assert person is not None
        return (
            len(uow.intakes.history(person.id)),
            len(uow.sessions.history(person.id)),
            len(uow.pain.history(person.id)),
        )


def test_old_files_are_imported_once_and_nothing_is_lost(
    uow: AbstractUnitOfWork, tmp_path: Path
) -> None:
    _old_files(tmp_path)
    report = legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG)
    assert sorted(report.imported) == [
        "intake.yaml",
        "sessions/old-0.json",
        "sessions/old-1.json",
        "sessions/old-2.json",
    ]
    assert len(report.problems) == 1 and report.problems[0].startswith("sessions/torn.json")
    assert _counts(uow) == (1, 3, 6)
    again = legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG)
    assert again.imported == []
    assert _counts(uow) == (1, 3, 6)
    assert (tmp_path / "sessions" / "old-0.json").exists()


def test_a_changed_intake_file_is_imported_as_a_new_intake(
    uow: AbstractUnitOfWork, tmp_path: Path
) -> None:
    _old_files(tmp_path)
    legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG)
    (tmp_path / "intake.yaml").write_text(yaml.safe_dump(factories.intake_answers(age=48)))
    assert legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG).imported == [
        "intake.yaml"
    ]
    assert _counts(uow)[0] == 2


def test_no_old_files_means_no_person_is_made(uow: AbstractUnitOfWork, tmp_path: Path) -> None:
    assert legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG).imported == []
    with uow:
        assert uow.people.first() is None


def test_an_imported_intake_keeps_its_screening(uow: AbstractUnitOfWork, tmp_path: Path) -> None:
    _old_files(tmp_path)
    legacy.import_legacy(uow, read_legacy_files(tmp_path), CATALOG)
    with uow:
        person = uow.people.first()
        assert person is not None
        [intake] = uow.intakes.history(person.id)
    assert intake.source == "legacy-file"
    assert intake.screening is not None
    assert intake.answers == factories.intake_answers() | {"pain": intake.answers["pain"]}
