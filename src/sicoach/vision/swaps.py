"""Undo MediaPipe's left-right swaps: a body seen side-on is sometimes labelled the wrong way round.

A person's left knee does not jump to where the right knee was from one frame to the
next, but a swapped label does. For the legs and for the upper body separately, each
frame is compared with the last frame that showed a person: when the two sides fit
the previous frame much better crossed over than as labelled, a swap begins (or
ends) there. The swaps are counted up the recording and the frames with an odd
count are put back the right way round. Every step works on whole arrays.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

from sicoach.rules import SWAP_JUMP_TRUNK_FRACTION, SWAP_MAX_SECONDS, SWAP_RATIO
from sicoach.vision.landmarks import Landmark as L

__all__ = ["LEG_PAIRS", "UPPER_PAIRS", "unswap"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Left and right landmarks of the legs, and of the arms and the face.
LEG_PAIRS = [(L[f"LEFT_{n}"], L[f"RIGHT_{n}"]) for n in "HIP KNEE ANKLE HEEL FOOT_INDEX".split()]
UPPER_PAIRS = [
    (L[f"LEFT_{n}"], L[f"RIGHT_{n}"])
    for n in "EYE_INNER EYE EYE_OUTER EAR SHOULDER ELBOW WRIST PINKY INDEX THUMB".split()
] + [(L.MOUTH_LEFT, L.MOUTH_RIGHT)]
#: The pairs whose jumps are compared (the wide-apart joints; the face is too small to tell).
_TELLING = {
    "legs": [(L.LEFT_KNEE, L.RIGHT_KNEE), (L.LEFT_ANKLE, L.RIGHT_ANKLE)],
    "upper": [(L.LEFT_ELBOW, L.RIGHT_ELBOW), (L.LEFT_WRIST, L.RIGHT_WRIST)],
}


def _filled(points: FloatArray) -> FloatArray:
    """Each frame's points, or the last frame's that had a person (frames x k x 2)."""
    present = ~np.isnan(points[:, 0, 0])
    index = np.where(present, np.arange(points.shape[0]), -1)
    latest = np.maximum.accumulate(index)
    return np.asarray(np.where((latest >= 0)[:, None, None], points[np.maximum(latest, 0)], np.nan))


def _swapped(
    pixels: FloatArray, pairs: list[tuple[L, L]], trunk: FloatArray, times: FloatArray
) -> BoolArray:
    """Per frame: True where the group's labels are crossed over.

    A swap is a jump that crosses the sides over and a later jump that crosses them
    back within :data:`~sicoach.rules.SWAP_MAX_SECONDS`; a lone jump (a burst of
    jitter, or the legs passing each other) is left alone, so one misjudged frame
    cannot turn the rest of the recording round.
    """
    left = _filled(pixels[:, [a for a, _ in pairs], :2])
    right = _filled(pixels[:, [b for _, b in pairs], :2])
    before_left, before_right = left[:-1], right[:-1]
    now_left, now_right = left[1:], right[1:]
    with np.errstate(invalid="ignore"):
        keep = np.linalg.norm(now_left - before_left, axis=2).sum(1) + np.linalg.norm(
            now_right - before_right, axis=2
        ).sum(1)
        cross = np.linalg.norm(now_left - before_right, axis=2).sum(1) + np.linalg.norm(
            now_right - before_left, axis=2
        ).sum(1)
        apart = np.linalg.norm(before_left - before_right, axis=2).sum(1)
        least = SWAP_JUMP_TRUNK_FRACTION.value * len(pairs) * 2 * trunk[1:]
        event = (keep > least) & (apart > least) & (cross < SWAP_RATIO.value * keep)
    crossed = np.zeros(pixels.shape[0], dtype=bool)
    frames = np.flatnonzero(event) + 1
    index = 0
    while index + 1 < frames.size:
        begin, end = frames[index], frames[index + 1]
        if times[end] - times[begin] <= SWAP_MAX_SECONDS.value:
            crossed[begin:end] = True
            index += 2
        else:
            index += 1
    return crossed


def unswap(
    landmarks: FloatArray, scale: tuple[float, float, float], times: FloatArray
) -> FloatArray:
    """``landmarks`` (frames x 33 x 4, at ``times``) with MediaPipe's left-right swaps put back.

    Without a swap the very same array comes back (nothing is copied).
    """
    if landmarks.shape[0] < 2:
        return landmarks
    # Only the landmarks compared, in pixels (x and y), keep their numbering.
    used = sorted({int(i) for pairs in _TELLING.values() for pair in pairs for i in pair} | {
        L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP,
    })  # fmt: skip
    pixels = np.full((landmarks.shape[0], max(used) + 1, 2), np.nan)
    pixels[:, used] = landmarks[:, used, :2] * np.array(scale[:2])
    shoulders = (pixels[:, L.LEFT_SHOULDER] + pixels[:, L.RIGHT_SHOULDER]) / 2
    hips = (pixels[:, L.LEFT_HIP] + pixels[:, L.RIGHT_HIP]) / 2
    trunk = np.hypot(*(shoulders - hips).T)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        typical = np.nanmedian(trunk) if np.isfinite(trunk).any() else 1.0
    trunk = np.where(np.isnan(trunk), typical, trunk)
    out = landmarks
    for group, pairs in (("legs", LEG_PAIRS), ("upper", UPPER_PAIRS)):
        crossed = _swapped(pixels, _TELLING[group], trunk, times)
        if not crossed.any():
            continue
        if out is landmarks:
            out = landmarks.copy()
        for a, b in pairs:
            out[crossed, a], out[crossed, b] = landmarks[crossed, b], landmarks[crossed, a]
    return out
