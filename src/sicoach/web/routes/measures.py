"""A person's outcome measures on the web: the PSFS (activities, then ratings) and the ODI.

The Oswestry questions are licensed, so the ODI form is shown only when the clinic
has loaded its wording (``sicoach odi wording load``), as the terminal does; sicoach
ships none. The clinician sees the results on the patient's page.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sicoach.outcomes.errors import OutcomeError
from sicoach.outcomes.oswestry import SECTION_MAX, SECTIONS
from sicoach.outcomes.psfs import RATING_MAX
from sicoach.rules import PSFS_ACTIVITIES
from sicoach.services import coaching, outcomes
from sicoach.web.csrf import check_csrf
from sicoach.web.deps import ContextDep, PersonViewerDep, render

__all__ = ["router"]

router = APIRouter(tags=["measures"], include_in_schema=False)


def _page(
    request: Request,
    context: ContextDep,
    viewer: PersonViewerDep,
    *,
    errors: dict[str, str] | None = None,
    entered: dict[str, str] | None = None,
    saved: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    uow = context.uow()
    progress = coaching.progress_view(uow, viewer.person_id, viewer.today())
    return render(
        request,
        "measures.html",
        status_code=status_code,
        viewer=viewer,
        active="progress",
        activities=outcomes.psfs_activities(uow, viewer.person_id),
        wording=outcomes.odi_wording(uow),
        summary=progress.summary,
        sections=SECTIONS,
        section_max=SECTION_MAX,
        rating_max=RATING_MAX,
        activity_counts=PSFS_ACTIVITIES.value,
        errors=errors or {},
        entered=entered or {},
        saved=saved,
    )


@router.get("/measures", response_class=HTMLResponse)
def read_measures(
    request: Request, context: ContextDep, viewer: PersonViewerDep, saved: str | None = None
) -> HTMLResponse:
    """The PSFS and, with a licensed wording, the Oswestry questionnaire."""
    return _page(request, context, viewer, saved=saved if saved in ("psfs", "odi") else None)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v).strip() for k, v in (await request.form()).items()}


@router.post("/measures/psfs/activities", dependencies=[Depends(check_csrf)])
async def set_activities(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Name the 3 to 5 activities the pain makes hard; the next ratings are of these."""
    form = await _form(request)
    low, high = PSFS_ACTIVITIES.value
    names = [form.get(f"activity.{n}", "") for n in range(high)]
    try:
        outcomes.set_psfs_activities(context.uow(), viewer.person_id, [n for n in names if n])
    except OutcomeError:
        errors = {
            "activities": f"Please name {low} to {high} different activities, "
            "each in a few words (for example: putting on socks)."
        }
        return _page(request, context, viewer, errors=errors, entered=form, status_code=422)
    return RedirectResponse("/measures#psfs", status_code=303)


@router.post("/measures/psfs", dependencies=[Depends(check_csrf)])
async def rate_activities(
    request: Request, context: ContextDep, viewer: PersonViewerDep
) -> Response:
    """Rate each activity from 0 (unable to do it) to 10 (as before the pain)."""
    form = await _form(request)
    uow = context.uow()
    names = outcomes.psfs_activities(uow, viewer.person_id)
    ratings: list[int] = []
    errors: dict[str, str] = {}
    for index in range(len(names)):
        raw = form.get(f"rating.{index}", "")
        if not raw.isdigit() or int(raw) > RATING_MAX:
            errors[f"rating.{index}"] = f"Please choose a number from 0 to {RATING_MAX}."
        else:
            ratings.append(int(raw))
    if not names:
        errors["activities"] = "Please name your activities first."
    if not errors:
        try:
            outcomes.record_psfs(uow, viewer.person_id, ratings)
        except OutcomeError:
            errors["activities"] = "Your activities changed meanwhile: please rate them again."
    if errors:
        return _page(request, context, viewer, errors=errors, entered=form, status_code=422)
    return RedirectResponse("/measures?saved=psfs#psfs", status_code=303)


@router.post("/measures/odi", dependencies=[Depends(check_csrf)])
async def answer_odi(request: Request, context: ContextDep, viewer: PersonViewerDep) -> Response:
    """The Oswestry questionnaire, one statement per section (a section may stay blank)."""
    form = await _form(request)
    uow = context.uow()
    if outcomes.odi_wording(uow) is None:
        errors = {"odi": "This questionnaire is not set up here: ask your clinician."}
        return _page(request, context, viewer, errors=errors, status_code=409)
    answers: dict[str, int | None] = {}
    errors = {}
    for section in SECTIONS:
        raw = form.get(f"odi.{section}", "")
        if raw and (not raw.isdigit() or int(raw) > SECTION_MAX):
            errors[f"odi.{section}"] = "Please choose one of the statements."
        answers[section] = int(raw) if raw.isdigit() else None
    if not any(v is not None for v in answers.values()):
        errors["odi"] = "Please choose a statement in each section."
    if errors:
        return _page(request, context, viewer, errors=errors, entered=form, status_code=422)
    outcomes.record_odi(uow, viewer.person_id, answers)
    return RedirectResponse("/measures?saved=odi#odi", status_code=303)
