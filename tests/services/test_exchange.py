from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sicoach.catalog import default_catalog
from sicoach.program.lifecycle import Role
from sicoach.services import care, exchange, outcomes, people
from sicoach.services.errors import ImportRefused
from sicoach.services.export_formats import EXPORT_FORMATS, read_export
from sicoach.services.plans import screening_of
from sicoach.session.script_model import StepOutcome
from sicoach.store.unit_of_work import AbstractUnitOfWork
from tests import factories, history
from tests.databases import database_url
from tests.fakes import FakeUnitOfWork

CATALOG = default_catalog()

T0 = factories.T0


def _a_full_history(uow: AbstractUnitOfWork) -> str:
    person = people.add_person(uow, "Ann Example")
    people.set_time_zone(uow, person.id, "America/Chicago")
    plan = factories.plan()
    history.keep_intake(
        uow,
        person.id,
        factories.intake_answers(),
        source="cli",
        screening=screening_of(plan),
        at=T0,
    )
    history.keep_plan(uow, person.id, plan, changed_by="Dr Who", reason="first plan", at=T0)
    history.keep_plan(
        uow,
        person.id,
        factories.plan(hold=20.5),
        changed_by="sicoach progression",
        reason="pain settled",
        at=T0 + timedelta(days=3),
    )
    for day in range(4):
        start = T0 + timedelta(days=day, hours=1, microseconds=123456)
        steps = factories.steps(hold=15.25 + day)
        if day == 3:
            steps[-1] = steps[-1].model_copy(
                update={"outcome": StepOutcome.SKIPPED, "actual_seconds": 1.5}
            )
        history.keep_session(
            uow,
            person.id,
            factories.session(
                f"s{day}",
                start=start,
                completed=day != 3,
                steps=steps,
                pain_before=6 - day,
                pain_during=3,
                pain_after=2,
            ),
        )
    history.keep_pain(uow, person.id, "next-morning", 4, at=T0 + timedelta(days=1))
    outcomes.set_psfs_activities(
        uow, person.id, ["walking 30 min", "sitting, at work", 'socks "on"'], at=T0
    )
    outcomes.record_psfs(uow, person.id, [3, 4, 2], at=T0)
    outcomes.set_psfs_activities(
        uow, person.id, ["walking 30 min", "sitting, at work", "lifting"], at=T0 + timedelta(days=2)
    )
    outcomes.record_psfs(uow, person.id, [5, 6, 7], at=T0 + timedelta(days=2))
    outcomes.record_odi(
        uow,
        person.id,
        {
            "pain-intensity": 3,
            "lifting": 2,
            "walking": 1,
            "sitting": 2,
            "standing": 2,
            "sleeping": 1,
            "personal-care": 0,
            "social-life": 2,
            "travelling": 1,
        },
        at=T0 + timedelta(days=1),
    )
    outcomes.record_odi(uow, person.id, {"pain-intensity": 1}, at=T0 + timedelta(days=2))
    care.review_plan(
        uow,
        person.id,
        default_catalog(),
        name="Dr Who",
        role=Role.CLINICIAN,
        on=(T0 + timedelta(days=3)).date(),
        note="fine",
        at=T0 + timedelta(days=3),
    )
    return person.id


def _without_time_of_export(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def _sql_uow(tmp_path: Path, name: str) -> AbstractUnitOfWork:
    from sicoach.store.db import open_database
    from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

    (tmp_path / name).mkdir()
    return SqlAlchemyUnitOfWork(open_database(database_url("sqlite", tmp_path / name)))


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_export_then_import_into_an_empty_database_loses_nothing(
    uow: AbstractUnitOfWork, tmp_path: Path, format_name: str
) -> None:
    person_id = _a_full_history(uow)
    original = exchange.export_person(uow, person_id)
    chosen = EXPORT_FORMATS[format_name]
    assert chosen.read is not None
    fresh = _sql_uow(tmp_path, format_name)
    exchange.import_person(fresh, read_export(chosen.write(original)), catalog=CATALOG)
    again = exchange.export_person(fresh, person_id)
    for field, value in _without_time_of_export(original).items():
        assert again[field] == value, field
    # and field by field where it matters most
    assert again["sessions"][3]["steps"][-1]["actual_seconds"] == 1.5
    assert again["sessions"][0]["started_at"] == original["sessions"][0]["started_at"]
    assert ".123456" in original["sessions"][0]["started_at"]
    assert [v["changed_by"] for v in again["plan_versions"]] == ["Dr Who", "sicoach progression"]
    assert again["psfs_activities"][-1]["retired_at"] is not None
    assert again["odi_responses"][1]["score"] is None
    assert len(again["pain_ratings"]) == 4 * 3 + 1


def test_the_export_holds_every_kind_of_record(uow: AbstractUnitOfWork) -> None:
    document = exchange.export_person(uow, _a_full_history(uow))
    assert document["schema"] == "sicoach.export/1"
    assert document["person"]["time_zone"] == "America/Chicago"
    counts = {k: len(v) for k, v in document.items() if isinstance(v, list)}
    assert counts == {
        "intakes": 1,
        "plan_versions": 2,
        "sessions": 4,
        "pain_ratings": 13,
        "psfs_activities": 4,
        "psfs_assessments": 2,
        "odi_responses": 2,
        "care_events": 1,
    }
    assert document["care_status"]["state"] == "active"
    assert document["care_events"][0]["by"] == "Dr Who"
    assert document["intakes"][0]["screening"]["eligible"] is True


def test_import_refuses_a_database_that_already_holds_someone(uow: AbstractUnitOfWork) -> None:
    document = exchange.export_person(uow, _a_full_history(uow))
    with pytest.raises(ImportRefused, match="import needs an empty database"):
        exchange.import_person(uow, document, catalog=CATALOG)


def test_an_export_from_before_time_zones_still_imports(tmp_path: Path) -> None:
    source = FakeUnitOfWork()
    document = exchange.export_person(source, _a_full_history(source))
    del document["person"]["time_zone"]
    older_csv = EXPORT_FORMATS["csv"].write(document)
    with zipfile.ZipFile(io.BytesIO(older_csv)) as archive:
        assert archive.read("person.csv").decode().splitlines()[0].endswith(",time_zone")
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(older_csv)) as archive, zipfile.ZipFile(rewritten, "w") as out:
        for name in archive.namelist():
            text = archive.read(name).decode()
            if name == "person.csv":  # as an older sicoach wrote it: no time_zone column
                text = "\r\n".join(line.rsplit(",", 1)[0] for line in text.splitlines()) + "\r\n"
            out.writestr(name, text)
    for raw in (json.dumps(document, default=str).encode(), rewritten.getvalue()):
        target = FakeUnitOfWork()
        person = exchange.import_person(target, read_export(raw), catalog=CATALOG)
        assert person.time_zone is None


def test_an_unknown_time_zone_in_an_import_is_named() -> None:
    source = FakeUnitOfWork()
    document = exchange.export_person(source, _a_full_history(source))
    document["person"]["time_zone"] = "Atlantis/Capital"
    with pytest.raises(ImportRefused, match="person.time_zone: 'Atlantis/Capital' is not a time"):
        exchange.import_person(FakeUnitOfWork(), document, catalog=CATALOG)


def _broken(document: dict[str, Any]) -> dict[str, Any]:
    broken = json.loads(json.dumps(document))
    broken["sessions"][1]["steps"][0]["exercise"] = "no-such-stretch"
    broken["pain_ratings"][0]["value"] = 12
    broken["pain_ratings"][1]["session_id"] = "ghost"
    broken["odi_responses"][0]["answers"]["lifting"] = 9
    return broken


def test_a_malformed_import_lists_its_problems_and_writes_nothing(tmp_path: Path) -> None:
    source = FakeUnitOfWork()
    document = _broken(exchange.export_person(source, _a_full_history(source)))
    target = _sql_uow(tmp_path, "target")
    with pytest.raises(ImportRefused) as caught:
        exchange.import_person(target, document, catalog=CATALOG)
    text = str(caught.value)
    assert "pain_ratings.0.value" in text and "odi_responses.0.answers.lifting" in text
    document["pain_ratings"][0]["value"] = 2
    document["odi_responses"][0]["answers"]["lifting"] = 2
    with pytest.raises(ImportRefused) as caught:
        exchange.import_person(target, document, catalog=CATALOG)
    assert caught.value.problems == [
        "sessions.1.steps.0.exercise: unknown exercise 'no-such-stretch'",
        "pain_ratings.1.session_id: no session 'ghost'",
    ]
    assert people.list_people(target) == []


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "expected a sicoach.export/1 document"),
        (b"PK\x03\x04broken", "not a zip of CSV files"),
    ],
)
def test_an_unreadable_file_is_refused_plainly(raw: bytes, problem: str) -> None:
    with pytest.raises(ImportRefused, match=problem):
        read_export(raw)
