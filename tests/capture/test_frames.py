"""A live camera gives its newest picture each time it is asked, so a slow pose model keeps up."""

from __future__ import annotations

import threading
import time

import numpy as np
import numpy.typing as npt
import pytest

from sicoach.capture.pose import frames_from

pytestmark = pytest.mark.camera


class _Camera:
    """Pictures at ``fps`` by the wall clock, each filled with its own number, like a webcam."""

    def __init__(self, fps: float, count: int) -> None:
        self._fps, self._count = fps, count
        self._given = 0
        self._started: float | None = None
        self.released = threading.Event()

    def read(self) -> tuple[bool, npt.NDArray[np.uint8] | None]:
        if self._given >= self._count:
            return False, None
        if self._started is None:
            self._started = time.monotonic()
        time.sleep(max(0.0, self._started + self._given / self._fps - time.monotonic()))
        picture = np.full((4, 4, 3), self._given % 256, dtype=np.uint8)
        self._given += 1
        return True, picture

    def get(self, prop: int) -> float:
        return 0.0

    def release(self) -> None:
        self.released.set()


def test_a_slow_reader_gets_the_newest_pictures_and_skips_the_rest() -> None:
    camera = _Camera(fps=60.0, count=60)
    taken = []
    for frame in frames_from(camera, live=True):
        taken.append(frame.index)
        assert int(frame.image[0, 0, 0]) == frame.index
        time.sleep(0.1)  # a pose model slower than the camera
    assert taken == sorted(set(taken))
    assert 6 <= len(taken) <= 20  # about one in six of the 60 pictures
    assert taken[-1] >= 50
    assert camera.released.is_set()


def test_a_fast_reader_gets_every_picture_once() -> None:
    camera = _Camera(fps=30.0, count=20)
    taken = [frame.index for frame in frames_from(camera, live=True)]
    assert taken == list(range(20))


def test_a_video_file_gives_every_frame_in_order_without_skipping() -> None:
    camera = _Camera(fps=1000.0, count=10)
    assert [f.index for f in frames_from(camera, live=False)] == list(range(10))
