"""What the picture shows at each step of a session script: which poses, which side, moving when.

Getting ready, a rest or a change of side shows the pose the person is in and, in
the step's last seconds (``rules.PICTURE_MOVE_SECONDS``), moves into the coming hold;
a hold shows the held pose still; a release moves back out of it over the whole
step. One-sided stretches are shown for the side being worked (the pictures mirror
the poses). The web page, the terminal and the handout follow this list, so the
picture never runs on its own clock.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from sicoach.catalog import Catalog
from sicoach.program.plan import holds
from sicoach.program.plan_model import Plan
from sicoach.rules import PICTURE_MOVE_SECONDS
from sicoach.session.script import held_pose
from sicoach.session.script_model import Phase, Script, ScriptStep

__all__ = ["Motion", "StepPicture", "step_pictures"]

Motion = Literal["still", "at-end", "whole-step"]


class StepPicture(BaseModel):
    """The picture of one step: key poses in order (one pose: a still), side and motion.

    ``motion`` says when the figure moves through ``poses``: not at all, in the last
    ``move_seconds`` of the step, or over the whole step. ``held`` is the held pose
    the step belongs to or leads into.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise: str
    side: Literal["left", "right", "both"]
    poses: list[str]
    motion: Motion
    move_seconds: float
    held: str

    @property
    def shown_last(self) -> str:
        """The pose the picture shows when the step ends."""
        return self.poses[-1]


def step_pictures(script: Script, plan: Plan, catalog: Catalog) -> list[StepPicture | None]:
    """The picture for each step of ``script`` (made from ``plan``), ``None`` for the end.

    An exercise's hold steps come in the order of :func:`holds`, so the k-th hold of
    an exercise is its k-th hold; the rest between two stretches shows the next
    stretch's starting pose.
    """
    planned = {p.id: p for p in plan.exercises}
    seen: dict[str, int] = {}
    held: dict[int, str] = {}
    for index, step in enumerate(script.steps):
        if step.phase is Phase.HOLD and step.exercise in planned:
            exercise = catalog.get(step.exercise)
            sequence = holds(planned[step.exercise], exercise)
            count = seen.get(step.exercise, 0)
            seen[step.exercise] = count + 1
            held[index] = held_pose(
                planned[step.exercise], exercise, sequence[count % len(sequence)]
            )
    return [_picture(script.steps, index, held, catalog) for index in range(len(script.steps))]


def _picture(
    steps: list[ScriptStep], index: int, held: dict[int, str], catalog: Catalog
) -> StepPicture | None:
    step = steps[index]
    if step.phase is Phase.DONE:
        return None
    if step.phase is Phase.HOLD:
        return _made(step, [held[index]], "still", 0.0, held[index])
    if step.phase is Phase.RELEASE:
        before = max(i for i in held if i < index)
        exercise = catalog.get(_id(step))
        return _made(
            step, exercise.path_out_of(held[before]), "whole-step", step.seconds, held[before]
        )
    following = min((i for i in held if i > index), default=None)
    if following is None:
        return None
    coming = steps[following]
    exercise = catalog.get(_id(coming))
    path = exercise.path_into(held[following])
    if step.exercise is None:
        return _made(coming, path[:1], "still", 0.0, held[following])
    moving = min(step.seconds, float(PICTURE_MOVE_SECONDS.value))
    return _made(step, path, "at-end", moving, held[following])


def _id(step: ScriptStep) -> str:
    if step.exercise is None:
        raise ValueError("a step of a stretch names its exercise")
    return step.exercise


def _made(
    step: ScriptStep, poses: list[str], motion: Motion, seconds: float, held: str
) -> StepPicture:
    if step.side is None:
        raise ValueError("a step of a stretch names its side")
    return StepPicture(
        exercise=_id(step),
        side=step.side,
        poses=poses,
        motion=motion,
        move_seconds=seconds,
        held=held,
    )
