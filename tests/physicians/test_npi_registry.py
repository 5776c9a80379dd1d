"""--online: the NPI Registry API through a mock transport; no test touches the network."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sicoach.physicians.npi_registry import (
    MAX_REQUESTS,
    PAGE_SIZE,
    SKIP_MAX,
    OnlineSearchError,
    search_registry,
)
from sicoach.physicians.specialties import default_specialties
from sicoach.physicians.zip_centres import default_zip_index
from sicoach.services.physicians import search_physicians
from tests.fakes import FakeUnitOfWork


def _result(
    number: str, zip9: str, code: str, *, last: str = "SMITH", org: str = ""
) -> dict[str, Any]:
    return {
        "number": number,
        "enumeration_type": "NPI-2" if org else "NPI-1",
        "basic": {"first_name": "ANNA", "last_name": last, "organization_name": org,
                  "credential": "DC", "status": "A"},
        "addresses": [
            {"address_purpose": "MAILING", "address_1": "PO BOX 1 HOME", "city": "HOME",
             "state": "ZZ", "postal_code": "999990000", "country_code": "US"},
            {"address_purpose": "LOCATION", "address_1": "1 N STATE ST", "address_2": "",
             "city": "CHICAGO", "state": "IL", "postal_code": zip9, "country_code": "US",
             "telephone_number": "312-555-0100"},
        ],
        "taxonomies": [{"code": "207R00000X", "primary": False},
                       {"code": code, "desc": "Chiropractor", "primary": True}],
    }  # fmt: skip


def _rings(zip5: str = "60611", radius: float = 10) -> list[Any]:
    index = default_zip_index()
    origin = index.get(zip5)
    assert origin is not None
    return index.within(origin, radius)


def test_the_search_asks_by_zip_prefix_and_taxonomy_and_ranks_by_distance() -> None:
    asked: list[dict[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        asked.append(params)
        if params["postal_code"] != "606*":
            return httpx.Response(200, json={"result_count": 0, "results": []})
        return httpx.Response(200, json={"result_count": 3, "results": [
            _result("1000000004", "606220001", "111N00000X", last="FAR"),
            _result("1000000001", "606113012", "111N00000X", last="ZED"),
            _result("1000000002", "60611", "111N00000X", last="ABLE"),
            _result("1000000003", "900120001", "111N00000X", last="LA"),
        ]})  # fmt: skip

    chiro = default_specialties().select(["chiropractic"])
    found = search_registry(
        _rings(), chiro, key_order=default_specialties().keys, kind=None, limit=10,
        transport=httpx.MockTransport(answer), pause_seconds=0,
    )  # fmt: skip
    assert [r.name for r in found.results] == ["ANNA ABLE", "ANNA ZED", "ANNA FAR"]
    assert found.results[0].address == "1 N STATE ST" and found.results[0].phone == "3125550100"
    assert found.complete
    first = asked[0]
    assert first["version"] == "2.1" and first["address_purpose"] == "LOCATION"
    assert first["taxonomy_description"] == "Chiropractor*"
    assert first["limit"] == str(PAGE_SIZE) and first["skip"] == "0"
    assert {a["postal_code"] for a in asked} >= {"606*"}
    assert all(set(a) <= {"version", "postal_code", "address_purpose", "taxonomy_description",
                          "limit", "skip", "enumeration_type"} for a in asked)  # fmt: skip


def test_pages_follow_the_api_limits_and_a_cut_short_search_says_so() -> None:
    skips: list[int] = []

    def full_pages(request: httpx.Request) -> httpx.Response:
        skips.append(int(request.url.params["skip"]))
        page = [_result(f"1{len(skips):03d}{i:06d}", "60611", "111N00000X") for i in range(200)]
        return httpx.Response(200, json={"result_count": 200, "results": page})

    found = search_registry(
        _rings(radius=2), default_specialties().select(["chiropractic"]),
        key_order=default_specialties().keys, kind="person", limit=5,
        transport=httpx.MockTransport(full_pages), pause_seconds=0,
    )  # fmt: skip
    assert skips[:6] == [0, 200, 400, 600, 800, SKIP_MAX]
    assert max(skips) == SKIP_MAX and len(skips) <= MAX_REQUESTS
    assert not found.complete and len(found.results) == 5


def test_a_network_failure_suggests_the_offline_import() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    with pytest.raises(OnlineSearchError, match="sicoach physicians import"):
        search_registry(
            _rings(), default_specialties().select([]), key_order=default_specialties().keys,
            kind=None, limit=5, transport=httpx.MockTransport(down), pause_seconds=0,
        )  # fmt: skip


def test_an_api_error_is_passed_on_plainly() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        errors = [
            {"description": "Field taxonomy_description requires 2 characters", "number": "04"}
        ]
        return httpx.Response(200, json={"Errors": errors})

    with pytest.raises(OnlineSearchError, match="requires 2 characters"):
        search_registry(
            _rings(), default_specialties().select([]), key_order=default_specialties().keys,
            kind=None, limit=5, transport=httpx.MockTransport(refuse), pause_seconds=0,
        )  # fmt: skip


def test_the_online_service_gives_the_same_shape_without_a_directory() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"results": [_result("1000000002", "60611", "111N00000X")]})

    found = search_physicians(
        FakeUnitOfWork(), "60611", specialties=["chiropractic"], online=True,
        transport=httpx.MockTransport(answer), pause_seconds=0,
    )  # fmt: skip
    contract = found.as_contract()
    assert contract["source"]["file"] == "NPI Registry API v2.1"  # type: ignore[index]
    assert [r["npi"] for r in contract["results"]] == ["1000000002"]  # type: ignore[attr-defined]
    assert found.stale_warning is None and "Registry" in found.source_line
