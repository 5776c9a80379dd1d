"""Server mode: logins are server-side sessions that end at logout and with their account.

Issue 13, findings 1 (a deleted account's cookie opened the next account under the
same reused id), 4 (a cookie copied before logout still worked) and 5 (a cookie forged
with the signing key opened /clinic); and the API tokens of DESIGN.md contract 13.
"""

from __future__ import annotations

import json
from base64 import b64encode
from pathlib import Path

import itsdangerous
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from sicoach.services import accounts
from sicoach.store.accounts import UserRow
from tests.web.conftest import SECRET, csrf, make_client, post_intake
from tests.web.test_server_mode import PASSWORD, _accept, _invite, _login


def _engine(client: TestClient) -> Engine:
    engine: Engine = client.app.state.context.engine  # type: ignore[attr-defined]
    return engine


def _browser(client: TestClient, cookies: dict[str, str] | None = None) -> TestClient:
    return TestClient(client.app, base_url="https://testserver", cookies=cookies)


@pytest.fixture
def ann(tmp_path: Path) -> TestClient:
    """A server with one clinician, ann, logged in."""
    client = make_client(tmp_path, "server")
    accounts.create_account(
        accounts.unit_of_work(_engine(client)), "ann@clinic.test", PASSWORD, "clinician"
    )
    assert _login(client, "ann@clinic.test") == 303
    return client


def _patient(ann: TestClient, email: str) -> TestClient:
    patient = _browser(ann)
    assert _accept(patient, _invite(ann), email) == 303
    return patient


def _user_id(engine: Engine, email: str) -> int:
    with engine.connect() as connection:
        found: int = connection.execute(
            select(UserRow.id).where(UserRow.email == email)
        ).scalar_one()
    return found


def test_a_deleted_accounts_cookie_does_not_open_a_new_account_with_its_reused_id(
    ann: TestClient,
) -> None:
    pat = _patient(ann, "pat@home.test")
    assert post_intake(pat).status_code == 303
    old_id = _user_id(_engine(ann), "pat@home.test")
    copied = dict(pat.cookies)
    pat.post("/data/delete", data={"confirm": "delete", "csrf_token": csrf(pat, "/data")})
    _patient(ann, "next@home.test")
    assert _user_id(_engine(ann), "next@home.test") == old_id  # SQLite reused the id
    response = _browser(ann, copied).get("/data/export.json", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_a_cookie_copied_before_logout_no_longer_opens_anything(ann: TestClient) -> None:
    pat = _patient(ann, "pat@home.test")
    assert post_intake(pat).status_code == 303
    copied = dict(pat.cookies)
    assert pat.post("/logout", data={"csrf_token": csrf(pat, "/plan")}).status_code == 200
    thief = _browser(ann, copied)
    assert thief.get("/data/export.json", follow_redirects=False).status_code == 303
    assert thief.get("/api/v1/plan").status_code == 401


def _forged(session: dict[str, object]) -> dict[str, str]:
    data = b64encode(json.dumps(session).encode())
    return {"sicoach_session": itsdangerous.TimestampSigner(SECRET).sign(data).decode()}


@pytest.mark.parametrize(
    "session", [{"user_id": 1}, {"login": "a-guessed-session-id"}, {"login": 1}]
)
def test_a_cookie_forged_with_the_signing_key_opens_nothing(
    ann: TestClient, session: dict[str, object]
) -> None:
    response = _browser(ann, _forged(session)).get("/clinic", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_a_password_change_ends_the_logins_already_open(ann: TestClient) -> None:
    assert ann.get("/clinic").status_code == 200
    accounts.change_password(
        accounts.unit_of_work(_engine(ann)), "ann@clinic.test", "another long passphrase"
    )
    assert ann.get("/clinic", follow_redirects=False).status_code == 303


def test_a_disabled_account_is_logged_out_and_cannot_log_in(ann: TestClient) -> None:
    accounts.set_disabled(accounts.unit_of_work(_engine(ann)), "ann@clinic.test", True)
    assert ann.get("/clinic", follow_redirects=False).status_code == 303
    assert _login(_browser(ann), "ann@clinic.test") == 401


def _token(client: TestClient, email: str, password: str = PASSWORD) -> str:
    response = client.post("/api/v1/tokens", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def test_an_api_token_works_without_a_cookie_or_csrf_token_until_revoked(
    ann: TestClient,
) -> None:
    pat = _patient(ann, "pat@home.test")
    assert post_intake(pat).status_code == 303
    api = _browser(ann)
    answer = api.post("/api/v1/tokens", json={"email": "pat@home.test", "password": PASSWORD})
    assert answer.status_code == 201
    assert answer.json()["role"] == "person" and answer.json()["expires_at"]
    bearer = {"Authorization": f"Bearer {answer.json()['token']}"}
    assert api.get("/api/v1/plan", headers=bearer).status_code == 200
    pain = api.post("/api/v1/pain", json={"value": 3, "when": "before"}, headers=bearer)
    assert pain.status_code == 201
    assert api.delete("/api/v1/tokens/current", headers=bearer).status_code == 204
    assert api.get("/api/v1/plan", headers=bearer).status_code == 401


def test_a_wrong_password_gets_no_token(ann: TestClient) -> None:
    response = ann.post("/api/v1/tokens", json={"email": "ann@clinic.test", "password": "nope"})
    assert response.status_code == 401 and "token" not in response.json()


def test_a_bearer_request_is_judged_by_its_token_not_by_the_cookie_it_carries(
    ann: TestClient,
) -> None:
    """A bad token with a good cookie is refused: bearer calls skip CSRF, so no cookie counts."""
    pat = _patient(ann, "pat@home.test")
    assert post_intake(pat).status_code == 303
    bad = {"Authorization": "Bearer not-a-token"}
    assert pat.get("/api/v1/plan", headers=bad).status_code == 401
    pain = pat.post("/api/v1/pain", json={"value": 3, "when": "before"}, headers=bad)
    assert pain.status_code == 401


# (who, path, expected status) with an API token instead of a cookie
TOKEN_ROUTES = [
    ("pat", "/api/v1/plan", 200),
    ("pat", "/api/v1/script", 200),
    ("ann", "/api/v1/plan", 403),
    ("ann", "/api/v1/script", 403),
    (None, "/api/v1/plan", 401),
    (None, "/api/v1/script", 401),
]


@pytest.mark.parametrize(("who", "path", "status"), TOKEN_ROUTES)
def test_each_token_opens_only_what_is_its_accounts(
    ann: TestClient, who: str | None, path: str, status: int
) -> None:
    pat = _patient(ann, "pat@home.test")
    assert post_intake(pat).status_code == 303
    emails = {"pat": "pat@home.test", "ann": "ann@clinic.test"}
    headers = {"Authorization": f"Bearer {_token(ann, emails[who])}"} if who else {}
    assert _browser(ann).get(path, headers=headers).status_code == status
