"""Today's script over HTTP: one JSON per plan version, with an ETag a client can send back."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf, post_intake, typical_answers
from tests.web.test_server_mode import _make_clinic


def test_the_script_is_not_sent_again_until_the_plan_changes(client: TestClient) -> None:
    assert post_intake(client).status_code == 303
    first = client.get("/api/v1/script")
    assert first.status_code == 200 and first.json()["schema"] == "sicoach.script/1"
    tag = first.headers["etag"]
    assert "no-cache" in first.headers["cache-control"]
    again = client.get("/api/v1/script", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag

    answers = {**typical_answers(), "minutes_per_day": 10}
    changed = client.put("/api/v1/intake", json=answers, headers={"X-CSRF-Token": csrf(client)})
    assert changed.status_code == 200, changed.text
    after = client.get("/api/v1/script", headers={"If-None-Match": tag})
    assert after.status_code == 200, "a new plan is a new script"
    assert after.headers["etag"] != tag and after.json() != first.json()


@pytest.mark.slow
def test_one_persons_tag_never_opens_another_persons_script(tmp_path: Path) -> None:
    clinic = _make_clinic(tmp_path)
    pat, quinn = clinic.clients["pat"], clinic.clients["quinn"]
    answers = {**typical_answers(), "minutes_per_day": 10}
    changed = quinn.put("/api/v1/intake", json=answers, headers={"X-CSRF-Token": csrf(quinn)})
    assert changed.is_success
    mine = pat.get("/api/v1/script")
    theirs = quinn.get("/api/v1/script", headers={"If-None-Match": mine.headers["etag"]})
    assert theirs.status_code == 200 and theirs.headers["etag"] != mine.headers["etag"]
    assert theirs.json() != mine.json()
    assert pat.get("/api/v1/script").json() == mine.json(), "each keeps their own"
