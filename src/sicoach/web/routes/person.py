"""A person's own pages: start (intake), my plan, the guided session, progress, my data."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sicoach.outcomes.pain import PainKind
from sicoach.program.lifecycle import CareState, Role
from sicoach.program.plan_model import Referral
from sicoach.program.questions import QUESTIONS
from sicoach.program.screening import (
    ASKED_RED_FLAGS,
    EMERGENCY_ADVICE,
    EMERGENCY_SIGNS,
    PRECAUTION_QUESTIONS,
    emergency_referral,
)
from sicoach.services import accounts, calendar_links, care, coaching, people, printouts
from sicoach.services.errors import InvalidRecord, NotNow
from sicoach.services.printouts import Paper
from sicoach.services.times import time_zones, today_in, zone_named
from sicoach.session.pictures import step_pictures
from sicoach.web.charts import PAIN_LABELS, progress_chart
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, PersonViewerDep, ViewerDep, render
from sicoach.web.downloads import PaperQuery, attachment, handout_download
from sicoach.web.intake_form import (
    EQUIPMENT,
    HARD_POSITIONS,
    HIP_APPROACHES,
    HIP_SIDES,
    LAST_GROUP,
    LIST_FIELDS,
    NEXT_FIELD,
    PAIN_AREAS,
    PRECAUTIONS,
    SIDES,
    FormResult,
    answers_from_intake,
    group_pressed,
    intake_from_form,
    red_flag_answers,
)
from sicoach.web.pictures import step_picture_data
from sicoach.web.viewer import OwnPerson

__all__ = ["router"]

router = APIRouter(tags=["pages"], include_in_schema=False)

# The emergency signs a person answered yes before there was anything to keep them with,
# remembered in their signed browser session so every page tells them the same.
EMERGENCY_SIGNS_GIVEN = "emergency_signs"


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
        last_group=LAST_GROUP,
        next_field=NEXT_FIELD,
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
    today = today_in(zone_named(viewer.time_zone))
    view = care.care_view(context.uow(), viewer.person_id, today)
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
    """Check the answers up to the group whose "Next" was pressed (every group for "See my
    plan"); show each problem beside its field, or the next group, or save the intake and
    its plan. An emergency sign answered yes ends the questions at once."""
    form = await request.form()
    lists = {name: [str(v) for v in form.getlist(name)] for name in LIST_FIELDS}
    result = intake_from_form(dict(form), lists)
    pressed = group_pressed(form)
    urgent = emergency_referral(red_flag_answers(form))
    if result.intake is not None and (pressed is None or urgent is not None):
        linked = context.server_mode and accounts.has_clinician(
            accounts.unit_of_work(context.engine), viewer.person_id
        )
        care.give_answers(
            context.uow(),
            viewer.person_id,
            result.intake,
            context.catalog,
            on=viewer.today(),
            linked_clinician=linked,
        )
        calendar_links.calendar_token(accounts.unit_of_work(context.engine), viewer.person_id)
        request.session.pop(EMERGENCY_SIGNS_GIVEN, None)
        return RedirectResponse("/plan", status_code=303)
    if urgent is not None:
        kept = care.report_emergency(
            context.uow(),
            viewer.person_id,
            red_flag_answers(form),
            context.catalog,
            on=viewer.today(),
        )
        if kept is None:
            request.session[EMERGENCY_SIGNS_GIVEN] = [
                key for key, yes in red_flag_answers(form).items() if yes
            ]
        return RedirectResponse("/plan", status_code=303)
    answers: dict[str, object] = {k: v for k, v in form.items() if k not in LIST_FIELDS}
    answers.update(lists)
    problems = result.problems if pressed is None else result.up_to(pressed)
    if problems or pressed is None:
        first = FormResult(None, problems).first_group
        return _form_page(request, viewer, answers, problems, first, status_code=422)
    return _form_page(request, viewer, answers, {}, pressed + 1)


def _emergency_told(request: Request) -> Referral | None:
    """The emergency a person was told of before any answers were kept, or None."""
    given = request.session.get(EMERGENCY_SIGNS_GIVEN)
    keys = given if isinstance(given, list) else []
    return emergency_referral({str(key): True for key in keys})


def _referral_page(request: Request, viewer: PersonViewerDep, referral: Referral) -> HTMLResponse:
    return render(request, "referral.html", viewer=viewer, referral=referral)


def _plan_page(
    request: Request,
    context: ContextDep,
    viewer: PersonViewerDep,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    page = coaching.plan_page(context.uow(), viewer.person_id, viewer.today())
    view = page.view
    plan = view.plan
    told = _emergency_told(request)
    if plan is None:
        if told is not None:
            return _referral_page(request, viewer, told)
        return RedirectResponse("/start", status_code=303)
    referral = view.referral or (None if plan.eligible else plan.referral)
    if referral is not None:
        return _referral_page(request, viewer, referral)
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
        refusal=view.start_refusal(viewer.today()),
        local_mode=not context.server_mode,
        morning_due=page.morning_due,
        papers=list(Paper),
        calendar_address=str(request.url_for("read_calendar", token=token)) if token else None,
        errors=errors or {},
        today=viewer.today().isoformat(),
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
        if on > viewer.today():
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
        on=viewer.today(),
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
        context.uow(), viewer.person_id, context.catalog, paper=paper, made_on=viewer.today()
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
    today = coaching.today(context.uow(), viewer.person_id, context.catalog, viewer.today())
    plan, script = today.view.plan, today.script
    told = _emergency_told(request)
    if plan is None:
        if told is not None:
            return _referral_page(request, viewer, told)
        return RedirectResponse("/start", status_code=303)
    if today.view.referral is not None:
        return _referral_page(request, viewer, today.view.referral)
    if script is None:
        return RedirectResponse("/plan", status_code=303)
    picture_ids = list(dict.fromkeys(e.id for e in plan.exercises))
    session_data = {
        "script": script.to_json_dict(),
        "names": {i: context.catalog.get(i).name for i in picture_ids},
        "pictures": [
            step_picture_data(p, None if p is None else context.catalog.get(p.exercise))
            for p in step_pictures(script, plan, context.catalog)
        ],
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
        tz=viewer.zone,
    )
    return RedirectResponse("/plan", status_code=303)


@router.get("/progress", response_class=HTMLResponse)
def read_progress(request: Request, context: ContextDep, viewer: PersonViewerDep) -> HTMLResponse:
    """Charts of pain, adherence and hold time, and this week's sessions."""
    uow = context.uow()
    progress = coaching.progress_view(uow, viewer.person_id, viewer.today())
    return render(
        request,
        "progress.html",
        viewer=viewer,
        active="progress",
        progress=progress,
        chart=progress_chart(progress.summary, "Charts of sessions, pain and hold times"),
        pain_words=PAIN_LABELS,
    )


def _data_page(
    request: Request,
    viewer: OwnPerson,
    *,
    time_zone: str | None,
    status_code: int = 200,
    **extra: object,
) -> HTMLResponse:
    return render(
        request,
        "data.html",
        status_code=status_code,
        viewer=viewer,
        active="data",
        time_zone=time_zone,
        time_zones=time_zones(),
        **extra,
    )


@router.get("/data", response_class=HTMLResponse)
def read_my_data(request: Request, viewer: PersonViewerDep, saved: bool = False) -> HTMLResponse:
    """Export or delete everything sicoach keeps about the person, or choose their time zone."""
    return _data_page(request, viewer, time_zone=viewer.actor.time_zone, zone_saved=saved)


@router.post("/data/time-zone", dependencies=[Depends(check_csrf)])
async def change_my_time_zone(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Keep the time zone the person's days follow (empty: the computer's own)."""
    chosen = str((await request.form()).get("time_zone") or "").strip() or None
    try:
        people.set_time_zone(context.uow(), viewer.person_id, chosen)
    except InvalidRecord:
        errors = {"time_zone": "Please choose a time zone from the list."}
        return _data_page(request, viewer, time_zone=chosen, status_code=422, errors=errors)
    return RedirectResponse("/data?saved=1#time-zone", status_code=303)


@router.get("/data/export.json")
def export_my_data(context: ContextDep, viewer: PersonViewerDep) -> Response:
    """Everything about the person as JSON, to keep or take elsewhere."""
    body = printouts.export_file(context.uow(), viewer.person_id, "json", context.catalog)
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
        errors = {"confirm": "Type the word delete to confirm."}
        zone = viewer.actor.time_zone
        return _data_page(request, viewer, time_zone=zone, status_code=422, errors=errors)
    accounts.delete_account(accounts.unit_of_work(context.engine), viewer.actor)
    request.session.clear()
    return render(request, "deleted.html", viewer=None)
