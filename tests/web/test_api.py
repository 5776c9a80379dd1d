"""The JSON API of DESIGN.md contract 13, clinician and joining routes, by cookie and by token.

The clinic is built through the API alone: clinicians log in for tokens, invite by
name and email, and each patient joins from the link and answers the questions.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sicoach.services import accounts
from tests.web.conftest import csrf, make_client, typical_answers
from tests.web.test_person_pages import _record
from tests.web.test_server_mode import PASSWORD, _login

BASE = "https://testserver"
AUTHS = ["bearer", "cookie"]


@dataclass
class Api:
    """A server with clinicians ann and bob, admin root, and patients; a way in for each."""

    client: TestClient
    tokens: dict[str, str]
    browsers: dict[str, TestClient]
    patients: dict[str, str]

    def call(
        self, who: str, method: str, path: str, body: Any = None, auth: str = "bearer"
    ) -> httpx.Response:
        """One API call as ``who``: with their bearer token, or as their logged-in browser
        (sending the CSRF token a page gave it, as the site's own scripts do)."""
        if auth == "bearer":
            headers = {"Authorization": f"Bearer {self.tokens[who]}"}
            return self.client.request(method, path, json=body, headers=headers)
        browser = self.browsers[who]
        headers = {} if method == "GET" else {"X-CSRF-Token": csrf(browser, "/physicians")}
        return browser.request(method, path, json=body, headers=headers)


def _token(client: TestClient, email: str) -> str:
    response = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def invite_token(api: Api, who: str, name: str, email: str, auth: str = "bearer") -> str:
    """The secret in the link a clinician's invite makes."""
    response = api.call(who, "POST", "/api/v1/invites", {"name": name, "email": email}, auth)
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    assert url.startswith(f"{BASE}/invite/")
    return url.rsplit("/", 1)[1]


def join(api: Api, clinician: str, name: str, answers: dict[str, Any] | None = None) -> str:
    """A patient invited by ``clinician`` joins through the API and answers; their person id."""
    email = f"{name}@home.test"
    token = invite_token(api, clinician, name.title(), email)
    joined = api.client.post(
        f"/api/v1/invites/{token}/accept", json={"email": email, "password": PASSWORD}
    )
    assert joined.status_code == 201, joined.text
    assert joined.json()["role"] == "person"
    api.tokens[name] = joined.json()["token"]
    answered = api.call(name, "PUT", "/api/v1/intake", answers or typical_answers())
    assert answered.status_code == 200, answered.text
    status = api.call(name, "GET", "/api/v1/status").json()
    person_id = api.client.get(
        "/api/v1/export", headers={"Authorization": f"Bearer {api.tokens[name]}"}
    ).json()["person"]["id"]
    api.patients[name] = person_id
    assert status["schema"] == "sicoach.status/1"
    return str(person_id)


def red_flag_answers() -> dict[str, Any]:
    """Typical answers with one red flag (a history of cancer): a referral, no plan."""
    answers = copy.deepcopy(typical_answers())
    answers["red_flags"]["cancer_history"] = True
    return answers


def make_api(tmp_path: Path, **settings: Any) -> Api:
    """ann has pat, ray and sue (sue referred); bob has quinn; root is an admin.
    ``settings`` are other settings of the server (an SMTP address, the clinic's name)."""
    client = make_client(tmp_path, "server", **settings)
    engine = client.app.state.context.engine  # type: ignore[attr-defined]
    for email, role in (
        ("ann@clinic.test", "clinician"),
        ("bob@clinic.test", "clinician"),
        ("root@clinic.test", "admin"),
    ):
        accounts.create_account(accounts.unit_of_work(engine), email, PASSWORD, role)  # type: ignore[arg-type]
    api = Api(client, {}, {}, {})
    for name in ("ann", "bob", "root"):
        api.tokens[name] = _token(client, f"{name}@clinic.test")
    join(api, "ann", "pat")
    join(api, "ann", "ray")
    join(api, "ann", "sue", red_flag_answers())
    join(api, "bob", "quinn")
    for name in ("ann", "bob", "pat"):
        browser = TestClient(client.app, base_url=BASE)
        email = f"{name}@{'home' if name == 'pat' else 'clinic'}.test"
        assert _login(browser, email) == 303
        api.browsers[name] = browser
    return api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    """One clinic for this module (argon2 is slow on purpose); tests change only their own."""
    return make_api(tmp_path_factory.mktemp("api"))


@pytest.mark.parametrize("auth", AUTHS)
def test_the_patient_list_holds_only_the_clinicians_patients_flagged_first(
    api: Api, auth: str
) -> None:
    body = api.call("ann", "GET", "/api/v1/patients", auth=auth).json()
    assert body["total"] == 3
    listed = [p["id"] for p in body["patients"]]
    assert set(listed) == {api.patients[n] for n in ("pat", "ray", "sue")}
    assert api.patients["quinn"] not in listed
    first = body["patients"][0]
    assert (first["id"], first["state"], first["needs_attention"]) == (
        api.patients["sue"],
        "referred",
        True,
    )
    pat = next(p for p in body["patients"] if p["id"] == api.patients["pat"])
    assert pat["state"] == "active" and pat["flags"] == [] and pat["last_activity"]
    assert set(pat) >= {"name", "this_week", "last_pain"}


def test_the_patient_list_comes_a_page_at_a_time(api: Api) -> None:
    first = api.call("ann", "GET", "/api/v1/patients?limit=2").json()
    assert (len(first["patients"]), first["next_offset"]) == (2, 2)
    second = api.call("ann", "GET", f"/api/v1/patients?limit=2&offset={first['next_offset']}")
    rest = second.json()
    assert (len(rest["patients"]), rest["next_offset"], rest["total"]) == (1, None, 3)
    ids = [p["id"] for p in first["patients"] + rest["patients"]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "offset=-1", "limit=ten"])
def test_a_bad_page_is_named(api: Api, query: str) -> None:
    response = api.call("ann", "GET", f"/api/v1/patients?{query}")
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == [query.split("=")[0]]


@pytest.mark.parametrize("auth", AUTHS)
def test_a_patients_record_has_the_answers_as_given_status_plan_and_versions(
    api: Api, auth: str
) -> None:
    response = api.call("ann", "GET", f"/api/v1/patients/{api.patients['pat']}", auth=auth)
    assert response.status_code == 200
    record = response.json()
    [answers] = record["answers"]
    assert answers["answers"]["pain"]["sides"] == ["left"]
    assert answers["answers"]["pain"]["areas"] == ["buttock", "low-back"]
    assert answers["recorded_at"] and answers["eligible"] is True
    assert record["status"]["schema"] == "sicoach.status/1"
    assert record["status"]["state"] == "active"
    assert record["plan"]["schema"] == "sicoach.plan/1" and record["plan"]["exercises"]
    assert record["versions"][0]["number"] == 1
    assert record["versions"][0]["reason"] == "new answers to the questions"
    assert record["events"][0]["kind"] == "answers"


def test_a_referred_patients_record_shows_the_red_flag_answer_and_no_plan(api: Api) -> None:
    record = api.call("ann", "GET", f"/api/v1/patients/{api.patients['sue']}").json()
    assert record["answers"][-1]["answers"]["red_flags"]["cancer_history"] is True
    assert record["answers"][-1]["eligible"] is False and record["answers"][-1]["reasons"]
    assert record["plan"]["eligible"] is False and record["status"]["state"] == "referred"


@pytest.mark.parametrize(
    ("who", "patient", "status"),
    [
        ("bob", "pat", 404),
        ("ann", "quinn", 404),
        ("root", "quinn", 200),
        ("pat", "pat", 403),
        ("root", "nobody", 404),
    ],
)
def test_a_patient_record_opens_only_for_their_clinician(
    api: Api, who: str, patient: str, status: int
) -> None:
    person_id = api.patients.get(patient, "no-such-person")
    assert api.call(who, "GET", f"/api/v1/patients/{person_id}").status_code == status


def _prescription(hold: float, reason: str = "build up") -> dict[str, Any]:
    return {
        "reason": reason,
        "exercises": [
            {
                "id": "hamstring-stretch",
                "include": True,
                "hold_seconds": hold,
                "repetitions": 3,
                "sides": ["left", "right"],
            }
        ],
    }


def _hamstring_holds(api: Api, patient: str) -> set[int]:
    script = api.call(patient, "GET", "/api/v1/script").json()
    return {
        s["seconds"]
        for s in script["steps"]
        if s["exercise"] == "hamstring-stretch" and s["phase"] == "hold"
    }


@pytest.mark.parametrize(("auth", "hold"), [("bearer", 25), ("cookie", 28)])
def test_a_prescription_is_a_new_plan_version_the_patient_plays(
    api: Api, auth: str, hold: int
) -> None:
    path = f"/api/v1/patients/{api.patients['pat']}/prescription"
    response = api.call("ann", "PUT", path, _prescription(hold), auth=auth)
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "active"
    assert _hamstring_holds(api, "pat") == {hold}
    versions = api.call("ann", "GET", f"/api/v1/patients/{api.patients['pat']}").json()["versions"]
    assert versions[-1]["changed_by"] == "clinician ann@clinic.test"
    assert versions[-1]["reason"] == "build up"


def test_a_prescription_with_range_bounds_is_kept(api: Api) -> None:
    body = _prescription(30)
    body["exercises"][0] |= {"hold_min_seconds": 20, "hold_max_seconds": 40}
    path = f"/api/v1/patients/{api.patients['ray']}/prescription"
    assert api.call("ann", "PUT", path, body).status_code == 200
    plan = api.call("ray", "GET", "/api/v1/plan").json()
    hamstring = next(e for e in plan["exercises"] if e["id"] == "hamstring-stretch")
    assert hamstring["hold_seconds"] == 30


def test_every_problem_of_a_prescription_is_named_and_nothing_changes(api: Api) -> None:
    before = api.call("ray", "GET", "/api/v1/plan").json()
    body = _prescription(0, reason=" ")
    body["exercises"].append({"id": "pigeon", "include": True})  # no dose
    body["colour"] = "red"
    response = api.call("ann", "PUT", f"/api/v1/patients/{api.patients['ray']}/prescription", body)
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["problems"]}
    assert fields == {"reason", "exercises.0.hold_seconds", "exercises.1", "colour"}
    assert api.call("ray", "GET", "/api/v1/plan").json() == before


def test_a_stretch_the_plan_cannot_take_is_named(api: Api) -> None:
    body = _prescription(25)
    body["exercises"].append({"id": "no-such-stretch", "include": False})
    response = api.call("ann", "PUT", f"/api/v1/patients/{api.patients['ray']}/prescription", body)
    assert response.status_code == 422
    assert response.json()["problems"] == [
        {"field": "no-such-stretch", "problem": "no such stretch"}
    ]


def test_a_referred_patients_prescription_waits_for_the_referral(api: Api) -> None:
    path = f"/api/v1/patients/{api.patients['sue']}/prescription"
    response = api.call("ann", "PUT", path, _prescription(25))
    assert response.status_code == 409
    assert response.json()["detail"]


@pytest.mark.parametrize(("who", "status"), [("bob", 404), ("pat", 403)])
def test_only_the_linked_clinician_changes_a_prescription(api: Api, who: str, status: int) -> None:
    before = _hamstring_holds(api, "pat")
    path = f"/api/v1/patients/{api.patients['pat']}/prescription"
    assert api.call(who, "PUT", path, _prescription(45)).status_code == status
    assert _hamstring_holds(api, "pat") == before


@pytest.mark.parametrize("auth", AUTHS)
def test_a_clinician_reviews_a_patient_through_the_api(api: Api, auth: str) -> None:
    path = f"/api/v1/patients/{api.patients['ray']}/review"
    response = api.call("ann", "POST", path, {"note": "looked at it"}, auth=auth)
    assert response.status_code in (200, 409), response.text
    assert api.call("bob", "POST", path, {"note": "x"}).status_code == 404


@pytest.mark.parametrize("auth", AUTHS)
def test_pending_invites_are_listed_with_expiry_and_can_be_revoked(api: Api, auth: str) -> None:
    email = f"new-{auth}@home.test"
    token = invite_token(api, "bob", "New Patient", email, auth=auth)
    pending = api.call("bob", "GET", "/api/v1/invites", auth=auth).json()
    [invite] = [i for i in pending if i["email"] == email]
    assert invite["name"] == "New Patient" and invite["expires_at"] > invite["created_at"]
    assert api.call("ann", "DELETE", f"/api/v1/invites/{invite['id']}").status_code == 404
    gone = api.call("bob", "DELETE", f"/api/v1/invites/{invite['id']}", auth=auth)
    assert gone.status_code == 204
    assert email not in {i["email"] for i in api.call("bob", "GET", "/api/v1/invites").json()}
    assert api.call("bob", "DELETE", f"/api/v1/invites/{invite['id']}").status_code == 404
    joined = api.client.post(
        f"/api/v1/invites/{token}/accept", json={"email": email, "password": PASSWORD}
    )
    assert joined.status_code == 404
    assert api.client.get(f"/invite/{token}").status_code == 404


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"name": "Rae"}, {"email"}),
        ({"name": "", "email": "rae@home.test"}, {"name"}),
        ({"name": "Rae", "email": "not an address"}, {"email"}),
        ({"name": "Rae", "email": "rae@home.test", "phone": "1"}, {"phone"}),
    ],
)
def test_a_bad_invite_is_named(api: Api, body: dict[str, str], fields: set[str]) -> None:
    response = api.call("ann", "POST", "/api/v1/invites", body)
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["problems"]} == fields


def test_a_person_cannot_invite_or_see_invites(api: Api) -> None:
    assert (
        api.call("pat", "POST", "/api/v1/invites", {"name": "x", "email": "x@y.test"}).status_code
        == 403
    )
    assert api.call("pat", "GET", "/api/v1/invites").status_code == 403


def test_an_invite_joins_once_and_its_token_opens_the_new_patients_own_routes(api: Api) -> None:
    token = invite_token(api, "bob", "Una", "una@home.test")
    body = {"email": "una@home.test", "password": PASSWORD}
    first = api.client.post(f"/api/v1/invites/{token}/accept", json=body)
    assert first.status_code == 201 and first.json()["expires_at"]
    bearer = {"Authorization": f"Bearer {first.json()['token']}"}
    assert api.client.get("/api/v1/status", headers=bearer).json()["state"] == "no-plan"
    assert api.client.get("/api/v1/patients", headers=bearer).status_code == 403
    again = api.client.post(
        f"/api/v1/invites/{token}/accept", json={**body, "email": "una2@home.test"}
    )
    assert again.status_code == 404
    listed = api.call("bob", "GET", "/api/v1/patients").json()["patients"]
    assert "Una" in {p["name"] for p in listed}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "vic@home.test", "password": "short"}, "(body)"),
        ({"email": "vic@home.test"}, "password"),
        ({"email": "vic@home.test", "password": PASSWORD, "role": "admin"}, "role"),
    ],
)
def test_a_bad_join_is_named_and_the_invite_stays_open(
    api: Api, body: dict[str, str], field: str
) -> None:
    token = invite_token(api, "bob", "Vic", "vic@home.test")
    response = api.client.post(f"/api/v1/invites/{token}/accept", json=body)
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == [field]
    assert api.client.get(f"/invite/{token}").status_code == 200


@pytest.mark.parametrize("auth", AUTHS)
def test_a_person_exports_everything_kept_about_them(api: Api, auth: str) -> None:
    response = api.call("pat", "GET", "/api/v1/export", auth=auth)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["person"]["id"] == api.patients["pat"]
    assert api.call("ann", "GET", "/api/v1/export").status_code == 403


def test_every_api_route_has_a_summary_in_the_openapi_document(api: Api) -> None:
    document = api.client.get("/api/v1/openapi.json").json()
    operations = {
        (method.upper(), path): operation.get("summary")
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    for route in (
        ("GET", "/api/v1/patients"),
        ("GET", "/api/v1/patients/{person_id}"),
        ("PUT", "/api/v1/patients/{person_id}/prescription"),
        ("POST", "/api/v1/invites"),
        ("GET", "/api/v1/invites"),
        ("DELETE", "/api/v1/invites/{invite_id}"),
        ("POST", "/api/v1/invites/{token}/accept"),
        ("GET", "/api/v1/export"),
    ):
        assert route in operations
    assert all(operations.values()), [r for r, s in operations.items() if not s]


def test_the_whole_journey_runs_through_the_api_alone_with_tokens(api: Api) -> None:
    wes = join(api, "bob", "wes")  # invited by name and email, joined, answered
    script = api.call("wes", "GET", "/api/v1/script").json()
    record = _record(script, datetime.now(UTC) - timedelta(minutes=20))
    assert api.call("wes", "POST", "/api/v1/sessions", record).status_code == 201
    pain = {"during": 3, "after": 2}
    assert api.call("wes", "POST", f"/api/v1/sessions/{record['id']}/pain", pain).status_code == 201
    [row] = [
        p for p in api.call("bob", "GET", "/api/v1/patients").json()["patients"] if p["id"] == wes
    ]
    assert row["this_week"]["done"] == 1 and row["last_pain"]["value"] == 2
    assert row["last_activity"] >= record["started_at"][:10]
    seen = api.call("bob", "GET", f"/api/v1/patients/{wes}").json()
    assert seen["answers"][0]["answers"]["pain"]["sides"] == ["left"]
    assert seen["status"]["state"] == "active" and seen["status"]["flags"] == []
    changed = api.call("bob", "PUT", f"/api/v1/patients/{wes}/prescription", _prescription(22))
    assert changed.status_code == 200
    assert _hamstring_holds(api, "wes") == {22}
    assert api.call("wes", "GET", "/api/v1/export").json()["sessions"]
