"""A person's own pages: start (intake), my plan, the guided session, progress, my data."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sicoach.program.questions import QUESTIONS
from sicoach.screening import ASKED_RED_FLAGS
from sicoach.services import accounts, calendar_links, coaching, printouts
from sicoach.services.printouts import Paper
from sicoach.web.charts import progress_chart
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, PersonViewerDep, ViewerDep, render
from sicoach.web.downloads import PaperQuery, attachment, handout_download
from sicoach.web.intake_form import (
    EQUIPMENT,
    HARD_POSITIONS,
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
        red_flag_questions=ASKED_RED_FLAGS,
        questions=QUESTIONS,
    )


@router.get("/", response_class=HTMLResponse)
def read_home(request: Request, context: ContextDep, viewer: ViewerDep) -> Response:
    """The front door: a newcomer starts the intake; a person with a plan sees today."""
    if viewer is None:
        return render(request, "welcome.html", viewer=None)
    if viewer.person_id is None:
        return RedirectResponse("/clinic", status_code=303)
    uow = context.uow()
    plan = coaching.current_plan(uow, viewer.person_id)
    if plan is None:
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
    uow = context.uow()
    plan = coaching.start_with_intake(uow, viewer.person_id, result.intake, context.catalog)
    if not plan.eligible:
        return render(request, "referral.html", viewer=viewer, plan=plan)
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan", response_class=HTMLResponse)
def read_plan(request: Request, context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Today's stretches in order with picture, dose and reason."""
    uow = context.uow()
    plan = coaching.current_plan(uow, viewer.person_id)
    morning_due = coaching.morning_pain_due(uow, viewer.person_id, date.today())
    if plan is None:
        return RedirectResponse("/start", status_code=303)
    if not plan.eligible:
        return render(request, "referral.html", viewer=viewer, plan=plan)
    token = calendar_links.calendar_token(accounts.unit_of_work(context.engine), viewer.person_id)
    return render(
        request,
        "plan.html",
        viewer=viewer,
        active="plan",
        plan=plan,
        morning_due=morning_due,
        papers=list(Paper),
        calendar_address=str(request.url_for("read_calendar", token=token)),
    )


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
    """The guided session page for today's plan."""
    uow = context.uow()
    plan = coaching.current_plan(uow, viewer.person_id)
    script = coaching.todays_script(uow, viewer.person_id, context.catalog)
    if plan is None or script is None:
        return RedirectResponse("/start", status_code=303)
    if not plan.eligible:
        return render(request, "referral.html", viewer=viewer, plan=plan)
    picture_ids = list(dict.fromkeys(e.id for e in plan.exercises))
    session_data = {
        "script": script.to_json_dict(),
        "names": {i: context.catalog.get(i).name for i in picture_ids},
        "pictures": {i: picture_url(i) for i in picture_ids},
        "speed": speed,
        "record_url": "/api/v1/sessions",
        "pain_url": "/api/v1/pain",
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
    )


@router.post("/pain/morning", dependencies=[Depends(check_csrf)])
async def submit_morning_pain(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Pain on waking, asked the morning after a session."""
    form = await request.form()
    raw = form.get("value")
    value = int(raw) if isinstance(raw, str) and raw.isdigit() else -1
    if not 0 <= value <= 10:
        raise HTTPException(
            status_code=422, detail="Please choose your pain on waking, from 0 to 10."
        )
    uow = context.uow()
    coaching.record_morning_pain(uow, viewer.person_id, value)
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
