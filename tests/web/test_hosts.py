"""The Host header check (issue 13, findings 2 and 10): DNS rebinding in local mode, and
links built from a client's Host header in server mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from sicoach.services import accounts
from sicoach.settings import Settings, get_settings
from sicoach.web import ConfigurationError, create_app
from sicoach.web.app import create_app_from_environment
from sicoach.web.hosts import host_name
from tests.web.conftest import SECRET, csrf, post_intake

PASSWORD = "correct horse battery"
PROBED = [
    ("GET", "/data/export.json"),
    ("GET", "/data/export.fhir.json"),
    ("GET", "/plan"),
    ("GET", "/progress"),
    ("GET", "/api/v1/plan"),
    ("POST", "/api/v1/pain"),
]


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("LOCALHOST:8000", "localhost"),
        ("localhost.", "localhost"),
        ("[::1]:8000", "[::1]"),
        ("clinic.example.org:443", "clinic.example.org"),
        ("", None),
        ("[::1", None),
        ("localhost:80:80", None),
        ("localhost:http", None),
        ("evil.example@localhost", None),
        ("localhost/x", None),
    ],
)
def test_a_host_header_gives_its_name_or_none_when_malformed(header: str, name: str | None) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:1234", "[::1]:8000"])
def test_local_mode_answers_the_loopback_names_on_any_port(client: TestClient, host: str) -> None:
    assert post_intake(client).status_code == 303
    assert client.get("/data/export.json", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example:8000", "127.0.0.1.nip.io", "localhost.evil"])
@pytest.mark.parametrize(("method", "path"), PROBED)
def test_local_mode_refuses_every_other_host_so_dns_rebinding_reads_nothing(
    client: TestClient, host: str, method: str, path: str
) -> None:
    assert post_intake(client).status_code == 303
    token = csrf(client)
    response = client.request(
        method,
        path,
        headers={"Host": host, "X-CSRF-Token": token},
        json={"value": 9, "when": "before"} if method == "POST" else None,
    )
    assert response.status_code == 400
    assert "csrf" not in response.text.lower() and "sicoach" not in response.text.lower()


def test_the_app_factory_for_uvicorn_checks_the_host_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SICOACH_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    app = create_app_from_environment()
    evil = TestClient(app, base_url="http://attacker.example:8000")
    assert evil.get("/exercises").status_code == 400
    assert TestClient(app, base_url="http://localhost:8000").get("/exercises").status_code == 200


def _server(tmp_path: Path, base_url: str | None) -> Settings:
    return Settings(data_dir=tmp_path / "data", mode="server", secret_key=SECRET, base_url=base_url)


def test_server_mode_refuses_to_start_without_a_base_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SICOACH_BASE_URL"):
        create_app(_server(tmp_path, None))


@pytest.mark.parametrize(
    "value",
    [
        "clinic.example.org",
        "ftp://clinic.example.org",
        "https://clinic.example.org/app",
        "https://user:pw@clinic.example.org",
        "https://clinic.example.org/?x=1",
        "https://",
    ],
)
def test_a_base_url_that_is_not_a_plain_site_address_is_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="SICOACH_BASE_URL"):
        Settings(base_url=value)


def test_server_mode_answers_only_its_base_urls_host_and_builds_invites_from_it(
    tmp_path: Path,
) -> None:
    app = create_app(_server(tmp_path, "https://clinic.example.org"))
    engine = app.state.context.engine
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    assert TestClient(app, base_url="https://evil.example").get("/login").status_code == 400
    ann = TestClient(app, base_url="https://clinic.example.org:8443")  # straight to the app
    response = ann.post(
        "/login",
        data={"email": "ann@clinic.test", "password": PASSWORD, "csrf_token": csrf(ann, "/login")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = ann.post("/clinic/invites", data={"csrf_token": csrf(ann, "/clinic")}).text
    links = re.findall(r'value="(https?://[^"/]+)/invite/', page)
    assert links == ["https://clinic.example.org"]
