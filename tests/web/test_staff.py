"""The admin's page of clinicians: disable, remove (patients kept), and move a patient."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf
from tests.web.test_api import BASE, Api, make_api
from tests.web.test_server_mode import PASSWORD, _login


@pytest.fixture
def api(tmp_path: Path) -> Api:
    """A clinic a test may change; root is its admin."""
    made = make_api(tmp_path)
    root = TestClient(made.client.app, base_url=BASE)
    assert _login(root, "root@clinic.test") == 303
    made.browsers["root"] = root
    return made


def _post(api: Api, who: str, path: str, data: dict[str, str]) -> str:
    browser = api.browsers[who]
    response = browser.post(path, data={**data, "csrf_token": csrf(browser, "/clinic")})
    return f"{response.status_code} {response.text}"


def test_only_an_admin_opens_the_clinicians_page(api: Api) -> None:
    assert api.browsers["ann"].get("/clinic/staff").status_code == 403
    page = api.browsers["root"].get("/clinic/staff").text
    assert "ann@clinic.test" in page and "bob@clinic.test" in page
    assert 'href="/clinic/staff"' in api.browsers["root"].get("/clinic").text
    refused = _post(api, "ann", "/clinic/staff/bob@clinic.test/remove", {})
    assert refused.startswith("403")


def test_removing_a_clinician_keeps_their_patients_with_the_one_chosen(api: Api) -> None:
    done = _post(
        api, "root", "/clinic/staff/ann@clinic.test/remove", {"move_to": "bob@clinic.test"}
    )
    assert done.startswith("200") and "Removed ann@clinic.test. 3 patient(s) now with bob" in done
    assert _login(TestClient(api.client.app, base_url=BASE), "ann@clinic.test") == 401
    bob_list = api.browsers["bob"].get("/clinic").text
    assert all(api.patients[p] in bob_list for p in ("pat", "ray", "sue", "quinn"))
    assert api.call("pat", "GET", "/api/v1/plan").status_code == 200


def test_an_admin_disables_an_account_and_moves_a_patient(api: Api) -> None:
    done = _post(api, "root", "/clinic/staff/bob@clinic.test/disabled", {"disabled": "yes"})
    assert "Disabled bob@clinic.test." in done
    assert _login(TestClient(api.client.app, base_url=BASE), "bob@clinic.test", PASSWORD) == 401
    assert "Enable</button>" in done
    pat = api.patients["pat"]
    page = api.browsers["root"].get(f"/clinic/patients/{pat}").text
    assert re.search(r'<option value="ann@clinic.test">', page)
    moved = api.browsers["root"].post(
        f"/clinic/patients/{pat}/clinician",
        data={"clinician": "bob@clinic.test", "csrf_token": csrf(api.browsers["root"], "/clinic")},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert api.call("ann", "GET", f"/api/v1/patients/{pat}").status_code == 404


def test_the_admin_does_the_same_through_the_api(api: Api) -> None:
    listed = api.call("root", "GET", "/api/v1/clinicians").json()
    assert {m["email"]: m["patients"] for m in listed}["ann@clinic.test"] == 3
    off = api.call("root", "PUT", "/api/v1/clinicians/bob@clinic.test/disabled", {"disabled": True})
    assert off.status_code == 200 and api.call("bob", "GET", "/api/v1/patients").status_code == 401
    own = api.call(
        "root", "PUT", "/api/v1/clinicians/root@clinic.test/disabled", {"disabled": True}
    )
    assert own.status_code == 422
    pat = api.patients["pat"]
    moved = api.call(
        "root", "PUT", f"/api/v1/patients/{pat}/clinician", {"email": "root@clinic.test"}
    )
    assert moved.status_code == 204
    gone = api.call(
        "root", "DELETE", "/api/v1/clinicians/ann@clinic.test?move_patients_to=root%40clinic.test"
    )
    assert gone.status_code == 200 and gone.json() == {"moved": 2}
    unknown = api.call("root", "DELETE", "/api/v1/clinicians/nobody@clinic.test")
    assert (
        unknown.status_code == 422 and unknown.json()["type"] == "urn:sicoach:problem:invalid-input"
    )
