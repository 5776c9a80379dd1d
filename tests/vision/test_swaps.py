"""Undoing MediaPipe's left-right swaps: short crossed runs are put back, nothing else moves."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from sicoach.vision.landmarks import Landmark as L
from sicoach.vision.swaps import LEG_PAIRS, unswap
from sicoach.vision.synthetic import Rep, perform
from tests.vision.conftest import performance

FPS = 30.0


def _recording() -> tuple[
    npt.NDArray[np.float64], npt.NDArray[np.float64], tuple[float, float, float]
]:
    """A hamstring stretch seen side-on: one leg straight on a chair, the other bent."""
    done = perform(performance("hamstring-stretch", "left", [Rep(10.0)], noise_pixels=1.5))
    return done.landmarks, done.times, done.scale


def _swap_legs(landmarks: npt.NDArray[np.float64], frames: slice) -> npt.NDArray[np.float64]:
    out = landmarks.copy()
    for a, b in LEG_PAIRS:
        out[frames, a], out[frames, b] = landmarks[frames, b], landmarks[frames, a]
    return out


def test_a_short_swap_of_the_legs_is_put_back() -> None:
    clean, times, scale = _recording()
    swapped = _swap_legs(clean, slice(200, 215))  # half a second during the hold
    fixed = unswap(swapped, scale, times)
    assert np.allclose(fixed[:, :, :3], clean[:, :, :3], equal_nan=True)


def test_a_swap_longer_than_the_rule_allows_is_left_as_it_comes() -> None:
    clean, times, scale = _recording()
    swapped = _swap_legs(clean, slice(200, 260))  # two seconds
    fixed = unswap(swapped, scale, times)
    assert np.allclose(fixed[:, :, :3], swapped[:, :, :3], equal_nan=True)


def test_a_recording_without_swaps_is_unchanged() -> None:
    clean, times, scale = _recording()
    assert np.array_equal(unswap(clean, scale, times), clean, equal_nan=True)


def test_frames_without_a_person_inside_a_swap_do_not_stop_it_being_undone() -> None:
    clean, times, scale = _recording()
    swapped = _swap_legs(clean, slice(200, 215))
    swapped[205:208] = np.nan
    fixed = unswap(swapped, scale, times)
    kept = ~np.isnan(fixed[:, 0, 0])
    assert np.allclose(fixed[kept, L.LEFT_KNEE, :2], clean[kept, L.LEFT_KNEE, :2])
