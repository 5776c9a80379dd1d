"""Contract 2: pose recordings as JSON Lines, parsed into arrays."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.vision.landmarks import (
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    LandmarkFileError,
    format_frame,
    format_header,
    parse_recording,
)


def _frame(t: float, value: float = 0.5) -> str:
    return json.dumps({"t": t, "landmarks": [[value, value, 0.0, 0.9]] * 33})


def test_a_file_without_header_is_taken_as_640_by_480() -> None:
    recording = parse_recording([_frame(0.0), _frame(0.1)])
    assert (recording.width, recording.height) == (DEFAULT_WIDTH, DEFAULT_HEIGHT) == (640, 480)
    assert recording.landmarks.shape == (2, 33, 4)
    assert recording.fps is None


def test_the_header_gives_the_image_size_and_frame_rate() -> None:
    header = json.dumps({"schema": "sicoach.landmarks/1", "width": 1280, "height": 720, "fps": 25})
    recording = parse_recording([header, _frame(0.0)])
    assert (recording.width, recording.height, recording.fps) == (1280, 720, 25.0)


def test_pixels_scale_x_by_width_and_y_by_height() -> None:
    header = format_header(1280, 720, 30.0)
    pixels = parse_recording([header, _frame(0.0, 0.5)]).pixels
    assert pixels[0, 0].tolist() == [640.0, 360.0, 0.0]


def test_a_null_frame_means_no_person() -> None:
    recording = parse_recording([_frame(0.0), json.dumps({"t": 0.1, "landmarks": None})])
    assert recording.present.tolist() == [True, False]
    assert recording.visibility[1].max() == 0.0


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"t": 0.2}', '"landmarks"'),
        ('{"t": "soon", "landmarks": null}', "t must be a number"),
        ('{"t": 0.2, "landmarks": [[0, 0, 0, 1]]}', "33 points"),
        ('{"t": 0.2, "landmarks": ' + json.dumps([[0, 0, 0]] * 33) + "}", "landmark 0"),
        ('{"t": 0.0, "landmarks": null}', "goes back in time"),
        ('{"schema": "sicoach.landmarks/1", "width": 640}', "header must be the first line"),
    ],
)
def test_a_malformed_line_is_reported_with_its_number(line: str, problem: str) -> None:
    with pytest.raises(LandmarkFileError, match=problem) as caught:
        parse_recording([_frame(0.0), "", _frame(0.1), line])
    assert caught.value.line == 4
    assert str(caught.value).startswith("line 4:")


@pytest.mark.parametrize(
    "header",
    [
        {"schema": "sicoach.landmarks/2"},
        {"schema": "sicoach.landmarks/1", "width": 0},
        {"schema": "sicoach.landmarks/1", "height": 7.5},
        {"schema": "sicoach.landmarks/1", "fps": -1},
    ],
)
def test_a_bad_header_is_refused(header: dict[str, object]) -> None:
    with pytest.raises(LandmarkFileError, match="line 1: header"):
        parse_recording([json.dumps(header)])


coordinates = st.floats(min_value=-1.0, max_value=2.0, allow_nan=False)
frames = st.lists(
    st.one_of(
        st.none(),
        st.lists(
            st.tuples(coordinates, coordinates, coordinates, coordinates), min_size=33, max_size=33
        ),
    ),
    max_size=5,
)


@given(frames)
def test_formatted_frames_parse_back_to_the_same_points(
    points: list[list[tuple[float, ...]] | None],
) -> None:
    lines = [format_header(640, 480, 30.0)]
    for index, frame in enumerate(points):
        lines.append(format_frame(index / 30, None if frame is None else np.array(frame)))
    recording = parse_recording(lines)
    assert recording.frames == len(points)
    for index, frame in enumerate(points):
        if frame is None:
            assert not recording.present[index]
        else:
            assert np.allclose(recording.landmarks[index], np.array(frame), atol=1e-5)
