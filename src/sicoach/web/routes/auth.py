"""Server mode: log in and out, accept a clinician's invite, delete an account."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sicoach.services import accounts
from sicoach.web.context import WebContext
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep, render
from sicoach.web.viewer import LOGIN_KEY, client_address

__all__ = ["router"]

router = APIRouter(tags=["accounts"], include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never another site) to go to after logging in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _log_in_session(request: Request, context: WebContext, actor: accounts.Actor) -> None:
    """Start a server-side login and give the browser only its random id."""
    login = accounts.start_login(accounts.unit_of_work(context.engine), actor, "cookie")
    request.session.clear()  # a fresh session (and CSRF token) after login
    request.session[LOGIN_KEY] = login.token


@router.get("/login", response_class=HTMLResponse)
def read_login(request: Request, viewer: ViewerDep, next: str | None = None) -> HTMLResponse:
    """The login form."""
    return render(
        request, "login.html", viewer=viewer, active="login", next=_safe_next(next), errors={}
    )


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def submit_login(request: Request, context: ContextDep) -> Response:
    """Check the email and password; failed tries are counted and limited."""
    form = await request.form()
    email = str(form.get("email", ""))
    password = str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "/")))
    try:
        actor = accounts.log_in(
            accounts.unit_of_work(context.engine), email, password, client=client_address(request)
        )
    except accounts.TooManyLogins as exc:
        return render(
            request,
            "login.html",
            status_code=429,
            viewer=None,
            active="login",
            next=target,
            email=email,
            errors={"password": str(exc)},
        )
    except accounts.LoginRefused as exc:
        return render(
            request,
            "login.html",
            status_code=401,
            viewer=None,
            active="login",
            next=target,
            email=email,
            errors={"password": str(exc)},
        )
    _log_in_session(request, context, actor)
    if target == "/" and actor.role in ("clinician", "admin"):
        target = "/clinic"
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def log_out(request: Request, context: ContextDep) -> Response:
    """End the login on the server (a copied cookie stops working too) and forget it."""
    login = request.session.get(LOGIN_KEY)
    if isinstance(login, str):
        accounts.end_login(accounts.unit_of_work(context.engine), login)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/invite/{token}", response_class=HTMLResponse)
def read_invite(request: Request, token: str, context: ContextDep) -> HTMLResponse:
    """The form a new patient fills in from their clinician's one-time link, naming the
    clinician and the clinic."""
    invite = accounts.open_invite(accounts.unit_of_work(context.engine), token)
    if invite is None:
        raise HTTPException(
            status_code=404,
            detail="This invite link has been used or has expired. "
            "Ask your clinician for a new one.",
        )
    return render(
        request,
        "invite.html",
        viewer=None,
        token=token,
        invite=invite,
        clinic_name=context.settings.clinic_name,
        errors={},
        answers={"name": invite.patient_name or ""},
    )


@router.post("/invite/{token}", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def accept_invite(request: Request, token: str, context: ContextDep) -> Response:
    """Make the patient's account, linked to the clinician, and log them in."""
    form = await request.form()
    answers = {k: str(form.get(k, "")) for k in ("email", "name")}
    password = str(form.get("password", ""))
    try:
        actor = accounts.accept_invite(
            accounts.unit_of_work(context.engine),
            token,
            answers["email"],
            password,
            display_name=answers["name"] or None,
        )
    except accounts.AccountError as exc:
        message = str(exc)
        field = "email" if "email" in message else "password" if "password" in message else "token"
        return render(
            request,
            "invite.html",
            status_code=422,
            viewer=None,
            token=token,
            invite=accounts.open_invite(accounts.unit_of_work(context.engine), token),
            clinic_name=context.settings.clinic_name,
            errors={field: message},
            answers=answers,
        )
    _log_in_session(request, context, actor)
    return RedirectResponse("/start", status_code=303)
