"""A person's own time zone: chosen on "My data" or through the API, and their days follow it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from sicoach.services import times
from sicoach.services.accounts import Actor
from sicoach.web.viewer import OwnPerson
from tests.web.conftest import csrf, post_intake


def _choose(client: TestClient, zone: str) -> object:
    token = csrf(client, "/data")
    return client.post(
        "/data/time-zone", data={"csrf_token": token, "time_zone": zone}, follow_redirects=False
    )


def test_the_data_page_keeps_the_chosen_zone_and_says_so(client: TestClient) -> None:
    answer = _choose(client, "Pacific/Auckland")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    page = client.get("/data?saved=1").text
    assert "Saved: your days now follow Pacific/Auckland." in page
    assert '<option value="Pacific/Auckland" selected>' in page


def test_an_unknown_zone_is_refused_beside_the_field_and_the_old_one_kept(
    client: TestClient,
) -> None:
    _choose(client, "Europe/Paris")
    answer = _choose(client, "Mars/Olympus")
    assert answer.status_code == 422  # type: ignore[attr-defined]
    assert "Please choose a time zone from the list." in answer.text  # type: ignore[attr-defined]
    assert '<option value="Europe/Paris" selected>' in client.get("/data").text


def test_the_api_sets_the_zone_and_answers_the_status(client: TestClient) -> None:
    post_intake(client)
    headers = {"X-CSRF-Token": csrf(client)}
    answer = client.put("/api/v1/time-zone", json={"time_zone": "Asia/Tokyo"}, headers=headers)
    assert answer.status_code == 200 and answer.json()["state"] == "active"
    assert '<option value="Asia/Tokyo" selected>' in client.get("/data").text
    refused = client.put("/api/v1/time-zone", json={"time_zone": "Nowhere"}, headers=headers)
    assert refused.status_code == 422 and "time_zone" in refused.text


def test_a_person_s_today_is_the_day_in_their_zone() -> None:
    def today_for(zone: str | None) -> object:
        person = OwnPerson(Actor("person", "p", None, time_zone=zone), "p")
        return times.today_in(person.zone, datetime(2026, 12, 8, 11, 30, tzinfo=UTC))

    assert today_for("Pacific/Kiritimati") == datetime(2026, 12, 9).date()  # UTC+14
    assert today_for("Pacific/Pago_Pago") == datetime(2026, 12, 8).date()  # UTC-11
    assert OwnPerson(Actor("person", "p", None, time_zone="Asia/Tokyo"), "p").zone == ZoneInfo(
        "Asia/Tokyo"
    )
