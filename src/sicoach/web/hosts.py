"""The Host header check: a request for any other name is refused before any route runs.

Local mode has no login, so a page on another site that made its own name resolve to
127.0.0.1 (DNS rebinding) could otherwise read and change the person's data: only
the loopback names are answered. Server mode answers only the host of the configured
base URL (``SICOACH_BASE_URL``), and every absolute link it makes (invites, calendar
addresses) is built from that URL, never from what a client sent.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["LOOPBACK_NAMES", "HostCheckMiddleware", "host_name"]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
_REFUSED = b"This server does not answer for that host name."
_HOST = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::[0-9]{1,5})?")


def host_name(header: str) -> str | None:
    """The lower-case name in a Host header (``name``, ``name:port``, ``[v6]:port``), or None."""
    found = _HOST.fullmatch(header.strip().lower())
    return found.group("name").removesuffix(".") if found else None


class HostCheckMiddleware:
    """Answer only requests for ``allowed`` names; with ``base_url``, act as if sent to it."""

    def __init__(self, app: ASGIApp, *, allowed: frozenset[str], base_url: str | None) -> None:
        self._app = app
        self._allowed = allowed
        self._base = urlsplit(base_url) if base_url else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self._app(scope, receive, send)
            return
        hosts = [value for key, value in scope["headers"] if key == b"host"]
        name = host_name(hosts[0].decode("latin-1")) if len(hosts) == 1 else None
        if name is None or name not in self._allowed:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(_REFUSED)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": _REFUSED})
            return
        if self._base is not None:
            scope = dict(scope)
            scope["scheme"] = self._base.scheme
            scope["headers"] = [
                (key, self._base.netloc.encode("ascii") if key == b"host" else value)
                for key, value in scope["headers"]
            ]
        await self._app(scope, receive, send)
