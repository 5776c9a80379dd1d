"""The MediaPipe adapter: only the full model (in the wheel); a plain message without the extra."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from sicoach.capture.pose import (
    CameraExtraMissing,
    load_camera_libraries,
)


@pytest.mark.camera
def test_the_tracker_asks_mediapipe_for_the_full_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from mediapipe.python.solutions import pose

    from sicoach.capture.pose import PoseTracker

    asked: dict[str, Any] = {}

    class Recorder:
        def __init__(self, **options: Any) -> None:
            asked.update(options)

        def close(self) -> None:
            asked["closed"] = True

    monkeypatch.setattr(pose, "Pose", Recorder)
    with PoseTracker() as tracker:
        assert tracker.model_complexity == 1
    assert asked["model_complexity"] == 1
    assert asked["closed"] is True


def test_without_the_extra_the_error_says_which_install_adds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "mediapipe":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(CameraExtraMissing) as caught:
        load_camera_libraries()
    assert str(caught.value).endswith(
        'Add it with: .venv/bin/pip install -e ".[camera]"  (in the sicoach folder)'
    )
    assert "MediaPipe" in str(caught.value)
