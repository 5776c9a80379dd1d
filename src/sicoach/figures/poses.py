"""An exercise's key poses for a chosen side: the data the pictures and the camera check share."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from sicoach.catalog.joints import mirror

if TYPE_CHECKING:
    from sicoach.catalog.schema import Exercise

__all__ = [
    "Side",
    "pose_angles",
    "pose_words",
    "sides_of",
]

Side = Literal["left", "right", "both"]


def sides_of(exercise: Exercise) -> list[Side]:
    """The sides the stretch is done on: ``["left", "right"]`` or ``["both"]``."""
    return ["both"] if exercise.working_side.value == "both" else ["left", "right"]


def pose_angles(exercise: Exercise, pose_name: str, side: Side | None = None) -> dict[str, float]:
    """The joint angles of one key pose, done with ``side`` (default: as written in the data).

    The data describes each pose for one working side; asking for the other side
    mirrors it. A symmetric stretch (``both``) has only one version.
    """
    angles = dict(exercise.pose(pose_name).angles)
    written = exercise.working_side.value
    if side is None or side == written:
        return angles
    if "both" in (side, written):
        raise ValueError(f"{exercise.id} works {written!r}; there is no {side!r} version")
    return mirror(angles)


_SIDE_WORD = re.compile(r"\b(left|right)\b")


def pose_words(exercise: Exercise, pose_name: str, side: Side | None = None) -> str:
    """The key pose's description, for ``side``: "left" and "right" swapped when mirrored."""
    words = exercise.pose(pose_name).description
    written = exercise.working_side.value
    if side is None or side == written or "both" in (side, written):
        return words
    return _SIDE_WORD.sub(lambda m: "right" if m.group(1) == "left" else "left", words)
