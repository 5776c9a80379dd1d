"""Every response carries the security headers, and no page needs inline script or style."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sicoach.web.security_headers import CONTENT_SECURITY_POLICY, inline_script_hashes
from tests.web.conftest import LOCAL, csrf, make_client, post_intake

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "sicoach" / "web" / "templates"


def assert_secured(response: httpx.Response, policy: str = CONTENT_SECURITY_POLICY) -> None:
    """The response has the strict policy (or ``policy``), no framing, no sniffing."""
    assert response.headers["content-security-policy"] == policy, response.request.url
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


def test_the_policy_allows_only_the_apps_own_scripts_and_styles() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives and "style-src" not in directives
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/start",
        "/plan",
        "/session",
        "/progress",
        "/data",
        "/rescreen",
        "/exercises",
        "/exercises/slideshow",
        "/exercises/hamstring-stretch",
        "/exercises/hamstring-stretch/picture.svg",
        "/physicians",
        "/static/sicoach.css",
        "/static/session.js",
        "/plan/handout.pdf",
        "/data/export.json",
        "/api/v1/status",
        "/api/v1/plan",
        "/api/v1/openapi.json",
        "/no-such-page",
        "/api/v1/no-such-route",
    ],
)
def test_every_kind_of_local_response_carries_the_headers(client: TestClient, path: str) -> None:
    post_intake(client)
    assert_secured(client.get(path))


def test_refusals_before_any_route_carry_the_headers(client: TestClient) -> None:
    assert_secured(client.get("/exercises", headers={"Host": "attacker.example"}))  # 400
    assert_secured(client.get("/exercises?q=%00"))  # 422 from the request limits
    too_big = client.post("/api/v1/pain", content=b"x" * (2 * 1024 * 1024))
    assert too_big.status_code == 413
    assert_secured(too_big)


def test_form_errors_redirects_and_server_errors_carry_the_headers(tmp_path: Path) -> None:
    with make_client(tmp_path) as test_client:
        redirect = post_intake(test_client)
        assert redirect.status_code == 303
        assert_secured(redirect)
        refused = test_client.post("/pain/morning", data={"csrf_token": "wrong"})
        assert refused.status_code == 403
        assert_secured(refused)

        def boom() -> None:
            raise RuntimeError("a bug")

        test_client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
        crashing = TestClient(test_client.app, base_url=LOCAL, raise_server_exceptions=False)
        failed = crashing.get("/boom")
        assert failed.status_code == 500
        assert_secured(failed)
        assert "style=" not in failed.text


def test_server_mode_pages_carry_the_headers(tmp_path: Path) -> None:
    with make_client(tmp_path, "server") as test_client:
        for path in ("/login", "/exercises", "/clinic", "/invite/not-a-token"):
            assert_secured(test_client.get(path, follow_redirects=False))
        token = csrf(test_client, "/login")
        login = test_client.post(
            "/login", data={"csrf_token": token, "email": "a@example.org", "password": "wrong"}
        )
        assert_secured(login)
        assert_secured(test_client.post("/api/v1/tokens", json={}))


def test_the_api_docs_page_may_run_only_its_own_inline_script(client: TestClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    (script_hash,) = inline_script_hashes(page.text)
    assert f"script-src 'self' https://cdn.jsdelivr.net {script_hash};" in policy
    assert "unsafe" not in policy
    assert_secured(page, policy)


def test_an_inline_scripts_hash_is_the_one_a_browser_computes() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    expected = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert inline_script_hashes("<p>x</p><script>alert(1)</script>") == [expected]


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_template_has_inline_script_style_or_handlers(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for script in re.findall(r"<script\b([^>]*)>", text):
        assert "src=" in script or 'type="application/json"' in script, script
    assert not re.search(r"\sstyle=", text), "move the style to sicoach.css"
    assert not re.search(r"<style\b", text)
    assert not re.search(r"\son[a-z]+=", text), "an inline event handler"
    assert "javascript:" not in text
