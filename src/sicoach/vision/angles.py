"""Joint angles and body orientation from pose landmarks, for every frame at once.

Everything is measured in the image plane, in pixels (see
:attr:`sicoach.vision.landmarks.Recording.pixels`), so the figures are true
angles for a camera that looks at the movement side-on and less so otherwise
(clinical-facts §7). Each function takes whole arrays and loops over nothing.

The names are a clinician's: hip flexion is 0 standing straight and 90 sitting,
knee flexion 0 with the knee straight. Angles are unsigned where the image
cannot tell flexion from extension (a hip pulled behind the body reads as
flexion); the recogniser only compares them with the same figure measured on
the catalog's key pose, so that is enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sicoach.catalog.schema import Position
from sicoach.figures.body import (
    LUMBAR_TO_NECK,
    PELVIS_TO_LUMBAR,
    SHOULDER_BELOW_NECK,
    SHOULDER_HALF_WIDTH,
)
from sicoach.rules import (
    LYING_TRUNK_INCLINE_DEGREES,
    SITTING_HIP_FLEXION_DEGREES,
    SITTING_ON_CHAIR_KNEE_FLEXION_DEGREES,
    SITTING_TRUNK_INCLINE_DEGREES,
    STANDING_FEET_BELOW_HIPS,
    SUPINE_FACE_UP,
    VISIBILITY_GATE,
)
from sicoach.vision.landmarks import Landmark as L

__all__ = [
    "CORE_LANDMARKS",
    "ORIENTATIONS",
    "RATIO_FEATURES",
    "SIDEWAYS_FEATURES",
    "Features",
    "gate",
    "measure",
    "orientation",
    "smooth",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
Features = dict[str, FloatArray]

#: Features of sideways and twisting movement (hip abduction, trunk and hip
#: rotation), which one camera measures poorly (clinical-facts §7).
SIDEWAYS_FEATURES = frozenset(
    {
        "leg_spread", "knee_tilt", "shank_turn_left", "shank_turn_right", "knees_to_left",
        "foot_out_left", "foot_out_right", "hip_line_rise",
    }
)  # fmt: skip

#: Features that are lengths in trunk lengths (or ratios), not angles in degrees.
RATIO_FEATURES = frozenset(
    {
        "knees_to_left", "foot_out_left", "foot_out_right", "feet_below_hips", "hip_line_rise",
        "hands_off_thigh_left", "hands_off_thigh_right", "feet_from_hips", "wrists_apart",
        "knees_apart", "shoulder_span", "shoulder_to_ear", "shoulder_rise_y", "shoulder_rise_z",
        "face_up", "thighs_behind",
    }
)  # fmt: skip

#: Shoulder width over trunk length (mid-hips to mid-shoulders) of the body model,
#: as a camera straight in front sees it: the yardstick for foreshortening.
FRONT_SHOULDER_SPAN = (
    2 * SHOULDER_HALF_WIDTH / (PELVIS_TO_LUMBAR + LUMBAR_TO_NECK - SHOULDER_BELOW_NECK)
)

#: Orientation codes used by :func:`orientation`; -1 means not known for that frame.
ORIENTATIONS: tuple[Position, ...] = tuple(Position)

#: The landmarks every angle relies on; the visibility gate looks at these.
CORE_LANDMARKS = [
    L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP,
    L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE,
]  # fmt: skip


#: The landmarks the angles use (the face's eyes and mouth, hands and feet are not).
_USED: list[L] = [
    L.NOSE, L.LEFT_EAR, L.RIGHT_EAR, L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_ELBOW,
    L.RIGHT_ELBOW, L.LEFT_WRIST, L.RIGHT_WRIST, L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_KNEE,
    L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE,
]  # fmt: skip


@dataclass(frozen=True)
class _Points:
    """One landmark (or a vector) in every frame, as separate x and y arrays (fast to combine)."""

    x: FloatArray
    y: FloatArray

    def __add__(self, other: _Points) -> _Points:
        return _Points(self.x + other.x, self.y + other.y)

    def __sub__(self, other: _Points) -> _Points:
        return _Points(self.x - other.x, self.y - other.y)

    def half(self) -> _Points:
        return _Points(self.x / 2, self.y / 2)

    def scaled(self, factor: float) -> _Points:
        return _Points(self.x * factor, self.y * factor)

    def length(self) -> FloatArray:
        return np.asarray(np.hypot(self.x, self.y))

    def dot(self, other: _Points) -> FloatArray:
        return np.asarray(self.x * other.x + self.y * other.y)

    def cross(self, other: _Points) -> FloatArray:
        return np.asarray(self.x * other.y - self.y * other.x)


def _between(u: _Points, v: _Points) -> FloatArray:
    """The unsigned angle between two vectors in every frame, in degrees."""
    return np.asarray(np.degrees(np.arctan2(np.abs(u.cross(v)), u.dot(v))))


def _flexion(a: _Points, joint: _Points, c: _Points) -> FloatArray:
    """180 degrees less the angle at ``joint``: 0 for a straight limb."""
    return 180.0 - _between(a - joint, c - joint)


def measure(points: FloatArray, scale: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> Features:
    """Every angle and ratio for every frame (frames x 33 x 3 or more, x y z first).

    ``scale`` turns the points into pixels: (width, height, width) for MediaPipe's
    normalised coordinates (z is on the scale of x), or ones for pixels already.

    Frames without a person (or with degenerate geometry) give NaN. ``knee_tilt``
    and ``shank_turn_*`` are signed: directions seen with the head on the left of
    the picture, so a recording filmed from either side reads the same.
    ``shoulder_rise_y`` and ``shoulder_rise_z`` are how far apart the shoulders
    are up the picture and in depth, in trunk lengths. ``trunk_toward_camera`` is
    how far the trunk leans toward or away from a camera in front, from how short
    it looks against the shoulders (0 when the shoulders look narrower than the
    body model's, as they do side-on); it depends on the person having average
    proportions.
    """
    # One pass puts each used landmark's x, y and z in its own contiguous row.
    rows = np.ascontiguousarray(points[:, _USED, :3].transpose(2, 1, 0)) * np.reshape(
        scale, (3, 1, 1)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return _measure({landmark: rows[:, i] for i, landmark in enumerate(_USED)})


def _measure(rows: Mapping[L, FloatArray]) -> Features:
    p = {landmark: _Points(row[0], row[1]) for landmark, row in rows.items()}
    features: Features = {}
    for side, s in (("left", "LEFT"), ("right", "RIGHT")):
        shoulder, elbow, wrist = p[L[f"{s}_SHOULDER"]], p[L[f"{s}_ELBOW"]], p[L[f"{s}_WRIST"]]
        hip, knee, ankle = p[L[f"{s}_HIP"]], p[L[f"{s}_KNEE"]], p[L[f"{s}_ANKLE"]]
        features[f"hip_flexion_{side}"] = _flexion(shoulder, hip, knee)
        features[f"knee_flexion_{side}"] = _flexion(hip, knee, ankle)
        features[f"elbow_flexion_{side}"] = _flexion(shoulder, elbow, wrist)
        features[f"shoulder_flexion_{side}"] = _between(elbow - shoulder, hip - shoulder)
    shoulders = (p[L.LEFT_SHOULDER] + p[L.RIGHT_SHOULDER]).half()
    hips = (p[L.LEFT_HIP] + p[L.RIGHT_HIP]).half()
    knees = (p[L.LEFT_KNEE] + p[L.RIGHT_KNEE]).half()
    ears = (p[L.LEFT_EAR] + p[L.RIGHT_EAR]).half()
    trunk = shoulders - hips
    trunk_length = trunk.length()
    up = _Points(np.zeros_like(trunk.x), -np.ones_like(trunk.y))
    features["trunk_incline"] = _between(trunk, up)
    features["leg_spread"] = _between(
        p[L.LEFT_ANKLE] - p[L.LEFT_HIP], p[L.RIGHT_ANKLE] - p[L.RIGHT_HIP]
    )
    # Seen with the head on the left: mirror x when the head is on the right.
    head_right = np.where(trunk.x > 0, -1.0, 1.0)
    to_knees = knees - hips
    features["knee_tilt"] = np.degrees(np.arctan2(to_knees.x * head_right, -to_knees.y))
    along, across = _Points(-trunk.x, -trunk.y), _Points(trunk.y, -trunk.x)
    for side, s in (("left", "LEFT"), ("right", "RIGHT")):
        shank = p[L[f"{s}_ANKLE"]] - p[L[f"{s}_KNEE"]]
        features[f"shank_turn_{side}"] = (
            np.degrees(np.arctan2(shank.dot(across), shank.dot(along))) * head_right
        )
    # Across the body: toward its left along the line of the hips, as the picture shows it.
    # Seen from above or in front, this tells which way the knees drop or a foot turns,
    # whichever side the camera stands on.
    hip_line = p[L.LEFT_HIP] - p[L.RIGHT_HIP]
    hip_width = hip_line.length()
    features["knees_to_left"] = to_knees.dot(hip_line) / hip_width / trunk_length
    for side, s, sign in (("left", "LEFT", 1.0), ("right", "RIGHT", -1.0)):
        shank = p[L[f"{s}_ANKLE"]] - p[L[f"{s}_KNEE"]]
        features[f"foot_out_{side}"] = sign * shank.dot(hip_line) / hip_width / shank.length()
    ankles = (p[L.LEFT_ANKLE] + p[L.RIGHT_ANKLE]).half()
    features["feet_from_hips"] = (ankles - hips).length() / trunk_length
    features["wrists_apart"] = (p[L.LEFT_WRIST] - p[L.RIGHT_WRIST]).length() / trunk_length
    features["knees_apart"] = (p[L.LEFT_KNEE] - p[L.RIGHT_KNEE]).length() / trunk_length
    # The hip line leans up the picture toward the hip further from a camera above.
    features["hip_line_rise"] = -hip_line.y / trunk_length
    # Both hands at a thigh (as behind the thigh in the knee-to-chest stretch): the further
    # wrist's distance from a point two thirds of the way down that thigh, in trunk lengths.
    for side, s in (("left", "LEFT"), ("right", "RIGHT")):
        thigh_point = p[L[f"{s}_HIP"]] + (p[L[f"{s}_KNEE"]] - p[L[f"{s}_HIP"]]).scaled(2 / 3)
        reach = [(p[L[f"{w}_WRIST"]] - thigh_point).length() for w in ("LEFT", "RIGHT")]
        features[f"hands_off_thigh_{side}"] = np.fmax(reach[0], reach[1]) / trunk_length
    # The lower foot (the other may be lifted), against the trunk or, when the trunk leans
    # toward the camera and looks short, the shoulders' width.
    lower_ankle = np.fmax(p[L.LEFT_ANKLE].y, p[L.RIGHT_ANKLE].y)
    yardstick = np.fmax(trunk_length, (p[L.LEFT_SHOULDER] - p[L.RIGHT_SHOULDER]).length())
    features["feet_below_hips"] = (lower_ankle - hips.y) / yardstick
    nose = p[L.NOSE]
    features["face_up"] = (ears.y - nose.y) / (nose - ears).length()
    # Side-on, the nose points one way along the picture; thighs pointing the other
    # way are behind the body (lying on the stomach), not in front (sitting).
    facing = (nose.x - ears.x) / trunk_length
    thighs = (knees.x - hips.x) / trunk_length
    clear = (np.abs(facing) > 0.05) & (np.abs(thighs) > 0.2)
    features["thighs_behind"] = np.where(clear, -np.sign(facing * thighs), 0.0)
    necks = [(p[L[f"{s}_EAR"]] - p[L[f"{s}_SHOULDER"]]).length() for s in ("LEFT", "RIGHT")]
    features["shoulder_to_ear"] = (necks[0] + necks[1]) / 2 / trunk_length
    shoulder_line = p[L.LEFT_SHOULDER] - p[L.RIGHT_SHOULDER]
    features["shoulder_span"] = shoulder_line.length() / trunk_length
    # Seen from the front, a trunk leaning toward the camera looks short against the shoulders.
    shortening = np.clip(FRONT_SHOULDER_SPAN / features["shoulder_span"], 0.0, 1.0)
    features["trunk_toward_camera"] = np.degrees(np.arccos(shortening))
    features["shoulder_rise_y"] = np.abs(shoulder_line.y) / trunk_length
    depth = rows[L.LEFT_SHOULDER][2] - rows[L.RIGHT_SHOULDER][2]
    features["shoulder_rise_z"] = np.abs(depth) / trunk_length
    return features


def gate(visibility: FloatArray) -> BoolArray:
    """Per frame: whether the body is seen well enough to measure (frames x 33 in).

    A frame passes when the mean visibility of the shoulders, hips, knees and
    ankles reaches :data:`sicoach.rules.VISIBILITY_GATE`.
    """
    return np.asarray(visibility[:, CORE_LANDMARKS].mean(axis=1) >= VISIBILITY_GATE.value)


def smooth(values: FloatArray, step: float, window_seconds: float) -> FloatArray:
    """A centred moving mean over ``window_seconds`` that skips NaN frames.

    The window is counted in frames of ``step`` seconds (the recording's usual
    frame interval), so a lost frame shortens the mean instead of poisoning it.
    """
    if values.size == 0:
        return values.copy()
    half = max(int(round(window_seconds / step / 2)), 0)
    known = ~np.isnan(values)
    sums = np.concatenate([[0.0], np.cumsum(np.where(known, values, 0.0))])
    counts = np.concatenate([[0], np.cumsum(known)])
    index = np.arange(values.size)
    low = np.clip(index - half, 0, values.size)
    high = np.clip(index + half + 1, 0, values.size)
    n = counts[high] - counts[low]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[high] - sums[low]) / n
    return np.asarray(np.where(n > 0, mean, np.nan))


def orientation(features: Mapping[str, FloatArray]) -> IntArray:
    """Per frame, the index in :data:`ORIENTATIONS` of the body position, or -1.

    Sitting: both hips bent (or, seen from the front, the feet near the hips in
    the picture), the thighs in front of the body and the trunk not lying down;
    on a chair when a knee is bent (a foot on the floor), on the floor when both
    legs are straight. Lying: the trunk nearer flat than upright, or
    raised on straight arms with the thighs behind it; on the back when the face
    points up. Standing: the rest of the upright frames.
    """
    trunk = features["trunk_incline"]
    hips_bent = np.minimum(features["hip_flexion_left"], features["hip_flexion_right"])
    behind = features["thighs_behind"] > 0.5
    hips_bent_enough = hips_bent >= SITTING_HIP_FLEXION_DEGREES.value
    upright = trunk < SITTING_TRUNK_INCLINE_DEGREES.value
    with np.errstate(invalid="ignore"):
        feet_near = features["feet_below_hips"] < STANDING_FEET_BELOW_HIPS.value
    sitting = (
        upright
        & ~behind
        & (hips_bent_enough | (feet_near & (trunk < LYING_TRUNK_INCLINE_DEGREES.value)))
    )
    lying = ~sitting & ((trunk >= LYING_TRUNK_INCLINE_DEGREES.value) | (behind & hips_bent_enough))
    standing = ~sitting & ~lying
    knees_bent = np.maximum(features["knee_flexion_left"], features["knee_flexion_right"])
    on_chair = knees_bent >= SITTING_ON_CHAIR_KNEE_FLEXION_DEGREES.value
    on_back = features["face_up"] >= SUPINE_FACE_UP.value
    code = np.full(trunk.shape, -1, dtype=np.int64)
    rank = {position: ORIENTATIONS.index(position) for position in Position}
    code[standing] = rank[Position.STANDING]
    code[sitting & on_chair] = rank[Position.SITTING_ON_CHAIR]
    code[sitting & ~on_chair] = rank[Position.SITTING_ON_FLOOR]
    code[lying & on_back] = rank[Position.LYING_ON_BACK]
    code[lying & ~on_back] = rank[Position.LYING_ON_STOMACH]
    code[np.isnan(trunk) | np.isnan(hips_bent)] = -1
    return code
