"""``sicoach check`` and ``sicoach record``: reports, refusals and the optional camera extra."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicoach.capture.record import write_recording
from sicoach.cli.main import app
from sicoach.vision.synthetic import Rep, perform
from tests.vision.conftest import performance

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
INSTALL = '.venv/bin/pip install -e ".[camera]"'


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def landmarks(tmp_path: Path) -> Path:
    """Two left knee-to-chest holds, the second with the straight leg bending."""
    done = performance(
        "knee-to-chest-isometric",
        "left",
        [Rep(5.0), Rep(5.0, fault={"knee_flexion_right": 45.0})],
        noise_pixels=1.5,
    )
    path = tmp_path / "ktc.jsonl"
    write_recording(perform(done), path)
    return path


@pytest.fixture
def without_camera_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import cv2`` and ``import mediapipe`` fail, as without the extra."""
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"cv2", "mediapipe"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


def test_json_is_the_contract_3_report(landmarks: Path) -> None:
    code, stdout, _ = _run("check", "--landmarks", str(landmarks), "--format", "json")
    assert code == 0
    report = json.loads(stdout)
    assert report["schema"] == "sicoach.check/1"
    assert [(h["exercise"], h["side"]) for h in report["holds"]] == [
        ("knee-to-chest-isometric", "left")
    ] * 2
    assert [h["faults"] for h in report["holds"]] == [
        [],
        ["Keep the other leg straight and touching the ground."],
    ]
    assert report["summary"]["reps"] == {"knee-to-chest-isometric": {"left": 2}}


def test_the_readable_summary_names_the_stretch_the_reps_and_the_cue(landmarks: Path) -> None:
    code, stdout, _ = _run("check", "--landmarks", str(landmarks))
    assert code == 0
    assert "Single knee-to-chest isometric stretch" in stdout
    assert "Repetitions of Single knee-to-chest isometric stretch: left 2" in stdout
    assert "Keep the other leg straight" in stdout
    assert "Confidence:" in stdout


def test_a_malformed_line_is_refused_with_its_line_number(tmp_path: Path, landmarks: Path) -> None:
    lines = landmarks.read_text().splitlines()
    lines[5] = '{"t": 0.2, "landmarks": [1, 2]}'
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines))
    code, stdout, stderr = _run("check", "--landmarks", str(broken))
    assert code == 2 and stdout == ""
    assert "line 6" in stderr and "33 points" in stderr


def test_a_recording_with_no_person_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n".join(json.dumps({"t": i / 30, "landmarks": None}) for i in range(30)))
    code, _, stderr = _run("check", "--landmarks", str(empty))
    assert code == 2
    assert "no person was found" in stderr


@pytest.mark.parametrize(
    "args",
    [[], ["video.mp4", "--camera", "0"], ["--camera", "0", "--landmarks", "x.jsonl"]],
    ids=["none", "video-and-camera", "camera-and-landmarks"],
)
def test_check_needs_exactly_one_source(args: list[str]) -> None:
    code, _, stderr = _run("check", *args)
    assert code == 2
    assert "exactly one of" in stderr


def test_a_missing_landmark_file_is_refused(tmp_path: Path) -> None:
    code, _, stderr = _run("check", "--landmarks", str(tmp_path / "nowhere.jsonl"))
    assert code == 2
    assert "cannot read" in stderr


@pytest.mark.usefixtures("without_camera_extra")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "video.mp4"],
        ["check", "--camera", "0"],
        ["record", "video.mp4", "--out", "x.jsonl"],
    ],
    ids=["check-video", "check-camera", "record"],
)
def test_without_the_camera_extra_the_camera_commands_say_how_to_add_it(args: list[str]) -> None:
    code, _, stderr = _run(*args)
    assert code == 2
    assert INSTALL in stderr.replace("\n", "")


@pytest.mark.usefixtures("without_camera_extra")
def test_without_the_camera_extra_the_landmark_path_still_works(landmarks: Path) -> None:
    code, stdout, _ = _run("check", "--landmarks", str(landmarks), "--format", "json")
    assert code == 0
    assert len(json.loads(stdout)["holds"]) == 2


@pytest.mark.camera
def test_a_file_that_is_not_a_video_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "holiday.mp4"
    fake.write_text("not a video")
    code, _, stderr = _run("check", str(fake))
    assert code == 2
    assert "not a video OpenCV can read" in stderr


@pytest.mark.camera
def test_a_missing_video_is_refused(tmp_path: Path) -> None:
    code, _, stderr = _run("check", str(tmp_path / "gone.mp4"))
    assert code == 2
    assert "no such video file" in stderr


@pytest.mark.camera
def test_a_camera_that_cannot_be_opened_is_refused() -> None:
    code, _, stderr = _run("check", "--camera", "57")
    assert code == 2
    assert "camera 57 cannot be opened" in stderr


@pytest.mark.camera
def test_annotate_draws_a_landmark_file_into_a_video(tmp_path: Path, landmarks: Path) -> None:
    import cv2

    target = tmp_path / "ktc.mp4"
    code, _, _ = _run("check", "--landmarks", str(landmarks), "--annotate", str(target))
    assert code == 0
    video = cv2.VideoCapture(str(target))
    assert int(video.get(cv2.CAP_PROP_FRAME_COUNT)) == 24 * 30
    assert (
        int(video.get(cv2.CAP_PROP_FRAME_WIDTH)),
        int(video.get(cv2.CAP_PROP_FRAME_HEIGHT)),
    ) == (640, 480)
    video.release()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
