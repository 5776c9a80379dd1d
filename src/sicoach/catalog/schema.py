"""The typed schema of an exercise data file (``data/<id>.yaml``) and of a group.

Every field a later part of sicoach relies on is here, so a file that loads is a
file every part can use. Numbers are taken from the seed; where the seed gives none
the field is ``None`` and ``gaps`` says so in words.
"""

from __future__ import annotations

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
    working_side: WorkingSide
    props: list[Prop] = []
    poses: Annotated[list[KeyPose], Field(min_length=2)]
    animation: list[str] | None = None

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
