"""``sicoach start``: every question asked plainly; the answers saved as the current intake."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from sicoach.cli.main import app
from sicoach.program.intake import parse_intake
from sicoach.program.questions import EQUIPMENT_QUESTIONS, HARD_POSITION_QUESTIONS, QUESTIONS
from sicoach.screening import ASKED_RED_FLAGS, PRECAUTION_QUESTIONS

runner = CliRunner()


def _answers(
    *,
    age: str = "42",
    weeks: str = "3",
    stiff: str = "n",
    red_flags: list[str] | None = None,
    hip: list[str] | None = None,
    pelvic: list[str] | None = None,
    improving: list[str] | None = None,
    assessed: str = "n",
) -> str:
    lines = [age, "5", "both", "buttock, low-back", weeks, *(improving or []), assessed, stiff]
    lines += red_flags or ["n"] * len(ASKED_RED_FLAGS)
    lines += hip or ["n"]  # hip replacement?
    lines += ["n"] * 5  # hip precautions, pregnancy, osteoporosis, hypermobility, surgery
    lines += ["n", "n", "n"]  # floor, stomach, one leg hard?
    lines += ["", ""]  # two chairs, wall: default yes
    lines += ["20"]  # minutes
    lines += pelvic or []
    lines += ["07:30"]
    return "\n".join(lines) + "\n"


def test_start_saves_the_current_intake_as_version_2_and_shows_the_plan(data_dir: Path) -> None:
    result = runner.invoke(app, ["start"], input=_answers(), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load((data_dir / "intake.yaml").read_text())
    intake = parse_intake(saved)
    assert saved["schema"] == "sicoach.intake/2"
    assert intake.pain.sides == ["left", "right"]
    assert intake.pain.areas == ["buttock", "low-back"]
    assert intake.equipment == ["two-chairs", "wall"]
    assert intake.minutes_per_day == 20 and intake.preferred_time == "07:30"
    asked = [
        *(f.question for f in ASKED_RED_FLAGS),
        *(q for key, q in QUESTIONS.items() if key not in {"pelvic_rotation_ok", "pain.improving"}),
        *HARD_POSITION_QUESTIONS.values(),
        *EQUIPMENT_QUESTIONS.values(),
        *(q for key, q in PRECAUTION_QUESTIONS.items() if key != "hip_replacement_weeks_ago"),
    ]
    for question in asked:
        assert question in result.output
    assert "Your plan: 5 stretches" in result.output


def test_start_asks_for_the_pelvic_rotation_yes_when_the_joint_is_stiff(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    answers = _answers(stiff="y", hip=["y", "30"], pelvic=["y"])
    result = runner.invoke(app, ["start", "--out", str(out)], input=answers)
    assert result.exit_code == 0, result.output
    intake = parse_intake(yaml.safe_load(out.read_text()))
    assert intake.joint_stiff and intake.pelvic_rotation_ok
    assert intake.precautions.hip_replacement_weeks_ago == 30


def test_an_emergency_answer_is_told_at_once_and_gives_no_plan(data_dir: Path) -> None:
    red = ["n"] * len(ASKED_RED_FLAGS)
    red[1] = "y"  # saddle numbness
    result = runner.invoke(app, ["start"], input=_answers(red_flags=red), env={"COLUMNS": "200"})
    assert result.exit_code == 0
    numbness = ASKED_RED_FLAGS[1].question
    next_question = ASKED_RED_FLAGS[2].question
    told = result.output.index("EMERGENCY: get care now")
    assert result.output.index(numbness) < told < result.output.index(next_question)
    assert "Your plan" not in result.output
    assert yaml.safe_load((data_dir / "intake.yaml").read_text())["red_flags"]["saddle_numbness"]


def test_contradicting_answers_exit_2_and_save_nothing(data_dir: Path) -> None:
    result = runner.invoke(app, ["start"], input=_answers(age="20", weeks="2000", improving=["n"]))
    assert result.exit_code == 2
    assert "nothing saved" in result.stderr and "pain.weeks" in result.stderr
    assert not (data_dir / "intake.yaml").exists()


def test_long_pain_that_a_clinician_examined_gets_a_plan_marked_for_review(data_dir: Path) -> None:
    answers = _answers(weeks="10", improving=["n"], assessed="y")
    result = runner.invoke(app, ["start"], input=answers, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert QUESTIONS["pain.improving"] in result.output
    intake = parse_intake(yaml.safe_load((data_dir / "intake.yaml").read_text()))
    assert intake.pain.improving is False and intake.assessed_by_clinician is True
    assert "Your plan: 5 stretches" in result.output
    assert "you said a clinician has examined you for this pain" in result.output
