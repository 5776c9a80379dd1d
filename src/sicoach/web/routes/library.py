"""The exercise library: each stretch with its picture, steps, cues and cautions; a slideshow."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sicoach.catalog import UnknownExerciseError
from sicoach.web.deps import ContextDep, ViewerDep, render
from sicoach.web.pictures import picture_svg

__all__ = ["router"]

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/exercises", response_class=HTMLResponse)
def read_library(request: Request, context: ContextDep, viewer: ViewerDep) -> HTMLResponse:
    """All seven stretches, by group."""
    return render(request, "library.html", viewer=viewer, active="exercises")


@router.get("/exercises/slideshow", response_class=HTMLResponse)
def read_slideshow(
    request: Request,
    context: ContextDep,
    viewer: ViewerDep,
    slide: int = Query(1, ge=1, le=100),
) -> HTMLResponse:
    """One stretch per slide, in the seed's order; works with and without JavaScript."""
    exercises = context.catalog.exercises
    if slide > len(exercises):
        raise HTTPException(status_code=404)
    return render(
        request,
        "slideshow.html",
        viewer=viewer,
        active="exercises",
        exercise=exercises[slide - 1],
        slide=slide,
        slides=len(exercises),
    )


@router.get("/exercises/{exercise_id}/picture.svg")
def read_picture(exercise_id: str, context: ContextDep) -> Response:
    """The animated picture of one stretch (cached by the browser for a day)."""
    try:
        exercise = context.catalog.get(exercise_id)
    except UnknownExerciseError:
        raise HTTPException(status_code=404) from None
    return Response(
        picture_svg(exercise),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def read_exercise(
    request: Request, exercise_id: str, context: ContextDep, viewer: ViewerDep
) -> HTMLResponse:
    """One stretch in full."""
    try:
        exercise = context.catalog.get(exercise_id)
    except UnknownExerciseError:
        raise HTTPException(status_code=404) from None
    return render(request, "exercise.html", viewer=viewer, active="exercises", exercise=exercise)
