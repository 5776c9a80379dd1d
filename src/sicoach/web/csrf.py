"""Protection against cross-site form posts: a random token per browser session.

Every form carries the token in a hidden field and every API call that changes data
sends it in the ``X-CSRF-Token`` header; a request without the matching token is
refused, in both modes (a page on another site could otherwise post to 127.0.0.1).
In server mode an API call that sends a bearer token needs no CSRF token: it is judged
by the token alone (never by a cookie), and no other site can make a browser send it.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

from sicoach.web.viewer import bearer_token

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "check_csrf", "csrf_token"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SESSION_KEY = "csrf"


def csrf_token(request: Request) -> str:
    """The token of this browser session, made on first use."""
    token = request.session.get(_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[_SESSION_KEY] = token
    return token


def _same(expected: str, sent: str) -> bool:
    """Compare in constant time, as bytes: ``compare_digest`` refuses non-ASCII text."""
    return hmac.compare_digest(expected.encode(), sent.encode("utf-8", "replace"))


async def check_csrf(request: Request) -> None:
    """Refuse (403) a state-changing request whose token is missing or wrong."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if request.app.state.context.server_mode and bearer_token(request) is not None:
        return
    expected = request.session.get(_SESSION_KEY)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or sent is None or not _same(expected, sent):
        raise HTTPException(
            status_code=403,
            detail="This form has expired or came from another site. "
            "Reload the page and try again.",
        )
