"""The exercise library: each stretch with its picture, steps, cues and cautions; a slideshow."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sicoach.catalog import Exercise, UnknownExerciseError
from sicoach.web.deps import ContextDep, ViewerDep, render
from sicoach.web.pictures import movement_svg, picture_svg, pose_svg

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


def _exercise(context: ContextDep, exercise_id: str) -> Exercise:
    try:
        return context.catalog.get(exercise_id)
    except UnknownExerciseError:
        raise HTTPException(status_code=404) from None


def _side(exercise: Exercise, side: str) -> Literal["left", "right", "both"]:
    """The side asked for, if the stretch has it (422 naming the sides it has, if not)."""
    sides = ["both"] if exercise.working_side.value == "both" else ["left", "right"]
    if side not in sides:
        raise HTTPException(
            status_code=422, detail=f"{exercise.name} is drawn for: {', '.join(sides)}"
        )
    return "both" if side == "both" else ("left" if side == "left" else "right")


def _svg(svg: str) -> Response:
    return Response(
        svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"}
    )


@router.get("/exercises/{exercise_id}/poses/{pose}.svg")
def read_pose_picture(
    exercise_id: str,
    pose: str,
    context: ContextDep,
    side: str = Query("both", description="The side being worked: left, right or both."),
) -> Response:
    """A still of one key pose of a stretch, for one side (a session step's picture)."""
    exercise = _exercise(context, exercise_id)
    if pose not in {p.name for p in exercise.poses}:
        raise HTTPException(status_code=404)
    return _svg(pose_svg(exercise, pose, _side(exercise, side)))


@router.get("/exercises/{exercise_id}/movement.svg")
def read_movement_picture(
    exercise_id: str,
    context: ContextDep,
    poses: str = Query(..., max_length=200, description="Key poses in order, comma-separated."),
    side: str = Query("both", description="The side being worked: left, right or both."),
    seconds: float = Query(3.0, ge=0.05, le=60, description="How long the movement takes."),
) -> Response:
    """The movement of a stretch through some of its key poses, played once and then held."""
    exercise = _exercise(context, exercise_id)
    names = tuple(poses.split(","))
    known = {p.name for p in exercise.poses}
    unknown = [n for n in names if n not in known]
    if unknown or len(names) < 2:
        detail = f"unknown pose(s): {', '.join(unknown)}" if unknown else "name two poses or more"
        raise HTTPException(status_code=422, detail=detail)
    return _svg(movement_svg(exercise, names, _side(exercise, side), round(seconds, 2)))


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
