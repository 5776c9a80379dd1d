"""Who may call what: every route of the API's OpenAPI document against every kind of caller.

Each route is in exactly one row of ROUTES, so a new route fails the first test until
someone says who may call it. Every caller asks twice: with a bearer token (an
anonymous caller an unknown one, so the refusal is for the caller and not for a
missing CSRF token), and as a logged-in browser with its cookie and CSRF token (an
anonymous one not logged in). A route the caller may use answers anything but 401 and
403 (a 422 for the empty body is fine), and a clinician's route about a patient
answers 404 to another clinician.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf, make_client
from tests.web.test_api import BASE, Api, make_api
from tests.web.test_server_mode import PASSWORD


class Kind(Enum):
    """Who may call a route."""

    PUBLIC = "anyone, logged in or not"
    PERSON = "a person, about themselves"
    LOCAL_ONLY = "the person in local mode; nobody in server mode"
    CLINICIAN = "a clinician (or an admin)"
    PATIENT = "the patient's own clinician (or an admin)"
    ADMIN = "the clinic's admin"


ROUTES: dict[tuple[str, str], Kind] = {
    ("POST", "/api/v1/tokens"): Kind.PUBLIC,
    ("DELETE", "/api/v1/tokens/current"): Kind.PUBLIC,
    ("POST", "/api/v1/invites/{token}/accept"): Kind.PUBLIC,
    ("GET", "/api/v1/status"): Kind.PERSON,
    ("PUT", "/api/v1/intake"): Kind.PERSON,
    ("PUT", "/api/v1/time-zone"): Kind.PERSON,
    ("POST", "/api/v1/rescreen"): Kind.PERSON,
    ("POST", "/api/v1/review"): Kind.LOCAL_ONLY,
    ("GET", "/api/v1/plan"): Kind.PERSON,
    ("GET", "/api/v1/script"): Kind.PERSON,
    ("POST", "/api/v1/sessions"): Kind.PERSON,
    ("POST", "/api/v1/sessions/{session_id}/pain"): Kind.PERSON,
    ("POST", "/api/v1/pain"): Kind.PERSON,
    ("GET", "/api/v1/export"): Kind.PERSON,
    ("GET", "/api/v1/measures"): Kind.PERSON,
    ("PUT", "/api/v1/psfs/activities"): Kind.PERSON,
    ("POST", "/api/v1/psfs"): Kind.PERSON,
    ("POST", "/api/v1/odi"): Kind.PERSON,
    ("GET", "/api/v1/handout.pdf"): Kind.PERSON,
    ("GET", "/api/v1/export.fhir"): Kind.PERSON,
    ("GET", "/api/v1/calendar"): Kind.PERSON,
    ("POST", "/api/v1/calendar"): Kind.PERSON,
    ("DELETE", "/api/v1/account"): Kind.PERSON,
    ("GET", "/api/v1/patients"): Kind.CLINICIAN,
    ("GET", "/api/v1/patients/{person_id}"): Kind.PATIENT,
    ("PUT", "/api/v1/patients/{person_id}/prescription"): Kind.PATIENT,
    ("POST", "/api/v1/patients/{person_id}/review"): Kind.PATIENT,
    ("GET", "/api/v1/patients/{person_id}/summary.pdf"): Kind.PATIENT,
    ("GET", "/api/v1/patients/{person_id}/handout.pdf"): Kind.PATIENT,
    ("POST", "/api/v1/invites"): Kind.CLINICIAN,
    ("GET", "/api/v1/invites"): Kind.CLINICIAN,
    ("DELETE", "/api/v1/invites/{invite_id}"): Kind.CLINICIAN,
    ("GET", "/api/v1/clinicians"): Kind.ADMIN,
    ("PUT", "/api/v1/clinicians/{email}/disabled"): Kind.ADMIN,
    ("DELETE", "/api/v1/clinicians/{email}"): Kind.ADMIN,
    ("PUT", "/api/v1/patients/{person_id}/clinician"): Kind.ADMIN,
}

CALLERS = ["anonymous", "person", "clinician", "other clinician"]
ACCOUNTS = {"person": "pat", "clinician": "ann", "other clinician": "bob"}
ALLOWED = None  # any answer but 401 and 403 (and, for a patient's route, 404)
# kind -> caller -> the status the caller gets
EXPECTED: dict[Kind, dict[str, int | None]] = {
    Kind.PUBLIC: dict.fromkeys(CALLERS, ALLOWED),
    Kind.PERSON: {"anonymous": 401, "person": ALLOWED, "clinician": 403, "other clinician": 403},
    Kind.LOCAL_ONLY: {"anonymous": 401, "person": 403, "clinician": 403, "other clinician": 403},
    Kind.CLINICIAN: {
        "anonymous": 401,
        "person": 403,
        "clinician": ALLOWED,
        "other clinician": ALLOWED,
    },
    Kind.PATIENT: {"anonymous": 401, "person": 403, "clinician": ALLOWED, "other clinician": 404},
    Kind.ADMIN: {"anonymous": 401, "person": 403, "clinician": 403, "other clinician": 403},
}


# A valid body where the body is read before the patient is looked up; others send {}.
BODIES = {
    ("PUT", "/api/v1/time-zone"): {"time_zone": "Europe/Paris"},
    ("PUT", "/api/v1/patients/{person_id}/prescription"): {
        "reason": "authorization table",
        "exercises": [{"id": "hamstring-stretch", "include": False}],
    },
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    """One clinic for the whole table."""
    return make_api(tmp_path_factory.mktemp("authorization"))


def _operations(api: Api) -> set[tuple[str, str]]:
    paths = api.client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if path.startswith("/api/v1/")
    }


def test_every_api_route_in_the_openapi_document_is_in_the_table(api: Api) -> None:
    assert _operations(api) == set(ROUTES)


def _token(api: Api, caller: str, path: str) -> str:
    if caller == "anonymous":
        return "not-a-token"
    name = ACCOUNTS[caller]
    if path == "/api/v1/tokens/current":  # revoking: a fresh token, not the one others use
        email = f"{name}@{'home' if caller == 'person' else 'clinic'}.test"
        response = api.client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
        fresh: str = response.json()["token"]
        return fresh
    return api.tokens[name]


def _url(api: Api, path: str) -> str:
    return path.format(
        person_id=api.patients["pat"],
        session_id="no-such-session",
        invite_id=2**31 - 1,
        token="no-such-invite",
        email="nobody@clinic.test",
    )


def _body(method: str, path: str) -> object:
    return None if method in ("GET", "DELETE") else BODIES.get((method, path), {})


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path"), list(ROUTES))
def test_each_caller_gets_the_answer_the_table_gives(
    api: Api, method: str, path: str, caller: str
) -> None:
    headers = {"Authorization": f"Bearer {_token(api, caller, path)}"}
    body = _body(method, path)
    response = api.client.request(method, _url(api, path), json=body, headers=headers)
    _check(api, method, path, caller, response)


# A login cookie is not a token: revoking "the current token" is a bearer-only route.
COOKIE_ROUTES = [route for route in ROUTES if route[1] != "/api/v1/tokens/current"]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path"), COOKIE_ROUTES)
def test_each_caller_with_a_login_cookie_gets_the_same_answer(
    api: Api, method: str, path: str, caller: str
) -> None:
    body = _body(method, path)
    if caller == "anonymous":
        browser = TestClient(api.client.app, base_url=BASE)
        headers = {"X-CSRF-Token": csrf(browser, "/physicians")} if method != "GET" else {}
        response = browser.request(method, _url(api, path), json=body, headers=headers)
    else:
        response = api.call(ACCOUNTS[caller], method, _url(api, path), body, auth="cookie")
    _check(api, method, path, caller, response)


def _check(api: Api, method: str, path: str, caller: str, response: httpx.Response) -> None:
    want = EXPECTED[ROUTES[(method, path)]][caller]
    assert response.status_code < 500, response.text
    if want is ALLOWED:
        assert response.status_code not in (401, 403), response.text
        if ROUTES[(method, path)] is Kind.PATIENT:
            assert response.status_code != 404, response.text
    else:
        assert response.status_code == want, response.text


@pytest.mark.parametrize(
    ("method", "path"), [(m, p) for (m, p), kind in ROUTES.items() if kind is Kind.CLINICIAN]
)
def test_the_person_of_local_mode_cannot_call_a_clinicians_route(
    tmp_path: Path, method: str, path: str
) -> None:
    with make_client(tmp_path) as client:
        headers = {"X-CSRF-Token": csrf(client)}
        body: dict[str, object] | None = None if method in ("GET", "DELETE") else {}
        response = client.request(method, path.format(invite_id=1), json=body, headers=headers)
    assert response.status_code == 403
