"""Sending an invite by email through the SMTP server named by ``SICOACH_SMTP_URL``.

The address has the form ``smtp://[user:password@]host[:port][?from=ADDRESS]``:
``smtp`` is plain SMTP (port 25), ``smtp+starttls`` upgrades with STARTTLS (port
587), ``smtps`` is SMTP over TLS (port 465). Without ``from`` the mail comes from
``sicoach@HOST``. Nothing is sent when no address is set: the clinician gives the
link themselves.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = ["MailError", "Mailer", "invite_message", "mailer_from_url"]

_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
_TIMEOUT_SECONDS = 15.0


class MailError(ValueError):
    """An SMTP address that cannot be used, or a message the server did not take."""


@dataclass(frozen=True)
class Mailer:
    """An SMTP server to send through, read from its address."""

    scheme: str
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None

    def send(self, message: EmailMessage) -> None:
        """Send one message; raise :class:`MailError` when the server refuses or is away."""
        message["From"] = self.sender
        try:
            if self.scheme == "smtps":
                context = ssl.create_default_context()
                with smtplib.SMTP_SSL(
                    self.host, self.port, timeout=_TIMEOUT_SECONDS, context=context
                ) as server:
                    self._deliver(server, message)
            else:
                with smtplib.SMTP(self.host, self.port, timeout=_TIMEOUT_SECONDS) as server:
                    if self.scheme == "smtp+starttls":
                        server.starttls(context=ssl.create_default_context())
                    self._deliver(server, message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"the email could not be sent ({exc})") from exc

    def _deliver(self, server: smtplib.SMTP, message: EmailMessage) -> None:
        if self.user is not None:
            server.login(self.user, self.password or "")
        server.send_message(message)


def mailer_from_url(url: str) -> Mailer:
    """The mailer an ``SICOACH_SMTP_URL`` names; :class:`MailError` says what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES:
        raise MailError(
            f"SICOACH_SMTP_URL must start with {', '.join(s + '://' for s in _SCHEMES)}, "
            f"got {parts.scheme or 'no scheme'!r}"
        )
    if not parts.hostname:
        raise MailError("SICOACH_SMTP_URL needs a host, like smtp://mail.example.org")
    try:
        port = parts.port or _SCHEMES[parts.scheme]
    except ValueError:
        raise MailError("SICOACH_SMTP_URL has a port that is not a number") from None
    sender = parse_qs(parts.query).get("from", [f"sicoach@{parts.hostname}"])[0]
    return Mailer(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        sender=sender,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def invite_message(
    to: str, patient_name: str | None, link: str, clinician: str, clinic: str | None, days: int
) -> EmailMessage:
    """The invite email in plain words: who invites them, the link, and how long it works."""
    where = f" at {clinic}" if clinic else ""
    message = EmailMessage()
    message["To"] = formataddr((patient_name or "", to))
    message["Subject"] = f"{clinician}{where} invites you to sicoach"
    greeting = f"Hello {patient_name}," if patient_name else "Hello,"
    message.set_content(
        f"{greeting}\n\n"
        f"{clinician}{where} invites you to sicoach, a guided stretching program for "
        "sacroiliac joint pain. They will see your plan, sessions and pain ratings.\n\n"
        f"Open this link to make your account (it works once, for {days} days):\n\n"
        f"{link}\n\n"
        "If you did not expect this email, you can ignore it.\n"
    )
    return message
