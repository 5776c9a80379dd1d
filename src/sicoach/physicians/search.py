"""Distance and order, pure: ZIP parsing, haversine between ZIP centres, nearest first.

Distances are between the centres of two 5-digit ZIP codes, never street addresses, so every
provider in one ZIP is the same distance away. That lets a search walk the ZIP codes inside
the radius nearest first and stop as soon as it holds enough providers. The order is distance,
then name: nothing else ranks a provider.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = [
    "EARTH_RADIUS_MILES",
    "Candidate",
    "PhysicianResult",
    "ZipCentre",
    "ZipIndex",
    "haversine_miles",
    "nearest_results",
    "parse_zip",
    "zip5_of_postal_code",
]

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 2 * math.pi * EARTH_RADIUS_MILES / 360
Kind = Literal["person", "organization"]


def parse_zip(text: str) -> str | None:
    """The 5-digit ZIP in what a person typed ('60611', '60611-3012', '606113012'), or None."""
    code = text.strip()
    if len(code) == 10 and code[5] == "-":
        code = code[:5] + code[6:]
    if len(code) in (5, 9) and code.isascii() and code.isdigit():
        return code[:5]
    return None


def zip5_of_postal_code(postal_code: str) -> str | None:
    """The 5-digit ZIP of an NPPES postal code (5 or 9 digits, as the file stores it), or None."""
    code = postal_code.strip()
    if len(code) in (5, 9) and code.isascii() and code.isdigit():
        return code[:5]
    return None


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees (latitude first)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class ZipCentre:
    """The centre of one 5-digit ZIP code."""

    zip5: str
    lat: float
    lon: float
    city: str
    state: str


class ZipIndex:
    """ZIP centres sorted by latitude, for 'which ZIPs lie within R miles' in a few milliseconds."""

    def __init__(self, centres: Iterable[ZipCentre]) -> None:
        self._centres = sorted(centres, key=lambda c: (c.lat, c.zip5))
        self._lats = [c.lat for c in self._centres]
        self._radians = [
            (math.radians(c.lat), math.radians(c.lon), math.cos(math.radians(c.lat)))
            for c in self._centres
        ]
        self._by_zip = {c.zip5: c for c in self._centres}

    def __len__(self) -> int:
        return len(self._centres)

    def get(self, zip5: str) -> ZipCentre | None:
        """The centre of ``zip5``, or None when the ZIP is unknown."""
        return self._by_zip.get(zip5)

    def within(self, origin: ZipCentre, radius_miles: float) -> list[tuple[float, ZipCentre]]:
        """Every ZIP centre within ``radius_miles`` of ``origin``: (miles, centre), nearest first.

        A latitude band (bisect) and a longitude box rule most ZIPs out before the haversine,
        which is :func:`haversine_miles` with each centre's radians and cosine computed once.
        """
        lat_span = radius_miles / MILES_PER_DEGREE_LATITUDE
        widest_lat = min(89.9, abs(origin.lat) + lat_span)
        lon_span = lat_span / math.cos(math.radians(widest_lat))
        low = bisect.bisect_left(self._lats, origin.lat - lat_span)
        high = bisect.bisect_right(self._lats, origin.lat + lat_span)
        phi1, lambda1 = math.radians(origin.lat), math.radians(origin.lon)
        cos1 = math.cos(phi1)
        sin, asin, sqrt = math.sin, math.asin, math.sqrt
        found: list[tuple[float, ZipCentre]] = []
        for n in range(low, high):
            centre = self._centres[n]
            if abs(centre.lon - origin.lon) > lon_span:
                continue
            phi2, lambda2, cos2 = self._radians[n]
            h = sin((phi2 - phi1) / 2) ** 2 + cos1 * cos2 * sin((lambda2 - lambda1) / 2) ** 2
            miles = 2 * EARTH_RADIUS_MILES * asin(sqrt(min(1.0, h)))
            if miles <= radius_miles:
                found.append((miles, centre))
        found.sort(key=lambda pair: (pair[0], pair[1].zip5))
        return found

    def outward(
        self, origin: ZipCentre, radius_miles: float, first_miles: float = 2.0
    ) -> Iterator[tuple[float, ZipCentre]]:
        """The ZIPs of :meth:`within`, nearest first, found lazily in rings of doubling radius.

        A search that fills its list near the origin never measures the far ZIPs.
        """
        done = -1.0
        reach = min(first_miles, radius_miles)
        while True:
            for miles, centre in self.within(origin, reach):
                if miles > done:
                    yield miles, centre
            if reach >= radius_miles:
                return
            done, reach = reach, min(radius_miles, reach * 2)


@dataclass(frozen=True)
class Candidate:
    """One provider in one ZIP, as the directory holds it, with one matching specialty."""

    npi: str
    name: str
    credential: str
    kind: Kind
    specialty: str
    taxonomy_code: str
    is_primary: bool
    address: str
    city: str
    state: str
    zip5: str
    phone: str


@dataclass(frozen=True)
class PhysicianResult:
    """One line of contract 6's ``results``."""

    npi: str
    name: str
    credential: str
    kind: Kind
    specialty: str
    taxonomy_code: str
    address: str
    city: str
    state: str
    zip: str
    phone: str
    distance_miles: float

    def as_contract(self) -> dict[str, object]:
        """The result as contract 6 spells it."""
        return asdict(self)


def _one_per_provider(candidates: Iterable[Candidate], key_order: Sequence[str]) -> list[Candidate]:
    """One candidate per NPI: its primary taxonomy if that matched, else the first key in order."""
    rank = {key: i for i, key in enumerate(key_order)}
    chosen: dict[str, Candidate] = {}
    for c in candidates:
        held = chosen.get(c.npi)
        if held is None or (c.is_primary, -rank.get(c.specialty, 99)) > (
            held.is_primary,
            -rank.get(held.specialty, 99),
        ):
            chosen[c.npi] = c
    return list(chosen.values())


def _result(candidate: Candidate, miles: float) -> PhysicianResult:
    return PhysicianResult(
        npi=candidate.npi,
        name=candidate.name,
        credential=candidate.credential,
        kind=candidate.kind,
        specialty=candidate.specialty,
        taxonomy_code=candidate.taxonomy_code,
        address=candidate.address,
        city=candidate.city,
        state=candidate.state,
        zip=candidate.zip5,
        phone=candidate.phone,
        distance_miles=round(miles, 1),
    )


def nearest_results(
    rings: Iterable[tuple[float, ZipCentre]],
    fetch: Callable[[list[str]], Iterable[Candidate]],
    *,
    limit: int,
    key_order: Sequence[str],
    first_chunk: int = 1,
    growth: int = 4,
) -> list[PhysicianResult]:
    """The ``limit`` nearest providers, walking ``rings`` (ZIPs nearest first) in growing chunks.

    ``fetch`` returns the candidates in a list of ZIPs. Chunks start at one ZIP and grow
    ``growth``-fold, so a dense city costs one small look-up and a sparse search few of
    them. A chunk always ends where the distance changes, so providers at the same
    distance are ordered by name wherever the chunk falls.
    """
    outward = iter(rings)
    pending = next(outward, None)
    miles_of: dict[str, float] = {}
    collected: list[Candidate] = []
    providers: set[str] = set()
    size = first_chunk
    while pending is not None and len(providers) < limit:
        chunk = [pending]
        pending = next(outward, None)
        while pending is not None and (len(chunk) < size or pending[0] == chunk[-1][0]):
            chunk.append(pending)
            pending = next(outward, None)
        miles_of.update((centre.zip5, miles) for miles, centre in chunk)
        found = list(fetch([centre.zip5 for _, centre in chunk]))
        collected.extend(found)
        providers.update(c.npi for c in found)
        size *= growth
    unique = _one_per_provider(collected, key_order)
    unique.sort(key=lambda c: (miles_of[c.zip5], c.name.casefold(), c.npi))
    return [_result(c, miles_of[c.zip5]) for c in unique[:limit]]
