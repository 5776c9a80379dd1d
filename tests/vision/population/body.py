"""An adult body of its own, 5th to 95th percentile, and its forward kinematics over many frames.

Nothing here comes from sicoach's figures: segment lengths are fractions of stature
(Drillis and Contini's proportions, as tabulated by Winter, *Biomechanics and Motor
Control of Human Movement*), stature is drawn per sex between the 5th and 95th
percentile of adults, and every proportion varies a few per cent from person to
person. Angles are degrees; every function works on whole arrays of frames.

World: z up. Before the pelvis is placed, the body stands facing +x with its left
side toward +y. ``tip`` tips the body forward about its left axis (+90 lying face
down with the head toward +x, -90 lying on the back with the head toward -x) and
``spin`` turns it about its own long axis (rolling over, or the pelvis following
the knees in a trunk rotation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sicoach.vision.landmarks import LANDMARK_COUNT
from sicoach.vision.landmarks import Landmark as L

FloatArray = npt.NDArray[np.float64]

#: Stature (cm) of adults: mean and standard deviation, and the 5th-95th percentile kept.
STATURE_CM = {"woman": (162.5, 6.5, 151.8, 173.2), "man": (176.0, 7.3, 164.0, 188.0)}

#: Segment lengths as fractions of stature (Winter, table 4.1).
PROPORTIONS = {
    "thigh": 0.245,
    "shank": 0.246,
    "foot": 0.152,
    "ankle_height": 0.039,
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
    "trunk": 0.288,  # hip joints to shoulders (0.818 - 0.530)
    "neck": 0.085,  # shoulders to the middle of the head
}
#: Widths as fractions of stature, by sex (shoulders wider in men, hips in women).
WIDTHS = {"woman": {"shoulders": 0.225, "hips": 0.118}, "man": {"shoulders": 0.245, "hips": 0.105}}


@dataclass(frozen=True)
class Person:
    """One adult: sex, stature (metres) and segment lengths (metres)."""

    sex: str
    stature: float
    lengths: Mapping[str, float] = field(default_factory=dict)

    def __getitem__(self, name: str) -> float:
        return self.lengths[name]


def sample_person(rng: np.random.Generator) -> Person:
    """A woman or a man between the 5th and 95th stature percentile, proportions varied ±3%."""
    sex = "woman" if rng.random() < 0.5 else "man"
    mean, sd, low, high = STATURE_CM[sex]
    stature = float(np.clip(rng.normal(mean, sd), low, high)) / 100.0
    lengths = {
        name: stature * share * float(np.clip(rng.normal(1.0, 0.03), 0.92, 1.08))
        for name, share in {**PROPORTIONS, **WIDTHS[sex]}.items()
    }
    return Person(sex, stature, lengths)


def unit(v: FloatArray) -> FloatArray:
    """Vectors (... x 3) scaled to length 1."""
    return np.asarray(v / np.linalg.norm(v, axis=-1, keepdims=True))


def rotate(v: FloatArray, axis: FloatArray, degrees: FloatArray) -> FloatArray:
    """Rodrigues: ``v`` (n x 3) turned about ``axis`` (n x 3 or 3) by ``degrees`` (n)."""
    k = unit(np.broadcast_to(axis, v.shape))
    a = np.radians(degrees)[..., None]
    return np.asarray(
        v * np.cos(a)
        + np.cross(k, v) * np.sin(a)
        + k * np.sum(k * v, axis=-1, keepdims=True) * (1 - np.cos(a))
    )


def _frame_axes(tip: FloatArray, spin: FloatArray, heading: FloatArray) -> tuple[FloatArray, ...]:
    """The pelvis's forward, left and up axes in the world (each n x 3)."""
    n = tip.shape[0]
    axes = []
    for base in ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)):
        v = np.tile(base, (n, 1))
        v = rotate(v, np.array([0.0, 0.0, 1.0]), spin)
        v = rotate(v, np.array([0.0, 1.0, 0.0]), tip)
        v = rotate(v, np.array([0.0, 0.0, 1.0]), heading)
        axes.append(v)
    return tuple(axes)


def _limb(
    forward: FloatArray,
    left: FloatArray,
    up: FloatArray,
    side: float,
    flexion: FloatArray,
    abduction: FloatArray,
    rotation: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Direction of a thigh or upper arm, and the way its front faces, in the world."""
    f, a = np.radians(flexion)[:, None], np.radians(abduction)[:, None]
    direction = (
        np.sin(f) * np.cos(a) * forward + side * np.sin(a) * left - np.cos(f) * np.cos(a) * up
    )
    front = np.cos(f) * forward + np.sin(f) * up
    front = unit(front - np.sum(front * direction, axis=-1, keepdims=True) * direction)
    # Internal rotation turns the front toward the body's midline.
    front = rotate(front, direction, side * rotation)
    return unit(direction), front


def two_bone(
    root: FloatArray, target: FloatArray, first: float, second: float, pole: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Elbow (or knee) and end point reaching toward ``target``; the middle bends toward ``pole``.

    A target out of reach is reached for as far as the limb goes.
    """
    to = target - root
    distance = np.clip(np.linalg.norm(to, axis=-1), 1e-6, (first + second) * 0.999)
    u = unit(to)
    end = root + u * distance[:, None]
    along = (first**2 - second**2 + distance**2) / (2 * distance)
    height = np.sqrt(np.clip(first**2 - along**2, 0.0, None))
    p = np.broadcast_to(pole, to.shape)
    v = unit(p - np.sum(p * u, axis=-1, keepdims=True) * u)
    middle = root + u * along[:, None] + v * height[:, None]
    return middle, end


@dataclass
class Posture:
    """Joint angles (and hand targets) over frames: every field is an array of n frames.

    Legs: hip flexion, abduction, internal rotation, knee flexion, ankle plantar
    flexion. Arms: shoulder flexion, abduction, internal rotation and elbow flexion,
    unless ``reach`` gives a wrist target (n x 3, world metres) and the way the
    elbow points. ``pelvis`` is the world position of the midpoint of the hips.
    """

    pelvis: FloatArray
    tip: FloatArray
    spin: FloatArray
    heading: FloatArray
    lumbar: FloatArray  # forward bend of the trunk over the pelvis (negative: arched back)
    twist: FloatArray  # chest turned to the left over the pelvis
    neck: FloatArray  # head bent forward over the chest
    legs: dict[str, dict[str, FloatArray]]
    arms: dict[str, dict[str, FloatArray]]
    reach: dict[str, tuple[FloatArray, FloatArray]] = field(default_factory=dict)
    shrug: FloatArray | None = None  # shoulders lifted toward the ears, metres


SIDES = {"left": 1.0, "right": -1.0}


def zeros(n: int) -> FloatArray:
    """n zero angles."""
    return np.zeros(n)


def leg(n: int, **angles: FloatArray | float) -> dict[str, FloatArray]:
    """One leg's angles over n frames (missing ones 0)."""
    names = ("hip_flexion", "hip_abduction", "hip_rotation", "knee", "ankle")
    return {k: np.broadcast_to(np.asarray(angles.get(k, 0.0), float), (n,)) for k in names}


def arm(n: int, **angles: FloatArray | float) -> dict[str, FloatArray]:
    """One arm's angles over n frames (missing ones 0)."""
    names = ("shoulder_flexion", "shoulder_abduction", "shoulder_rotation", "elbow")
    return {k: np.broadcast_to(np.asarray(angles.get(k, 0.0), float), (n,)) for k in names}


def joints(person: Person, posture: Posture) -> dict[str, FloatArray]:
    """World positions (n x 3) of the body's joints and face points for every frame."""
    forward, left, up = _frame_axes(posture.tip, posture.spin, posture.heading)
    chest_f = rotate(forward, left, posture.lumbar)
    chest_u = rotate(up, left, posture.lumbar)
    chest_f = rotate(chest_f, chest_u, posture.twist)
    chest_l = unit(np.cross(chest_u, chest_f))
    out: dict[str, FloatArray] = {}
    centre = posture.pelvis
    shoulders = centre + chest_u * person["trunk"]
    shrug = np.zeros(centre.shape[0]) if posture.shrug is None else posture.shrug
    for name, s in SIDES.items():
        out[f"hip_{name}"] = centre + s * left * person["hips"] / 2
        out[f"shoulder_{name}"] = (
            shoulders + s * chest_l * person["shoulders"] / 2 + chest_u * shrug[:, None]
        )
    head_up = rotate(chest_u, chest_l, posture.neck)
    head = shoulders + head_up * person["neck"]
    face = unit(np.cross(chest_l, head_up))
    out["head"], out["head_up"], out["face"], out["lateral"] = head, head_up, face, chest_l
    for name, s in SIDES.items():
        angles = posture.legs[name]
        thigh, front = _limb(
            forward, left, up, s, angles["hip_flexion"], angles["hip_abduction"],
            angles["hip_rotation"],
        )  # fmt: skip
        knee = out[f"hip_{name}"] + thigh * person["thigh"]
        k = np.radians(angles["knee"])[:, None]
        shank = thigh * np.cos(k) - front * np.sin(k)
        shin_front = front * np.cos(k) + thigh * np.sin(k)
        ankle = knee + shank * person["shank"]
        p = np.radians(angles["ankle"])[:, None]
        foot = unit(shin_front * np.cos(p) + shank * np.sin(p))
        out[f"knee_{name}"], out[f"ankle_{name}"] = knee, ankle
        out[f"toe_{name}"] = (
            ankle + foot * person["foot"] * 0.75 + shank * 0.3 * person["ankle_height"]
        )
        out[f"heel_{name}"] = ankle - foot * person["foot"] * 0.22 + shank * person["ankle_height"]
        shoulder = out[f"shoulder_{name}"]
        if name in posture.reach:
            target, pole = posture.reach[name]
            elbow, wrist = two_bone(shoulder, target, person["upper_arm"], person["forearm"], pole)
        else:
            a = posture.arms[name]
            upper, arm_front = _limb(
                chest_f, chest_l, chest_u, s, a["shoulder_flexion"], a["shoulder_abduction"],
                a["shoulder_rotation"],
            )  # fmt: skip
            e = np.radians(a["elbow"])[:, None]
            elbow = shoulder + upper * person["upper_arm"]
            wrist = elbow + (upper * np.cos(e) + arm_front * np.sin(e)) * person["forearm"]
        out[f"elbow_{name}"], out[f"wrist_{name}"] = elbow, wrist
    return out


_NAMES = {
    "shoulder": "SHOULDER", "elbow": "ELBOW", "wrist": "WRIST", "hip": "HIP", "knee": "KNEE",
    "ankle": "ANKLE", "heel": "HEEL", "toe": "FOOT_INDEX",
}  # fmt: skip


def landmarks(person: Person, points: Mapping[str, FloatArray]) -> FloatArray:
    """MediaPipe's 33 landmarks (n x 33 x 3, world metres) from the joints and the head."""
    n = points["head"].shape[0]
    out = np.zeros((n, LANDMARK_COUNT, 3))
    for part, name in _NAMES.items():
        for side in SIDES:
            out[:, L[f"{side.upper()}_{name}"]] = points[f"{part}_{side}"]
    head, up, face, lateral = points["head"], points["head_up"], points["face"], points["lateral"]
    size = person.stature / 1.7
    out[:, L.NOSE] = head + size * (0.10 * face - 0.01 * up)
    for side, s in SIDES.items():
        big = side.upper()
        eye = head + size * (0.08 * face + 0.03 * up)
        out[:, L[f"{big}_EYE_INNER"]] = eye + s * size * 0.015 * lateral
        out[:, L[f"{big}_EYE"]] = eye + s * size * 0.032 * lateral
        out[:, L[f"{big}_EYE_OUTER"]] = eye + s * size * 0.046 * lateral
        out[:, L[f"{big}_EAR"]] = (
            head + size * (0.005 * up - 0.01 * face) + s * size * 0.072 * lateral
        )
        out[:, L[f"MOUTH_{big}"]] = (
            head + size * (0.085 * face - 0.05 * up) + s * size * 0.024 * lateral
        )
        wrist, elbow = points[f"wrist_{side}"], points[f"elbow_{side}"]
        hand = unit(wrist - elbow)
        length = person["hand"]
        out[:, L[f"{big}_INDEX"]] = wrist + 0.8 * length * hand + s * 0.02 * lateral
        out[:, L[f"{big}_PINKY"]] = wrist + 0.7 * length * hand - s * 0.02 * lateral
        out[:, L[f"{big}_THUMB"]] = wrist + 0.45 * length * hand + s * 0.03 * lateral
    return out


def slow_noise(rng: np.random.Generator, n: int, fps: float, seconds: float) -> FloatArray:
    """Smooth random drift with unit spread that changes over about ``seconds``."""
    width = max(int(seconds * fps), 1)
    kernel = np.exp(-0.5 * (np.arange(-3 * width, 3 * width + 1) / width) ** 2)
    white = rng.normal(0.0, 1.0, n + kernel.size - 1)
    out = np.convolve(white, kernel / np.sqrt(np.sum(kernel**2)), mode="valid")
    return np.asarray(out)
