"""``sicoach plan``: contract 4 JSON, a readable plan, and exit 2 for a bad intake."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from sicoach.cli.main import app
from tests.intake_factory import intake_data

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
WIDE = {"COLUMNS": "200"}


def _plan(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["plan", *args], env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def test_json_is_contract_4() -> None:
    code, stdout, _ = _plan("--intake", str(EXAMPLES / "typical.yaml"), "--format", "json")
    assert code == 0
    plan = json.loads(stdout)
    assert set(plan) == {
        "schema",
        "eligible",
        "referral",
        "exercises",
        "excluded",
        "minutes",
        "advice",
    }
    assert plan["schema"] == "sicoach.plan/1" and plan["eligible"] is True
    assert plan["referral"] is None
    for exercise in plan["exercises"]:
        assert {"id", "hold_seconds", "repetitions", "sides", "reason"} <= set(exercise)
    assert all(set(e) == {"id", "reason"} for e in plan["excluded"])
    assert 0 < plan["minutes"] <= 15


def test_a_red_flag_prints_the_referral_and_exits_0() -> None:
    code, stdout, _ = _plan("--intake", str(EXAMPLES / "red-flag.yaml"), "--format", "json")
    assert code == 0
    plan = json.loads(stdout)
    assert plan["eligible"] is False and plan["exercises"] == []
    assert plan["referral"]["urgency"] == "emergency"
    assert plan["referral"]["reasons"] == ["Possible cauda equina: saddle numbness (answered yes)"]


def test_text_shows_each_stretch_with_dose_reason_and_what_was_left_out() -> None:
    code, stdout, _ = _plan("--intake", str(EXAMPLES / "typical.yaml"))
    assert code == 0
    assert "Your plan: 5 stretches, about 11 minutes a day" in stdout
    assert "1. Standing quadriceps stretch (standing)" in stdout
    assert "hold 15 seconds · 2 times · left and right" in stdout
    assert "why: Eases tension in the quadriceps" in stdout
    assert "Left out" in stdout and "Lower trunk rotation:" in stdout
    assert "Check with a doctor before you start new stretches" in stdout


def test_text_for_a_red_flag_shows_the_emergency_box_and_no_plan() -> None:
    code, stdout, _ = _plan("--intake", str(EXAMPLES / "red-flag.yaml"))
    assert code == 0
    assert "EMERGENCY: get care now. No plan." in stdout
    assert "Your plan" not in stdout


def test_text_shows_precaution_notes_and_the_review_box(tmp_path: Path) -> None:
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(intake_data({"precautions.hypermobility": True})))
    code, stdout, _ = _plan("--intake", str(path))
    assert code == 0
    assert "Ask your clinician to review this plan before you start." in stdout
    assert "! Hypermobility: stop at the first gentle stretch" in stdout


def test_a_json_intake_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake_data({"equipment": []})))
    code, stdout, _ = _plan("--intake", str(path), "--format", "json")
    assert code == 0
    plan = json.loads(stdout)
    assert plan["eligible"] is True
    # No chairs and no wall: the hamstring and quadriceps stretches are left out.
    assert [(e["id"], e["hold_seconds"], e["repetitions"]) for e in plan["exercises"]] == [
        ("hip-adductor-stretch", 5, 3),
        ("knee-to-chest-isometric", 5, 5),
        ("press-up-stretch", 5, 5),
    ]
    assert {e["id"] for e in plan["excluded"]} >= {"hamstring-stretch", "quadriceps-stretch"}


def test_a_bad_intake_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "intake.yaml"
    data = intake_data({"age": 5, "pain.now": 12, "colour": "blue"})
    path.write_text(yaml.safe_dump(data))
    code, stdout, stderr = _plan("--intake", str(path), "--format", "json")
    assert code == 2 and stdout == ""
    assert "3 problem(s)" in stderr
    for field in ("age:", "pain.now:", "colour: unknown field"):
        assert field in stderr


def test_broken_yaml_names_the_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "intake.yaml"
    path.write_text("schema: sicoach.intake/1\nage: [47\n")
    code, _, stderr = _plan("--intake", str(path))
    assert code == 2
    assert "not valid YAML" in stderr and "line" in stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, stderr = _plan("--intake", str(tmp_path / "nope.yaml"))
    assert code == 2 and "cannot read" in stderr


def test_without_intake_it_uses_the_current_intake(data_dir: Path) -> None:
    code, _, stderr = _plan()
    assert code == 2 and "sicoach start" in stderr
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / "typical.yaml", data_dir / "intake.yaml")
    code, stdout, _ = _plan("--format", "json")
    assert code == 0 and json.loads(stdout)["eligible"] is True
