"""Every clinical rule and threshold sicoach applies that is not a number in the seed.

One reviewable place: a clinician can read this module top to bottom and see each
rule, its value and where it comes from. ``ours=True`` marks sicoach's own choice
where the sources are silent; those are settings, not medical facts. Source tags
follow ``clinical-facts.md``: [P] primary source seen, [S] secondary summary only,
[U] not confirmed.

``sicoach rules`` prints this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["RULES", "Rule", "DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT"]

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One rule: a named value, what it means, and where it comes from."""

    name: str
    value: T
    meaning: str
    source: str
    ours: bool


RULES: list[Rule[object]] = []


def _rule(name: str, value: T, meaning: str, source: str, *, ours: bool) -> Rule[T]:
    rule = Rule(name=name, value=value, meaning=meaning, source=source, ours=ours)
    RULES.append(rule)  # type: ignore[arg-type]
    return rule


# --- Catalog gaps -----------------------------------------------------------------
# The seed gives no repetitions for the hip adductor stretch or the lower trunk
# rotation. A plan still needs a number; this one sits inside the 2-4 reps that
# clinical-facts §1 reports [S].
DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT = _rule(
    "default_repetitions_when_source_silent",
    3,
    "Repetitions used in a plan when the seed gives none (per side for one-sided stretches).",
    "clinical-facts §1: about 60 s per stretch per session, 2-4 reps [S]",
    ours=True,
)


# --- Camera check (vision) ----------------------------------------------------------
# Single-camera pose estimates are good side-on and poor for twisting; none of these
# thresholds is validated clinically (clinical-facts §7). They are sicoach's own
# settings for recognising a held stretch and are measured against synthetic data.
VISIBILITY_GATE = _rule(
    "visibility_gate",
    0.5,
    "Mean MediaPipe visibility (0-1) of shoulders, hips, knees and ankles below which a "
    "frame is not measured; a short run of such frames does not end a hold.",
    "clinical-facts §7 (visibility 0-1 per landmark) [P]; the cut-off is ours",
    ours=True,
)
SITTING_HIP_FLEXION_DEGREES = _rule(
    "sitting_hip_flexion_degrees",
    45.0,
    "Both hips bent at least this much (as the picture shows them) reads as sitting.",
    "sicoach's own classification threshold",
    ours=True,
)
SITTING_TRUNK_INCLINE_DEGREES = _rule(
    "sitting_trunk_incline_degrees",
    65.0,
    "Sitting needs the trunk within this many degrees of upright (leaning forward to reach "
    "the toes stays within it).",
    "sicoach's own classification threshold",
    ours=True,
)
LYING_TRUNK_INCLINE_DEGREES = _rule(
    "lying_trunk_incline_degrees",
    45.0,
    "A trunk tilted at least this far from upright (and not sitting) reads as lying.",
    "sicoach's own classification threshold",
    ours=True,
)
SITTING_ON_CHAIR_KNEE_FLEXION_DEGREES = _rule(
    "sitting_on_chair_knee_flexion_degrees",
    45.0,
    "Sitting with a knee bent at least this much reads as sitting on a chair (a foot on the "
    "floor); with both legs straight, as sitting on the floor.",
    "sicoach's own classification threshold",
    ours=True,
)
SUPINE_FACE_UP = _rule(
    "supine_face_up",
    0.2,
    "Lying with the nose pointing up by at least this sine (about 12 degrees) reads as lying on "
    "the back; a face turned toward the floor, as lying on the stomach.",
    "sicoach's own classification threshold",
    ours=True,
)
ANGLE_SMOOTHING_SECONDS = _rule(
    "angle_smoothing_seconds",
    0.3,
    "Joint angles are averaged over this centred window before they are compared.",
    "sicoach's own setting against landmark jitter",
    ours=True,
)
SETTLED_DEGREES_PER_SECOND = _rule(
    "settled_degrees_per_second",
    2.0,
    "The smallest jitter assumed for an angle. A pose counts as settled (held) while the "
    "compared angles change at under 2.5 times their jitter (root mean square); movement into "
    "and out of the stretch is not hold time.",
    "DESIGN.md contract 3 (held_seconds counts only the settled pose); the speed is ours",
    ours=True,
)
HOLD_EXIT_TOLERANCE_FACTOR = _rule(
    "hold_exit_tolerance_factor",
    1.5,
    "A hold is entered within the key pose's tolerance and ends only beyond this multiple of "
    "it (or of the settled speed), so jitter at the edge does not split a hold.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_ENTER_SECONDS = _rule(
    "hold_enter_seconds",
    0.3,
    "The pose must be settled this long before a hold starts.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_EXIT_SECONDS = _rule(
    "hold_exit_seconds",
    0.3,
    "The pose must be left this long before a hold ends.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_MAX_GAP_SECONDS = _rule(
    "hold_max_gap_seconds",
    1.0,
    "Lost or poorly seen frames shorter than this do not end a hold; longer gaps do.",
    "sicoach's own setting",
    ours=True,
)
MIN_HOLD_SECONDS = _rule(
    "min_hold_seconds",
    1.0,
    "A settled pose shorter than this is not reported as a hold.",
    "sicoach's own setting; the shortest hold in the seed is 5 s",
    ours=True,
)
STRAIGHT_LEG_BEND_DEGREES = _rule(
    "straight_leg_bend_degrees",
    20.0,
    "Knee-to-chest: the leg on the ground bent this much more than in the key pose is a fault.",
    "seed: 'keeping the other leg straight and touching the ground'; the angle is ours",
    ours=True,
)
SHOULDER_LIFT_TRUNK_FRACTION = _rule(
    "shoulder_lift_trunk_fraction",
    0.12,
    "Lower trunk rotation: one shoulder higher than the other by this fraction of the trunk "
    "length (about 6 cm) is a fault.",
    "seed: 'keeping both shoulders flat on the ground'; the distance is ours",
    ours=True,
)
SHOULDER_HUNCH_TRUNK_FRACTION = _rule(
    "shoulder_hunch_trunk_fraction",
    0.08,
    "Press-up: ears closer to the shoulders than in the key pose by this fraction of the trunk "
    "length (about 4 cm) is a fault.",
    "seed: 'keep the shoulders relaxed, down, and away from the ears'; the distance is ours",
    ours=True,
)
FAULT_MIN_SECONDS = _rule(
    "fault_min_seconds",
    0.5,
    "A form fault is reported when it lasts at least this long within a hold.",
    "sicoach's own setting",
    ours=True,
)
CONFIDENT_VISIBILITY = _rule(
    "confident_visibility",
    0.8,
    "Below this mean visibility of the body's main landmarks, the check reports low confidence.",
    "sicoach's own setting",
    ours=True,
)
CONFIDENT_VIEW_OFFSET_DEGREES = _rule(
    "confident_view_offset_degrees",
    20.0,
    "A camera further than this from a stretch's best view gives low confidence (single-camera "
    "angles are within about 2-7 degrees only side-on).",
    "clinical-facts §7 [P]; the cut-off is ours",
    ours=True,
)
