"""The public NPI Registry API v2.1, for ``--online`` searches only (physician-finder.md §1).

The API has no radius search, so the search asks for each 3-digit ZIP prefix inside the
radius and each taxonomy description of the chosen specialties, pages within the API's limits
(200 a page, skip at most 1000), keeps providers whose practice location lies inside the
radius and who carry one of our taxonomy codes, and ranks them as the offline search does.
Only a ZIP prefix and a taxonomy description leave the machine. The transport is a parameter
so tests answer with :class:`httpx.MockTransport`; nothing here runs without ``--online``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from sicoach.physicians.search import Candidate, PhysicianResult, ZipCentre, nearest_results
from sicoach.physicians.specialties import Specialty

__all__ = [
    "API_URL",
    "MAX_REQUESTS",
    "PAGE_SIZE",
    "SKIP_MAX",
    "OnlineResults",
    "OnlineSearchError",
    "search_registry",
]

API_URL = "https://npiregistry.cms.hhs.gov/api/"
PAGE_SIZE = 200
SKIP_MAX = 1000
MAX_REQUESTS = 60
"""At most this many requests per search; a larger area is reported as incomplete."""

OFFLINE_HINT = (
    "For a complete offline search, download the monthly file from "
    "download.cms.gov/nppes/NPI_Files.html and run: sicoach physicians import FILE"
)


class OnlineSearchError(RuntimeError):
    """The NPI Registry could not be asked or answered with an error; the message says which."""


@dataclass(frozen=True)
class OnlineResults:
    """Ranked results and whether the API's limits cut the search short."""

    results: list[PhysicianResult]
    complete: bool
    requests: int


def _queries(
    rings: Sequence[tuple[float, ZipCentre]], chosen: Sequence[Specialty]
) -> Iterator[tuple[str, str]]:
    """(postal_code pattern, taxonomy description) pairs, nearest prefix first."""
    prefixes = list(dict.fromkeys(centre.zip5[:3] for _, centre in rings))
    for prefix in prefixes:
        for specialty in chosen:
            for term in specialty.online_terms:
                yield f"{prefix}*", term


def _location(result: dict[str, Any]) -> dict[str, Any] | None:
    for address in result.get("addresses", []):
        if address.get("address_purpose") == "LOCATION":
            return dict(address)
    return None


def _candidates(result: dict[str, Any], code_keys: dict[str, str]) -> list[Candidate]:
    """The practice-location candidates one API result gives, one per matching key."""
    basic = result.get("basic", {})
    if basic.get("status", "A") != "A":
        return []
    where = _location(result)
    if where is None or where.get("country_code", "US") not in ("US", ""):
        return []
    postal = str(where.get("postal_code", ""))
    if len(postal) < 5 or not postal[:5].isdigit():
        return []
    is_org = result.get("enumeration_type") == "NPI-2"
    kind: Literal["person", "organization"] = "organization" if is_org else "person"
    if is_org:
        name = str(basic.get("organization_name", ""))
    else:
        name = f"{basic.get('first_name', '')} {basic.get('last_name', '')}".strip()
    line1, line2 = str(where.get("address_1", "")), str(where.get("address_2", ""))
    found: list[Candidate] = []
    for taxonomy in result.get("taxonomies", []):
        code = str(taxonomy.get("code", ""))
        key = code_keys.get(code)
        if key is None:
            continue
        found.append(
            Candidate(
                npi=str(result.get("number", "")),
                name=name,
                credential=str(basic.get("credential", "")),
                kind=kind,
                specialty=key,
                taxonomy_code=code,
                is_primary=bool(taxonomy.get("primary", False)),
                address=f"{line1}, {line2}" if line2 else line1,
                city=str(where.get("city", "")),
                state=str(where.get("state", "")),
                zip5=postal[:5],
                phone=str(where.get("telephone_number", "")).replace("-", ""),
            )
        )
    return found


def _page(client: httpx.Client, params: dict[str, str | int]) -> list[dict[str, Any]]:
    try:
        response = client.get(API_URL, params=params)
        response.raise_for_status()
        body = response.json()
    except httpx.HTTPError as exc:
        raise OnlineSearchError(
            f"could not reach the NPI Registry ({exc}). {OFFLINE_HINT}"
        ) from exc
    except ValueError as exc:
        raise OnlineSearchError(
            f"the NPI Registry sent something that is not JSON. {OFFLINE_HINT}"
        ) from exc
    if isinstance(body, dict) and body.get("Errors"):
        problems = "; ".join(str(e.get("description", e)) for e in body["Errors"])
        raise OnlineSearchError(f"the NPI Registry refused the search: {problems}")
    return list(body.get("results", [])) if isinstance(body, dict) else []


def search_registry(
    rings: Sequence[tuple[float, ZipCentre]],
    chosen: Sequence[Specialty],
    *,
    key_order: Sequence[str],
    kind: Literal["person", "organization"] | None,
    limit: int,
    transport: httpx.BaseTransport | None = None,
    pause_seconds: float = 0.5,
) -> OnlineResults:
    """Ask the registry for providers in the ZIPs of ``rings``; rank nearest first, then name."""
    code_keys = {code: s.key for s in chosen for code in s.codes}
    inside = {centre.zip5 for _, centre in rings}
    collected: dict[tuple[str, str], Candidate] = {}
    complete, requests = True, 0
    with httpx.Client(transport=transport, timeout=20.0) as client:
        for postal_code, term in _queries(rings, chosen):
            for skip in range(0, SKIP_MAX + 1, PAGE_SIZE):
                if requests >= MAX_REQUESTS:
                    complete = False
                    break
                params: dict[str, str | int] = {
                    "version": "2.1",
                    "postal_code": postal_code,
                    "address_purpose": "LOCATION",
                    "taxonomy_description": term,
                    "limit": PAGE_SIZE,
                    "skip": skip,
                }
                if kind is not None:
                    params["enumeration_type"] = "NPI-2" if kind == "organization" else "NPI-1"
                if requests and pause_seconds:
                    time.sleep(pause_seconds)
                page = _page(client, params)
                requests += 1
                for result in page:
                    for c in _candidates(result, code_keys):
                        if c.zip5 in inside:
                            collected[(c.npi, c.specialty)] = c
                if len(page) < PAGE_SIZE:
                    break
                if skip == SKIP_MAX:
                    complete = False
            if requests >= MAX_REQUESTS:
                break
    everything = list(collected.values())
    results = nearest_results(
        rings,
        lambda zips: [c for c in everything if c.zip5 in set(zips)],
        limit=limit,
        key_order=key_order,
    )
    return OnlineResults(results=results, complete=complete, requests=requests)
