"""``sicoach start``: every question asked plainly (or read from a file); the answers kept."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from sicoach.cli import store_access
from sicoach.cli.main import app
from sicoach.program.intake import Intake, parse_intake
from sicoach.program.questions import EQUIPMENT_QUESTIONS, HARD_POSITION_QUESTIONS, QUESTIONS
from sicoach.program.screening import ASKED_RED_FLAGS, PRECAUTION_QUESTIONS
from sicoach.services import coaching, people

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"


def _kept() -> Intake:
    uow = store_access.store().unit_of_work()
    intake = coaching.current_intake(uow, people.local_person(uow).id)
    assert intake is not None
    return intake


def _status() -> dict[str, object]:
    result = runner.invoke(app, ["status", "--format", "json"])
    assert result.exit_code == 0, result.output
    status: dict[str, object] = json.loads(result.stdout)
    return status


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
    lines += hip or ["n"]  # hip replacement? (then weeks, side, approach)
    lines += ["n"] * 5  # hip precautions, pregnancy, osteoporosis, hypermobility, surgery
    lines += ["n", "n", "n"]  # floor, stomach, one leg hard?
    lines += ["", ""]  # two chairs, wall: default yes
    lines += ["20"]  # minutes
    lines += pelvic or []
    lines += ["07:30"]
    return "\n".join(lines) + "\n"


def test_start_keeps_the_answers_as_version_3_and_shows_the_plan(data_dir: Path) -> None:
    result = runner.invoke(app, ["start"], input=_answers(), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    intake = _kept()
    assert intake.schema_ == "sicoach.intake/3"
    assert intake.pain.sides == ["left", "right"]
    assert intake.pain.areas == ["buttock", "low-back"]
    assert intake.equipment == ["two-chairs", "wall"]
    assert intake.minutes_per_day == 20 and intake.preferred_time == "07:30"
    asked = [
        *(f.question for f in ASKED_RED_FLAGS),
        *(q for key, q in QUESTIONS.items() if key not in {"pelvic_rotation_ok", "pain.improving"}),
        *HARD_POSITION_QUESTIONS.values(),
        *EQUIPMENT_QUESTIONS.values(),
        *(
            q
            for key, q in PRECAUTION_QUESTIONS.items()
            if not key.startswith(("hip_", "preg", "post"))
        ),
    ]
    for question in asked:
        assert question in result.output
    assert "Your plan: 5 stretches" in result.output
    assert _status()["state"] == "active"


def test_start_asks_for_the_pelvic_rotation_yes_when_the_joint_is_stiff(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    answers = _answers(stiff="y", hip=["y", "30", "left", "posterior"], pelvic=["y"])
    result = runner.invoke(app, ["start", "--out", str(out)], input=answers)
    assert result.exit_code == 0, result.output
    intake = parse_intake(yaml.safe_load(out.read_text()))
    assert intake.joint_stiff and intake.pelvic_rotation_ok
    assert intake.precautions.hip_replacement_weeks_ago == 30
    assert intake.precautions.hip_replacement_side == "left"
    assert intake.precautions.hip_replacement_approach == "posterior"


def test_an_emergency_answer_ends_the_questions_with_the_number_to_call(data_dir: Path) -> None:
    red = ["n", "y"]  # saddle numbness, the second warning sign
    result = runner.invoke(
        app,
        ["start"],
        input=_answers(red_flags=red),
        env={"COLUMNS": "200", "SICOACH_EMERGENCY_NUMBER": "112"},
    )
    assert result.exit_code == 0, result.output
    assert "EMERGENCY: get care now" in result.output
    assert "Call 112 now." in result.output
    assert ASKED_RED_FLAGS[2].question not in result.output  # nothing more is asked
    assert PRECAUTION_QUESTIONS["hip_replacement"] not in result.output
    assert "Nothing more is asked now" in result.output
    assert _status()["state"] == "no-plan"  # no answers to keep it with


def test_an_emergency_answer_after_earlier_answers_stops_the_plan_at_once(data_dir: Path) -> None:
    assert runner.invoke(app, ["start"], input=_answers()).exit_code == 0
    red = ["y"]  # loss of bladder or bowel control, the first warning sign
    result = runner.invoke(app, ["start"], input=_answers(red_flags=red), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert ASKED_RED_FLAGS[1].question not in result.output
    assert _kept().red_flags.bladder_or_bowel_change
    assert not _kept().red_flags.saddle_numbness  # the earlier answer stands
    assert _status()["state"] == "referred"


def test_contradicting_answers_exit_2_and_save_nothing(data_dir: Path) -> None:
    result = runner.invoke(app, ["start"], input=_answers(age="20", weeks="2000", improving=["n"]))
    assert result.exit_code == 2
    assert "nothing saved" in result.stderr and "pain.weeks" in result.stderr
    assert _status()["state"] == "no-plan"


def test_long_pain_that_a_clinician_examined_gets_a_plan_marked_for_review(data_dir: Path) -> None:
    answers = _answers(weeks="10", improving=["n"], assessed="y")
    result = runner.invoke(app, ["start"], input=answers, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert QUESTIONS["pain.improving"] in result.output
    intake = _kept()
    assert intake.pain.improving is False and intake.assessed_by_clinician is True
    assert "Your plan: 5 stretches" in result.output
    assert "you said a clinician has examined you for this pain" in result.output
    assert _status()["state"] == "needs-review"


def test_start_takes_the_answers_from_a_file_as_given_on_a_day(data_dir: Path) -> None:
    result = runner.invoke(
        app, ["start", "--intake", str(EXAMPLES / "typical.yaml"), "--date", "2026-01-05"]
    )
    assert result.exit_code == 0, result.output
    assert _kept() == parse_intake(yaml.safe_load((EXAMPLES / "typical.yaml").read_text()))
    status = _status()
    assert status["state"] == "active" and status["plan_version"] == 1


def test_a_day_in_the_future_or_not_a_date_exits_2(data_dir: Path) -> None:
    for day, words in (("2999-01-01", "in the future"), ("soon", "is not a date")):
        result = runner.invoke(
            app, ["start", "--intake", str(EXAMPLES / "typical.yaml"), "--date", day]
        )
        assert result.exit_code == 2 and words in result.stderr
    assert _status()["state"] == "no-plan"
