"""Server mode: accounts, roles, invites, and who may open what, route by route."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sicoach.services import accounts
from sicoach.settings import Settings
from sicoach.web import ConfigurationError, create_app
from tests.web.conftest import csrf, make_client, post_intake

PASSWORD = "correct horse battery"


@dataclass
class Clinic:
    """Two clinicians with one patient each, an admin, and a client per account."""

    app_client: TestClient
    clients: dict[str, TestClient]
    patients: dict[str, str]


def _login(client: TestClient, email: str, password: str = PASSWORD) -> int:
    token = csrf(client, "/login")
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code


def _invite(clinician: TestClient) -> str:
    page = clinician.post("/clinic/invites", data={"csrf_token": csrf(clinician, "/clinic")})
    found = re.search(r'value="https://testserver/invite/([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _accept(patient: TestClient, token: str, email: str) -> int:
    response = patient.post(
        f"/invite/{token}",
        data={
            "email": email,
            "password": PASSWORD,
            "name": email.split("@")[0],
            "csrf_token": csrf(patient, f"/invite/{token}"),
        },
        follow_redirects=False,
    )
    return response.status_code


def _make_clinic(tmp_path: Path) -> Clinic:
    base = make_client(tmp_path, "server")
    engine = base.app.state.context.engine  # type: ignore[attr-defined]
    for email, role in (
        ("ann@clinic.test", "clinician"),
        ("bob@clinic.test", "clinician"),
        ("root@clinic.test", "admin"),
    ):
        accounts.create_account(accounts.unit_of_work(engine), email, PASSWORD, role)  # type: ignore[arg-type]
    clients = {
        name: TestClient(base.app, base_url="https://testserver")
        for name in ("ann", "bob", "root", "pat", "quinn")
    }
    for name in ("ann", "bob", "root"):
        assert _login(clients[name], f"{name}@clinic.test") == 303
    assert _accept(clients["pat"], _invite(clients["ann"]), "pat@home.test") == 303
    assert _accept(clients["quinn"], _invite(clients["bob"]), "quinn@home.test") == 303
    for name in ("pat", "quinn"):
        assert post_intake(clients[name]).status_code == 303
    patients: dict[str, str] = {}
    for name in ("pat", "quinn"):
        login = accounts.log_in(accounts.unit_of_work(engine), f"{name}@home.test", PASSWORD)
        patients[name] = login.person_id or ""
    return Clinic(base, clients, patients)


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    """A clinic a test may change."""
    return _make_clinic(tmp_path)


@pytest.fixture(scope="module")
def shared_clinic(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    """A clinic for the tests that only look (made once: argon2 hashing is slow on purpose)."""
    return _make_clinic(tmp_path_factory.mktemp("clinic"))


def test_server_mode_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, mode="server", secret_key=None)
    with pytest.raises(ConfigurationError, match="SICOACH_SECRET_KEY"):
        create_app(settings)


def test_the_login_cookie_is_secure_and_http_only(tmp_path: Path) -> None:
    client = make_client(tmp_path, "server")
    engine = client.app.state.context.engine  # type: ignore[attr-defined]
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    token = csrf(client, "/login")
    response = client.post(
        "/login",
        data={"email": "ann@clinic.test", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


def test_failed_logins_are_rate_limited(tmp_path: Path) -> None:
    client = make_client(tmp_path, "server")
    engine = client.app.state.context.engine  # type: ignore[attr-defined]
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    assert [_login(client, "ann@clinic.test", "wrong password!") for _ in range(5)] == [401] * 5
    assert _login(client, "ann@clinic.test") == 429


ANONYMOUS_REFUSED = [
    ("GET", "/plan"),
    ("GET", "/start"),
    ("GET", "/session"),
    ("GET", "/progress"),
    ("GET", "/data"),
    ("GET", "/data/export.json"),
    ("GET", "/clinic"),
]


@pytest.mark.parametrize(("method", "path"), ANONYMOUS_REFUSED)
def test_an_anonymous_visitor_is_sent_to_log_in(tmp_path: Path, method: str, path: str) -> None:
    client = make_client(tmp_path, "server")
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


@pytest.mark.parametrize("path", ["/api/v1/plan", "/api/v1/script"])
def test_the_api_refuses_an_anonymous_caller(tmp_path: Path, path: str) -> None:
    assert make_client(tmp_path, "server").get(path).status_code == 401


# (who, path with {pat}/{quinn}, expected status)
ROUTES = [
    ("pat", "/plan", 200),
    ("pat", "/api/v1/plan", 200),
    ("pat", "/clinic", 403),
    ("pat", "/clinic/patients/{pat}", 403),
    ("pat", "/clinic/patients/{quinn}", 403),
    ("ann", "/clinic", 200),
    ("ann", "/clinic/patients/{pat}", 200),
    ("ann", "/clinic/patients/{quinn}", 404),
    ("ann", "/plan", 403),
    ("ann", "/api/v1/plan", 403),
    ("bob", "/clinic/patients/{pat}", 404),
    ("bob", "/clinic/patients/{quinn}", 200),
    ("root", "/clinic/patients/{pat}", 200),
    ("root", "/clinic/patients/{quinn}", 200),
    ("ann", "/clinic/patients/{pat}/handout.pdf", 200),
    ("ann", "/clinic/patients/{quinn}/handout.pdf", 404),
    ("bob", "/clinic/patients/{pat}/handout.pdf?paper=letter", 404),
    ("pat", "/clinic/patients/{pat}/handout.pdf", 403),
    ("quinn", "/plan/handout.pdf", 200),
    ("ann", "/plan/handout.pdf", 403),
    ("ann", "/data/export.fhir.json", 403),
    ("pat", "/physicians", 200),
    ("ann", "/physicians", 200),
    ("root", "/physicians", 200),
]


@pytest.mark.parametrize(("who", "path", "status"), ROUTES)
def test_each_account_opens_only_what_is_theirs(
    shared_clinic: Clinic, who: str, path: str, status: int
) -> None:
    clinic = shared_clinic
    response = clinic.clients[who].get(path.format(**clinic.patients), follow_redirects=False)
    assert response.status_code == status


def test_the_patient_list_shows_only_the_clinicians_own_patients(shared_clinic: Clinic) -> None:
    clinic = shared_clinic
    page = clinic.clients["ann"].get("/clinic").text
    assert clinic.patients["pat"] in page and clinic.patients["quinn"] not in page


def test_a_linked_patients_record_links_to_their_handout(shared_clinic: Clinic) -> None:
    pat = shared_clinic.patients["pat"]
    page = shared_clinic.clients["ann"].get(f"/clinic/patients/{pat}").text
    assert f'href="/clinic/patients/{pat}/handout.pdf?paper=a4"' in page
    response = shared_clinic.clients["ann"].get(f"/clinic/patients/{pat}/handout.pdf?paper=letter")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def prescription_form(client: TestClient, person_id: str, reason: str = "") -> dict[str, str]:
    """The patient page's prescription form as it stands, ready to post."""
    form = {"csrf_token": csrf(client, "/clinic"), "reason": reason}
    page = client.get(f"/clinic/patients/{person_id}").text
    for name, value in re.findall(
        r'name="([a-z0-9-]+\.(?:hold_seconds|repetitions))" value="([^"]*)"', page
    ):
        form[name] = value
    for name in re.findall(r'name="([a-z0-9-]+\.include)"[^>]*checked', page):
        form[name] = "on"
    for name, value in re.findall(
        r'<select name="([a-z0-9-]+\.sides)"[^>]*>\s*'
        r'(?:<option[^>]*>[^<]*</option>\s*)*?<option value="([^"]+)" selected',
        page,
    ):
        form[name] = value
    return form


def _change(client: TestClient, person_id: str, hold: str, reason: str = "build up") -> int:
    form = prescription_form(client, person_id, reason)
    form["hamstring-stretch.hold_seconds"] = hold
    response = client.post(f"/clinic/patients/{person_id}/plan", data=form, follow_redirects=False)
    return response.status_code


def test_a_clinicians_dose_change_reaches_the_patients_next_session(clinic: Clinic) -> None:
    assert _change(clinic.clients["ann"], clinic.patients["pat"], "25") == 303
    script = clinic.clients["pat"].get("/api/v1/script").json()
    holds = {
        s["seconds"]
        for s in script["steps"]
        if s["exercise"] == "hamstring-stretch" and s["phase"] == "hold"
    }
    assert holds == {25}
    page = clinic.clients["ann"].get(f"/clinic/patients/{clinic.patients['pat']}").text
    assert "by clinician ann@clinic.test: build up" in page


def test_a_clinician_cannot_change_another_clinicians_patient(clinic: Clinic) -> None:
    form = {
        "csrf_token": csrf(clinic.clients["ann"], "/clinic"),
        "reason": "x",
        "hamstring-stretch.include": "on",
        "hamstring-stretch.hold_seconds": "25",
        "hamstring-stretch.repetitions": "5",
        "hamstring-stretch.sides": "left,right",
    }
    response = clinic.clients["ann"].post(
        f"/clinic/patients/{clinic.patients['quinn']}/plan", data=form
    )
    assert response.status_code == 404
    script = clinic.clients["quinn"].get("/api/v1/script").json()
    assert 25 not in {s["seconds"] for s in script["steps"]}


def test_a_bad_dose_is_named_beside_its_field_and_nothing_changes(clinic: Clinic) -> None:
    before = clinic.clients["pat"].get("/api/v1/plan").json()
    assert _change(clinic.clients["ann"], clinic.patients["pat"], "0", reason="") == 422
    assert clinic.clients["pat"].get("/api/v1/plan").json() == before


def test_an_invite_link_works_only_once(clinic: Clinic) -> None:
    token = _invite(clinic.clients["ann"])
    assert (
        _accept(
            TestClient(clinic.app_client.app, base_url="https://testserver"), token, "r1@home.test"
        )
        == 303
    )
    assert (
        _accept(
            TestClient(clinic.app_client.app, base_url="https://testserver"), token, "r2@home.test"
        )
        == 422
    )


def test_a_person_can_delete_their_account_and_data(clinic: Clinic) -> None:
    pat = clinic.clients["pat"]
    done = pat.post("/data/delete", data={"confirm": "delete", "csrf_token": csrf(pat, "/data")})
    assert "Your data is deleted" in done.text
    assert _login(pat, "pat@home.test") == 401
    assert clinic.patients["pat"] not in clinic.clients["ann"].get("/clinic").text


def test_five_wrong_passwords_from_one_client_do_not_lock_the_owner_out(tmp_path: Path) -> None:
    client = make_client(tmp_path, "server")
    engine = client.app.state.context.engine  # type: ignore[attr-defined]
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    attacker = TestClient(client.app, base_url="https://testserver", client=("203.0.113.9", 1))
    assert [_login(attacker, "ann@clinic.test", "wrong password!") for _ in range(5)] == [401] * 5
    assert _login(attacker, "ann@clinic.test") == 429
    owner = TestClient(client.app, base_url="https://testserver", client=("198.51.100.7", 1))
    assert _login(owner, "ann@clinic.test") == 303


def test_an_invite_made_on_the_page_names_the_patient_and_can_be_revoked(clinic: Clinic) -> None:
    ann = clinic.clients["ann"]
    page = ann.post(
        "/clinic/invites",
        data={"name": "Rae Lee", "email": "rae@home.test", "csrf_token": csrf(ann, "/clinic")},
    )
    found = re.search(r'value="https://testserver/invite/([^"]+)"', page.text)
    assert found and "Rae Lee" in page.text and "rae@home.test" in page.text
    [invite_id] = re.findall(r'action="/clinic/invites/(\d+)/revoke"', page.text)
    bob = clinic.clients["bob"]
    refused = bob.post(
        f"/clinic/invites/{invite_id}/revoke", data={"csrf_token": csrf(bob, "/clinic")}
    )
    assert refused.status_code == 404
    revoked = ann.post(
        f"/clinic/invites/{invite_id}/revoke",
        data={"csrf_token": csrf(ann, "/clinic")},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert "Rae Lee" not in ann.get("/clinic").text
    assert ann.get(f"/invite/{found.group(1)}").status_code == 404


def test_a_bad_email_on_the_invite_form_is_named_and_kept(clinic: Clinic) -> None:
    ann = clinic.clients["ann"]
    page = ann.post(
        "/clinic/invites",
        data={"name": "Rae", "email": "not an address", "csrf_token": csrf(ann, "/clinic")},
    )
    assert page.status_code == 422
    assert "valid email address" in page.text and 'value="not an address"' in page.text
    assert "/invite/" not in page.text
