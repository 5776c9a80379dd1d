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
    SUPINE_FACE_UP,
    VISIBILITY_GATE,
)
from sicoach.vision.landmarks import Landmark as L

__all__ = [
    "FEATURE_JOINTS",
    "ORIENTATIONS",
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

#: Which joint angles of the body model each feature measures, and how a pose's
#: per-joint tolerances combine into the feature's own ("min": the strictest;
#: "sum": the feature adds the joints up, as the spread of the legs adds both hips).
#: Features not listed here (ratios) serve orientation and form checks only.
FEATURE_JOINTS: Mapping[str, tuple[tuple[str, ...], str]] = {
    **{
        f"{angle}_{side}": ((f"{angle}_{side}",), "min")
        for angle in ("hip_flexion", "knee_flexion", "elbow_flexion", "shoulder_flexion")
        for side in ("left", "right")
    },
    **{
        f"shank_turn_{side}": ((f"hip_internal_rotation_{side}",), "min")
        for side in ("left", "right")
    },
    "trunk_incline": (("trunk_pitch", "lumbar_flexion"), "min"),
    "trunk_toward_camera": (("trunk_pitch", "lumbar_flexion"), "min"),
    "leg_spread": (("hip_abduction_left", "hip_abduction_right"), "sum"),
    "knee_tilt": (("trunk_yaw",), "min"),
}

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


def _angle_at(a: FloatArray, b: FloatArray, c: FloatArray) -> FloatArray:
    """The angle ABC in degrees, for arrays of 2D points (frames x 2)."""
    u, v = a - b, c - b
    dot = np.einsum("ij,ij->i", u, v)
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    return np.asarray(np.degrees(np.arctan2(np.abs(cross), dot)))


def _between(u: FloatArray, v: FloatArray) -> FloatArray:
    """The unsigned angle between two arrays of 2D vectors, in degrees."""
    dot = np.einsum("ij,ij->i", u, v)
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    return np.asarray(np.degrees(np.arctan2(np.abs(cross), dot)))


def _length(v: FloatArray) -> FloatArray:
    return np.asarray(np.hypot(v[:, 0], v[:, 1]))


def measure(points: FloatArray) -> Features:
    """Every angle and ratio for every frame; see :func:`_measure` (degenerate frames give NaN)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return _measure(points)


def _measure(points: FloatArray) -> Features:
    """Every angle and ratio for every frame (frames x 33 x 3 points in pixels, z scaled as x).

    Frames without a person give NaN. ``knee_tilt`` and ``shank_turn_*`` are
    signed: directions seen with the head on the left of the picture, so a
    recording filmed from either side reads the same. ``shoulder_rise_y`` and
    ``shoulder_rise_z`` are how far apart the shoulders are up the picture and
    in depth, in trunk lengths. ``trunk_toward_camera`` is how far the trunk
    leans toward or away from a camera in front, from how short it looks against
    the shoulders (0 when the shoulders look narrower than the body model's, as
    they do side-on); it depends on the person having average proportions.
    """
    p = {landmark: points[:, landmark, :2] for landmark in L}
    features: Features = {}
    for side, s in (("left", "LEFT"), ("right", "RIGHT")):
        shoulder, elbow, wrist = p[L[f"{s}_SHOULDER"]], p[L[f"{s}_ELBOW"]], p[L[f"{s}_WRIST"]]
        hip, knee, ankle = p[L[f"{s}_HIP"]], p[L[f"{s}_KNEE"]], p[L[f"{s}_ANKLE"]]
        features[f"hip_flexion_{side}"] = 180.0 - _angle_at(shoulder, hip, knee)
        features[f"knee_flexion_{side}"] = 180.0 - _angle_at(hip, knee, ankle)
        features[f"elbow_flexion_{side}"] = 180.0 - _angle_at(shoulder, elbow, wrist)
        features[f"shoulder_flexion_{side}"] = _between(elbow - shoulder, hip - shoulder)
    shoulders = (p[L.LEFT_SHOULDER] + p[L.RIGHT_SHOULDER]) / 2
    hips = (p[L.LEFT_HIP] + p[L.RIGHT_HIP]) / 2
    knees = (p[L.LEFT_KNEE] + p[L.RIGHT_KNEE]) / 2
    ears = (p[L.LEFT_EAR] + p[L.RIGHT_EAR]) / 2
    trunk = shoulders - hips
    trunk_length = _length(trunk)
    up = np.broadcast_to(np.array([0.0, -1.0]), trunk.shape)
    features["trunk_incline"] = _between(trunk, up)
    features["leg_spread"] = _between(
        p[L.LEFT_ANKLE] - p[L.LEFT_HIP], p[L.RIGHT_ANKLE] - p[L.RIGHT_HIP]
    )
    # Seen with the head on the left: mirror x when the head is on the right.
    head_right = np.where(trunk[:, 0] > 0, -1.0, 1.0)
    to_knees = knees - hips
    features["knee_tilt"] = np.degrees(np.arctan2(to_knees[:, 0] * head_right, -to_knees[:, 1]))
    for side, s in (("left", "LEFT"), ("right", "RIGHT")):
        shank = p[L[f"{s}_ANKLE"]] - p[L[f"{s}_KNEE"]]
        along, across = -trunk, np.stack([trunk[:, 1], -trunk[:, 0]], axis=1)
        turn = np.arctan2(np.einsum("ij,ij->i", shank, across), np.einsum("ij,ij->i", shank, along))
        features[f"shank_turn_{side}"] = np.degrees(turn) * head_right
    features["face_up"] = (ears[:, 1] - p[L.NOSE][:, 1]) / _length(p[L.NOSE] - ears)
    # Side-on, the nose points one way along the picture; thighs pointing the other
    # way are behind the body (lying on the stomach), not in front (sitting).
    facing = (p[L.NOSE][:, 0] - ears[:, 0]) / trunk_length
    thighs = (knees[:, 0] - hips[:, 0]) / trunk_length
    features["thighs_behind"] = np.where(
        (np.abs(facing) > 0.05) & (np.abs(thighs) > 0.2), -np.sign(facing * thighs), 0.0
    )
    necks = [_length(p[L[f"{s}_EAR"]] - p[L[f"{s}_SHOULDER"]]) for s in ("LEFT", "RIGHT")]
    features["shoulder_to_ear"] = (necks[0] + necks[1]) / 2 / trunk_length
    features["shoulder_span"] = _length(p[L.LEFT_SHOULDER] - p[L.RIGHT_SHOULDER]) / trunk_length
    # Seen from the front, a trunk leaning toward the camera looks short against the shoulders.
    shortening = np.clip(FRONT_SHOULDER_SPAN / features["shoulder_span"], 0.0, 1.0)
    features["trunk_toward_camera"] = np.degrees(np.arccos(shortening))
    features["shoulder_rise_y"] = (
        np.abs(p[L.LEFT_SHOULDER][:, 1] - p[L.RIGHT_SHOULDER][:, 1]) / trunk_length
    )
    depth = points[:, L.LEFT_SHOULDER, 2] - points[:, L.RIGHT_SHOULDER, 2]
    features["shoulder_rise_z"] = np.abs(depth) / trunk_length
    return features


def gate(visibility: FloatArray) -> BoolArray:
    """Per frame: whether the body is seen well enough to measure (frames x 33 in).

    A frame passes when the mean visibility of the shoulders, hips, knees and
    ankles reaches :data:`sicoach.rules.VISIBILITY_GATE`.
    """
    return np.asarray(visibility[:, CORE_LANDMARKS].mean(axis=1) >= VISIBILITY_GATE.value)


def smooth(values: FloatArray, times: FloatArray, window_seconds: float) -> FloatArray:
    """A centred moving mean over ``window_seconds`` that skips NaN frames.

    The window is counted in frames at the recording's median frame rate, so a
    lost frame shortens the mean instead of poisoning it.
    """
    if values.size == 0:
        return values.copy()
    steps = np.diff(times)
    step = float(np.median(steps[steps > 0])) if np.any(steps > 0) else 1.0
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

    Sitting: both hips bent, the thighs in front of the body and the trunk not
    lying down; on a chair when a knee is bent (a foot on the floor), on the floor
    when both legs are straight. Lying: the trunk nearer flat than upright, or
    raised on straight arms with the thighs behind it; on the back when the face
    points up. Standing: the rest of the upright frames.
    """
    trunk = features["trunk_incline"]
    hips_bent = np.minimum(features["hip_flexion_left"], features["hip_flexion_right"])
    behind = features["thighs_behind"] > 0.5
    hips_bent_enough = hips_bent >= SITTING_HIP_FLEXION_DEGREES.value
    sitting = hips_bent_enough & (trunk < SITTING_TRUNK_INCLINE_DEGREES.value) & ~behind
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
