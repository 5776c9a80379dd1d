"""``sicoach session --camera``: refused plainly, before any question, if the camera cannot work."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app

runner = CliRunner()
INTAKE = Path(__file__).resolve().parents[2] / "examples" / "intakes" / "stiff-joint.yaml"


@pytest.mark.usefixtures("data_dir")
def test_without_the_camera_extra_the_session_says_how_to_add_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"cv2", "mediapipe"}:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    result = runner.invoke(
        app, ["session", "--intake", str(INTAKE), "--camera", "0"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 2
    assert '.venv/bin/pip install -e ".[camera]"' in result.stderr.replace("\n", "")
    assert "Pain right now" not in result.stdout


@pytest.mark.camera
@pytest.mark.usefixtures("data_dir")
def test_a_camera_that_cannot_be_opened_stops_the_session_before_it_starts() -> None:
    result = runner.invoke(
        app, ["session", "--intake", str(INTAKE), "--camera", "57"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 2
    assert "camera 57 cannot be opened" in result.stderr
    assert "Pain right now" not in result.stdout
