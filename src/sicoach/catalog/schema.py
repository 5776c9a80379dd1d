"""The typed schema of an exercise data file (``data/<id>.yaml``) and of a group.

Every field a later part of sicoach relies on is here, so a file that loads is a
file every part can use. Numbers are taken from the seed; where the seed gives none
the field is ``None`` and ``gaps`` says so in words.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "EXERCISE_SCHEMA",
    "Equipment",
    "Exercise",
    "Group",
    "GroupId",
    "HoldSeconds",
    "Laterality",
    "Position",
    "Reference",
    "RepetitionUnit",
    "Repetitions",
    "Source",
    "Variation",
]

EXERCISE_SCHEMA = "sicoach.exercise/1"

KebabId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]


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
    source: Source

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

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
