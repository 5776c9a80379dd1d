"""The seven stretches as people really do them, within the seed's words, and other movement.

Each stretch gives a start and a held :class:`Posture` for one person, one side and
one *style*: the ways its description leaves open (how far the trunk leans, where the
hands go, how high the chair is, how far the knees drop, where the free arm rests).
A style is drawn at random within ranges read from the seed's sentences, quoted at
each function; where the seed gives no figure the range is what people commonly do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

import numpy as np

from tests.vision.population.body import (
    SIDES,
    FloatArray,
    Person,
    Posture,
    arm,
    joints,
    leg,
    slow_noise,
    unit,
    zeros,
)

Style = dict[str, float]


def _c(value: float) -> FloatArray:
    return np.full(1, float(value))


def _posture(
    *,
    pelvis: tuple[float, float, float],
    tip: float = 0.0,
    spin: float = 0.0,
    lumbar: float = 0.0,
    twist: float = 0.0,
    neck: float = 0.0,
    legs: Mapping[str, Mapping[str, float]],
    arms: Mapping[str, Mapping[str, float]],
    shrug: float = 0.0,
) -> Posture:
    return Posture(
        pelvis=np.array([pelvis], dtype=float),
        tip=_c(tip),
        spin=_c(spin),
        heading=_c(0.0),
        lumbar=_c(lumbar),
        twist=_c(twist),
        neck=_c(neck),
        legs={s: leg(1, **legs[s]) for s in SIDES},
        arms={s: arm(1, **arms[s]) for s in SIDES},
        shrug=_c(shrug),
    )


def _reach(posture: Posture, side: str, target: FloatArray, pole: FloatArray) -> Posture:
    reach = dict(posture.reach)
    reach[side] = (np.atleast_2d(target), np.atleast_2d(pole))
    return replace(posture, reach=reach)


def _ground(person: Person, posture: Posture, points: tuple[str, ...]) -> Posture:
    """Move the body up or down so the lowest of ``points`` touches the floor."""
    at = joints(person, posture)
    lowest = np.min(np.stack([at[p][:, 2] for p in points]), axis=0)
    pelvis = posture.pelvis.copy()
    pelvis[:, 2] -= lowest
    return replace(posture, pelvis=pelvis)


def blend(person: Person, a: Posture, b: Posture, w: FloatArray) -> Posture:
    """Part of the way from ``a`` to ``b`` (w: n weights 0-1); wrists travel in a straight line."""
    ww = w[:, None]
    out = {}
    for f in fields(Posture):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "pelvis":
            out[f.name] = x + (y - x) * ww
        elif f.name in ("legs", "arms"):
            out[f.name] = {s: {k: x[s][k] + (y[s][k] - x[s][k]) * w for k in x[s]} for s in SIDES}
        elif f.name == "reach":
            continue
        else:
            out[f.name] = x + (y - x) * w
    mixed = Posture(**out)
    ja, jb = joints(person, a), joints(person, b)
    for side in SIDES:
        if side in a.reach or side in b.reach:
            wrist = ja[f"wrist_{side}"] + (jb[f"wrist_{side}"] - ja[f"wrist_{side}"]) * ww
            pole = (ja[f"elbow_{side}"] - ja[f"shoulder_{side}"]) * (1 - ww) + (
                jb[f"elbow_{side}"] - jb[f"shoulder_{side}"]
            ) * ww
            mixed = _reach(mixed, side, wrist, np.asarray(pole, dtype=float))
    return mixed


def sway(posture: Posture, rng: np.random.Generator, fps: float, degrees: float) -> Posture:
    """Small slow movements of the trunk, head and limbs (someone holding still, not a statue)."""
    n = posture.tip.shape[0]

    def drift() -> FloatArray:
        return slow_noise(rng, n, fps, 1.5) * degrees

    def moved(x: FloatArray) -> FloatArray:
        return np.asarray(np.broadcast_to(x, (n,)) + drift())

    return replace(
        posture,
        lumbar=moved(posture.lumbar),
        neck=moved(posture.neck),
        twist=moved(posture.twist),
        legs={s: {k: moved(v) for k, v in posture.legs[s].items()} for s in SIDES},
        arms={s: {k: moved(v) for k, v in posture.arms[s].items()} for s in SIDES},
    )


def _other(side: str) -> str:
    return "right" if side == "left" else "left"


def _arms_down(abduction: float = 8.0) -> dict[str, dict[str, float]]:
    return {s: {"shoulder_abduction": abduction, "elbow": 10.0} for s in SIDES}


@dataclass(frozen=True)
class Stretch:
    """How to draw a style and build the start and held postures of one stretch."""

    id: str
    sides: tuple[str, ...]
    poses: tuple[str, ...]
    view: str  # where the program tells people to put the camera: side, front or top
    view_from_other_side: bool
    hold_seconds: tuple[float, float]
    reps_per_side: tuple[int, int]
    style: Callable[[np.random.Generator], Style]
    start: Callable[[Person, Style, str], Posture]
    held: Callable[[Person, Style, str, str], Posture]


# --- Hamstring: "sitting in a chair with one leg resting on another chair straight in
# front of the body ... reach toward the toes to gently stretch the hamstring muscle."


def _hamstring_style(rng: np.random.Generator) -> Style:
    return {
        "seat": rng.uniform(0.40, 0.52),
        "rest_lean": rng.uniform(-8.0, 8.0),
        "lean": rng.uniform(10.0, 45.0),  # barely forward to a full reach
        "hinge": rng.uniform(0.3, 0.7),  # the share of the lean from the hips
        "reach": rng.uniform(0.0, 1.0),  # hands from the knee (0) to the toes (1)
        "knee": rng.uniform(0.0, 15.0),  # the leg on the chair, nearly straight
        "leg_rise": rng.uniform(-8.0, 8.0),
        "other_thigh": rng.uniform(-10.0, 5.0),
        "other_out": rng.uniform(5.0, 20.0),
        "foot_back": float(rng.random() < 0.3),
        "neck": rng.uniform(5.0, 35.0),
        "twist": rng.uniform(0.0, 12.0),
    }


def _hamstring(person: Person, st: Style, side: str, lean: float, neck: float) -> Posture:
    s, other = SIDES[side], _other(side)
    hinge = lean * st["hinge"]
    hip_z = st["seat"] + 0.09 * person.stature / 1.7
    other_knee_z = hip_z + person["thigh"] * np.sin(np.radians(st["other_thigh"]))
    drop = np.clip((other_knee_z - person["ankle_height"]) / person["shank"], 0.0, 1.0)
    bend = float(np.degrees(np.arcsin(drop)))
    return _posture(
        pelvis=(0.0, 0.0, hip_z),
        tip=hinge,
        lumbar=lean - hinge,
        twist=s * st["twist"] * (lean - st["rest_lean"]) / 45.0,
        neck=neck,
        legs={
            side: {"hip_flexion": 90 + st["leg_rise"] + hinge, "knee": st["knee"], "ankle": -10},
            other: {
                "hip_flexion": 90 + st["other_thigh"] + hinge,
                "hip_abduction": st["other_out"],
                "knee": 180 - bend if st["foot_back"] else bend,
                "ankle": 0,
            },
        },
        arms=_arms_down(),
    )


def _hamstring_hands(person: Person, posture: Posture, side: str, reach: float) -> Posture:
    at = joints(person, posture)
    s = SIDES[side]
    lateral = np.array([0.0, 1.0, 0.0])
    knee, toe = at[f"knee_{side}"], at[f"toe_{side}"]
    point = knee + (toe - knee) * reach + np.array([0.0, 0.0, 0.05])
    for hand, offset in ((side, 0.06), (_other(side), -0.06)):
        pole = SIDES[hand] * lateral * 0.6 - np.array([0.0, 0.0, 1.0])
        posture = _reach(posture, hand, point + s * offset * lateral, pole)
    return posture


def _hamstring_start(person: Person, st: Style, side: str) -> Posture:
    posture = _hamstring(person, st, side, st["rest_lean"], 5.0)
    at = joints(person, posture)
    for hand in SIDES:
        on_thigh = at[f"hip_{hand}"] + (at[f"knee_{hand}"] - at[f"hip_{hand}"]) * 0.6
        pole = SIDES[hand] * np.array([0.0, 1.0, 0.0]) - np.array([0.5, 0.0, 0.5])
        posture = _reach(posture, hand, on_thigh + np.array([0.0, 0.0, 0.07]), pole)
    return posture


def _hamstring_held(person: Person, st: Style, side: str, pose: str) -> Posture:
    posture = _hamstring(person, st, side, st["lean"], st["neck"])
    return _hamstring_hands(person, posture, side, st["reach"])


# --- Quadriceps: "stand with one arm against a wall for support. Pull the right leg up
# behind the body, bent at the knee, and grasp the foot or ankle with the right hand."


def _quadriceps_style(rng: np.random.Generator) -> Style:
    return {
        "hip": rng.uniform(-20.0, 12.0),  # thigh behind (-) to a little in front
        "knee": rng.uniform(105.0, 155.0),
        "grip": rng.uniform(0.0, 0.6),  # the ankle (0) toward the toes
        "lean": rng.uniform(0.0, 15.0),
        "wall_side": float(rng.random() < 0.7),  # the wall beside (1) or in front (0)
        "wall_distance": rng.uniform(0.35, 0.65),
        "wall_height": rng.uniform(-0.15, 0.15),
        "stance_knee": rng.uniform(0.0, 10.0),
        "neck": rng.uniform(-5.0, 20.0),
    }


def _quadriceps_body(person: Person, st: Style, side: str, amount: float) -> Posture:
    other = _other(side)
    posture = _posture(
        pelvis=(0.0, 0.0, 0.0),
        lumbar=st["lean"] * amount,
        neck=st["neck"],
        legs={
            side: {
                "hip_flexion": st["hip"] * amount,
                "knee": st["stance_knee"] + (st["knee"] - st["stance_knee"]) * amount,
                "ankle": 30 * amount,
            },
            other: {"knee": st["stance_knee"]},
        },
        arms=_arms_down(),
    )
    return _ground(person, posture, (f"heel_{other}", f"toe_{other}"))


def _quadriceps_wall(person: Person, st: Style, side: str, posture: Posture) -> Posture:
    other = _other(side)
    at = joints(person, posture)
    shoulder = at[f"shoulder_{other}"]
    lateral = np.array([0.0, SIDES[other], 0.0])
    if st["wall_side"]:
        target = shoulder + lateral * st["wall_distance"] + np.array([0.05, 0.0, st["wall_height"]])
    else:
        target = shoulder + np.array([st["wall_distance"], 0.0, st["wall_height"]]) + lateral * 0.1
    return _reach(posture, other, target, lateral - np.array([0.0, 0.0, 1.0]))


def _quadriceps_start(person: Person, st: Style, side: str) -> Posture:
    posture = _quadriceps_wall(person, st, side, _quadriceps_body(person, st, side, 0.0))
    at = joints(person, posture)
    hang = at[f"hip_{side}"] + np.array([0.0, SIDES[side] * 0.08, -0.05])
    return _reach(posture, side, hang, np.array([-1.0, 0.0, 0.0]))


def _quadriceps_held(person: Person, st: Style, side: str, pose: str) -> Posture:
    posture = _quadriceps_wall(person, st, side, _quadriceps_body(person, st, side, 1.0))
    at = joints(person, posture)
    ankle, toe = at[f"ankle_{side}"], at[f"toe_{side}"]
    grip = ankle + (toe - ankle) * st["grip"] + np.array([0.0, SIDES[side] * 0.04, 0.0])
    return _reach(posture, side, grip, np.array([-0.3, SIDES[side] * 1.0, 0.0]))


# --- Hip adductor: "sit with the legs straight and apart to form a triangle, then gently
# lean forward toward the toes."


def _adductor_style(rng: np.random.Generator) -> Style:
    return {
        "apart": rng.uniform(15.0, 45.0),  # each leg out from the middle
        "knees": rng.uniform(0.0, 12.0),
        "turn_out": rng.uniform(0.0, 30.0),
        "rest_lean": rng.uniform(-8.0, 8.0),
        "lean": rng.uniform(15.0, 50.0),
        "hinge": rng.uniform(0.3, 0.7),
        "reach": rng.uniform(0.0, 1.0),
        "neck": rng.uniform(0.0, 30.0),
    }


def _adductor(person: Person, st: Style, lean: float, neck: float) -> Posture:
    hinge = lean * st["hinge"]
    return _posture(
        pelvis=(0.0, 0.0, 0.09 * person.stature / 1.7),
        tip=hinge,
        lumbar=lean - hinge,
        neck=neck,
        legs={
            s: {
                "hip_flexion": 90 + hinge,
                "hip_abduction": st["apart"],
                "hip_rotation": -st["turn_out"],
                "knee": st["knees"],
                "ankle": 10,
            }
            for s in SIDES
        },
        arms=_arms_down(),
    )


def _adductor_start(person: Person, st: Style, side: str) -> Posture:
    posture = _adductor(person, st, st["rest_lean"], 5.0)
    at = joints(person, posture)
    for hand in SIDES:
        on_thigh = at[f"hip_{hand}"] + (at[f"knee_{hand}"] - at[f"hip_{hand}"]) * 0.5
        pole = SIDES[hand] * np.array([0.0, 1.0, 0.0]) - np.array([0.3, 0.0, 0.5])
        posture = _reach(posture, hand, on_thigh + np.array([0.0, 0.0, 0.06]), pole)
    return posture


def _adductor_held(person: Person, st: Style, side: str, pose: str) -> Posture:
    posture = _adductor(person, st, st["lean"], st["neck"])
    at = joints(person, posture)
    for hand in SIDES:
        knee, toe = at[f"knee_{hand}"], at[f"toe_{hand}"]
        point = knee + (toe - knee) * st["reach"] + np.array([0.0, 0.0, 0.05])
        pole = SIDES[hand] * np.array([0.0, 1.0, 0.0]) - np.array([0.0, 0.0, 1.0])
        posture = _reach(posture, hand, point, pole)
    return posture


# --- Press-up: "Lying on the stomach, raise the upper body to the elbows ... For a more
# advanced press-up, raise the upper body to the hands with elbows straight."


def _press_up_style(rng: np.random.Generator) -> Style:
    return {
        "elbows_ahead": rng.uniform(-0.05, 0.12),  # elbows under (0) or ahead of the shoulders
        "hands_ahead": rng.uniform(0.05, 0.25),
        "arch": rng.uniform(0.75, 1.0),  # how much of the rise the lower back takes
        "hips_up": rng.uniform(0.0, 6.0),
        "neck": rng.uniform(-30.0, 5.0),
        "legs_apart": rng.uniform(0.0, 10.0),
    }


def _press_up(person: Person, st: Style, rise: float, shrug: float = 0.0) -> Posture:
    hip_z = 0.10 * person.stature / 1.7
    return _posture(
        pelvis=(0.0, 0.0, hip_z),
        tip=90.0 - st["hips_up"] * rise / 40.0,
        lumbar=-rise,
        neck=st["neck"] * min(rise / 30.0, 1.0) - 10 * (1 - min(rise / 30.0, 1.0)),
        legs={s: {"hip_abduction": st["legs_apart"], "knee": 5, "ankle": 60} for s in SIDES},
        arms=_arms_down(),
        shrug=shrug,
    )


def _press_up_rise(person: Person, st: Style, pose: str) -> float:
    """The trunk's rise (degrees) that puts the shoulders where the arms hold them."""
    arm_height = person["upper_arm"] + (person["forearm"] if pose == "straight-arms" else 0.03)
    lift = arm_height * 0.97 - 0.10 * person.stature / 1.7
    return float(np.degrees(np.arcsin(np.clip(lift / person["trunk"], 0.0, 0.95))))


def _press_up_start(person: Person, st: Style, side: str) -> Posture:
    posture = _press_up(person, st, 0.0)
    at = joints(person, posture)
    for hand, s in SIDES.items():
        beside_head = at[f"shoulder_{hand}"] + np.array([0.15, s * 0.18, 0.0])
        beside_head[:, 2] = 0.03
        posture = _reach(posture, hand, beside_head, np.array([0.0, s * 1.0, 0.3]))
    return posture


def _press_up_held(person: Person, st: Style, side: str, pose: str, shrug: float = 0.0) -> Posture:
    posture = _press_up(person, st, _press_up_rise(person, st, pose), shrug)
    at = joints(person, posture)
    for hand, s in SIDES.items():
        shoulder = at[f"shoulder_{hand}"]
        if pose == "straight-arms":
            target = shoulder + np.array([st["hands_ahead"], s * 0.04, 0.0])
            pole = np.array([-1.0, s * 0.5, 0.0])
        else:
            target = shoulder + np.array([st["elbows_ahead"] + person["forearm"], 0.0, 0.0])
            pole = np.array([-0.2, 0.0, -1.0])
        target[:, 2] = 0.03
        posture = _reach(posture, hand, target, pole)
    return posture


# --- Knee to chest: "Lying on the back, pull one knee up toward the chest while keeping
# the other leg straight and touching the ground. Cross the fingers behind the thigh."


def _knee_style(rng: np.random.Generator) -> Style:
    return {
        "hip": rng.uniform(95.0, 135.0),
        "knee": rng.uniform(70.0, 130.0),
        "grip": rng.uniform(0.55, 0.9),  # hands along the thigh toward the knee
        "other_knee": rng.uniform(0.0, 8.0),
        "neck": rng.uniform(0.0, 20.0),
        "arms_out": rng.uniform(5.0, 25.0),
    }


def _supine(person: Person, legs: Mapping[str, Mapping[str, float]], **rest: float) -> Posture:
    arms = rest.pop("arms_out", 12.0)
    return _posture(
        pelvis=(0.0, 0.0, 0.10 * person.stature / 1.7),
        tip=-90.0,
        legs=legs,
        arms={s: {"shoulder_abduction": arms, "elbow": 5.0} for s in SIDES},
        **rest,
    )


def _knee_start(person: Person, st: Style, side: str) -> Posture:
    return _supine(
        person,
        {s: {"knee": st["other_knee"], "ankle": 20} for s in SIDES},
        neck=st["neck"] * 0.5,
        arms_out=st["arms_out"],
    )


def _knee_held(person: Person, st: Style, side: str, pose: str, bend: float = 0.0) -> Posture:
    other = _other(side)
    posture = _supine(
        person,
        {
            side: {"hip_flexion": st["hip"], "knee": st["knee"], "ankle": 10},
            other: {"knee": st["other_knee"] + bend, "hip_flexion": bend * 0.5, "ankle": 20},
        },
        neck=st["neck"],
        arms_out=st["arms_out"],
    )
    at = joints(person, posture)
    hip, knee = at[f"hip_{side}"], at[f"knee_{side}"]
    thigh = unit(knee - hip)
    behind = -unit(np.cross(thigh, np.array([0.0, 1.0, 0.0])))
    point = hip + (knee - hip) * st["grip"] + behind * 0.07
    for hand, s in SIDES.items():
        posture = _reach(
            posture, hand, point + np.array([0.0, s * 0.03, 0.0]), np.array([0.0, s * 1.0, 0.2])
        )
    return posture


# --- Lower trunk rotation: "Lie on the back with both knees slightly bent, then gently
# move both knees to one side to twist the torso while keeping both shoulders flat."


def _rotation_style(rng: np.random.Generator) -> Style:
    return {
        "hips": rng.uniform(25.0, 60.0),
        "drop": rng.uniform(25.0, 75.0),  # how far the knees drop
        "pelvis_share": rng.uniform(0.4, 0.8),
        "arms_out": rng.uniform(10.0, 90.0),
        "feet_apart": rng.uniform(0.0, 10.0),
    }


def _rotation(person: Person, st: Style, side: str, drop: float, lift: float = 0.0) -> Posture:
    hip_z = 0.10 * person.stature / 1.7
    knee_z = person["thigh"] * np.sin(np.radians(st["hips"]))
    down = np.clip((person["ankle_height"] + 0.02 - hip_z - knee_z) / person["shank"], -1.0, 1.0)
    knee = st["hips"] - float(np.degrees(np.arcsin(down)))
    s = SIDES[side]
    pelvis = s * drop * st["pelvis_share"]
    legs = {
        leg_side: {
            "hip_flexion": st["hips"],
            "hip_abduction": st["feet_apart"]
            + SIDES[leg_side] * s * drop * (1 - st["pelvis_share"]),
            "knee": knee,
            "ankle": -20,
        }
        for leg_side in SIDES
    }
    return _supine(
        person, legs, spin=pelvis, twist=-pelvis + s * lift, neck=5.0, arms_out=st["arms_out"]
    )


def _rotation_start(person: Person, st: Style, side: str) -> Posture:
    return _rotation(person, st, side, 0.0)


def _rotation_held(person: Person, st: Style, side: str, pose: str, lift: float = 0.0) -> Posture:
    return _rotation(person, st, side, st["drop"], lift)


# --- Pelvic rotation: "Lying on the back with the legs straight, bring one knee into the
# air so the calf is parallel to the floor. Turn the foot so it's pointed slightly away
# from the body ... push the hand on the outside of the knee ... Then, turn the foot so
# it's angled slightly toward the middle of the body, push the hand on the inside."


def _pelvic_style(rng: np.random.Generator) -> Style:
    return {
        "hip": rng.uniform(75.0, 105.0),
        "calf": rng.uniform(-12.0, 12.0),  # the calf this far from level
        "turn": rng.uniform(10.0, 25.0),  # "slightly"
        "other_knee": rng.uniform(0.0, 8.0),
        "arms_out": rng.uniform(5.0, 25.0),
    }


def _pelvic(person: Person, st: Style, side: str, turn: float, up: float) -> Posture:
    other = _other(side)
    return _supine(
        person,
        {
            side: {
                "hip_flexion": st["hip"] * up,
                "knee": (st["hip"] + st["calf"]) * up,
                "hip_rotation": turn,
                "ankle": 10,
            },
            other: {"knee": st["other_knee"], "ankle": 20},
        },
        neck=5.0,
        arms_out=st["arms_out"],
    )


def _pelvic_start(person: Person, st: Style, side: str) -> Posture:
    return _pelvic(person, st, side, 0.0, 0.0)


def _pelvic_knee_up(person: Person, st: Style, side: str) -> Posture:
    return _pelvic(person, st, side, 0.0, 1.0)


def _pelvic_held(person: Person, st: Style, side: str, pose: str) -> Posture:
    outward = pose == "outward-turn"
    posture = _pelvic(person, st, side, st["turn"] if outward else -st["turn"], 1.0)
    at = joints(person, posture)
    knee = at[f"knee_{side}"]
    s = SIDES[side]
    hand = side if outward else _other(side)
    target = knee + np.array([0.0, s * (0.07 if outward else -0.07), 0.0])
    return _reach(posture, hand, target, np.array([0.0, SIDES[hand] * 1.0, 0.0]))


STRETCHES: dict[str, Stretch] = {
    s.id: s
    for s in (
        Stretch("hamstring-stretch", ("left", "right"), ("stretched",), "side", False,
                (15, 30), (5, 5), _hamstring_style, _hamstring_start, _hamstring_held),
        Stretch("quadriceps-stretch", ("left", "right"), ("stretched",), "side", False,
                (15, 30), (2, 2), _quadriceps_style, _quadriceps_start, _quadriceps_held),
        Stretch("hip-adductor-stretch", ("both",), ("stretched",), "front", False,
                (5, 30), (2, 4), _adductor_style, _adductor_start, _adductor_held),
        Stretch("press-up-stretch", ("both",), ("stretched", "straight-arms"), "side", False,
                (5, 30), (5, 10), _press_up_style, _press_up_start, _press_up_held),
        Stretch("knee-to-chest-isometric", ("left", "right"), ("stretched",), "side", False,
                (5, 5), (5, 10), _knee_style, _knee_start, _knee_held),
        Stretch("lower-trunk-rotation", ("left", "right"), ("stretched",), "top", False,
                (5, 10), (2, 4), _rotation_style, _rotation_start, _rotation_held),
        Stretch("pelvic-rotation-stretch", ("left", "right"), ("outward-turn", "inward-turn"),
                "top", True, (5, 5), (3, 3), _pelvic_style, _pelvic_start, _pelvic_held),
    )
}  # fmt: skip

#: Between the start and the held pose, the pelvic rotation passes through the knee up.
MIDDLE: dict[str, Callable[[Person, Style, str], Posture]] = {
    "pelvic-rotation-stretch": _pelvic_knee_up
}


# --- Movement that is not a stretch --------------------------------------------------


def standing(person: Person, rng: np.random.Generator) -> Posture:
    """Standing at ease."""
    posture = _posture(
        pelvis=(0.0, 0.0, 0.0),
        lumbar=rng.uniform(-3, 5),
        neck=rng.uniform(0, 15),
        legs={s: {"knee": rng.uniform(0, 6), "hip_abduction": rng.uniform(0, 6)} for s in SIDES},
        arms=_arms_down(rng.uniform(4, 12)),
    )
    return _ground(person, posture, ("heel_left", "heel_right"))


def walking(person: Person, n: int, fps: float, rng: np.random.Generator) -> Posture:
    """Walking across the room and back: legs and arms swing, the body travels."""
    t = np.arange(n) / fps
    cadence = rng.uniform(0.8, 1.0)  # strides a second
    phase = 2 * np.pi * cadence * t
    swing = rng.uniform(18, 28)
    legs = {}
    for s, sign in SIDES.items():
        p = phase + (0 if sign > 0 else np.pi)
        legs[s] = leg(
            n,
            hip_flexion=swing * np.sin(p) + 5,
            knee=np.clip(35 * np.sin(p + 1.2), 0, None) + 5,
            ankle=10 * np.sin(p),
        )
    arms = {
        s: arm(n, shoulder_flexion=-0.6 * swing * np.sin(phase + (0 if sign > 0 else np.pi)),
               shoulder_abduction=8.0, elbow=20.0)
        for s, sign in SIDES.items()
    }  # fmt: skip
    stride = 2 * person["thigh"] * np.sin(np.radians(swing)) * 2
    speed = stride * cadence
    span = rng.uniform(1.5, 2.5)
    x = span * np.sin(2 * np.pi * speed * t / (4 * span))  # to one end and back
    heading = np.where(np.cos(2 * np.pi * speed * t / (4 * span)) >= 0, 0.0, 180.0)
    height = (person["thigh"] + person["shank"]) * 0.99 + person["ankle_height"]
    bounce = 0.02 * np.cos(2 * phase)
    pelvis = np.stack([np.zeros(n), x, height + bounce], axis=1)
    return Posture(
        pelvis=pelvis, tip=zeros(n), spin=zeros(n), heading=heading + 90.0, lumbar=np.full(n, 3.0),
        twist=zeros(n), neck=np.full(n, 8.0), legs=legs, arms=arms, shrug=zeros(n),
    )  # fmt: skip


def sitting(person: Person, rng: np.random.Generator, lean: float = 0.0) -> Posture:
    """Sitting on a chair, both feet on the floor, hands in the lap (or reaching to a shoe)."""
    seat = rng.uniform(0.40, 0.52)
    hip_z = seat + 0.09 * person.stature / 1.7
    drop = np.clip((hip_z - person["ankle_height"]) / person["shank"], 0.0, 1.0)
    knee = float(np.degrees(np.arcsin(drop)))
    hinge = lean * 0.6
    posture = _posture(
        pelvis=(0.0, 0.0, hip_z),
        tip=hinge,
        lumbar=lean - hinge + rng.uniform(-5, 5),
        neck=rng.uniform(0, 20) + lean * 0.3,
        legs={
            s: {"hip_flexion": 90 + hinge + rng.uniform(-8, 5), "hip_abduction": rng.uniform(3, 12),
                "knee": knee}
            for s in SIDES
        },
        arms={s: {"shoulder_flexion": 30 + lean, "elbow": 60 - lean * 0.8} for s in SIDES},
    )  # fmt: skip
    if lean:
        at = joints(person, posture)
        shoe = at["toe_left"] + np.array([0.0, 0.0, 0.08])
        posture = _reach(posture, "left", shoe, np.array([0.0, 1.0, -1.0]))
        posture = _reach(posture, "right", shoe, np.array([0.0, -1.0, -1.0]))
    return posture


def lying(person: Person, rng: np.random.Generator, face_down: bool) -> Posture:
    """Lying still on the back or the stomach, legs straight, arms by the sides."""
    return _posture(
        pelvis=(0.0, 0.0, 0.10 * person.stature / 1.7),
        tip=-90.0,
        spin=180.0 if face_down else 0.0,
        neck=rng.uniform(-5, 10),
        legs={s: {"knee": rng.uniform(0, 10), "hip_abduction": rng.uniform(0, 8),
                  "ankle": 40 if face_down else 20} for s in SIDES},
        arms={s: {"shoulder_abduction": rng.uniform(5, 20), "elbow": rng.uniform(0, 20)}
              for s in SIDES},
    )  # fmt: skip


def sitting_on_floor(person: Person, rng: np.random.Generator) -> Posture:
    """Sitting up on the floor on the way up, legs together in front, leaning on the hands."""
    return _posture(
        pelvis=(0.0, 0.0, 0.09 * person.stature / 1.7),
        tip=rng.uniform(-20, 0),
        lumbar=rng.uniform(0, 15),
        neck=rng.uniform(0, 15),
        legs={s: {"hip_flexion": 80, "knee": rng.uniform(20, 60), "ankle": 0} for s in SIDES},
        arms={s: {"shoulder_flexion": -30, "shoulder_abduction": 15, "elbow": 0} for s in SIDES},
    )


def kneeling(person: Person, rng: np.random.Generator) -> Posture:
    """Up on one knee, on the way from the floor to standing."""
    posture = _posture(
        pelvis=(0.0, 0.0, 0.0),
        lumbar=rng.uniform(10, 30),
        neck=rng.uniform(0, 15),
        legs={"left": {"hip_flexion": 90, "knee": 90}, "right": {"hip_flexion": 0, "knee": 90}},
        arms={s: {"shoulder_flexion": 40, "elbow": 60} for s in SIDES},
    )
    return _ground(person, posture, ("knee_right", "heel_left"))


__all__ = [
    "MIDDLE",
    "STRETCHES",
    "Stretch",
    "Style",
    "blend",
    "kneeling",
    "lying",
    "sitting",
    "sitting_on_floor",
    "standing",
    "sway",
    "walking",
]
