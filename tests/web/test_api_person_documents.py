"""What the person's pages offer, through the API too: the handout, the FHIR bundle, the
calendar address (and a new one), and deleting everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.test_api import Api, make_api


@pytest.fixture
def api(tmp_path: Path) -> Api:
    """A clinic a test may change."""
    return make_api(tmp_path)


def test_the_person_downloads_the_handout_and_the_fhir_bundle(api: Api) -> None:
    handout = api.call("pat", "GET", "/api/v1/handout.pdf?paper=letter")
    assert handout.headers["content-type"] == "application/pdf"
    assert handout.content.startswith(b"%PDF")
    fhir = api.call("pat", "GET", "/api/v1/export.fhir")
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    assert fhir.json()["resourceType"] == "Bundle"
    theirs = api.call("ann", "GET", f"/api/v1/patients/{api.patients['pat']}/handout.pdf")
    assert theirs.content.startswith(b"%PDF")
    referred = api.call("ann", "GET", f"/api/v1/patients/{api.patients['sue']}/handout.pdf")
    assert referred.status_code == 404


def test_a_new_calendar_address_ends_the_old_one(api: Api) -> None:
    old = api.call("pat", "GET", "/api/v1/calendar").json()["url"]
    assert api.client.get(old).status_code == 200
    new = api.call("pat", "POST", "/api/v1/calendar")
    assert new.status_code == 201 and new.json()["url"] != old
    assert api.client.get(old).status_code == 404
    assert api.client.get(new.json()["url"]).status_code == 200


def test_deleting_the_account_needs_the_word_and_removes_everything(api: Api) -> None:
    assert api.call("pat", "DELETE", "/api/v1/account?confirm=yes").status_code == 422
    assert api.call("pat", "DELETE", "/api/v1/account?confirm=delete").status_code == 204
    assert api.call("pat", "GET", "/api/v1/plan").status_code == 401
    assert api.call("ann", "GET", f"/api/v1/patients/{api.patients['pat']}").status_code == 404
