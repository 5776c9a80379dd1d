"""End to end on a real photograph, offline: MediaPipe's full model from the wheel, OpenCV video."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app

pytestmark = [pytest.mark.camera, pytest.mark.slow]

runner = CliRunner()
FRAMES = 12


@pytest.fixture(scope="module")
def astronaut_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short video of scikit-image's astronaut photograph, drifting a few pixels a frame."""
    import cv2
    from skimage import data

    picture = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    path = tmp_path_factory.mktemp("video") / "astronaut.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 12.0, (512, 512))
    for index in range(FRAMES):
        writer.write(np.roll(picture, 2 * index, axis=1))
    writer.release()
    return path


def test_the_pose_model_finds_the_astronaut_in_the_photograph() -> None:
    import cv2
    from skimage import data

    from sicoach.capture.pose import PoseTracker

    with PoseTracker(still_images=True) as tracker:
        points = tracker.landmarks(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    assert points is not None and points.shape == (33, 4)
    nose, left_shoulder = points[0], points[11]
    assert 0.3 < nose[0] < 0.6 and 0.1 < nose[1] < 0.4
    assert left_shoulder[3] > 0.9


def test_record_saves_the_landmarks_of_a_video(astronaut_video: Path, tmp_path: Path) -> None:
    target = tmp_path / "astronaut.jsonl"
    result = runner.invoke(app, ["record", str(astronaut_video), "--out", str(target)])
    assert result.exit_code == 0, result.stderr
    lines = target.read_text().splitlines()
    header = json.loads(lines[0])
    assert header == {"schema": "sicoach.landmarks/1", "width": 512, "height": 512, "fps": 12.0}
    frames = [json.loads(line) for line in lines[1:]]
    assert len(frames) == FRAMES
    assert all(frame["landmarks"] is not None for frame in frames)


def test_check_runs_on_a_video_and_annotates_it(astronaut_video: Path, tmp_path: Path) -> None:
    import cv2

    annotated = tmp_path / "astronaut-checked.mp4"
    result = runner.invoke(
        app, ["check", str(astronaut_video), "--format", "json", "--annotate", str(annotated)]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["frames"] == FRAMES
    assert report["summary"]["person_seen"] == 1.0
    video = cv2.VideoCapture(str(annotated))
    ok, first = video.read()
    video.release()
    assert ok and first.shape == (512, 512, 3)


def test_a_video_cut_off_part_way_is_reported_for_what_was_seen(tmp_path: Path) -> None:
    import cv2
    from skimage import data

    picture = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    whole = tmp_path / "astronaut.avi"
    writer = cv2.VideoWriter(str(whole), cv2.VideoWriter.fourcc(*"MJPG"), 12.0, (512, 512))
    for index in range(FRAMES):
        writer.write(np.roll(picture, 2 * index, axis=1))
    writer.release()
    cut = tmp_path / "cut.avi"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    result = runner.invoke(app, ["check", str(cut), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert 0 < report["frames"] < FRAMES
