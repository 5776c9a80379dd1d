"""The camera check report (DESIGN.md contract 3) and how far it can be trusted.

``{"schema": "sicoach.check/1", "frames": n, "holds": [...], "summary": {...}}``:
each hold has exactly ``exercise``, ``side``, ``start``, ``end``,
``held_seconds`` and ``faults`` (the catalog's own cues). The summary adds the
repetitions per side and a confidence with its reasons: how well the body was
seen, and how far the camera was from the view each stretch is best seen from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from sicoach.catalog.schema import Position
from sicoach.rules import CONFIDENT_VIEW_OFFSET_DEGREES, CONFIDENT_VISIBILITY
from sicoach.vision.angles import CORE_LANDMARKS, FRONT_SHOULDER_SPAN, SIDEWAYS_FEATURES
from sicoach.vision.recognise import Analysis, Hold

__all__ = ["CHECK_SCHEMA", "build_report", "degrees_from_side"]

CHECK_SCHEMA = "sicoach.check/1"

_LYING = frozenset({Position.LYING_ON_BACK, Position.LYING_ON_STOMACH})


def degrees_from_side(shoulder_span: float) -> float:
    """The camera's angle from a side-on view, from how wide the shoulders look.

    ``shoulder_span`` is the shoulder width over the trunk length in the image,
    compared with the body model's seen from straight in front.
    """
    if not math.isfinite(shoulder_span):
        return math.nan
    return math.degrees(math.asin(min(max(shoulder_span / FRONT_SHOULDER_SPAN, 0.0), 1.0)))


def _hold(hold: Hold) -> dict[str, Any]:
    return {
        "exercise": hold.exercise,
        "side": hold.side,
        "start": round(hold.start, 2),
        "end": round(hold.end, 2),
        "held_seconds": round(hold.held_seconds, 2),
        "faults": list(hold.faults),
    }


def _reps(holds: Sequence[Hold]) -> dict[str, dict[str, int]]:
    reps: dict[str, dict[str, int]] = {}
    for hold in holds:
        sides = reps.setdefault(hold.exercise, {})
        sides[hold.side] = sides.get(hold.side, 0) + 1
    return reps


def _median(values: np.ndarray[Any, Any]) -> float:
    finite = values[np.isfinite(values)]
    return float(np.median(finite)) if finite.size else math.nan


_LYING_REASON = "lying positions are not validated for camera measurement (clinical-facts §7)"


def _hold_reasons(analysis: Analysis, hold: Hold) -> tuple[float, list[str]]:
    """How far the camera was from the hold's best view (degrees), and what limits the hold."""
    template = hold.template
    span = _median(analysis.features["shoulder_span"][hold.first_frame : hold.last_frame + 1])
    offset = abs(degrees_from_side(span) - degrees_from_side(template.shoulder_span))
    reasons = []
    if offset > CONFIDENT_VIEW_OFFSET_DEGREES.value:
        reasons.append(f"{hold.exercise}: the camera was about {offset:.0f}° from its best view")
    if template.position in _LYING:
        reasons.append(_LYING_REASON)
    for cue in template.unjudged:
        reasons.append(f"{hold.exercise}: cannot judge from this view: {cue}")
    if SIDEWAYS_FEATURES & set(template.tolerances):
        reasons.append(
            f"{hold.exercise}: sideways and twisting movement is poorly measured by one camera"
        )
    return offset, reasons


def _confidence(analysis: Analysis) -> dict[str, Any]:
    recording = analysis.recording
    present = recording.present
    core = recording.visibility[present][:, CORE_LANDMARKS]
    visibility = float(core.mean()) if core.size else 0.0
    view = degrees_from_side(_median(analysis.features["shoulder_span"]))
    reasons: list[str] = []
    if visibility < CONFIDENT_VISIBILITY.value:
        reasons.append(f"the body was poorly seen (mean visibility {visibility:.2f})")
    offsets = []
    for hold in analysis.holds:
        offset, limits = _hold_reasons(analysis, hold)
        offsets.append(offset)
        reasons.extend(limits)
    if not analysis.holds and view > CONFIDENT_VIEW_OFFSET_DEGREES.value:
        offsets.append(view)
        reasons.append(
            f"the camera was about {view:.0f}° from side-on, the best view for most stretches"
        )
    far = any(o > CONFIDENT_VIEW_OFFSET_DEGREES.value for o in offsets)
    low = far or visibility < CONFIDENT_VISIBILITY.value
    return {
        "level": "low" if low else ("medium" if reasons else "high"),
        "visibility": round(visibility, 2),
        "view_degrees_from_side": None if math.isnan(view) else round(view),
        "reasons": list(dict.fromkeys(reasons)),
    }


def build_report(analysis: Analysis) -> dict[str, Any]:
    """Contract 3 for one analysed recording."""
    recording = analysis.recording
    frames = recording.frames
    duration = (
        float(recording.times[-1] - recording.times[0] + recording.frame_step) if frames else 0.0
    )
    return {
        "schema": CHECK_SCHEMA,
        "frames": frames,
        "holds": [_hold(h) for h in analysis.holds],
        "summary": {
            "seconds": round(duration, 2),
            "person_seen": round(float(recording.present.mean()), 3) if frames else 0.0,
            "measured": round(float(analysis.seen.mean()), 3) if frames else 0.0,
            "reps": _reps(analysis.holds),
            "confidence": _confidence(analysis),
        },
    }
