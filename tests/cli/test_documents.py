from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from icalendar import Calendar, vRecur
from typer.testing import CliRunner

from sicoach.cli.main import app
from sicoach.documents.calendar import event_uid
from tests import history
from tests.needs import poppler

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
runner = CliRunner()

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.resource import Resource


def _resources(bundle: Bundle) -> list[Resource]:
    """The resources of ``bundle``'s entries, checking that every entry holds one."""
    assert bundle.entry is not None
    resources: list[Resource] = []
    for entry in bundle.entry:
        assert entry.resource is not None
        resources.append(entry.resource)
    return resources


def _intake(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((EXAMPLES / "typical.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    if data.get("preferred_time") is None:
        data.pop("preferred_time", None)
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _files(folder: Path) -> list[str]:
    """What a command left in ``folder``, apart from the test's data directory."""
    return sorted(p.name for p in folder.iterdir() if p.name != "data")


def test_calendar_from_an_intake_recurs_daily_at_the_preferred_time(
    tmp_path: Path, data_dir: Path
) -> None:
    out = tmp_path / "stretch.ics"
    result = runner.invoke(
        app, ["calendar", "--out", str(out), "--intake", str(EXAMPLES / "typical.yaml")]
    )
    assert result.exit_code == 0, result.output
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "07:30"
    assert isinstance(rule := event["RRULE"], vRecur) and rule["FREQ"] == ["DAILY"]
    assert "daily at 07:30" in result.output


def test_calendar_without_preferred_time_says_it_uses_the_default(
    tmp_path: Path, data_dir: Path
) -> None:
    intake = _intake(tmp_path, preferred_time=None)
    result = runner.invoke(
        app, ["calendar", "--out", str(tmp_path / "s.ics"), "--intake", str(intake)]
    )
    assert result.exit_code == 0, result.output
    assert "sicoach's default" in result.output


def test_the_current_intake_in_the_data_directory_is_used_without_intake_option(
    tmp_path: Path, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    _intake(data_dir, preferred_time="06:15", equipment=[])  # no chairs, no wall
    out = tmp_path / "s.ics"
    result = runner.invoke(app, ["calendar", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "06:15"
    # Without chairs or a wall: adductor 10 + 3 x (5 + 3) + 2 x 5 = 44 s, knee to chest
    # 10 + 10 x (5 + 3) + 9 x 5 = 135 s, press-up 10 + 5 x (5 + 3) + 4 x 5 = 70 s, and two
    # rests of 15 s: 279 s, 4.7 minutes, so the event lasts 5 minutes.
    assert event.decoded("DURATION") == timedelta(minutes=5)
    listed = [line for line in str(event["DESCRIPTION"]).splitlines() if line.startswith("- ")]
    assert [line.split(":")[0] for line in listed] == [
        "- Seated hip adductor stretch",
        "- Single knee-to-chest isometric stretch",
        "- Press-up stretch",
    ]
    assert "daily at 06:15, about 5 minutes" in " ".join(result.output.split())


@pytest.mark.parametrize("command", ["calendar", "handout"])
def test_nothing_to_print_is_exit_2_and_no_file(
    tmp_path: Path, data_dir: Path, command: str
) -> None:
    result = runner.invoke(app, [command, "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "no plan to print" in result.output
    assert _files(tmp_path) == []


@pytest.mark.parametrize("command", ["calendar", "handout"])
def test_unwritable_output_is_exit_2_and_no_partial_file(
    tmp_path: Path, data_dir: Path, command: str
) -> None:
    target = tmp_path / "missing-folder" / "x"
    result = runner.invoke(
        app, [command, "--out", str(target), "--intake", str(EXAMPLES / "typical.yaml")]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert _files(tmp_path) == []


@pytest.mark.parametrize("command", ["calendar", "handout"])
def test_an_intake_with_a_red_flag_prints_nothing(
    tmp_path: Path, data_dir: Path, command: str
) -> None:
    result = runner.invoke(
        app, [command, "--out", str(tmp_path / "x"), "--intake", str(EXAMPLES / "red-flag.yaml")]
    )
    assert result.exit_code == 2
    assert "the plan has no stretches" in result.output
    assert _files(tmp_path) == []


def test_a_bad_intake_lists_its_problems(tmp_path: Path, data_dir: Path) -> None:
    intake = _intake(tmp_path, age="old", minutes_per_day=0)
    result = runner.invoke(
        app, ["calendar", "--out", str(tmp_path / "s.ics"), "--intake", str(intake)]
    )
    assert result.exit_code == 2
    assert "age" in result.output and "minutes_per_day" in result.output
    assert _files(tmp_path) == ["intake.yaml"]


def test_unknown_paper_size_is_exit_2_and_no_file(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "h.pdf"
    result = runner.invoke(
        app,
        ["handout", "--out", str(out), "--paper", "a5", "--intake", str(EXAMPLES / "typical.yaml")],
    )
    assert result.exit_code == 2
    assert "unknown paper size 'a5'" in result.output
    assert not out.exists()


def test_plan_command_gives_the_care_plan_bundle_in_fhir_r4b(data_dir: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.careplan import CarePlan

    result = runner.invoke(
        app, ["plan", "--intake", str(EXAMPLES / "typical.yaml"), "--format", "fhir"]
    )
    assert result.exit_code == 0, result.output
    resources = _resources(Bundle.model_validate_json(result.output))
    kinds = [resource.get_resource_type() for resource in resources]
    assert "Patient" not in kinds and kinds.count("CarePlan") == 1
    (care_plan,) = (r for r in resources if isinstance(r, CarePlan))
    assert care_plan.activity
    detail = care_plan.activity[0].detail
    assert detail is not None and detail.scheduledTiming is not None
    repeat = detail.scheduledTiming.repeat
    assert repeat is not None and repeat.timeOfDay == [time(7, 30)]


@pytest.fixture
def stored(data_dir: Path) -> Iterator[Callable[..., str]]:
    """A fresh database; ``save(versions)`` stores that many plan versions for a new person."""
    from sicoach.catalog import default_catalog
    from sicoach.cli.store_access import store
    from sicoach.program.intake import parse_intake
    from sicoach.program.plan import build_plan
    from sicoach.services import people

    store.cache_clear()

    def save(versions: int = 1, *, name: str | None = "Ann Example") -> str:
        uow = store().unit_of_work()
        person = people.add_person(uow, name)
        answers = yaml.safe_load((EXAMPLES / "typical.yaml").read_text(encoding="utf-8"))
        answers["preferred_time"] = "18:45"
        history.keep_intake(uow, person.id, answers, source="test")
        plan = build_plan(parse_intake(answers), default_catalog())
        for number in range(versions):
            first = plan.exercises[0]
            changed = first.model_copy(update={"hold_seconds": first.hold_seconds + number})
            version = plan.model_copy(update={"exercises": [changed, *plan.exercises[1:]]})
            history.keep_plan(
                uow, person.id, version, changed_by="test", reason=f"version {number}"
            )
        return person.id

    yield save
    store.cache_clear()


def test_calendar_of_the_stored_plan_updates_the_same_event_per_version(
    tmp_path: Path, stored: Callable[..., str]
) -> None:
    person = stored(versions=3)
    out = tmp_path / "s.ics"
    result = runner.invoke(app, ["calendar", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event["SEQUENCE"] == 3
    assert str(event["UID"]) == event_uid(person)
    assert event.decoded("DTSTART").strftime("%H:%M") == "18:45"


@pytest.mark.poppler
def test_handout_of_the_stored_plan_carries_the_persons_name(
    tmp_path: Path, stored: Callable[..., str]
) -> None:
    stored(name="Zoë Example")
    out = tmp_path / "h.pdf"
    result = runner.invoke(app, ["handout", "--out", str(out), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    assert "Zoë Example" in poppler("pdftotext", str(out), "-")


def test_export_format_fhir_writes_an_r4b_bundle_of_the_stored_person(
    tmp_path: Path, stored: Callable[..., str]
) -> None:
    from fhir.resources.R4B.bundle import Bundle

    stored(versions=2)
    out = tmp_path / "me.json"
    exports = []
    for _ in range(2):
        result = runner.invoke(app, ["export", "--format", "fhir", "--out", str(out)])
        assert result.exit_code == 0, result.output
        exports.append(Bundle.model_validate_json(out.read_text(encoding="utf-8")))
    first, second = (_resources(bundle) for bundle in exports)
    kinds = [resource.get_resource_type() for resource in first]
    assert kinds.count("CarePlan") == 2 and kinds.count("Patient") == 1
    assert [r.id for r in first] == [r.id for r in second]
