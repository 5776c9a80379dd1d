"""The typed schema of an exercise data file (``data/<id>.yaml``) and of a group.

Every field a later part of sicoach relies on is here, so a file that loads is a
file every part can use. Numbers are taken from the seed; where the seed gives none
the field is ``None`` and ``gaps`` says so in words.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sicoach.catalog.joints import JOINT_NAMES, POINTS, JointLimitError, check_angles

__all__ = [
    "EXERCISE_SCHEMA",
    "OWN_ADVICE",
    "Equipment",
    "Exercise",
    "Group",
    "GroupId",
    "HoldSeconds",
    "KeyPose",
    "Laterality",
    "Movement",
    "PictureCamera",
    "Position",
    "Prop",
    "PropKind",
    "Reference",
    "RepetitionUnit",
    "Repetitions",
    "Source",
    "Variation",
    "View",
    "ViewFrom",
    "WorkingSide",
]

EXERCISE_SCHEMA = "sicoach.exercise/1"

KebabId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]
Tolerance = Annotated[float, Field(gt=0, le=90)]


class GroupId(StrEnum):
    """The two groups of the seed."""

    TARGETED_MUSCLE = "targeted-muscle"
    PELVIC_ROTATION = "pelvic-rotation"


class Position(StrEnum):
    """Body position, in the order a session moves through them (least getting down first)."""

    STANDING = "standing"
    SITTING_ON_CHAIR = "sitting-on-chair"
    SITTING_ON_FLOOR = "sitting-on-floor"
    LYING_ON_BACK = "lying-on-back"
    LYING_ON_STOMACH = "lying-on-stomach"

    @property
    def order(self) -> int:
        """Rank in a session: standing first, lying on the stomach last."""
        return list(Position).index(self)

    @property
    def on_floor(self) -> bool:
        """Whether the person has to get down to the floor for it."""
        return self in {
            Position.SITTING_ON_FLOOR,
            Position.LYING_ON_BACK,
            Position.LYING_ON_STOMACH,
        }


class Equipment(StrEnum):
    """What the person needs at hand."""

    TWO_CHAIRS = "two-chairs"
    WALL = "wall"
    FLOOR = "floor"


class Laterality(StrEnum):
    """Whether a stretch is done one side at a time or both sides at once."""

    EACH_SIDE = "each-side"
    BOTH_SIDES_TOGETHER = "both-sides-together"


class RepetitionUnit(StrEnum):
    """What one count of repetitions covers."""

    SIDE = "side"
    SESSION = "session"
    DIRECTION = "direction"


class View(StrEnum):
    """The direction a picture of the exercise is drawn from: the one that shows the movement."""

    SIDE = "side"
    FRONT = "front"
    TOP = "top"


class ViewFrom(StrEnum):
    """Which side of the person the picture is seen from."""

    WORKING_SIDE = "working-side"
    OTHER_SIDE = "other-side"


class WorkingSide(StrEnum):
    """Which side does the work in the poses as written; the other side is their mirror."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class PropKind(StrEnum):
    """Things in the picture besides the person (the ground itself is always drawn)."""

    CHAIR = "chair"
    WALL = "wall"
    FLOOR = "floor"  # the person sits or lies on the floor: a mat is drawn under them


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PictureCamera(_Strict):
    """Where the pictures are drawn from, when the view's usual camera does not show the
    stretch well: ``azimuth`` degrees round from straight in front of the body toward
    the side named by ``view_from`` (90 is from that side), ``elevation`` degrees above
    level. The camera check keeps using ``view``."""

    azimuth: Annotated[float, Field(ge=-180, le=180)]
    elevation: Annotated[float, Field(ge=0, le=89)]


class HoldSeconds(_Strict):
    """Hold time at the start and the goal it builds up to, each as [min, max] seconds."""

    start: tuple[float, float]
    goal: tuple[float, float]

    @model_validator(mode="after")
    def _ranges_make_sense(self) -> HoldSeconds:
        for name, (low, high) in (("start", self.start), ("goal", self.goal)):
            if not 0 < low <= high:
                raise ValueError(
                    f"{name} must be [min, max] with 0 < min <= max, got {[low, high]}"
                )
        if self.start[0] > self.goal[0] or self.start[1] > self.goal[1]:
            raise ValueError("start hold cannot be longer than the goal hold")
        return self


class Repetitions(_Strict):
    """How many times, and what one count covers."""

    min: Annotated[int, Field(ge=1)]
    max: Annotated[int, Field(ge=1)]
    per: RepetitionUnit

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Repetitions:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class Variation(_Strict):
    """A named way of doing the stretch that the seed describes."""

    id: KebabId
    name: Text
    description: Text
    advanced: bool = False


class Reference(_Strict):
    """A related video or slideshow the seed points to, by title."""

    kind: Literal["video", "slideshow", "article"]
    title: Text


class Source(_Strict):
    """Where the content comes from, with the seed's own sentences for checking."""

    document: Text
    section: Text
    quotes: Annotated[list[Text], Field(min_length=1)]


class Prop(_Strict):
    """A chair, wall or floor, placed where it touches the body in the first pose.

    A chair stands under the point it supports (``pelvis`` for the seat you sit on,
    ``ankle_left`` for the chair a straight leg rests on); a wall stands just beyond
    the point that leans on it (a hand).
    """

    kind: PropKind
    touches: str | None = None

    @model_validator(mode="after")
    def _touches_a_body_point(self) -> Prop:
        if self.kind is PropKind.FLOOR:
            if self.touches is not None:
                raise ValueError("the floor touches whatever is lowest; leave 'touches' out")
        elif self.touches not in POINTS:
            raise ValueError(f"{self.kind.value} must touch one of {', '.join(POINTS)}")
        return self


class KeyPose(_Strict):
    """One key position of a stretch as joint angles (degrees; missing joints are 0).

    ``tolerance_degrees`` names the joints that define the pose and how far each may
    differ for a person to count as being in it (the camera check's targets).
    ``held`` marks the position the stretch is held in.
    """

    name: KebabId
    description: Text
    held: bool = False
    angles: dict[str, float]
    tolerance_degrees: Annotated[dict[str, Tolerance], Field(min_length=1)]

    @field_validator("angles")
    @classmethod
    def _angles_within_limits(cls, angles: dict[str, float]) -> dict[str, float]:
        try:
            check_angles(angles)
        except JointLimitError as exc:
            raise ValueError(str(exc)) from None
        return angles

    @field_validator("tolerance_degrees")
    @classmethod
    def _tolerances_name_joints(cls, tolerances: dict[str, float]) -> dict[str, float]:
        unknown = [name for name in tolerances if name not in JOINT_NAMES]
        if unknown:
            raise ValueError(f"unknown joint(s) {', '.join(map(repr, unknown))}")
        return tolerances


OWN_ADVICE = "sicoach's own advice"

# The words a movement line may leave to the session: the side being worked and the other.
SIDE_WORDS = ("side", "other")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class Movement(_Strict):
    """What a session says to move, step by step, in sicoach's words faithful to the seed.

    ``get_ready`` takes the person into the starting position; ``into`` (one line per
    held pose) moves them into the stretch; ``hold`` is the one short form cue said
    while holding (one of the exercise's ``cues``); ``out_of`` (one line per held
    pose) brings them back; ``switch`` is said when changing to the other side. In a
    one-sided stretch ``{side}`` stands for the side being worked ("left" or "right")
    and ``{other}`` for the other one.
    """

    get_ready: Text
    into: Annotated[dict[str, Text], Field(min_length=1)]
    hold: Text
    out_of: Annotated[dict[str, Text], Field(min_length=1)]
    switch: Text | None = None

    def lines(self) -> list[str]:
        """Every line, as written (with its placeholders)."""
        extra = [] if self.switch is None else [self.switch]
        return [self.get_ready, *self.into.values(), self.hold, *self.out_of.values(), *extra]

    @staticmethod
    def spoken(line: str, side: str) -> str:
        """``line`` for ``side`` ("left", "right" or "both"): the placeholders filled in."""
        other = {"left": "right", "right": "left"}.get(side, side)
        return line.format(side=side, other=other)


class Exercise(_Strict):
    """One stretch, as everything else in sicoach sees it."""

    schema_: Literal["sicoach.exercise/1"] = Field(alias="schema")
    id: KebabId
    name: Text
    group: GroupId
    order: Annotated[int, Field(ge=1)]
    summary: Text
    position: Position
    equipment: Annotated[list[Equipment], Field(min_length=1)]
    laterality: Laterality
    target_muscles: Annotated[list[Text], Field(min_length=1)]
    starting_position: Text
    steps: Annotated[list[Text], Field(min_length=1)]
    feel: Text
    hold_seconds: HoldSeconds
    repetitions: Repetitions | None
    cues: Annotated[list[Text], Field(min_length=1)]
    cautions: Annotated[list[Text], Field(min_length=1)]
    variations: list[Variation] = []
    references: list[Reference] = []
    gaps: list[Text] = []
    # Cues and cautions above that are sicoach's own advice, not the source's words.
    ours: list[Text] = []
    source: Source
    view: View
    view_from: ViewFrom = ViewFrom.WORKING_SIDE
    camera: PictureCamera | None = None
    working_side: WorkingSide
    props: list[Prop] = []
    poses: Annotated[list[KeyPose], Field(min_length=2)]
    animation: list[str] | None = None
    movement: Movement

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _poses_cover_the_stretch(self) -> Exercise:
        names = [p.name for p in self.poses]
        problems = []
        if len(set(names)) != len(names):
            problems.append(f"pose names repeat: {names}")
        reps = self.repetitions
        per_direction = reps is not None and reps.per is RepetitionUnit.DIRECTION
        held = [v.id for v in self.variations] if per_direction else ["stretched"]
        missing = [n for n in ["start", *held] if n not in names]
        if missing:
            problems.append(f"missing pose(s) {', '.join(missing)}")
        elif names[0] != "start":
            problems.append("the first pose must be 'start'")
        not_held = [n for n in held if n in names and not self.pose(n).held]
        if not_held:
            problems.append(f"pose(s) {', '.join(not_held)} must be held: true")
        unknown = [n for n in self.animation or [] if n not in names]
        if unknown:
            problems.append(f"animation names unknown pose(s) {', '.join(unknown)}")
        both = self.working_side is WorkingSide.BOTH
        if both != (self.laterality is Laterality.BOTH_SIDES_TOGETHER):
            problems.append("working_side is 'both' exactly when laterality is both-sides-together")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def pose(self, name: str) -> KeyPose:
        """The key pose called ``name`` (``KeyError`` naming the poses there are)."""
        for pose in self.poses:
            if pose.name == name:
                return pose
        known = ", ".join(p.name for p in self.poses)
        raise KeyError(f"{self.id} has no pose {name!r}; poses: {known}")

    @property
    def animation_sequence(self) -> list[str]:
        """Pose names in the order the animation plays (default: each in turn, then start)."""
        if self.animation is not None:
            return list(self.animation)
        return [p.name for p in self.poses] + [self.poses[0].name]

    def path_into(self, held: str) -> list[str]:
        """The poses a picture passes through moving into the held pose ``held``, in order.

        Read from the animation: the poses just before ``held`` back to the start or to
        the previous held pose (so a second direction starts where the first one ended).
        A held pose the animation does not show is reached straight from the start.
        """
        sequence = self.animation_sequence
        if held not in sequence:
            return [self.poses[0].name, held]
        end = sequence.index(held)
        begin = end
        while begin > 0 and not self.pose(sequence[begin - 1]).held:
            begin -= 1
        return sequence[begin : end + 1] if begin < end else [self.poses[0].name, held]

    def path_out_of(self, held: str) -> list[str]:
        """The poses a picture passes through coming out of ``held``: up to the next held
        pose of the animation (not included) or its end; straight back to the start for a
        held pose the animation does not show."""
        sequence = self.animation_sequence
        if held not in sequence:
            return [held, self.poses[0].name]
        begin = sequence.index(held)
        end = begin + 1
        while end < len(sequence) and not self.pose(sequence[end]).held:
            end += 1
        return sequence[begin:end] if end > begin + 1 else [held, self.poses[0].name]

    @model_validator(mode="after")
    def _ours_names_cues_or_cautions(self) -> Exercise:
        unknown = [text for text in self.ours if text not in (*self.cues, *self.cautions)]
        if unknown:
            raise ValueError(f"ours names text that is not a cue or caution: {unknown}")
        return self

    def is_ours(self, text: str) -> bool:
        """Whether a cue or caution is sicoach's own advice rather than the source's."""
        return text in self.ours

    def as_shown(self, text: str) -> str:
        """A cue or caution as pages and handouts show it, marked when it is sicoach's own."""
        return f"{text} ({OWN_ADVICE})" if self.is_ours(text) else text

    @model_validator(mode="after")
    def _gaps_explain_missing_numbers(self) -> Exercise:
        if self.repetitions is None and not any("repetition" in g.lower() for g in self.gaps):
            raise ValueError(
                "repetitions is null, so gaps must say the source gives no repetitions"
            )
        if self.repetitions is not None and self.repetitions.per is RepetitionUnit.DIRECTION:
            if len(self.variations) < 2:
                raise ValueError("repetitions per direction needs the directions as variations")
        return self

    @model_validator(mode="after")
    def _movement_fits_the_poses(self) -> Exercise:
        move = self.movement
        held = [p.name for p in self.poses if p.held]
        problems = []
        for field, lines in (("into", move.into), ("out_of", move.out_of)):
            if sorted(lines) != sorted(held):
                problems.append(f"movement.{field} must name each held pose: {', '.join(held)}")
        if move.hold not in self.cues:
            problems.append("movement.hold must be one of the cues")
        allowed = set(SIDE_WORDS) if self.one_side_at_a_time else set()
        for line in move.lines():
            unknown = set(_PLACEHOLDER.findall(line)) - allowed
            if unknown or line.count("{") != line.count("}"):
                words = ", ".join(f"{{{w}}}" for w in sorted(allowed)) or "none"
                problems.append(f"movement line {line!r} may use only these blanks: {words}")
        if move.switch is not None and not self.one_side_at_a_time:
            problems.append("movement.switch is only for stretches done one side at a time")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def one_side_at_a_time(self) -> bool:
        """Whether each side is stretched on its own."""
        return self.laterality is Laterality.EACH_SIDE


class Group(_Strict):
    """One of the seed's two groups and why it exists."""

    id: GroupId
    name: Text
    purpose: Text
    references: list[Reference] = []


class GroupsFile(_Strict):
    """``data/groups.yaml``: the groups and the catalog-wide cautions and references."""

    schema_: Literal["sicoach.groups/1"] = Field(alias="schema")
    groups: Annotated[list[Group], Field(min_length=1)]
    general_cautions: Annotated[list[Text], Field(min_length=1)]
    references: list[Reference] = []
    source: Source

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
