"""A person's journey in local mode, through the pages and the JSON API."""

from __future__ import annotations

import copy
import html
import re
import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from sicoach.settings import Settings
from sicoach.web import create_app
from tests.web.conftest import LOCAL, csrf, make_client, post_intake, typical_answers


def _record(script: dict[str, Any], started: datetime, completed: bool = True) -> dict[str, Any]:
    steps = [
        {
            "index": i,
            "exercise": s["exercise"],
            "side": s["side"],
            "rep": s["rep"],
            "phase": s["phase"],
            "planned_seconds": s["seconds"],
            "actual_seconds": s["seconds"],
            "outcome": "completed",
        }
        for i, s in enumerate(script["steps"])
    ]
    return {
        "schema": "sicoach.session/1",
        "id": str(uuid.uuid4()),
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=script["total_seconds"])).isoformat(),
        "completed": completed,
        "steps": steps,
        "pain_before": 4,
    }


def _play_session(client: TestClient, started: datetime | None = None) -> str:
    script = client.get("/api/v1/script").json()
    record = _record(script, started or datetime.now(UTC) - timedelta(minutes=20))
    token = csrf(client)
    response = client.post("/api/v1/sessions", json=record, headers={"X-CSRF-Token": token})
    assert response.status_code == 201, response.text
    return str(record["id"])


def test_a_newcomer_sees_the_welcome_and_can_start(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/start"' in page.text


def test_the_intake_form_asks_every_red_flag_question(client: TestClient) -> None:
    page = client.get("/start").text
    for key in typical_answers()["red_flags"]:
        assert f'name="red_flags.{key}"' in page


def test_a_valid_intake_gives_a_plan_with_doses_and_reasons(client: TestClient) -> None:
    response = post_intake(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/plan"
    page = client.get("/plan")
    assert page.status_code == 200
    plan = client.get("/api/v1/plan").json()
    assert plan["schema"] == "sicoach.plan/1" and plan["eligible"] is True
    for exercise in plan["exercises"]:
        assert exercise["reason"] in html.unescape(page.text)
    assert "Check with a doctor before you start new stretches" in page.text


def test_bad_answers_come_back_beside_their_fields_and_nothing_is_saved(
    client: TestClient,
) -> None:
    answers = typical_answers()
    answers["age"] = 7
    del answers["red_flags"]["saddle_numbness"]
    answers["pain"]["sides"] = []
    response = post_intake(client, answers)
    assert response.status_code == 422
    assert 'id="age-error">Please enter at least 12.' in response.text
    assert 'id="red_flags-saddle_numbness-error">Please answer this question.' in response.text
    assert 'id="pain-sides-error">Please tick at least one.' in response.text
    assert 'value="42"' not in response.text  # the age given (7) is kept, not the example's
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/start"


def test_a_red_flag_answer_gets_a_referral_and_no_plan(client: TestClient) -> None:
    post_intake(client)
    answers = copy.deepcopy(typical_answers())
    answers["red_flags"]["saddle_numbness"] = True
    response = post_intake(client, answers)
    assert response.status_code == 303 and response.headers["location"] == "/plan"
    page = client.get("/plan").text
    assert "Get emergency care now" in page and "Start today" not in page
    assert client.get("/api/v1/script").status_code == 409
    assert client.get("/api/v1/plan").json()["exercises"] == []
    assert client.get("/api/v1/status").json()["state"] == "referred"


@pytest.mark.parametrize(
    ("improving", "assessed", "eligible"),
    [(None, None, False), (False, None, False), (True, None, True), (False, True, True)],
)
def test_long_lasting_pain_needs_improvement_or_a_clinicians_exam(
    client: TestClient, improving: bool | None, assessed: bool | None, eligible: bool
) -> None:
    page = client.get("/start").text
    assert 'name="pain.improving"' in page and 'name="assessed_by_clinician"' in page
    answers = copy.deepcopy(typical_answers())
    answers["pain"].update(weeks=10, improving=improving)
    answers["assessed_by_clinician"] = assessed
    post_intake(client, answers)
    plan = client.get("/api/v1/plan").json()
    assert plan["eligible"] is eligible
    if assessed:
        assert plan["referral"]["urgency"] == "clinician-review"


def test_a_form_post_without_the_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/start", data={"age": "40"})
    assert response.status_code == 403
    assert "Reload the page" in response.text


def test_the_session_page_carries_todays_script_and_the_speed(client: TestClient) -> None:
    post_intake(client)
    page = client.get("/session?speed=50")
    assert page.status_code == 200
    assert '"speed": 50.0' in page.text
    assert '"schema": "sicoach.script/1"' in page.text
    assert '<script src="/static/session.js"' in page.text
    assert client.get("/session?speed=0").status_code == 422


def test_a_recorded_session_and_its_pain_show_on_progress(client: TestClient) -> None:
    post_intake(client)
    session_id = _play_session(client)
    token = csrf(client)
    for when, value in (("during", 3), ("after", 2)):
        saved = client.post(
            "/api/v1/pain",
            json={"value": value, "when": when, "session_id": session_id},
            headers={"X-CSRF-Token": token},
        )
        assert saved.status_code == 201, saved.text
    page = client.get("/progress").text
    assert '<span class="figure-number">1</span>' in page
    assert "After a session" in page and "2/10" in page
    assert '<svg viewBox="0 0 ' in page and 'class="chart-drawing"' in page
    assert 'aria-label="Charts of sessions, pain and hold times"' in page
    assert "<title>Progress · sicoach</title>" in page  # the chart is not in the page title


def test_the_api_names_each_bad_field_in_a_422(client: TestClient) -> None:
    post_intake(client)
    token = csrf(client)
    response = client.post(
        "/api/v1/pain", json={"value": 11, "when": "later"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["problems"]}
    assert fields == {"value", "when"}


def test_an_api_post_without_the_csrf_header_is_refused(client: TestClient) -> None:
    post_intake(client)
    response = client.post("/api/v1/pain", json={"value": 3, "when": "before"})
    assert response.status_code == 403


def _answers_given_days_ago(client: TestClient, days: int) -> None:
    """The typical answers, as if given ``days`` ago (the web can only answer today)."""
    from sicoach.program.intake import parse_intake
    from sicoach.services import care, people

    context = client.app.state.context  # type: ignore[attr-defined]
    uow = context.uow()
    on = (datetime.now(UTC) - timedelta(days=days)).date()
    intake = parse_intake(typical_answers())
    care.give_answers(uow, people.local_person(uow).id, intake, context.catalog, on=on)


def test_pain_on_waking_is_asked_the_morning_after_a_session(client: TestClient) -> None:
    _answers_given_days_ago(client, 2)
    assert 'id="morning-pain"' not in client.get("/plan").text
    # Noon yesterday, whatever the time now: "the morning after" is about local days.
    yesterday = datetime.now().astimezone().date() - timedelta(days=1)
    _play_session(client, started=datetime.combine(yesterday, time(12)).astimezone())
    assert 'id="morning-pain"' in client.get("/plan").text
    response = client.post(
        "/pain/morning", data={"value": "2", "csrf_token": csrf(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert 'id="morning-pain"' not in client.get("/plan").text


def test_my_data_export_holds_the_session(client: TestClient) -> None:
    post_intake(client)
    session_id = _play_session(client)
    exported = client.get("/data/export.json")
    assert exported.status_code == 200
    assert session_id in exported.text


def test_deleting_my_data_leaves_nothing(client: TestClient) -> None:
    post_intake(client)
    _play_session(client)
    refused = client.post("/data/delete", data={"confirm": "no", "csrf_token": csrf(client)})
    assert refused.status_code == 422
    done = client.post("/data/delete", data={"confirm": "delete", "csrf_token": csrf(client)})
    assert "Your data is deleted" in done.text
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/start"


def test_an_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "We couldn't find that page" in html.unescape(response.text)


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/plan", "/api/v1/script", "/api/v1/sessions", "/api/v1/pain"} <= set(paths)


def test_a_server_error_is_a_plain_page_without_a_stack_trace_in_server_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sicoach.web.routes import library

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(library, "render", broken)
    client = make_client(tmp_path, "server")
    client_no_raise = TestClient(
        client.app, base_url="https://testserver", raise_server_exceptions=False
    )
    response = client_no_raise.get("/exercises")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text


@pytest.mark.postgres
def test_the_journey_works_on_postgresql(tmp_path: Path) -> None:
    from sicoach.settings import Settings
    from sicoach.web import create_app
    from tests.databases import database_url

    settings = Settings(data_dir=tmp_path, database_url=database_url("postgres", tmp_path))
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        assert post_intake(client).status_code == 303
        session_id = _play_session(client)
        saved = client.post(
            "/api/v1/pain",
            json={"value": 2, "when": "after", "session_id": session_id},
            headers={"X-CSRF-Token": csrf(client)},
        )
        assert saved.status_code == 201
        assert '<span class="figure-number">1</span>' in client.get("/progress").text


def _post_form(client: TestClient, fields: list[tuple[str, str]]) -> Any:
    body = urlencode([("csrf_token", csrf(client)), *fields])
    return client.post(
        "/start",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


ABOUT_YOU = [
    ("age", "42"),
    ("pain.now", "5"),
    ("pain.sides", "left"),
    ("pain.areas", "buttock"),
    ("pain.weeks", "3"),
]


@pytest.mark.parametrize(
    ("fields", "status", "shown_group", "marked"),
    [
        # Group 1's Next with a question left: that question is marked, group 1 shown again.
        ([("age", "42"), ("_next", "1")], 422, "1", "pain.now"),
        # Group 1 answered: group 2 comes next, and nothing later is marked yet.
        ([*ABOUT_YOU, ("_next", "1")], 200, "2", None),
        # Group 2's Next checks the safety questions too.
        ([*ABOUT_YOU, ("_next", "2")], 422, "2", "red_flags.cancer_history"),
    ],
)
def test_next_checks_the_answers_of_its_own_group_only(
    client: TestClient,
    fields: list[tuple[str, str]],
    status: int,
    shown_group: str,
    marked: str | None,
) -> None:
    response = _post_form(client, fields)
    assert response.status_code == status
    assert f'data-first-group="{shown_group}"' in response.text
    errors = re.findall(r'class="error" id="([^"]+)-error"', response.text)
    if marked is None:
        assert errors == []
    else:
        assert marked.replace(".", "-") in errors
        assert "minutes_per_day" not in errors  # group 4 is not checked yet
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/start"


def test_an_emergency_answer_ends_the_questions_with_a_number_to_call(client: TestClient) -> None:
    response = _post_form(
        client, [*ABOUT_YOU, ("red_flags.saddle_numbness", "true"), ("_next", "2")]
    )
    assert response.status_code == 303 and response.headers["location"] == "/plan"
    for page in ("/plan", "/session"):  # the session page shows the referral, not the form
        shown = client.get(page, follow_redirects=False)
        assert shown.status_code == 200
        assert "Get emergency care now" in shown.text
        assert 'href="tel:911"' in shown.text
        assert 'action="/start"' not in shown.text
        assert shown.text.count('class="button') == 1  # the call is the one loud action
    # Nothing was answered before, so nothing is kept; a later full intake replaces it.
    assert client.get("/api/v1/status").json()["state"] == "no-plan"
    assert post_intake(client).status_code == 303
    assert "tel:" not in client.get("/plan").text


def test_an_emergency_answer_stops_the_plan_in_force_at_once(client: TestClient) -> None:
    post_intake(client)
    response = _post_form(client, [("red_flags.bladder_or_bowel_change", "true"), ("_next", "2")])
    assert response.status_code == 303
    assert client.get("/api/v1/status").json()["state"] == "referred"
    page = client.get("/session").text
    assert "Get emergency care now" in page and 'id="start"' not in page


def test_a_doctor_first_referral_has_finding_a_physician_as_its_one_action(
    client: TestClient,
) -> None:
    answers = copy.deepcopy(typical_answers())
    answers["red_flags"]["cancer_history"] = True
    post_intake(client, answers)
    page = client.get("/plan").text
    assert "Please see a doctor before you start" in page
    assert '<a class="button" href="/physicians">Find a physician near you</a>' in page
    assert "tel:" not in page
    assert page.count('class="button') == 1


def test_the_number_to_call_is_a_setting(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", emergency_number="112")
    with TestClient(create_app(settings), base_url=LOCAL) as other:
        _post_form(other, [("red_flags.new_difficulty_walking", "true"), ("_next", "2")])
        page = other.get("/plan").text
    assert 'href="tel:112"' in page and "Call 112 now" in page


@pytest.mark.parametrize("number", ["", "nine-one-one", "911; drop", "1"])
def test_a_number_to_call_that_is_not_a_phone_number_is_refused(number: str) -> None:
    with pytest.raises(ValidationError, match="SICOACH_EMERGENCY_NUMBER"):
        Settings(emergency_number=number)


def test_the_form_filled_again_shows_whole_weeks_as_whole_numbers(client: TestClient) -> None:
    post_intake(client, _answers_with(pain__weeks=3))
    assert 'name="pain.weeks" min="0" max="5200" step="any" value="3"' in client.get("/start").text


def _answers_with(**changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(typical_answers())
    for dotted, value in changes.items():
        head, last = dotted.split("__")
        answers[head][last] = value
    return answers
