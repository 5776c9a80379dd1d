"""Distance between ZIP centres, ZIP parsing, and the order: nearest first, then name."""

from __future__ import annotations

import math
from functools import lru_cache

import pytest
import zipcodes
from hypothesis import given, settings
from hypothesis import strategies as st

from sicoach.physicians.search import (
    EARTH_RADIUS_MILES,
    Candidate,
    ZipCentre,
    ZipIndex,
    haversine_miles,
    nearest_results,
    parse_zip,
    zip5_of_postal_code,
)
from sicoach.physicians.zip_centres import default_zip_index

latitudes = st.floats(min_value=-89.0, max_value=89.0)
longitudes = st.floats(min_value=-179.9, max_value=179.9)
points = st.tuples(latitudes, longitudes)


@given(points)
def test_a_point_is_zero_miles_from_itself(p: tuple[float, float]) -> None:
    assert haversine_miles(*p, *p) == pytest.approx(0.0, abs=1e-9)


@given(points, points)
def test_distance_is_symmetric_and_never_beyond_half_the_globe(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    there = haversine_miles(*a, *b)
    back = haversine_miles(*b, *a)
    assert there == pytest.approx(back, rel=1e-9, abs=1e-9)
    assert 0.0 <= there <= math.pi * EARTH_RADIUS_MILES + 1e-6


@given(points, points, points)
def test_distance_obeys_the_triangle_inequality(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]
) -> None:
    assert haversine_miles(*a, *c) <= haversine_miles(*a, *b) + haversine_miles(*b, *c) + 1e-6


@pytest.mark.parametrize(
    ("zip_a", "zip_b"),
    [("60611", "10001"), ("60611", "60622"), ("02110", "90012"), ("59101", "80202")],
)
def test_distance_agrees_with_the_zipcodes_package(zip_a: str, zip_b: str) -> None:
    a, b = zipcodes.matching(zip_a)[0], zipcodes.matching(zip_b)[0]
    ours = haversine_miles(float(a["lat"]), float(a["long"]), float(b["lat"]), float(b["long"]))
    theirs = zipcodes.haversine(
        float(a["long"]), float(a["lat"]), float(b["long"]), float(b["lat"])
    )
    assert ours == pytest.approx(theirs, rel=0.002)


def test_one_degree_of_latitude_is_about_69_miles() -> None:
    assert haversine_miles(40.0, -90.0, 41.0, -90.0) == pytest.approx(69.09, abs=0.01)


@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_five_digits_are_a_zip(text: str) -> None:
    assert parse_zip(text) == text
    assert parse_zip(f"  {text} ") == text


@given(st.from_regex(r"\A[0-9]{5}\Z"), st.from_regex(r"\A[0-9]{4}\Z"))
def test_zip_plus_four_gives_its_first_five_digits(five: str, four: str) -> None:
    assert parse_zip(f"{five}-{four}") == five
    assert parse_zip(f"{five}{four}") == five
    assert zip5_of_postal_code(f"{five}{four}") == five


@given(st.text(max_size=12))
def test_anything_else_is_not_a_zip(text: str) -> None:
    parsed = parse_zip(text)
    if parsed is not None:
        assert len(parsed) == 5 and parsed.isdigit() and parsed == text.strip()[:5]


@pytest.mark.parametrize("text", ["6061", "606111", "6061a", "60611-30", "60-611", "", "٦٠٦١١"])
def test_malformed_zips_are_refused(text: str) -> None:
    assert parse_zip(text) is None


@lru_cache(maxsize=1)
def _every_centre() -> list[tuple[str, float, float]]:
    return [(z["zip_code"], float(z["lat"]), float(z["long"])) for z in zipcodes.list_all()]


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(["60611", "10001", "90012", "59101", "02110", "99501"]), st.floats(1, 150))
def test_zips_within_a_radius_are_exactly_the_brute_force_answer(zip5: str, radius: float) -> None:
    index = default_zip_index()
    origin = index.get(zip5)
    assert origin is not None
    found = index.within(origin, radius)
    brute = {
        z for z, lat, lon in _every_centre()
        if haversine_miles(origin.lat, origin.lon, lat, lon) <= radius
    }  # fmt: skip
    assert {c.zip5 for _, c in found} == brute
    assert [m for m, _ in found] == sorted(m for m, _ in found)


def _centre(zip5: str, lat: float) -> ZipCentre:
    return ZipCentre(zip5=zip5, lat=lat, lon=-87.0, city="X", state="IL")


def _candidate(
    npi: str, name: str, zip5: str, *, key: str = "chiropractic", primary: bool = True
) -> Candidate:
    return Candidate(
        npi=npi, name=name, credential="", kind="person", specialty=key,
        taxonomy_code="111N00000X", is_primary=primary, address="1 A ST", city="X",
        state="IL", zip5=zip5, phone="",
    )  # fmt: skip


def test_results_come_nearest_first_then_by_name_across_chunk_edges() -> None:
    index = ZipIndex([_centre("00001", 41.0), _centre("00002", 41.1), _centre("00003", 41.2)])
    origin = _centre("00000", 41.0)
    rings = index.within(origin, 50)
    people = {
        "00001": [_candidate("3", "zed", "00001"), _candidate("4", "Amy", "00001")],
        "00002": [_candidate("1", "Aaron", "00002")],
        "00003": [_candidate("2", "Bob", "00003")],
    }
    asked: list[list[str]] = []

    def fetch(zips: list[str]) -> list[Candidate]:
        asked.append(zips)
        return [c for z in zips for c in people.get(z, [])]

    results = nearest_results(rings, fetch, limit=10, key_order=["chiropractic"], first_chunk=1)
    assert [r.name for r in results] == ["Amy", "zed", "Aaron", "Bob"]
    assert [r.distance_miles for r in results] == sorted(r.distance_miles for r in results)
    assert asked[0] == ["00001"]


def test_the_walk_stops_once_it_holds_enough_providers() -> None:
    index = ZipIndex([_centre(f"{i:05d}", 41.0 + i / 100) for i in range(1, 200)])
    rings = index.within(_centre("00000", 41.0), 500)
    asked: list[list[str]] = []

    def fetch(zips: list[str]) -> list[Candidate]:
        asked.append(zips)
        return [_candidate(z, f"P{z}", z) for z in zips]

    results = nearest_results(rings, fetch, limit=5, key_order=["chiropractic"], first_chunk=8)
    assert len(results) == 5 and len(asked) == 1


def test_a_provider_matching_two_keys_is_listed_once_under_its_primary_taxonomy() -> None:
    index = ZipIndex([_centre("00001", 41.0)])
    rings = index.within(_centre("00000", 41.0), 5)
    rows = [
        _candidate("1", "Ann", "00001", key="physical-therapy", primary=False),
        _candidate("1", "Ann", "00001", key="sports-medicine", primary=True),
    ]
    results = nearest_results(
        rings, lambda zips: rows, limit=5, key_order=["physical-therapy", "sports-medicine"]
    )
    assert [(r.npi, r.specialty) for r in results] == [("1", "sports-medicine")]


@settings(deadline=None, max_examples=30)
@given(
    st.sampled_from(["60611", "10001", "59101", "99501"]), st.floats(0.5, 150), st.floats(0.1, 20)
)
def test_walking_outward_in_rings_gives_the_same_zips_in_the_same_order(
    zip5: str, radius: float, first: float
) -> None:
    index = default_zip_index()
    origin = index.get(zip5)
    assert origin is not None
    assert list(index.outward(origin, radius, first)) == index.within(origin, radius)
