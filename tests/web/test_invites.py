"""Inviting a patient from the clinic page: the link to copy, its QR code, the email
through a real SMTP server when one is set, and an invite page naming who invites."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from sicoach.services import accounts
from tests.smtp_server import free_port, smtp_server
from tests.web.conftest import csrf, make_client
from tests.web.test_server_mode import PASSWORD, _login

BASE = "https://testserver"


def _clinic(tmp_path: Path, **settings: object) -> TestClient:
    client = make_client(tmp_path, "server", **settings)
    engine = client.app.state.context.engine  # type: ignore[attr-defined]
    accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician", "Dr Ann Lee"
    )
    ann = TestClient(client.app, base_url=BASE)
    assert _login(ann, "ann@clinic.test") == 303
    return ann


def _invite(ann: TestClient, email: str = "rae@home.test") -> str:
    response = ann.post(
        "/clinic/invites",
        data={"name": "Rae Moss", "email": email, "csrf_token": csrf(ann, "/clinic")},
    )
    assert response.status_code == 200
    return html.unescape(response.text)


def _link(page: str) -> str:
    found = re.search(
        r'id="invite-link" value="([^"]+)"|value="([^"]+)"[^>]*id="invite-link"', page
    )
    assert found, page
    return found.group(1) or found.group(2)


def test_an_invite_is_emailed_through_the_smtp_server_with_its_link(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        ann = _clinic(tmp_path, smtp_url=inbox.url, clinic_name="Hill Street Physio")
        page = _invite(ann)
    link = _link(page)
    assert "Sent by email to rae@home.test." in page
    [mail] = inbox.messages
    assert mail["To"] == "Rae Moss <rae@home.test>"
    assert mail["Subject"] == "Dr Ann Lee at Hill Street Physio invites you to sicoach"
    assert link in mail.get_content()


def test_a_new_invite_shows_its_link_with_a_copy_button_and_a_qr_code(tmp_path: Path) -> None:
    page = _invite(_clinic(tmp_path))
    assert _link(page).startswith(f"{BASE}/invite/")
    assert "Sent by email" not in page and "Give the patient this link" in page
    assert 'data-copy-target="invite-link"' in page and '<script src="/static/clinic.js"' in page
    qr = re.search(r'<svg[^>]*class="qr"[^>]*>.*?</svg>', page, re.S)
    assert qr and "<title>QR code of the invite link</title>" in qr.group(0)
    assert "style=" not in qr.group(0)  # the CSP refuses inline styles


def test_a_mail_server_that_refuses_keeps_the_invite_and_says_so(tmp_path: Path) -> None:
    page = _invite(_clinic(tmp_path, smtp_url=f"smtp://127.0.0.1:{free_port()}"))
    assert "Not sent by email: the email could not be sent" in page
    assert _link(page).startswith(f"{BASE}/invite/")


def test_the_invite_page_names_the_clinician_and_the_clinic(tmp_path: Path) -> None:
    ann = _clinic(tmp_path, clinic_name="Hill Street Physio")
    link = _link(_invite(ann))
    page = html.unescape(TestClient(ann.app, base_url=BASE).get(link).text)
    assert "<strong>Dr Ann Lee</strong> at <strong>Hill Street Physio</strong> invited you" in page
    assert 'id="name" name="name" type="text" autocomplete="name" value="Rae Moss"' in page
