"""A clinician's pages: the patient list, a patient's record, prescription changes, invites.

Server mode only. The service layer checks on every call that the clinician may see
the person; these routes turn its refusal into a 404 page, so a record that is not
theirs looks the same as one that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from sicoach import rules
from sicoach.program.prescription import DoseChange, PrescriptionError, allowed_sides
from sicoach.services import accounts, clinic, printouts
from sicoach.services.errors import InvalidRecord, NotNow
from sicoach.services.printouts import Paper
from sicoach.web.charts import progress_chart
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep, render
from sicoach.web.downloads import PaperQuery, handout_download
from sicoach.web.viewer import Viewer

__all__ = ["router"]

router = APIRouter(prefix="/clinic", tags=["clinic"], include_in_schema=False)

PAIN_WORDS = {
    "before": "Before a session",
    "during": "During a session",
    "after": "After a session",
    "next-morning": "On waking",
}

SIDE_WORDS = {
    "left,right": "left and right",
    "left": "left only",
    "right": "right only",
    "both": "both together",
}


def _clinician(request: Request, viewer: ViewerDep) -> Viewer:
    if viewer is None:
        raise HTTPException(
            status_code=303, headers={"Location": f"/login?next={request.url.path}"}
        )
    if viewer.role not in ("clinician", "admin"):
        raise HTTPException(status_code=403, detail="These pages are for clinicians.")
    return viewer


ClinicianDep = Annotated[Viewer, Depends(_clinician)]


def _list_page(
    request: Request,
    context: ContextDep,
    viewer: Viewer,
    *,
    invite: str | None = None,
    errors: dict[str, str] | None = None,
    answers: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The patient list with the invite form, a new invite's link, and the pending invites."""
    uow = accounts.unit_of_work(context.engine)
    return render(
        request,
        "clinic.html",
        status_code=status_code,
        viewer=viewer,
        active="clinic",
        rows=clinic.patient_rows(uow, viewer, context.catalog, date.today()),
        pending=accounts.pending_invites(uow, viewer),
        invite=invite,
        invite_days=rules.INVITE_VALID_DAYS.value,
        pain_words=PAIN_WORDS,
        errors=errors or {},
        answers=answers or {},
    )


@router.get("", response_class=HTMLResponse)
def read_patients(request: Request, context: ContextDep, viewer: ClinicianDep) -> HTMLResponse:
    """The clinician's patients with adherence this week, last pain and flags."""
    return _list_page(request, context, viewer)


@router.post("/invites", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def create_invite(
    request: Request, context: ContextDep, viewer: ClinicianDep
) -> HTMLResponse:
    """A one-time link for a new patient, with their name and email if given."""
    form = await request.form()
    answers = {k: str(form.get(k, "")).strip() for k in ("name", "email")}
    try:
        issued = accounts.create_invite(
            accounts.unit_of_work(context.engine),
            viewer,
            name=answers["name"] or None,
            email=answers["email"] or None,
        )
    except InvalidRecord as exc:
        errors = {}
        for problem in exc.problems:
            field, _, message = problem.partition(": ")
            errors[field] = message
        return _list_page(request, context, viewer, errors=errors, answers=answers, status_code=422)
    link = str(request.url_for("read_invite", token=issued.token))
    return _list_page(request, context, viewer, invite=link)


@router.post("/invites/{invite_id}/revoke", dependencies=[Depends(check_csrf)])
def revoke_invite(invite_id: int, context: ContextDep, viewer: ClinicianDep) -> Response:
    """Stop a pending invite's link from working."""
    try:
        accounts.revoke_invite(accounts.unit_of_work(context.engine), viewer, invite_id)
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    return RedirectResponse("/clinic#invites", status_code=303)


def _record_page(
    request: Request,
    context: ContextDep,
    viewer: Viewer,
    person_id: str,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    try:
        record = clinic.patient_record(
            accounts.unit_of_work(context.engine), viewer, person_id, context.catalog, date.today()
        )
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    planned = {p.id: p for p in record.plan.exercises} if record.plan else {}
    latest = record.intakes[-1] if record.intakes else None
    return render(
        request,
        "patient.html",
        status_code=status_code,
        viewer=viewer,
        active="clinic",
        record=record,
        planned=planned,
        latest=latest,
        answers=clinic.flat_answers(latest.answers) if latest else {},
        allowed_sides=allowed_sides,
        pain_words=PAIN_WORDS,
        side_words=SIDE_WORDS,
        chart=progress_chart(record.progress.summary, f"Progress charts for {record.row.name}"),
        errors=errors or {},
    )


@router.get("/patients/{person_id}", response_class=HTMLResponse)
def read_patient(
    request: Request, person_id: str, context: ContextDep, viewer: ClinicianDep
) -> HTMLResponse:
    """One patient's history, charts and prescription."""
    return _record_page(request, context, viewer, person_id)


@router.get("/patients/{person_id}/handout.pdf")
def download_patient_handout(
    person_id: str,
    context: ContextDep,
    viewer: ClinicianDep,
    paper: PaperQuery = Paper.A4,
) -> Response:
    """The patient's printable handout (PDF), for a clinician who may see them."""
    try:
        accounts.authorize_person(accounts.unit_of_work(context.engine), viewer, person_id)
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    pdf = printouts.handout(
        context.uow(), person_id, context.catalog, paper=paper, made_on=date.today()
    )
    return handout_download(pdf, paper)


def _changes(form: dict[str, str], ids: list[str]) -> tuple[list[DoseChange], dict[str, str]]:
    """The posted rows as changes, and a problem per bad field (named '<id>.<field>')."""
    changes: list[DoseChange] = []
    errors: dict[str, str] = {}
    for exercise_id in ids:
        if form.get(f"{exercise_id}.include") != "on":
            changes.append(DoseChange(id=exercise_id, include=False))
            continue
        raw = {
            "id": exercise_id,
            "include": True,
            "hold_seconds": form.get(f"{exercise_id}.hold_seconds", ""),
            "repetitions": form.get(f"{exercise_id}.repetitions", ""),
            "sides": [s for s in form.get(f"{exercise_id}.sides", "").split(",") if s],
            "hold_min_seconds": form.get(f"{exercise_id}.hold_min_seconds") or None,
            "hold_max_seconds": form.get(f"{exercise_id}.hold_max_seconds") or None,
        }
        try:
            changes.append(DoseChange.model_validate(raw))
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else "hold_seconds"
                errors.setdefault(f"{exercise_id}.{field}", str(error["msg"]))
    return changes, errors


@router.post(
    "/patients/{person_id}/plan", response_class=HTMLResponse, dependencies=[Depends(check_csrf)]
)
async def change_plan(
    request: Request, person_id: str, context: ContextDep, viewer: ClinicianDep
) -> Response:
    """Change the prescription: a new plan version with the clinician's reason."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    changes, errors = _changes(form, context.catalog.ids)
    reason = form.get("reason", "").strip()
    if not reason:
        errors["reason"] = "Please say why the prescription changes; the patient sees it."
    if not errors:
        try:
            clinic.change_prescription(
                accounts.unit_of_work(context.engine),
                viewer,
                person_id,
                changes,
                reason,
                context.catalog,
                date.today(),
            )
        except accounts.NotAllowed:
            raise HTTPException(status_code=404) from None
        except NotNow as exc:
            errors["reason"] = str(exc)
        except (PrescriptionError, InvalidRecord) as exc:
            for problem in exc.problems:
                field, _, message = problem.partition(": ")
                errors[field] = message
        else:
            return RedirectResponse(f"/clinic/patients/{person_id}#plan", status_code=303)
    return _record_page(request, context, viewer, person_id, errors=errors, status_code=422)


@router.post("/patients/{person_id}/review", dependencies=[Depends(check_csrf)])
async def review_patient(
    request: Request, person_id: str, context: ContextDep, viewer: ClinicianDep
) -> Response:
    """Review the plan, clear a non-emergency referral, or resume a paused plan."""
    form = await request.form()
    note = str(form.get("note", ""))
    try:
        clinic.review_patient(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            note,
            context.catalog,
            date.today(),
        )
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    except NotNow as exc:
        return _record_page(
            request, context, viewer, person_id, errors={"review": str(exc)}, status_code=409
        )
    return RedirectResponse(f"/clinic/patients/{person_id}#status", status_code=303)
