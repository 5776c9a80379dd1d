"""The session page's pictures: one per step, for the side worked, served as SVG."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import post_intake


def _session_data(client: TestClient) -> dict[str, Any]:
    page = client.get("/session").text
    found = re.search(r'<script type="application/json" id="session-data">(.*?)</script>', page)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_each_step_of_the_session_has_its_picture(client: TestClient) -> None:
    post_intake(client)
    data = _session_data(client)
    steps, pictures = data["script"]["steps"], data["pictures"]
    assert len(pictures) == len(steps)
    assert pictures[-1] is None  # the end keeps the last picture
    for step, picture in zip(steps, pictures, strict=True):
        if picture is None or step["exercise"] is None:
            continue
        assert (picture["exercise"], picture["side"]) == (step["exercise"], step["side"])
        assert client.get(picture["still"]).status_code == 200
        if step["phase"] == "hold":
            assert picture["motion"] == "still" and picture["poses"] == [picture["held"]]
        else:
            moving = client.get(f"{picture['movement']}&seconds=1.5")
            assert moving.status_code == 200
            assert 'dur="1.5s" repeatCount="1" fill="freeze"' in moving.text


def test_a_pose_is_drawn_mirrored_for_the_other_side(client: TestClient) -> None:
    left = client.get("/exercises/quadriceps-stretch/poses/stretched.svg?side=left")
    right = client.get("/exercises/quadriceps-stretch/poses/stretched.svg?side=right")
    assert left.status_code == right.status_code == 200
    assert left.headers["content-type"].startswith("image/svg+xml")
    assert left.text != right.text


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/exercises/quadriceps-stretch/poses/flying.svg?side=left", 404, ""),
        ("/exercises/no-such-stretch/poses/start.svg", 404, ""),
        ("/exercises/quadriceps-stretch/poses/start.svg?side=both", 422, "left, right"),
        ("/exercises/press-up-stretch/poses/start.svg?side=left", 422, "both"),
        ("/exercises/press-up-stretch/movement.svg?poses=start,flying", 422, "flying"),
        ("/exercises/press-up-stretch/movement.svg?poses=start", 422, "two poses"),
        ("/exercises/press-up-stretch/movement.svg?poses=start,rising&seconds=0", 422, ""),
    ],
)
def test_a_picture_asked_for_wrongly_is_refused_with_the_reason(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text
