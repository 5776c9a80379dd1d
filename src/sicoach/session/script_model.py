"""A session script (DESIGN.md contract 8) and a session record, as typed values.

Making a script from a plan is :mod:`sicoach.session.script`; playing it is
:mod:`sicoach.session.runner`. This module only says what they are.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCRIPT_SCHEMA",
    "SESSION_RECORD_SCHEMA",
    "Phase",
    "Script",
    "ScriptStep",
    "SessionRecord",
    "StepOutcome",
    "StepResult",
]

SCRIPT_SCHEMA = "sicoach.script/1"
SESSION_RECORD_SCHEMA = "sicoach.session/1"


class Phase(StrEnum):
    GET_READY = "get-ready"
    HOLD = "hold"
    RELEASE = "release"
    SWITCH_SIDE = "switch-side"
    REST = "rest"
    DONE = "done"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScriptStep(_Frozen):
    """One timed step: what to do, for how long, and what to say."""

    exercise: str | None
    side: Literal["left", "right", "both"] | None
    rep: Annotated[int, Field(ge=1)] | None
    phase: Phase
    seconds: Annotated[float, Field(ge=0)]
    cue: str


class Script(_Frozen):
    """The whole session as a list of steps, one step per hold."""

    schema_: Literal["sicoach.script/1"] = Field(default="sicoach.script/1", alias="schema")
    total_seconds: float
    steps: list[ScriptStep]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def to_json_dict(self) -> dict[str, Any]:
        """The script as contract 8's JSON object."""
        return self.model_dump(mode="json", by_alias=True)


class StepOutcome(StrEnum):
    COMPLETED = "completed"
    SKIPPED = "skipped"
    NOT_REACHED = "not-reached"


class StepResult(_Frozen):
    """What happened to one step: planned and actual seconds, done or skipped."""

    index: Annotated[int, Field(ge=0)]
    exercise: str | None
    side: Literal["left", "right", "both"] | None
    rep: int | None
    phase: Phase
    planned_seconds: Annotated[float, Field(ge=0, le=3600)]
    actual_seconds: Annotated[float, Field(ge=0, le=3600)]
    outcome: StepOutcome


class SessionRecord(_Frozen):
    """One session as it happened: when, each step, whether it finished, and pain."""

    schema_: Literal["sicoach.session/1"] = Field(default="sicoach.session/1", alias="schema")
    id: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    steps: list[StepResult]
    pain_before: Annotated[int, Field(ge=0, le=10)] | None = None
    pain_during: Annotated[int, Field(ge=0, le=10)] | None = None
    pain_after: Annotated[int, Field(ge=0, le=10)] | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
