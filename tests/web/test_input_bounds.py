"""Input bounds at the web's edge (issue 13, findings 3 and 8): a bad value is a clear 4xx,
never a 500 for the sender or, later, for the clinician who opens their record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sicoach.web.limits import MAX_BODY_BYTES
from tests.web.conftest import csrf, intake_form, post_intake
from tests.web.test_person_pages import _record
from tests.web.test_server_mode import PASSWORD, Clinic, _make_clinic


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    """A clinic whose patients have plans (refused writes leave it as it was)."""
    return _make_clinic(tmp_path_factory.mktemp("clinic"))


@pytest.fixture
def planned(client: TestClient) -> TestClient:
    """A local-mode person with a plan."""
    assert post_intake(client).status_code == 303
    return client


def _post_session(client: TestClient, record: dict[str, Any]) -> int:
    response = client.post("/api/v1/sessions", json=record, headers={"X-CSRF-Token": csrf(client)})
    return response.status_code


def _session(client: TestClient, **changes: Any) -> dict[str, Any]:
    record = _record(client.get("/api/v1/script").json(), datetime.now(UTC))
    record.update(changes)
    return record


@pytest.mark.parametrize(
    ("started", "ended"),
    [
        ("9999-12-31T00:00:00+00:00", "9999-12-31T00:10:00+00:00"),
        ("9999-12-31T23:00:00-05:00", "9999-12-31T23:10:00-05:00"),
        ("0001-01-01T00:00:00+05:00", "0001-01-01T00:10:00+05:00"),
        ("1999-12-31T00:00:00+00:00", "1999-12-31T00:10:00+00:00"),
        ("2999-01-01T00:00:00+00:00", "2999-01-01T00:10:00+00:00"),
    ],
)
def test_a_session_dated_outside_a_sane_window_is_refused_and_the_clinic_still_opens(
    clinic: Clinic, started: str, ended: str
) -> None:
    pat = clinic.clients["pat"]
    assert _post_session(pat, _session(pat, started_at=started, ended_at=ended)) == 422
    assert clinic.clients["ann"].get("/clinic").status_code == 200
    assert pat.get("/session").status_code == 200
    assert pat.get("/api/v1/script").status_code == 200


@pytest.mark.parametrize("rep", [2**31, 2**63, -(2**63) - 1])
def test_a_rep_beyond_any_integer_column_is_refused(planned: TestClient, rep: int) -> None:
    record = _session(planned)
    record["steps"][0]["rep"] = rep
    assert _post_session(planned, record) == 422


def test_a_nul_character_in_json_text_is_refused(planned: TestClient) -> None:
    record = _session(planned, id="abc\u0000def")
    assert _post_session(planned, record) == 422


def test_a_nul_character_in_a_form_or_address_is_refused(planned: TestClient) -> None:
    fields = [("csrf_token", csrf(planned)), *intake_form()]
    fields = [(k, v + "\x00" if k == "age" else v) for k, v in fields]
    assert planned.post("/start", data=dict(fields)).status_code == 422
    assert planned.get("/exercises?q=%00").status_code == 422


def test_a_request_body_over_the_limit_is_refused_with_413(planned: TestClient) -> None:
    body = b'{"value": 1, "when": "before", "pad": "' + b"x" * MAX_BODY_BYTES + b'"}'
    response = planned.post(
        "/api/v1/pain",
        content=body,
        headers={"X-CSRF-Token": csrf(planned), "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_json_nested_a_thousand_deep_is_refused_not_a_server_error(planned: TestClient) -> None:
    body = "[" * 1000 + "]" * 1000
    response = planned.post(
        "/api/v1/sessions",
        content=body,
        headers={"X-CSRF-Token": csrf(planned), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert json.loads(response.text)["detail"]


def test_a_form_field_name_nested_a_thousand_deep_is_refused_not_a_server_error(
    client: TestClient,
) -> None:
    fields = [("csrf_token", csrf(client)), *intake_form(), (".".join(["pain"] * 1000), "1")]
    response = client.post("/start", data=dict(fields))
    assert response.status_code == 422


@pytest.mark.postgres
def test_on_postgresql_a_nul_or_an_overlong_login_email_is_a_clear_answer(tmp_path: Path) -> None:
    from sicoach.services import accounts
    from sicoach.settings import Settings
    from sicoach.web import create_app
    from tests.databases import database_url
    from tests.web.conftest import SECRET

    settings = Settings(
        data_dir=tmp_path,
        database_url=database_url("postgres", tmp_path),
        mode="server",
        secret_key=SECRET,
        base_url="https://testserver",
    )
    app = create_app(settings)
    engine = app.state.context.engine
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    with TestClient(app, base_url="https://testserver") as browser:
        token = csrf(browser, "/login")
        long_email = {"email": "x" * 300 + "@clinic.test", "password": "x", "csrf_token": token}
        assert browser.post("/login", data=long_email).status_code == 401
        nul = {"email": "ann\x00@clinic.test", "password": PASSWORD, "csrf_token": token}
        assert browser.post("/login", data=nul).status_code == 422
    engine.dispose()


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "11", "-1", ""])
def test_a_morning_pain_that_is_not_0_to_10_is_a_422(client: TestClient, value: str) -> None:
    post_intake(client)
    answer = client.post("/pain/morning", data={"csrf_token": csrf(client), "value": value})
    assert answer.status_code == 422
    assert "from 0 to 10" in answer.text


def test_a_content_length_of_thousands_of_digits_is_a_413(client: TestClient) -> None:
    answer = client.post("/api/v1/pain", headers={"Content-Length": "9" * 5000}, content=b"")
    assert answer.status_code == 413
