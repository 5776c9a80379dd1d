"""A person's own pages: start (intake), my plan, the guided session, progress, my data."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sicoach.outcomes.pain import PainKind
from sicoach.program.lifecycle import CareState, Role
from sicoach.program.questions import QUESTIONS
from sicoach.screening import (
    ASKED_RED_FLAGS,
    EMERGENCY_ADVICE,
    EMERGENCY_SIGNS,
    PRECAUTION_QUESTIONS,
)
from sicoach.services import accounts, calendar_links, care, coaching, printouts
from sicoach.services.errors import InvalidRecord, NotNow
from sicoach.services.printouts import Paper
from sicoach.services.times import local_zone
from sicoach.web.charts import progress_chart
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, PersonViewerDep, ViewerDep, render
from sicoach.web.downloads import PaperQuery, attachment, handout_download
from sicoach.web.intake_form import (
    EQUIPMENT,
    HARD_POSITIONS,
    HIP_APPROACHES,
    HIP_SIDES,
    LIST_FIELDS,
    PAIN_AREAS,
    PRECAUTIONS,
    SIDES,
    answers_from_intake,
    intake_from_form,
)
from sicoach.web.pictures import picture_url

__all__ = ["router"]

router = APIRouter(tags=["pages"], include_in_schema=False)

PAIN_WORDS = {
    "before": "Before a session",
    "during": "Worst during a session",
    "after": "After a session",
    "next-morning": "On waking",
}


def _form_page(
    request: Request,
    viewer: PersonViewerDep,
    answers: dict[str, object],
    errors: dict[str, str],
    first_group: int = 1,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "start.html",
        status_code=status_code,
        viewer=viewer,
        active="start",
        answers=answers,
        errors=errors,
        first_group=first_group,
        sides=SIDES,
        pain_areas=PAIN_AREAS,
        hard_positions=HARD_POSITIONS,
        equipment=EQUIPMENT,
        precautions=PRECAUTIONS,
        precaution_questions=PRECAUTION_QUESTIONS,
        hip_sides=HIP_SIDES,
        hip_approaches=HIP_APPROACHES,
        red_flag_questions=ASKED_RED_FLAGS,
        emergency_advice=EMERGENCY_ADVICE,
        questions=QUESTIONS,
    )


@router.get("/", response_class=HTMLResponse)
def read_home(request: Request, context: ContextDep, viewer: ViewerDep) -> Response:
    """The front door: a newcomer starts the intake; a person with a plan sees today."""
    if viewer is None:
        return render(request, "welcome.html", viewer=None)
    if viewer.person_id is None:
        return RedirectResponse("/clinic", status_code=303)
    view = care.care_view(context.uow(), viewer.person_id, date.today())
    if view.status.state is CareState.NO_PLAN:
        return render(request, "welcome.html", viewer=viewer)
    return RedirectResponse("/plan", status_code=303)


@router.get("/start", response_class=HTMLResponse)
def read_intake(request: Request, context: ContextDep, viewer: PersonViewerDep) -> HTMLResponse:
    """The intake form, filled with the last answers if there are any."""
    uow = context.uow()
    intake = coaching.current_intake(uow, viewer.person_id)
    answers = answers_from_intake(intake) if intake is not None else {}
    return _form_page(request, viewer, answers, {})


@router.post("/start", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def submit_intake(request: Request, context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Check every answer; save the intake and its plan, or show each problem beside its field."""
    form = await request.form()
    lists = {name: [str(v) for v in form.getlist(name)] for name in LIST_FIELDS}
    result = intake_from_form(dict(form), lists)
    if result.intake is None:
        answers: dict[str, object] = {k: v for k, v in form.items() if k not in LIST_FIELDS}
        answers.update(lists)
        return _form_page(
            request, viewer, answers, result.problems, result.first_group, status_code=422
        )
    linked = context.server_mode and accounts.has_clinician(
        accounts.unit_of_work(context.engine), viewer.person_id
    )
    care.give_answers(
        context.uow(),
        viewer.person_id,
        result.intake,
        context.catalog,
        on=date.today(),
        linked_clinician=linked,
    )
    calendar_links.calendar_token(accounts.unit_of_work(context.engine), viewer.person_id)
    return RedirectResponse("/plan", status_code=303)


def _plan_page(
    request: Request,
    context: ContextDep,
    viewer: PersonViewerDep,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    page = coaching.plan_page(context.uow(), viewer.person_id, date.today())
    view = page.view
    plan = view.plan
    if plan is None:
        return RedirectResponse("/start", status_code=303)
    if view.status.state is CareState.REFERRED or not plan.eligible:
        return render(request, "referral.html", viewer=viewer, plan=plan, view=view)
    # A read only: the address is made with the plan (or by its button), never by a GET.
    token = calendar_links.existing_calendar_token(
        accounts.unit_of_work(context.engine), viewer.person_id
    )
    return render(
        request,
        "plan.html",
        status_code=status_code,
        viewer=viewer,
        active="plan",
        plan=plan,
        view=view,
        refusal=view.start_refusal(date.today()),
        local_mode=not context.server_mode,
        morning_due=page.morning_due,
        papers=list(Paper),
        calendar_address=str(request.url_for("read_calendar", token=token)) if token else None,
        errors=errors or {},
        today=date.today().isoformat(),
    )


@router.get("/plan", response_class=HTMLResponse)
def read_plan(request: Request, context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Where the plan stands, the one action that fits it, and the stretches with their dose."""
    return _plan_page(request, context, viewer)


@router.post("/plan/review", dependencies=[Depends(check_csrf)])
async def record_review(request: Request, context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Local mode: the person records which clinician reviewed the plan, and when."""
    if context.server_mode:
        raise HTTPException(status_code=403, detail="Your clinician records the review.")
    form = await request.form()
    name = str(form.get("by", "")).strip()
    note = str(form.get("note", "")).strip() or None
    errors: dict[str, str] = {}
    try:
        on = date.fromisoformat(str(form.get("date", "")))
    except ValueError:
        errors["date"] = "Please give the date of the review."
    else:
        if on > date.today():
            errors["date"] = "The review date cannot be in the future."
    if not name:
        errors["by"] = "Please give the name of the clinician who reviewed your plan."
    if errors:
        return _plan_page(request, context, viewer, errors=errors, status_code=422)
    try:
        care.review_plan(
            context.uow(),
            viewer.person_id,
            context.catalog,
            name=name,
            role=Role.PERSON,
            on=on,
            note=note,
            local_mode=True,
        )
    except (NotNow, InvalidRecord) as exc:
        errors["by"] = str(exc)
        return _plan_page(request, context, viewer, errors=errors, status_code=422)
    return RedirectResponse("/plan", status_code=303)


@router.get("/rescreen", response_class=HTMLResponse)
def read_rescreen(request: Request, viewer: PersonViewerDep) -> HTMLResponse:
    """The warning-sign questions again (every few weeks, and after a flare)."""
    return render(
        request, "rescreen.html", viewer=viewer, red_flag_questions=ASKED_RED_FLAGS, errors={}
    )


@router.post("/rescreen", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def submit_rescreen(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Keep the answers; a red flag stops the plan at once."""
    form = await request.form()
    answers = {f.key: form.get(f"red_flags.{f.key}") for f in ASKED_RED_FLAGS}
    errors = {f"red_flags.{k}": "Please answer yes or no." for k, v in answers.items() if v is None}
    if errors:
        return render(
            request,
            "rescreen.html",
            status_code=422,
            viewer=viewer,
            red_flag_questions=ASKED_RED_FLAGS,
            errors=errors,
        )
    care.answer_red_flags(
        context.uow(),
        viewer.person_id,
        {k: v == "true" for k, v in answers.items()},
        context.catalog,
        on=date.today(),
    )
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan/handout.pdf")
def download_handout(
    context: ContextDep,
    viewer: PersonViewerDep,
    paper: PaperQuery = Paper.A4,
) -> Response:
    """The printable handout of the current plan (PDF)."""
    pdf = printouts.handout(
        context.uow(), viewer.person_id, context.catalog, paper=paper, made_on=date.today()
    )
    return handout_download(pdf, paper)


@router.post("/plan/calendar", dependencies=[Depends(check_csrf)])
def renew_calendar_address(context: ContextDep, viewer: PersonViewerDep) -> Response:
    """A new private calendar address; the old one stops working at once."""
    calendar_links.renew_calendar_token(accounts.unit_of_work(context.engine), viewer.person_id)
    return RedirectResponse("/plan#calendar", status_code=303)


@router.get("/session", response_class=HTMLResponse)
def read_session(
    request: Request,
    context: ContextDep,
    viewer: PersonViewerDep,
    speed: float = Query(1.0, ge=0.1, le=1000, description="Clock speed (tests and demos)."),
) -> Response:
    """The guided session page for today's plan; only an active plan plays."""
    today = coaching.today(context.uow(), viewer.person_id, context.catalog, date.today())
    plan, script = today.view.plan, today.script
    if plan is None:
        return RedirectResponse("/start", status_code=303)
    if script is None:
        return RedirectResponse("/plan", status_code=303)
    picture_ids = list(dict.fromkeys(e.id for e in plan.exercises))
    session_data = {
        "script": script.to_json_dict(),
        "names": {i: context.catalog.get(i).name for i in picture_ids},
        "pictures": {i: picture_url(i) for i in picture_ids},
        "speed": speed,
        "record_url": "/api/v1/sessions",
    }
    return render(
        request,
        "session.html",
        viewer=viewer,
        active="session",
        planned=plan.exercises,
        script=script,
        speed=speed,
        session_data=session_data,
        emergency_signs=EMERGENCY_SIGNS,
    )


@router.post("/pain/morning", dependencies=[Depends(check_csrf)])
async def submit_morning_pain(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Pain on waking, asked the morning after a session."""
    form = await request.form()
    raw = form.get("value")
    text = raw if isinstance(raw, str) else ""
    plain = text.isascii() and text.isdigit() and len(text) <= 2  # isdigit alone takes "²"
    value = int(text) if plain else -1
    if not 0 <= value <= 10:
        raise HTTPException(
            status_code=422, detail="Please choose your pain on waking, from 0 to 10."
        )
    care.record_pain(
        context.uow(),
        viewer.person_id,
        PainKind.NEXT_MORNING.value,
        value,
        context.catalog,
        tz=local_zone(),
    )
    return RedirectResponse("/plan", status_code=303)


@router.get("/progress", response_class=HTMLResponse)
def read_progress(request: Request, context: ContextDep, viewer: PersonViewerDep) -> HTMLResponse:
    """Charts of pain, adherence and hold time, and this week's sessions."""
    uow = context.uow()
    progress = coaching.progress_view(uow, viewer.person_id, date.today())
    return render(
        request,
        "progress.html",
        viewer=viewer,
        active="progress",
        progress=progress,
        chart=progress_chart(progress.summary, "Charts of sessions, pain and hold times"),
        pain_words=PAIN_WORDS,
    )


@router.get("/data", response_class=HTMLResponse)
def read_my_data(request: Request, viewer: PersonViewerDep) -> HTMLResponse:
    """Export or delete everything sicoach keeps about the person."""
    return render(request, "data.html", viewer=viewer, active="data")


@router.get("/data/export.json")
def export_my_data(context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Everything about the person as JSON, to keep or take elsewhere."""
    body = coaching.export_json(context.uow(), viewer.person_id)
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="sicoach-export.json"'},
    )


@router.get("/data/export.fhir.json")
def export_my_fhir_bundle(context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Everything about the person as a FHIR R4B Bundle, for another health system."""
    body = printouts.fhir_bundle(context.uow(), viewer.person_id, context.catalog)
    return attachment(body, "application/fhir+json", "sicoach-fhir-r4b.json")


@router.post("/data/delete", dependencies=[Depends(check_csrf)])
async def delete_my_data(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Delete the person's data (and, in server mode, their account), after a typed confirmation."""
    form = await request.form()
    if form.get("confirm") != "delete":
        return render(
            request,
            "data.html",
            status_code=422,
            viewer=viewer,
            active="data",
            errors={"confirm": "Type the word delete to confirm."},
        )
    accounts.delete_account(accounts.unit_of_work(context.engine), viewer.actor)
    request.session.clear()
    return render(request, "deleted.html", viewer=None)
