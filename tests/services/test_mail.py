"""Invites by email: the SMTP address read from SICOACH_SMTP_URL, and a real send."""

from __future__ import annotations

import pytest

from sicoach.services.mail import Mailer, MailError, invite_message, mailer_from_url
from tests.smtp_server import free_port, smtp_server


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.test", Mailer("smtp", "mail.test", 25, "sicoach@mail.test")),
        (
            "smtp+starttls://ann%40c.test:p%40ss@mail.test?from=desk%40c.test",
            Mailer("smtp+starttls", "mail.test", 587, "desk@c.test", "ann@c.test", "p@ss"),
        ),
        ("smtps://mail.test:2465", Mailer("smtps", "mail.test", 2465, "sicoach@mail.test")),
    ],
)
def test_an_smtp_address_names_the_server_port_sender_and_login(url: str, expected: Mailer) -> None:
    assert mailer_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://mail.test", "must start with smtp://"),
        ("smtp://", "needs a host"),
        ("smtp://mail.test:port", "port that is not a number"),
    ],
)
def test_a_bad_smtp_address_says_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(MailError, match=problem):
        mailer_from_url(url)


def test_an_invite_email_reaches_a_real_smtp_server() -> None:
    with smtp_server() as inbox:
        message = invite_message(
            "rae@home.test", "Rae Lee", "https://c.test/invite/abc", "Dr Ann", "Hill Clinic", 14
        )
        mailer_from_url(inbox.url).send(message)
    [received] = inbox.messages
    assert received["To"] == "Rae Lee <rae@home.test>"
    assert received["From"] == "clinic@clinic.test"
    assert received["Subject"] == "Dr Ann at Hill Clinic invites you to sicoach"
    body = received.get_content()
    assert "https://c.test/invite/abc" in body and "for 14 days" in body


def test_a_mail_server_that_is_not_there_is_a_mail_error() -> None:
    mailer = mailer_from_url(f"smtp://127.0.0.1:{free_port()}")
    with pytest.raises(MailError, match="could not be sent"):
        mailer.send(invite_message("rae@home.test", None, "https://x", "Dr Ann", None, 14))
