"""The security headers every response carries: a Content-Security-Policy, framing, referrer.

The pages run no inline script and no inline style: every script and stylesheet comes
from ``/static``, pictures from the app (the progress chart is an SVG in a ``data:``
address), and the JSON a page reads (``<script type="application/json">``) is data the
browser never runs. So the policy allows only the app's own origin, and a script a
visitor's text managed to put in a page would not run. No page may be framed
(clickjacking), and a link to another site is not told which page it came from.

One page is the exception: the API's interactive documentation (``/api/v1/docs``) loads
Swagger UI from its CDN and starts it with one inline script. Its policy allows that CDN
and that one script by its hash, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SECURITY_HEADERS",
    "SecurityHeadersMiddleware",
    "inline_script_hashes",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that predate it
)
# For the one response no middleware sees: Starlette answers an unhandled error (500)
# outside every middleware, so that handler sets these itself.
SECURITY_HEADERS = {
    **{name.decode(): value.decode() for name, value in _HEADERS},
    "content-security-policy": CONTENT_SECURITY_POLICY,
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(page: str) -> list[str]:
    """The CSP source expressions (``'sha256-…'``) of each inline ``<script>`` in ``page``."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(page)
    ]


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response; ``policies`` overrides the CSP by path."""

    def __init__(self, app: ASGIApp, *, policies: Mapping[str, str] | None = None) -> None:
        self._app = app
        self._policies = dict(policies or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        policy = self._policies.get(scope["path"], CONTENT_SECURITY_POLICY).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = {name for name, _ in _HEADERS} | {b"content-security-policy"}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in own]
                headers += [*_HEADERS, (b"content-security-policy", policy)]
                message = {**message, "headers": headers}
            await send(message)

        await self._app(scope, receive, send_with_headers)
