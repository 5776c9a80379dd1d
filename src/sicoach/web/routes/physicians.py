"""Find a physician near you: red flags first, then the form, then providers nearest first.

Offline only (nothing typed here leaves the machine) and nothing about a search is stored.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sicoach.physicians.notices import red_flag_advice
from sicoach.services.physicians import NoDirectoryError, imported_source, search_physicians
from sicoach.web.deps import ContextDep, LoggedInDep, render
from sicoach.web.physician_form import (
    KIND_CHOICES,
    RADIUS_CHOICES,
    PhysicianForm,
    result_card,
    specialty_choices,
)

__all__ = ["router"]

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/physicians", response_class=HTMLResponse)
def read_physicians(request: Request, context: ContextDep, viewer: LoggedInDep) -> HTMLResponse:
    """The finder page; with ``?zip=`` it searches the imported NPPES directory."""
    form = PhysicianForm.from_query(request.query_params, request.query_params.getlist("specialty"))
    page: dict[str, Any] = {
        "viewer": viewer,
        "active": "physicians",
        "red_flags": red_flag_advice(context.settings.emergency_number),
        "form": form,
        "radius_choices": RADIUS_CHOICES,
        "kind_choices": KIND_CHOICES,
        "specialties": specialty_choices(),
    }
    if form.errors:
        return render(request, "physicians.html", status_code=422, **page)
    if not form.submitted:
        source = imported_source(context.uow())
        return render(request, "physicians.html", no_directory=source is None, **page)
    try:
        search = search_physicians(
            context.uow(),
            form.zip,
            radius_miles=form.radius_miles,
            specialties=form.specialties,
            kind=form.chosen_kind,
        )
    except NoDirectoryError:
        return render(request, "physicians.html", no_directory=True, **page)
    return render(
        request,
        "physicians.html",
        search=search,
        cards=[result_card(r, search.specialty_labels) for r in search.results],
        **page,
    )
