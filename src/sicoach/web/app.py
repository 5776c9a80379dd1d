"""The app factory: one FastAPI app per call, built from settings, with nothing done at import.

Local mode serves one person with no login; server mode adds accounts and roles. Both
keep no state in process memory between requests (signed cookies and the database) but
the scripts cache, derived data keyed by plan version, so several worker processes can
serve the same database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from sicoach import rules
from sicoach.services.physicians import clear_abandoned_physician_imports
from sicoach.settings import Settings, get_settings
from sicoach.store.db import open_database
from sicoach.web import errors
from sicoach.web.context import WebContext
from sicoach.web.hosts import LOOPBACK_NAMES, HostCheckMiddleware, host_name
from sicoach.web.limits import RequestLimitsMiddleware
from sicoach.web.openapi import install_openapi
from sicoach.web.routes import (
    api,
    auth,
    clinic,
    feeds,
    library,
    measures,
    person,
    physicians,
    tokens,
)
from sicoach.web.secret_key import new_secret_key, secret_key_problem
from sicoach.web.security_headers import SecurityHeadersMiddleware, inline_script_hashes
from sicoach.web.templating import make_templates

__all__ = [
    "EVERY_MODE_ROUTES",
    "SERVER_MODE_ROUTES",
    "ConfigurationError",
    "create_app",
    "create_app_from_environment",
]

# The modules of routes, in the order they are matched; accounts and clinics only in
# server mode.
EVERY_MODE_ROUTES = (person, measures, library, physicians, api, feeds)
SERVER_MODE_ROUTES = (auth, tokens, clinic)

STATIC = Path(__file__).parent / "static"
SESSION_COOKIE = "sicoach_session"
SECRET_FILE = "web-secret-key"
NEW_KEY_COMMAND = "sicoach accounts secret-key"
API_DOCS = "/api/v1/docs"
OPENAPI = "/api/v1/openapi.json"
SWAGGER_CDN = "https://cdn.jsdelivr.net"


class ConfigurationError(RuntimeError):
    """The settings do not allow the app to start; the message says what to set."""


def _secret_key(settings: Settings) -> str:
    """The cookie-signing key: required in server mode, kept in the data folder in local mode.

    A key given by the settings must be at least 32 random bytes; the app refuses to
    start with a weaker one.
    """
    if settings.secret_key:
        problem = secret_key_problem(settings.secret_key)
        if problem is not None:
            raise ConfigurationError(
                f"SICOACH_SECRET_KEY is not safe to sign login cookies with: {problem}. "
                f"Set it to the output of `{NEW_KEY_COMMAND}` and start again"
            )
        return settings.secret_key
    if settings.mode == "server":
        raise ConfigurationError(
            "server mode needs a secret key to sign login cookies: set SICOACH_SECRET_KEY "
            f"to the output of `{NEW_KEY_COMMAND}` (32 or more random bytes) and start again"
        )
    path = settings.data_dir / SECRET_FILE
    if not path.exists() or secret_key_problem(path.read_text(encoding="utf-8").strip()):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(new_secret_key(), encoding="utf-8")
        temporary.chmod(0o600)
        temporary.replace(path)
    return path.read_text(encoding="utf-8").strip()


def _allowed_hosts(settings: Settings) -> frozenset[str]:
    """The Host names the app answers: loopback (local mode) or the base URL's (server)."""
    if settings.mode == "local":
        return LOOPBACK_NAMES
    if not settings.base_url:
        raise ConfigurationError(
            "server mode needs the address people open, to check each request's host and "
            "to build invite links: set SICOACH_BASE_URL (for example "
            "https://clinic.example.org) and start again"
        )
    name = host_name(urlsplit(settings.base_url).netloc)
    if name is None:
        raise ConfigurationError(f"SICOACH_BASE_URL has no usable host: {settings.base_url!r}")
    return frozenset({name})


def _add_api_docs(app: FastAPI) -> str:
    """Serve the API's Swagger UI page; return the Content-Security-Policy that page needs.

    The page loads Swagger UI from its CDN and starts it with one inline script, so its
    policy allows that CDN and that script's hash; every other page keeps the strict one.
    """
    page = bytes(get_swagger_ui_html(openapi_url=OPENAPI, title="sicoach API").body)

    @app.get(API_DOCS, include_in_schema=False)
    def read_api_docs() -> HTMLResponse:
        return HTMLResponse(page)

    scripts = " ".join(inline_script_hashes(page.decode()))
    return (
        f"default-src 'self'; script-src 'self' {SWAGGER_CDN} {scripts}; "
        f"style-src 'self' {SWAGGER_CDN}; img-src 'self' data: https://fastapi.tiangolo.com; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def create_app(settings: Settings) -> FastAPI:
    """A ready app for ``settings``: database migrated, routes, templates and static files."""
    key = _secret_key(settings)
    allowed_hosts = _allowed_hosts(settings)
    server = settings.mode == "server"
    engine = open_database(settings.resolved_database_url)
    context = WebContext.open(settings, engine=engine)
    clear_abandoned_physician_imports(context.uow())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        context.engine.dispose()  # close the pool's connections when the server stops

    app = FastAPI(
        lifespan=lifespan,
        title="sicoach",
        summary="Guided stretching for sacroiliac joint pain.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI,
    )
    app.state.context = context
    app.state.templates = make_templates(context)
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        same_site="lax",
        https_only=server,
        max_age=rules.LOGIN_SESSION_MAX_HOURS.value * 3600,
    )
    app.add_middleware(RequestLimitsMiddleware)
    app.add_middleware(  # refuse another host before anything else runs
        HostCheckMiddleware,
        allowed=allowed_hosts,
        base_url=settings.base_url if server else None,
    )
    app.add_middleware(  # around even the host check's refusals
        SecurityHeadersMiddleware, policies={API_DOCS: _add_api_docs(app)}
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for routes in EVERY_MODE_ROUTES + (SERVER_MODE_ROUTES if server else ()):
        app.include_router(routes.router)
    errors.install(app, show_details=not server)
    install_openapi(app)
    return app


def create_app_from_environment() -> FastAPI:
    """The app for the settings in the environment (what ``uvicorn --factory`` calls)."""
    return create_app(get_settings())
