"""A clinician's pages: the patient list, a patient's record, prescription changes, invites.

Server mode only. The service layer checks on every call that the clinician may see
the person; these routes turn its refusal into a 404 page, so a record that is not
theirs looks the same as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from sicoach import rules
from sicoach.documents.wording import change_text, outcome_texts
from sicoach.program.prescription import DoseChange, PrescriptionError, allowed_sides
from sicoach.services import accounts, clinic, invites, printouts, staff
from sicoach.services.errors import InvalidRecord, NotNow, UnknownPerson
from sicoach.services.printouts import Paper
from sicoach.web.charts import progress_chart
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, ViewerDep, render
from sicoach.web.downloads import PaperQuery, attachment, handout_download
from sicoach.web.qr import qr_svg
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


ORDER_WORDS: dict[clinic.PatientOrder, str] = {
    "attention": "Needs attention first",
    "name": "By name",
    "activity": "Latest activity first",
}


def _list_page(
    request: Request,
    context: ContextDep,
    viewer: Viewer,
    *,
    order: clinic.PatientOrder = "attention",
    page: int = 1,
    sent: invites.SentInvite | None = None,
    errors: dict[str, str] | None = None,
    answers: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A page of the patient list with the invite form, a new invite's link, and the
    pending invites."""
    uow = accounts.unit_of_work(context.engine)
    size = rules.PATIENT_PAGE_SIZE.value
    listed = clinic.patient_page(
        uow, viewer, date.today(), offset=(page - 1) * size, limit=size, order=order
    )
    return render(
        request,
        "clinic.html",
        status_code=status_code,
        viewer=viewer,
        active="clinic",
        listed=listed,
        rows=listed.rows,
        order=order,
        orders=ORDER_WORDS,
        page=page,
        pages=max(1, -(-listed.total // size)),
        pending=accounts.pending_invites(uow, viewer),
        sent=sent,
        qr=qr_svg(sent.url, "QR code of the invite link") if sent else None,
        mail_on=context.mailer is not None,
        invite_days=rules.INVITE_VALID_DAYS.value,
        pain_words=PAIN_WORDS,
        errors=errors or {},
        answers=answers or {},
    )


@router.get("", response_class=HTMLResponse)
def read_patients(
    request: Request,
    context: ContextDep,
    viewer: ClinicianDep,
    order: clinic.PatientOrder = "attention",
    page: Annotated[int, Query(ge=1, le=2**31 - 1)] = 1,
) -> HTMLResponse:
    """The clinician's patients, a page at a time: flags, adherence this week, last pain
    and last activity, in the order asked for."""
    return _list_page(request, context, viewer, order=order, page=page)


@router.post("/invites", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def create_invite(
    request: Request, context: ContextDep, viewer: ClinicianDep
) -> HTMLResponse:
    """A one-time link for a new patient, with their name and email if given."""
    form = await request.form()
    answers = {k: str(form.get(k, "")).strip() for k in ("name", "email")}
    try:
        # Sending the email waits on the mail server: off the event loop, as sync routes are.
        sent = await run_in_threadpool(
            invites.invite_patient,
            accounts.unit_of_work(context.engine),
            viewer,
            name=answers["name"] or None,
            email=answers["email"] or None,
            link_for=lambda token: str(request.url_for("read_invite", token=token)),
            mailer=context.mailer,
            clinic=context.settings.clinic_name,
        )
    except InvalidRecord as exc:
        errors = {}
        for problem in exc.problems:
            field, _, message = problem.partition(": ")
            errors[field] = message
        return _list_page(request, context, viewer, errors=errors, answers=answers, status_code=422)
    return _list_page(request, context, viewer, sent=sent)


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
    *,
    entered: dict[str, str] | None = None,
    saved: int | None = None,
) -> HTMLResponse:
    """The patient page; ``entered`` is a refused prescription form, shown as typed, and
    ``saved`` the version a change just made, confirmed with what it changed."""
    try:
        record = clinic.patient_record(
            accounts.unit_of_work(context.engine), viewer, person_id, context.catalog, date.today()
        )
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    planned = {p.id: p for p in record.plan.exercises} if record.plan else {}
    latest = record.intakes[-1] if record.intakes else None
    changed = {
        number: [change_text(c, context.catalog.get(c.id)) for c in found]
        for number, found in record.version_changes.items()
    }
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
        entered=entered,
        saved=saved if saved in changed else None,
        changed=changed,
        outcome_changes=outcome_texts(record.progress.summary),
        members=(
            staff.staff(accounts.unit_of_work(context.engine)) if viewer.role == "admin" else []
        ),
    )


@router.get("/patients/{person_id}", response_class=HTMLResponse)
def read_patient(
    request: Request,
    person_id: str,
    context: ContextDep,
    viewer: ClinicianDep,
    saved: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """One patient's history, charts and prescription (``saved``: a version just made)."""
    return _record_page(request, context, viewer, person_id, saved=saved)


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


# A dose field in plain words, for its problems.
_FIELD_WORDS = {
    "hold_seconds": "the hold, in seconds",
    "hold_min_seconds": "the shortest hold, in seconds",
    "hold_max_seconds": "the longest hold, in seconds",
    "repetitions": "the repetitions, as a whole number",
    "sides": "the sides",
    "note": "the note",
}


def _plain_problem(field: str, error: Mapping[str, Any]) -> str:
    """A dose field's problem as a clinician would say it, with the limit it broke."""
    what = _FIELD_WORDS.get(field, field)
    limits = error.get("ctx") or {}
    kind = str(error["type"])
    if kind == "missing":
        return f"Please give {what}."
    if kind in ("float_parsing", "int_parsing", "int_from_float", "float_type", "int_type"):
        return f"Please give {what}: a number such as {'30' if 'hold' in field else '3'}."
    if "gt" in limits:
        return f"Please give more than {limits['gt']:g} for {what}."
    if "ge" in limits:
        return f"Please give at least {limits['ge']:g} for {what}."
    if "le" in limits:
        return f"Please give at most {limits['le']:g} for {what}."
    if kind == "string_too_long":
        return f"Please keep {what} to {limits.get('max_length')} characters."
    if kind == "value_error":
        return f"Please check the holds: {str(error['msg']).removeprefix('Value error, ')}."
    return f"Please check {what}."


def _row_problem(raw: Mapping[str, Any], error: Mapping[str, Any]) -> tuple[str, str]:
    """The field a problem belongs to, and its words. The whole row's own check (no field
    named) is a missing dose field, or a hold outside the shortest and longest allowed."""
    if error["loc"]:
        field = str(error["loc"][0])
        return field, _plain_problem(field, error)
    missing = [f for f in ("hold_seconds", "repetitions", "sides") if raw[f] is None]
    if missing:
        return missing[0], f"Please give {_FIELD_WORDS[missing[0]]}."
    return "hold_min_seconds", _plain_problem("hold_min_seconds", error)


@router.get("/patients/{person_id}/summary.pdf")
def download_patient_summary(person_id: str, context: ContextDep, viewer: ClinicianDep) -> Response:
    """The patient's one-page summary for the chart (PDF)."""
    try:
        pdf = printouts.patient_summary(
            accounts.unit_of_work(context.engine),
            viewer,
            person_id,
            context.catalog,
            made_on=date.today(),
        )
    except accounts.NotAllowed:
        raise HTTPException(status_code=404) from None
    return attachment(pdf, "application/pdf", "sicoach-summary.pdf")


def _changes(form: dict[str, str], ids: list[str]) -> tuple[list[DoseChange], dict[str, str]]:
    """The posted rows as changes, and a problem per bad field (named '<id>.<field>')."""
    changes: list[DoseChange] = []
    errors: dict[str, str] = {}
    for exercise_id in ids:
        if form.get(f"{exercise_id}.include") != "on":
            changes.append(DoseChange(id=exercise_id, include=False))
            continue

        def given(field: str, row: str = exercise_id) -> str | None:
            return form.get(f"{row}.{field}", "").strip() or None

        sides = [s for s in (given("sides") or "").split(",") if s]
        raw = {
            "id": exercise_id,
            "include": True,
            "hold_seconds": given("hold_seconds"),
            "repetitions": given("repetitions"),
            "sides": sides or None,
            "hold_min_seconds": given("hold_min_seconds"),
            "hold_max_seconds": given("hold_max_seconds"),
            "note": given("note"),
        }
        try:
            changes.append(DoseChange.model_validate(raw))
        except ValidationError as exc:
            for error in exc.errors():
                field, problem = _row_problem(raw, error)
                errors.setdefault(f"{exercise_id}.{field}", problem)
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
            outcome = clinic.change_prescription(
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
            version = outcome.view.version.number if outcome.view.version else ""
            return RedirectResponse(
                f"/clinic/patients/{person_id}?saved={version}#saved", status_code=303
            )
    return _record_page(
        request, context, viewer, person_id, errors=errors, status_code=422, entered=form
    )


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


def _admin(viewer: ClinicianDep) -> Viewer:
    if viewer.role != "admin":
        raise HTTPException(status_code=403, detail="This page is for the clinic's admin.")
    return viewer


AdminDep = Annotated[Viewer, Depends(_admin)]


def _staff_page(
    request: Request,
    context: ContextDep,
    viewer: Viewer,
    *,
    done: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "staff.html",
        status_code=status_code,
        viewer=viewer,
        active="staff",
        members=staff.staff(accounts.unit_of_work(context.engine)),
        done=done,
        error=error,
    )


@router.get("/staff", response_class=HTMLResponse)
def read_staff(request: Request, context: ContextDep, viewer: AdminDep) -> HTMLResponse:
    """The clinicians and admins, to disable, enable or remove (their patients are kept)."""
    return _staff_page(request, context, viewer)


@router.post("/staff/{email}/disabled", dependencies=[Depends(check_csrf)])
async def set_staff_disabled(
    request: Request, email: str, context: ContextDep, viewer: AdminDep
) -> Response:
    """Disable an account (its logins end at once) or enable it again."""
    disabled = str((await request.form()).get("disabled", "")) == "yes"
    if disabled and email.strip().lower() == (viewer.email or ""):
        return _staff_page(
            request, context, viewer, error="You cannot disable your own account.", status_code=422
        )
    try:
        accounts.set_disabled(accounts.unit_of_work(context.engine), email, disabled)
    except accounts.AccountError as exc:
        return _staff_page(request, context, viewer, error=str(exc), status_code=422)
    done = f"{'Disabled' if disabled else 'Enabled'} {email}."
    return _staff_page(request, context, viewer, done=done)


@router.post("/staff/{email}/remove", dependencies=[Depends(check_csrf)])
async def remove_staff(
    request: Request, email: str, context: ContextDep, viewer: AdminDep
) -> Response:
    """Remove an account; its patients are kept and move to the clinician chosen."""
    move_to = str((await request.form()).get("move_to", "")).strip() or None
    try:
        moved = staff.remove_clinician(
            accounts.unit_of_work(context.engine), email, move_to=move_to, by=viewer.email
        )
    except accounts.AccountError as exc:
        return _staff_page(request, context, viewer, error=str(exc), status_code=422)
    where = f" {moved} patient(s) now with {move_to}." if move_to else " Their patients are kept."
    return _staff_page(request, context, viewer, done=f"Removed {email}.{where}")


@router.post("/patients/{person_id}/clinician", dependencies=[Depends(check_csrf)])
async def move_patient(
    request: Request, person_id: str, context: ContextDep, viewer: AdminDep
) -> Response:
    """Give the patient to another clinician (an admin's action)."""
    to = str((await request.form()).get("clinician", "")).strip()
    try:
        staff.move_patient(accounts.unit_of_work(context.engine), person_id, to)
    except UnknownPerson:
        raise HTTPException(status_code=404) from None
    except accounts.AccountError as exc:
        return _record_page(
            request, context, viewer, person_id, errors={"clinician": str(exc)}, status_code=422
        )
    return RedirectResponse(f"/clinic/patients/{person_id}#clinician", status_code=303)
