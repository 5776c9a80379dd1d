"""Limits on every request before a route reads it: size, NUL characters, JSON nesting.

A body over ``MAX_BODY_BYTES`` is refused with 413; a NUL character anywhere (raw, as
``%00`` in a query or form, or as ``\\u0000`` in JSON) and JSON nested deeper than
:data:`sicoach.services.bounds.MAX_DEPTH` are refused with 422 (PostgreSQL refuses NUL
in text, and deep nesting exhausted the parser's recursion). What a route then parses
is bounded again by :mod:`sicoach.services.bounds`.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sicoach.services.bounds import MAX_DEPTH, json_depth
from sicoach.web.errors import PROBLEM_MEDIA_TYPE, problem_body

__all__ = ["MAX_BODY_BYTES", "RequestLimitsMiddleware"]

MAX_BODY_BYTES = 1024 * 1024


def _has_nul(raw: bytes, *, encoded: bool, is_json: bool) -> bool:
    lowered = raw.lower()
    return b"\x00" in raw or (encoded and b"%00" in lowered) or (is_json and b"\\u0000" in lowered)


class RequestLimitsMiddleware:
    """Read each request body (at most ``MAX_BODY_BYTES``), check it, then pass it on."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        # The decoded path too: a client may send a NUL that its own encoding hid.
        if (
            _has_nul(scope.get("query_string", b""), encoded=True, is_json=False)
            or _has_nul(scope.get("raw_path") or b"", encoded=True, is_json=False)
            or "\x00" in scope.get("path", "")
        ):
            await _refuse(scope, send, 422, "The address may not contain a NUL character.")
            return
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or len(declared) > 9 or int(declared) > MAX_BODY_BYTES:
            await _refuse(scope, send, 413, f"A request may carry at most {MAX_BODY_BYTES} bytes.")
            return
        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY_BYTES:
                await _refuse(
                    scope, send, 413, f"A request may carry at most {MAX_BODY_BYTES} bytes."
                )
                return
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        is_json = kind.endswith(b"json")
        if _has_nul(body, encoded=kind == b"application/x-www-form-urlencoded", is_json=is_json):
            await _refuse(scope, send, 422, "Text may not contain a NUL character.")
            return
        if is_json and json_depth(body) > MAX_DEPTH:
            await _refuse(scope, send, 422, f"JSON may nest at most {MAX_DEPTH} levels deep.")
            return
        await self._app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()  # a disconnect, when the client goes
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _refuse(scope: Scope, send: Send, status: int, text: str) -> None:
    if scope["path"].startswith("/api/"):
        body = json.dumps(problem_body(status, text, scope["path"])).encode()
        kind = PROBLEM_MEDIA_TYPE.encode()
    else:
        body = text.encode()
        kind = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
