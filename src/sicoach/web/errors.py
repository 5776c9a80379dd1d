"""Friendly error pages for people, and one JSON shape for every API error.

An API error is RFC 9457 problem details (``application/problem+json``): ``type`` names
the problem (``urn:sicoach:problem:NAME``, one name per kind, listed in
:data:`PROBLEM_NAMES`), with ``title``, ``status``, ``detail`` (what happened, in
words), ``instance`` (the path asked for) and, for bad input, ``problems``: each bad
field and what is wrong with it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sicoach.services.errors import INPUT_ERRORS, DuplicateRecord, NotNow
from sicoach.web.security_headers import SECURITY_HEADERS

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "PROBLEM_NAMES",
    "PROBLEM_PREFIX",
    "install",
    "problem_body",
    "problem_response",
    "validation_body",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_PREFIX = "urn:sicoach:problem:"
# Ours: how long a client is asked to wait after a busy database (Retry-After).
BUSY_RETRY_AFTER_SECONDS = 1
# Each kind of API problem: its name (the end of ``type``) and its title.
PROBLEM_NAMES: dict[str, str] = {
    "bad-request": "The request cannot be read",
    "login-needed": "Log in first",
    "not-allowed": "Not allowed for this account",
    "not-found": "Not found",
    "method-not-allowed": "That method does not work here",
    "not-now": "Not possible in the plan's present state",
    "already-kept": "Already kept",
    "too-large": "The request is too large",
    "invalid-input": "Some values are not valid",
    "too-many-tries": "Too many tries",
    "server-error": "Something went wrong on our side",
    "busy": "Busy: try again in a moment",
    "http-error": "The request failed",
}
_BY_STATUS = {
    400: "bad-request",
    401: "login-needed",
    403: "not-allowed",
    404: "not-found",
    405: "method-not-allowed",
    409: "not-now",
    413: "too-large",
    422: "invalid-input",
    429: "too-many-tries",
    500: "server-error",
}

log = logging.getLogger("sicoach.web")

_TITLES = {
    403: "You can't open this page",
    404: "We couldn't find that page",
    405: "That doesn't work here",
    429: "Too many tries",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def validation_body(errors: list[dict[str, object]]) -> dict[str, object]:
    """A 422 body naming each bad field and what is wrong with it."""
    problems = []
    for error in errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]  # type: ignore[attr-defined]
        problems.append({"field": ".".join(location) or "(body)", "problem": error.get("msg")})
    return {"detail": "Some values are not valid.", "problems": problems}


def _problem(text: str) -> dict[str, str]:
    field, _, problem = text.partition(": ")
    return {"field": field, "problem": problem} if problem else {"field": "(body)", "problem": text}


def problem_body(
    status: int, detail: str, instance: str, *, name: str | None = None
) -> dict[str, object]:
    """The members every problem has; ``name`` defaults to the status's own."""
    kind = name or _BY_STATUS.get(status, "http-error")
    return {
        "type": PROBLEM_PREFIX + kind,
        "title": PROBLEM_NAMES[kind],
        "status": status,
        "detail": detail,
        "instance": instance,
    }


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    name: str | None = None,
    problems: Sequence[Mapping[str, object]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An API error as problem details; ``name`` defaults to the status's own."""
    body = problem_body(status, detail, request.url.path, name=name)
    if problems is not None:
        body["problems"] = list(problems)
    return JSONResponse(
        body,
        status_code=status,
        headers=dict(headers) if headers else None,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _busy(request: Request) -> Response:
    headers = {**SECURITY_HEADERS, "Retry-After": str(BUSY_RETRY_AFTER_SECONDS)}
    detail = "Too many changes at once; nothing was saved. Please send it again in a moment."
    if _wants_json(request):
        return problem_response(request, 503, detail, name="busy", headers=headers)
    return HTMLResponse(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Busy</title>"
        "<link rel=stylesheet href=/static/sicoach.css><body><main>"
        f"<h1>Busy: try again in a moment</h1><p>{detail}</p>"
        "<p><a href='/'>Back to the start</a></p></main>",
        status_code=503,
        headers=headers,
    )


def install(app: FastAPI, *, show_details: bool) -> None:
    """Attach the handlers; ``show_details`` is off in server mode (no stack traces)."""

    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (302, 303) and exc.headers and "Location" in exc.headers:
            return Response(status_code=exc.status_code, headers=exc.headers)
        if _wants_json(request):
            detail, problems = exc.detail, None
            if isinstance(detail, dict):  # a route's own list of problems
                problems = [_problem(str(p)) for p in detail.get("problems", [])]
                detail = detail.get("detail", "")
            return problem_response(
                request, exc.status_code, str(detail), problems=problems, headers=exc.headers
            )
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "error.html",
            {
                "status": exc.status_code,
                "title": _TITLES.get(exc.status_code, "Something went wrong"),
                "message": exc.detail if exc.status_code != 404 else None,
            },
            status_code=exc.status_code,
            headers=exc.headers,
        )

    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        body = validation_body(list(exc.errors()))
        problems = body["problems"]
        assert isinstance(problems, list)
        return problem_response(request, 422, str(body["detail"]), problems=problems)

    async def input_error(request: Request, exc: Exception) -> Response:
        """A service refused the input: 422 (409 for a record already kept), each problem named."""
        status = 409 if isinstance(exc, DuplicateRecord | NotNow) else 422
        problems = getattr(exc, "problems", None) or [str(exc)]
        if _wants_json(request):
            name = "already-kept" if isinstance(exc, DuplicateRecord) else None
            return problem_response(
                request,
                status,
                str(exc).splitlines()[0],
                name=name,
                problems=[_problem(p) for p in problems],
            )
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "title": "Some values are not valid", "problems": problems},
            status_code=status,
        )

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error while serving %s", request.url.path)
        if _wants_json(request):
            return problem_response(
                request, 500, "Something went wrong on our side.", headers=SECURITY_HEADERS
            )
        detail = (
            f"<pre>{html.escape(type(exc).__name__ + ': ' + str(exc))}</pre>"
            if show_details
            else ""
        )
        return HTMLResponse(
            "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong</title>"
            "<link rel=stylesheet href=/static/sicoach.css><body><main>"
            "<h1>Something went wrong on our side</h1><p>Your data is safe. Please try again "
            f"in a moment.</p>{detail}<p><a href='/'>Back to the start</a></p></main>",
            status_code=500,
            headers=SECURITY_HEADERS,
        )

    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid_request)  # type: ignore[arg-type]
    for error in INPUT_ERRORS:
        app.add_exception_handler(error, input_error)

    async def database_error(request: Request, exc: Exception) -> Response:
        if "database is locked" in str(exc):
            # SQLite lets one writer at a time; past its wait the request is refused, not
            # failed: nothing was written, and the client may send it again.
            log.warning("database busy while serving %s", request.url.path)
            return _busy(request)
        return await server_error(request, exc)

    app.add_exception_handler(OperationalError, database_error)
    app.add_exception_handler(Exception, server_error)
