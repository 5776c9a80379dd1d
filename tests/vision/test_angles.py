"""Joint angles, smoothing, the visibility gate and body orientation."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pytest

from sicoach.catalog import default_catalog
from sicoach.figures.poses import pose_angles
from sicoach.vision.angles import ORIENTATIONS, gate, measure, orientation, smooth
from sicoach.vision.landmarks import Landmark as L
from sicoach.vision.landmarks import Recording
from sicoach.vision.templates import cameras_for, measure_pose


def _body(points: dict[L, tuple[float, float]]) -> npt.NDArray[np.float64]:
    frame = np.full((1, 33, 3), 0.0)
    for landmark, (x, y) in points.items():
        frame[0, landmark, :2] = (x, y)
    return frame


def test_a_right_angle_at_the_knee_is_90_degrees_of_knee_flexion() -> None:
    points = _body({L.LEFT_HIP: (0, 0), L.LEFT_KNEE: (0, 10), L.LEFT_ANKLE: (10, 10)})
    assert measure(points)["knee_flexion_left"][0] == pytest.approx(90.0)


def test_a_straight_leg_has_no_knee_flexion() -> None:
    points = _body({L.RIGHT_HIP: (5, 0), L.RIGHT_KNEE: (5, 10), L.RIGHT_ANKLE: (5, 20)})
    assert measure(points)["knee_flexion_right"][0] == pytest.approx(0.0)


def test_a_lean_is_measured_in_pixels_not_in_normalised_units() -> None:
    # DESIGN.md contract 2: in a 4:3 image a 35 degree lean would read as about 28
    # degrees if normalised x and y were used as they are.
    lean = math.radians(35.0)
    hips, shoulders = (320.0, 300.0), (320.0 + 100 * math.sin(lean), 300.0 - 100 * math.cos(lean))
    frame = np.full((1, 33, 4), 0.5)
    for landmark in (L.LEFT_HIP, L.RIGHT_HIP):
        frame[0, landmark, :2] = (hips[0] / 640, hips[1] / 480)
    for landmark in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER):
        frame[0, landmark, :2] = (shoulders[0] / 640, shoulders[1] / 480)
    recording = Recording(np.zeros(1), frame)
    assert measure(recording.pixels)["trunk_incline"][0] == pytest.approx(35.0)
    naive = measure(recording.landmarks[:, :, :3])["trunk_incline"][0]
    assert naive == pytest.approx(28.0, abs=1.0)


def test_smoothing_skips_lost_frames_instead_of_spreading_them() -> None:
    values = np.array([1.0, 1.0, np.nan, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0])
    smoothed = smooth(values, 0.1, window_seconds=0.2)
    assert smoothed[2] == pytest.approx(1.0)
    assert smoothed[0] == pytest.approx(1.0) and smoothed[-1] == pytest.approx(5.0)


def test_a_whole_window_of_lost_frames_stays_unknown() -> None:
    values = np.array([1.0, np.nan, np.nan, np.nan, np.nan, 2.0])
    assert np.isnan(smooth(values, 0.1, window_seconds=0.2)[2])


def test_the_visibility_gate_lets_through_a_well_seen_body_only() -> None:
    visibility = np.stack([np.full(33, 0.9), np.full(33, 0.3)])
    assert gate(visibility).tolist() == [True, False]


@pytest.mark.parametrize("exercise", default_catalog().ids)
def test_every_key_pose_is_seen_in_the_catalog_position(exercise: str) -> None:
    data = default_catalog().get(exercise)
    for pose in data.poses:
        for camera in cameras_for(data.view):
            features = measure_pose(pose_angles(data, pose.name), camera)
            code = orientation({k: np.array([v]) for k, v in features.items()})[0]
            assert ORIENTATIONS[code] is data.position, (pose.name, camera)


def test_a_frame_without_a_person_has_no_orientation() -> None:
    features = measure(np.full((1, 33, 3), np.nan))
    assert orientation(features).tolist() == [-1]
