"""Where the camera stands, what it sees, and the ways MediaPipe's landmarks go wrong.

The camera is a pinhole on a tripod or a shelf, placed from the view the program asks
for (side, front or top) and moved off it by a chosen angle, with its own height,
distance, field of view and picture size. Its landmarks then get MediaPipe's faults:
jitter that is correlated from frame to frame and sometimes bursts, landmarks on the
far side of the body seen poorly and drawn less surely, frames with nobody found, runs
of frames with left and right swapped when the body is seen side-on, and moments when
the whole body is seen poorly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sicoach.vision.landmarks import LANDMARK_COUNT
from sicoach.vision.landmarks import Landmark as L
from tests.vision.population.body import FloatArray, slow_noise, unit

#: Pairs of landmarks that swap when MediaPipe takes the left side for the right.
SWAP_PAIRS = [
    (L[f"LEFT_{n}"], L[f"RIGHT_{n}"])
    for n in (
        "EYE_INNER EYE EYE_OUTER EAR SHOULDER ELBOW WRIST PINKY INDEX THUMB HIP KNEE ANKLE "
        "HEEL FOOT_INDEX"
    ).split()
]
LEG_PAIRS = [
    p
    for p in SWAP_PAIRS
    if p[0].name.split("_", 1)[1] in ("HIP", "KNEE", "ANKLE", "HEEL", "FOOT_INDEX")
]
_MOUTH = (L.MOUTH_LEFT, L.MOUTH_RIGHT)
LEFT_SIDE = [p[0] for p in SWAP_PAIRS] + [L.MOUTH_LEFT]
RIGHT_SIDE = [p[1] for p in SWAP_PAIRS] + [L.MOUTH_RIGHT]


@dataclass(frozen=True)
class Placement:
    """A camera: ``azimuth`` around the person (0 in front, 90 at their left), looking down
    by ``elevation`` from ``distance`` metres, at the middle of the body."""

    azimuth: float
    elevation: float
    distance: float
    width: int
    height: int
    fov: float

    def project(self, world: FloatArray, target: FloatArray) -> FloatArray:
        """World points (n x 33 x 3) to MediaPipe coordinates (x, y normalised; z on x's scale)."""
        az, el = math.radians(self.azimuth), math.radians(self.elevation)
        eye = target + self.distance * np.array(
            [math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)]
        )
        forward = unit(target - eye)
        right = unit(np.cross(forward, np.array([0.0, 0.0, 1.0])))
        down = np.cross(forward, right)
        focal = self.width / 2 / math.tan(math.radians(self.fov) / 2)
        rel = world - eye
        depth = rel @ forward
        u = self.width / 2 + focal * (rel @ right) / depth
        v = self.height / 2 + focal * (rel @ down) / depth
        hips = (depth[:, L.LEFT_HIP] + depth[:, L.RIGHT_HIP]) / 2
        z = (depth - hips[:, None]) * focal / hips[:, None] / self.width
        return np.stack([u / self.width, v / self.height, z], axis=-1)

    def depth(self, world: FloatArray, target: FloatArray) -> FloatArray:
        """Distance of each point from the camera along its line of sight (n x 33)."""
        az, el = math.radians(self.azimuth), math.radians(self.elevation)
        eye = target + self.distance * np.array(
            [math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)]
        )
        return np.asarray((world - eye) @ unit(target - eye))


#: The view the program asks for: azimuths to choose between, and the usual elevation.
VIEWS = {"side": ((90.0, 270.0), 10.0), "front": ((0.0,), 15.0), "top": ((90.0, 270.0), 60.0)}


def place(
    view: str, rng: np.random.Generator, off_degrees: float, camera_left: bool | None = None
) -> Placement:
    """A camera for ``view``, ``off_degrees`` around the person from it (either way).

    ``camera_left`` puts a side or top camera at the person's left (True) or right.
    Height, distance, field of view and picture size vary as phones and laptops do.
    """
    azimuths, elevation = VIEWS[view]
    if len(azimuths) == 1:
        azimuth = azimuths[0]
    else:
        left = rng.random() < 0.5 if camera_left is None else camera_left
        azimuth = azimuths[0] if left else azimuths[1]
    azimuth += off_degrees * (1 if rng.random() < 0.5 else -1)
    width, height = [(640, 480), (1280, 720), (960, 540)][int(rng.integers(3))]
    return Placement(
        azimuth=azimuth,
        elevation=elevation + rng.uniform(-8.0, 8.0),
        distance=rng.uniform(2.4, 3.8),
        width=width,
        height=height,
        fov=rng.uniform(55.0, 70.0),
    )


@dataclass(frozen=True)
class Faults:
    """How badly the pose model does in one recording (rates are per minute)."""

    jitter_pixels: float
    bursts_per_minute: float
    drop_fraction: float
    gaps_per_minute: float
    swaps_per_minute: float
    dims_per_minute: float


def sample_faults(rng: np.random.Generator) -> Faults:
    """MediaPipe on an ordinary room: jitter of 1-3 px (640 wide), bursts, drops, swaps."""
    return Faults(
        jitter_pixels=rng.uniform(1.0, 3.0),
        bursts_per_minute=rng.uniform(1.0, 3.0),
        drop_fraction=rng.uniform(0.0, 0.04),
        gaps_per_minute=rng.uniform(0.3, 1.5),
        swaps_per_minute=rng.uniform(1.0, 3.0),
        dims_per_minute=rng.uniform(0.3, 1.5),
    )


def _events(rng: np.random.Generator, n: int, fps: float, per_minute: float, low: float,
            high: float) -> list[slice]:  # fmt: skip
    count = rng.poisson(per_minute * n / fps / 60.0)
    out = []
    for _ in range(count):
        start = int(rng.integers(0, max(n, 1)))
        out.append(slice(start, min(n, start + int(rng.uniform(low, high) * fps) + 1)))
    return out


def observe(
    world: FloatArray,
    camera: Placement,
    target: FloatArray,
    faults: Faults,
    fps: float,
    rng: np.random.Generator,
) -> FloatArray:
    """What MediaPipe reports for world landmarks (n x 33 x 3): n x 33 x 4, NaN when lost."""
    n = world.shape[0]
    seen = camera.project(world, target)
    depth = camera.depth(world, target)
    out = np.empty((n, LANDMARK_COUNT, 4))
    out[:, :, :3] = seen
    # The side of the body further from the camera is seen less well and less surely.
    gap = (depth[:, L.LEFT_HIP] + depth[:, L.LEFT_SHOULDER]) - (
        depth[:, L.RIGHT_HIP] + depth[:, L.RIGHT_SHOULDER]
    )
    left_far = gap > 0.15
    right_far = gap < -0.15
    visibility = rng.uniform(0.85, 1.0, (n, LANDMARK_COUNT))
    far_vis = rng.uniform(0.35, 0.8, (n, 1))
    visibility[:, LEFT_SIDE] = np.where(left_far[:, None], far_vis, visibility[:, LEFT_SIDE])
    visibility[:, RIGHT_SIDE] = np.where(right_far[:, None], far_vis, visibility[:, RIGHT_SIDE])
    sigma = np.full((n, LANDMARK_COUNT), faults.jitter_pixels * camera.width / 640.0)
    sigma[:, LEFT_SIDE] *= np.where(left_far, 2.0, 1.0)[:, None]
    sigma[:, RIGHT_SIDE] *= np.where(right_far, 2.0, 1.0)[:, None]
    for burst in _events(rng, n, fps, faults.bursts_per_minute, 0.3, 1.2):
        sigma[burst] *= rng.uniform(3.0, 5.0)
    for axis, size in ((0, camera.width), (1, camera.height)):
        white = rng.normal(0.0, 1.0, (n, LANDMARK_COUNT))
        drift = np.stack([slow_noise(rng, n, fps, 0.15) for _ in range(LANDMARK_COUNT)], axis=1)
        out[:, :, axis] += sigma * (0.6 * white + 0.8 * drift) / size
    out[:, :, 2] += rng.normal(0.0, 0.08, (n, LANDMARK_COUNT))
    outside = (seen[:, :, 0] < 0) | (seen[:, :, 0] > 1) | (seen[:, :, 1] < 0) | (seen[:, :, 1] > 1)
    visibility[outside] = rng.uniform(0.05, 0.3, int(outside.sum()))
    for dim in _events(rng, n, fps, faults.dims_per_minute, 0.3, 1.0):
        visibility[dim] *= rng.uniform(0.2, 0.5)
    out[:, :, 3] = visibility
    # Seen side-on, MediaPipe now and then takes the left for the right (all, or the legs).
    side_on = np.abs(gap) > 0.2
    for swap in _events(rng, n, fps, faults.swaps_per_minute, 0.1, 1.0):
        frames = np.flatnonzero(side_on[swap]) + (swap.start or 0)
        pairs = SWAP_PAIRS + [_MOUTH] if rng.random() < 0.6 else LEG_PAIRS
        for a, b in pairs:
            out[frames, a], out[frames, b] = out[frames, b].copy(), out[frames, a].copy()
    lost = rng.random(n) < faults.drop_fraction
    for gap_slice in _events(rng, n, fps, faults.gaps_per_minute, 0.2, 0.8):
        lost[gap_slice] = True
    out[lost] = np.nan
    return out
