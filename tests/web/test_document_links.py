"""The documents behind the pages: the handout, the FHIR bundle, the private calendar address."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar, vRecur

from sicoach.documents.calendar import event_uid
from tests.web.conftest import LOCAL, csrf, post_intake
from tests.web.test_server_mode import _make_clinic


def _calendar_path(client: TestClient) -> str:
    page = client.get("/plan").text
    found = re.search(r'id="calendar-address"[^>]*value="https?://[^/"]+(/calendar/[^"]+)"', page)
    assert found, "My plan shows the calendar address"
    return html.unescape(found.group(1))


def _renew(client: TestClient) -> int:
    response = client.post(
        "/plan/calendar", data={"csrf_token": csrf(client, "/plan")}, follow_redirects=False
    )
    return response.status_code


@pytest.fixture
def planned(client: TestClient) -> TestClient:
    """A local-mode client whose person has a plan."""
    assert post_intake(client).status_code == 303
    return client


@pytest.mark.parametrize(("paper", "width_pt"), [("a4", 595.28), ("letter", 612.0)])
def test_the_handout_downloads_as_a_pdf_on_the_chosen_paper(
    planned: TestClient, paper: str, width_pt: float
) -> None:
    response = planned.get(f"/plan/handout.pdf?paper={paper}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert f'filename="sicoach-handout-{paper}.pdf"' in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF")
    assert f"/MediaBox [0 0 {width_pt:.2f}".encode() in response.content


def test_my_plan_links_to_the_handout_on_both_papers(planned: TestClient) -> None:
    page = planned.get("/plan").text
    assert 'href="/plan/handout.pdf?paper=a4"' in page
    assert 'href="/plan/handout.pdf?paper=letter"' in page


def test_an_unknown_paper_size_is_refused(planned: TestClient) -> None:
    assert planned.get("/plan/handout.pdf?paper=a3").status_code == 422


def test_there_is_no_handout_before_there_is_a_plan(client: TestClient) -> None:
    assert client.get("/plan/handout.pdf").status_code == 404


def test_my_data_offers_a_fhir_bundle_that_parses(planned: TestClient) -> None:
    assert 'href="/data/export.fhir.json"' in planned.get("/data").text
    response = planned.get("/data/export.fhir.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate_json(response.content)
    resources = [entry.resource for entry in bundle.entry or []]
    assert None not in resources, "every entry holds a resource"
    kinds = {resource.get_resource_type() for resource in resources if resource is not None}
    assert bundle.type == "collection" and {"Patient", "CarePlan"} <= kinds


def test_the_calendar_address_serves_the_plan_without_logging_in(planned: TestClient) -> None:
    path = _calendar_path(planned)
    assert path == _calendar_path(planned), "the address stays the same between visits"
    anonymous = TestClient(planned.app, base_url=LOCAL)
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1 and isinstance(rule := events[0]["rrule"], vRecur)
    assert rule["FREQ"] == ["DAILY"]


def test_a_new_calendar_address_retires_the_old_one(planned: TestClient) -> None:
    old = _calendar_path(planned)
    assert _renew(planned) == 303
    new = _calendar_path(planned)
    assert new != old
    assert planned.get(old).status_code == 404
    assert planned.get(new).status_code == 200


def test_making_a_new_address_needs_the_csrf_token(planned: TestClient) -> None:
    old = _calendar_path(planned)
    response = planned.post("/plan/calendar", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert planned.get(old).status_code == 200


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "%2e%2e"])
def test_a_wrong_calendar_token_is_a_plain_not_found(planned: TestClient, token: str) -> None:
    response = planned.get(f"/calendar/{token}.ics")
    assert response.status_code == 404
    assert "calendar" not in response.text.lower()


def _calendar_uid(client: TestClient, path: str) -> str:
    """The event UID of the calendar at ``path``, fetched by a calendar app with no login."""
    anonymous = TestClient(client.app, base_url=str(client.base_url))
    response = anonymous.get(path)
    assert response.status_code == 200, path
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    return str(event["UID"])


def test_in_server_mode_each_address_opens_only_its_own_persons_calendar(
    tmp_path: Path,
) -> None:
    clinic = _make_clinic(tmp_path)
    pat, quinn = clinic.clients["pat"], clinic.clients["quinn"]
    pat_path, quinn_path = _calendar_path(pat), _calendar_path(quinn)
    assert pat_path != quinn_path
    assert _calendar_uid(pat, pat_path) == event_uid(clinic.patients["pat"])
    assert _calendar_uid(pat, quinn_path) == event_uid(clinic.patients["quinn"])
    token = pat_path.removeprefix("/calendar/").removesuffix(".ics")
    for part in (token[:8], token[:-1], token.upper()):
        assert pat.get(f"/calendar/{part}.ics").status_code == 404, part

    assert _renew(pat) == 303
    assert pat.get(pat_path).status_code == 404, "the retired address opens nothing"
    assert _calendar_uid(pat, _calendar_path(pat)) == event_uid(clinic.patients["pat"])
    assert _calendar_uid(quinn, quinn_path) == event_uid(clinic.patients["quinn"])
