"""``sicoach pain | odi | psfs | progress | export | import`` through the real CLI and database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sicoach.cli import store_access
from sicoach.cli.main import app
from sicoach.outcomes.oswestry import ODI_WORDING_SCHEMA, SECTIONS
from tests import factories
from tests.intake_factory import intake_data

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(autouse=True)
def fresh_store(data_dir: Path) -> Iterator[Path]:
    """Each test opens its own database in its own data directory."""
    store_access.store.cache_clear()
    yield data_dir
    store_access.store().engine.dispose()
    store_access.store.cache_clear()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def _some_history() -> None:
    assert _run("pain", "--kind", "before", "6")[0] == 0
    assert _run("pain", "--kind", "next-morning", "4")[0] == 0
    assert _run("psfs", "activities", "walking", "sitting", "socks")[0] == 0
    assert _run("psfs", "rate", "3", "4", "5")[0] == 0
    answers = [f"{s}=2" for s in SECTIONS]
    assert _run("odi", "record", *answers)[0] == 0


@pytest.mark.parametrize("value", ["11", "-1"])
def test_pain_outside_zero_to_ten_exits_2_and_writes_nothing(value: str) -> None:
    code, _, stderr = _run("pain", "--kind", "before", "--", value)
    assert code == 2
    assert "pain must be a whole number from 0 to 10" in stderr
    assert _run("progress")[1].count("no pain ratings yet") == 1


def test_an_unknown_pain_kind_exits_2() -> None:
    assert _run("pain", "--kind", "sometimes", "3")[0] == 2


def test_odi_record_prints_score_and_band() -> None:
    code, stdout, _ = _run("odi", "record", *[f"{s}=2" for s in SECTIONS[:9]])
    assert code == 0
    assert "ODI 40 % (moderate), 9 of 10 sections" in stdout


def test_odi_record_with_an_unknown_section_exits_2() -> None:
    code, _, stderr = _run("odi", "record", "pain=3")
    assert (code, "unknown ODI section 'pain'" in stderr) == (2, True)


def test_a_licensed_wording_is_loaded_and_shown(tmp_path: Path) -> None:
    wording = {
        "schema": ODI_WORDING_SCHEMA,
        "source": "Clinic licence 42",
        "sections": {
            s: {"title": f"About {s}", "options": [f"statement {n}" for n in range(6)]}
            for s in SECTIONS
        },
    }
    file = tmp_path / "odi.yaml"
    file.write_text(yaml.safe_dump(wording))
    assert _run("odi", "wording", "load", str(file))[0] == 0
    code, stdout, _ = _run("odi", "sections")
    assert code == 0 and "About walking" in stdout and "Clinic licence 42" in stdout


def test_without_a_licence_no_question_text_is_shown() -> None:
    code, stdout, _ = _run("odi", "sections")
    assert code == 0 and "not shipped" in stdout


def test_progress_shows_every_measure_and_draws_a_png(tmp_path: Path) -> None:
    _some_history()
    chart = tmp_path / "progress.png"
    code, stdout, _ = _run("progress", "--chart", str(chart))
    assert code == 0
    assert "before: first 6, latest 6" in stdout
    assert "ODI" in stdout or "Oswestry" in stdout
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_progress_draws_svg_too(tmp_path: Path) -> None:
    _some_history()
    chart = tmp_path / "progress.svg"
    assert _run("progress", "--chart", str(chart))[0] == 0
    assert "<svg" in chart.read_text()


def test_a_chart_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    assert _run("progress", "--chart", str(tmp_path / "x.txt"))[0] == 2


@pytest.mark.parametrize(("format_name", "name"), [("json", "me.json"), ("csv", "me.zip")])
def test_export_then_import_elsewhere_gives_the_same_export(
    format_name: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _some_history()
    file = tmp_path / name
    assert _run("export", "--format", format_name, "--out", str(file))[0] == 0
    first = json.loads(_run("export")[1])
    store_access.store().engine.dispose()
    monkeypatch.setenv("SICOACH_DATA_DIR", str(tmp_path / "elsewhere"))
    from sicoach.settings import get_settings

    get_settings.cache_clear()
    store_access.store.cache_clear()
    code, stdout, stderr = _run("import", str(file))
    assert code == 0, stderr
    second = json.loads(_run("export")[1])
    first.pop("exported_at")
    second.pop("exported_at")
    assert second == first
    assert _run("import", str(file))[0] == 2  # never twice


def test_export_with_nothing_recorded_exits_2() -> None:
    code, _, stderr = _run("export")
    assert code == 2 and "nothing to export" in stderr


def test_an_unknown_export_format_names_the_known_ones() -> None:
    code, _, stderr = _run("export", "--format", "xml")
    assert code == 2 and "json, csv" in stderr


def test_session_files_from_before_the_database_are_imported_on_first_start(data_dir: Path) -> None:
    folder = data_dir / "sessions"
    folder.mkdir(parents=True)
    record = factories.session("from-a-file", pain_before=5)
    (folder / "from-a-file.json").write_text(
        json.dumps(record.model_dump(mode="json", by_alias=True))
    )
    code, _, stderr = _run("progress")
    assert code == 0 and "Imported 1 file(s)" in stderr
    store_access.store.cache_clear()
    assert "Imported" not in _run("progress")[2]
    exported = json.loads(_run("export")[1])
    assert [s["id"] for s in exported["sessions"]] == ["from-a-file"]


def test_a_session_the_database_refuses_is_kept_as_a_file_for_the_next_start(
    data_dir: Path,
) -> None:
    record = factories.session(steps=factories.steps(exercise="not-in-the-catalog"))
    assert store_access.record_guided_session(record) is None
    assert (data_dir / "sessions" / "s1.json").exists()


def _start(*args: str) -> None:
    code, _, stderr = _run("start", "--intake", str(EXAMPLES / "typical.yaml"), *args)
    assert code == 0, stderr


def _status() -> dict[str, Any]:
    code, stdout, _ = _run("status", "--format", "json")
    assert code == 0
    status: dict[str, Any] = json.loads(stdout)
    return status


def test_status_is_contract_9() -> None:
    assert _status()["state"] == "no-plan"
    _start()
    status = _status()
    assert set(status) == {"schema", "state", "plan_version", "today", "flags", "advice"}
    assert status["schema"] == "sicoach.status/1" and status["state"] == "active"
    assert all(set(t) == {"id", "hold_seconds", "repetitions", "sides"} for t in status["today"])


def test_log_records_a_session_from_the_handout_and_its_pain_moves_the_dose() -> None:
    _start("--date", _day(-2))
    code, stdout, _ = _run("dose")
    first = stdout
    code, stdout, stderr = _run(
        "log", "--date", _day(-1), "--pain-before", "3", "--pain-during", "1", "--pain-after", "1"
    )
    assert code == 0, stderr
    assert "Logged a session" in stdout
    code, stdout, _ = _run("pain", "--kind", "next-morning", "1")
    assert code == 0 and "Your plan: active" in stdout
    code, stdout, _ = _run("dose")
    assert "plan version 2" in stdout and "sicoach progression" in stdout and stdout != first
    exported = json.loads(_run("export")[1])
    assert len(exported["sessions"]) == 1


def test_log_when_the_plan_is_not_active_exits_2_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(yaml.safe_dump(intake_data({"precautions.hypermobility": True})))
    code, _, stderr = _run("start", "--intake", str(path))
    assert code == 0
    code, _, stderr = _run("log", "--pain-before", "3", "--pain-during", "2", "--pain-after", "2")
    assert code == 2 and "needs review" in stderr


def test_review_by_name_makes_a_plan_that_needs_review_active(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(yaml.safe_dump(intake_data({"precautions.hypermobility": True})))
    assert _run("start", "--intake", str(path))[0] == 0
    assert _status()["state"] == "needs-review"
    code, stdout, stderr = _run("review", "--by", "Dr Rao", "--note", "fine, go gently")
    assert code == 0, stderr
    assert "Recorded the review by Dr Rao" in stdout
    assert _status()["state"] == "active"


def test_an_emergency_referral_is_never_lifted_by_review(tmp_path: Path) -> None:
    _run("start", "--intake", str(EXAMPLES / "red-flag.yaml"))
    code, _, stderr = _run("review", "--by", "Dr Rao")
    assert code == 2 and "emergency" in stderr
    assert _status()["state"] == "referred"


def test_dates_in_the_future_or_before_the_first_answers_exit_2() -> None:
    _start("--date", _day(-1))
    code, _, stderr = _run("pain", "--kind", "before", "3", "--date", _day(1))
    assert code == 2 and "in the future" in stderr
    code, _, stderr = _run("pain", "--kind", "before", "3", "--date", _day(-5))
    assert code == 2 and "before the first answers" in stderr
    code, _, stderr = _run("review", "--by", "Dr Rao", "--date", _day(-5))
    assert code == 2 and "before the first answers" in stderr
    pain = ("--pain-before", "3", "--pain-during", "2", "--pain-after", "2")
    code, _, stderr = _run("log", "--date", _day(-5), *pain)
    assert code == 2 and "before the first answers" in stderr
    code, _, stderr = _run("log", "--date", _day(2), *pain)
    assert code == 2 and "in the future" in stderr


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def test_dose_without_a_plan_or_intake_exits_2() -> None:
    _run("pain", "--kind", "before", "3")
    code, _, stderr = _run("dose")
    assert code == 2 and "no plan yet" in stderr


def test_export_to_a_folder_that_does_not_exist_is_exit_2_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    runner.invoke(app, ["pain", "--kind", "before", "4"])
    target = tmp_path / "missing" / "me.json"
    result = runner.invoke(app, ["export", "--format", "json", "--out", str(target)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert not target.parent.exists()


def test_a_flare_pauses_until_rescreen_and_review_from_the_command_line() -> None:
    _start("--date", _day(-1))
    pain = ("--pain-before", "3", "--pain-during", "9", "--pain-after", "8")
    code, stdout, stderr = _run("log", *pain)
    assert code == 0, stderr
    assert "paused" in stdout and "contact your clinician or doctor" in stdout
    code, _, stderr = _run("session", "--script")
    assert code == 2 and "sicoach rescreen" in stderr and "sicoach review" in stderr
    rescreen = runner.invoke(app, ["rescreen"], input="n\n" * 11, env=WIDE)
    assert rescreen.exit_code == 0, rescreen.output
    assert "have your clinician review the plan" in rescreen.stdout
    assert _status()["state"] == "paused"
    assert _run("review", "--by", "Dr Rao", "--note", "settled")[0] == 0
    status = _status()
    assert status["state"] == "active" and status["today"]
