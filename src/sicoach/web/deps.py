"""Typed dependencies the routes share: the app context, who is asking, and page rendering."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from sicoach.web.context import WebContext
from sicoach.web.viewer import OwnPerson, Viewer, viewer_for

__all__ = [
    "ContextDep",
    "LoggedInDep",
    "PersonViewerDep",
    "ViewerDep",
    "get_context",
    "render",
    "require_person",
]


async def get_context(request: Request) -> WebContext:
    """The app's context (settings, engine, catalog); async: no I/O, so no worker thread."""
    context: WebContext = request.app.state.context
    return context


ContextDep = Annotated[WebContext, Depends(get_context)]


def get_viewer(request: Request, context: ContextDep) -> Viewer | None:
    """Who is asking: the one person in local mode; the logged-in account in server mode."""
    return viewer_for(request, context)


ViewerDep = Annotated[Viewer | None, Depends(get_viewer)]


async def require_login(request: Request, viewer: ViewerDep) -> Viewer:
    """Pages for anyone logged in, whatever their role (local mode: always the one person)."""
    if viewer is None:
        raise HTTPException(
            status_code=303, headers={"Location": f"/login?next={request.url.path}"}
        )
    return viewer


LoggedInDep = Annotated[Viewer, Depends(require_login)]


async def require_person(request: Request, viewer: ViewerDep) -> OwnPerson:
    """A person's own pages: log in first (server mode); clinicians use the patient pages."""
    if viewer is None:
        raise HTTPException(
            status_code=303, headers={"Location": f"/login?next={request.url.path}"}
        )
    if viewer.person_id is None:
        raise HTTPException(status_code=403, detail="These pages are for a person's own plan.")
    return OwnPerson(actor=viewer, person_id=viewer.person_id)


PersonViewerDep = Annotated[OwnPerson, Depends(require_person)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``context`` (every page gets ``request``)."""
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response
