"""NPPES-shaped test files: the full 330-column header, every field quoted, made-up providers.

For tests, demos and the benchmark. Providers sit at real ZIP codes around a few cities (ZIP+4
or 5 digits); some are organisations, some deactivated, some reactivated; taxonomies fill
several slots with the primary switch often elsewhere than slot 1; most rows carry taxonomies
sicoach does not list, as in the real file. Mailing addresses differ from practice addresses
and are marked, so a test can prove they never appear. Names and numbers are invented.

Layouts: ``v1`` is the long-standing column layout. ``v2`` stands for the layout CMS has
published beside it since December 2024; its exact differences were not verified here, so
this variant renames and moves columns the importer does not read (the sex column, the
taxonomy group block): enough to prove columns are found by name, not by position.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from sicoach.physicians.search import ZipIndex

__all__ = [
    "CITY_ZIPS",
    "MAILING_MARK",
    "ProviderSpec",
    "Variant",
    "monthly_member_name",
    "npi_with_check_digit",
    "nppes_header",
    "random_specs",
    "render_row",
    "weekly_member_name",
    "write_nppes",
]

Variant = Literal["v1", "v2"]
MAILING_MARK = "MAILING-ONLY"
"""Every generated mailing address contains this, so tests can check it never shows."""

CITY_ZIPS = {
    "Chicago": "60611",
    "New York": "10001",
    "Los Angeles": "90012",
    "Houston": "77002",
    "Boston": "02110",
    "Denver": "80202",
    "Billings": "59101",
}
"""Real ZIP codes at the heart of a few cities; generated providers sit within 40 miles."""

OUR_CODES = (
    "225100000X", "2251X0800X", "2251S0007X", "208100000X", "2081P2900X", "2081S0010X",
    "208VP0014X", "208VP0000X", "207LP2900X", "207X00000X", "207XS0117X", "207XX0005X",
    "207QS0010X", "207T00000X", "207RR0500X", "111N00000X", "111NX0800X", "207Q00000X",
    "204D00000X",
)  # fmt: skip
OTHER_CODES = (
    "207R00000X", "363L00000X", "1223G0001X", "183500000X", "163W00000X", "367500000X",
    "207V00000X", "2084N0400X", "103T00000X", "261QM1300X", "332B00000X", "101YM0800X",
)  # fmt: skip
FIRST_NAMES = ("ANNA", "JOSE", "MARY", "WEI", "DAVID", "PRIYA", "JOHN", "FATIMA", "LUIS", "EMMA")
LAST_NAMES = ("GARCIA", "SMITH", "NGUYEN", "PATEL", "O'BRIEN", "KOWALSKI", "JOHNSON", "LEE")
CREDENTIALS = ("M.D.", "D.O.", "PT, DPT", "D.C.", "MD", "PT", "")
STREETS = ("N MICHIGAN AVE", "MAIN ST", "BROADWAY", "OAK ST", "PARK AVE", "ELM ST, BLDG A")
ORG_WORDS = ("SPINE", "PHYSICAL THERAPY", "ORTHOPAEDICS", "PAIN", "CHIROPRACTIC", "HEALTH")


def _v1_header() -> list[str]:
    head = [
        "NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
        "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
        "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
        "Provider Name Suffix Text", "Provider Credential Text",
        "Provider Other Organization Name", "Provider Other Organization Name Type Code",
        "Provider Other Last Name", "Provider Other First Name", "Provider Other Middle Name",
        "Provider Other Name Prefix Text", "Provider Other Name Suffix Text",
        "Provider Other Credential Text", "Provider Other Last Name Type Code",
        "Provider First Line Business Mailing Address",
        "Provider Second Line Business Mailing Address",
        "Provider Business Mailing Address City Name",
        "Provider Business Mailing Address State Name",
        "Provider Business Mailing Address Postal Code",
        "Provider Business Mailing Address Country Code (If outside U.S.)",
        "Provider Business Mailing Address Telephone Number",
        "Provider Business Mailing Address Fax Number",
        "Provider First Line Business Practice Location Address",
        "Provider Second Line Business Practice Location Address",
        "Provider Business Practice Location Address City Name",
        "Provider Business Practice Location Address State Name",
        "Provider Business Practice Location Address Postal Code",
        "Provider Business Practice Location Address Country Code (If outside U.S.)",
        "Provider Business Practice Location Address Telephone Number",
        "Provider Business Practice Location Address Fax Number",
        "Provider Enumeration Date", "Last Update Date", "NPI Deactivation Reason Code",
        "NPI Deactivation Date", "NPI Reactivation Date", "Provider Gender Code",
        "Authorized Official Last Name", "Authorized Official First Name",
        "Authorized Official Middle Name", "Authorized Official Title or Position",
        "Authorized Official Telephone Number",
    ]  # fmt: skip
    for n in range(1, 16):
        head += [
            f"Healthcare Provider Taxonomy Code_{n}",
            f"Provider License Number_{n}",
            f"Provider License Number State Code_{n}",
            f"Healthcare Provider Primary Taxonomy Switch_{n}",
        ]
    for n in range(1, 51):
        head += [
            f"Other Provider Identifier_{n}",
            f"Other Provider Identifier Type Code_{n}",
            f"Other Provider Identifier State_{n}",
            f"Other Provider Identifier Issuer_{n}",
        ]
    head += [
        "Is Sole Proprietor", "Is Organization Subpart", "Parent Organization LBN",
        "Parent Organization TIN", "Authorized Official Name Prefix Text",
        "Authorized Official Name Suffix Text", "Authorized Official Credential Text",
    ]  # fmt: skip
    head += [f"Healthcare Provider Taxonomy Group_{n}" for n in range(1, 16)]
    head.append("Certification Date")
    return head


def nppes_header(variant: Variant = "v1") -> list[str]:
    """The full NPPES header (330 columns) in the ``v1`` or ``v2`` layout."""
    head = _v1_header()
    if variant == "v1":
        return head
    groups = [h for h in head if h.startswith("Healthcare Provider Taxonomy Group_")]
    rest = [h if h != "Provider Gender Code" else "Provider Sex Code" for h in head]
    rest = [h for h in rest if h not in groups]
    at = rest.index("Healthcare Provider Taxonomy Code_1")
    return rest[:at] + groups + rest[at:]


@dataclass
class ProviderSpec:
    """One generated provider; fields left empty stay empty (quoted) in the file."""

    npi: str
    entity: Literal["1", "2", ""] = "1"
    first_name: str = ""
    last_name: str = ""
    organization: str = ""
    credential: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    phone: str = ""
    country: str = "US"
    taxonomies: Sequence[tuple[str, bool]] = ()
    deactivated: date | None = None
    reactivated: date | None = None
    last_update: date | None = None
    mailing: tuple[str, str, str, str] = ("", "", "", "")
    extras: dict[str, str] = field(default_factory=dict)


def _mmddyyyy(day: date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def render_row(spec: ProviderSpec, header: Sequence[str]) -> str:
    """One CSV line for ``spec`` under ``header``: every field quoted, quotes doubled."""
    values = dict.fromkeys(header, "")
    values.update(
        {
            "NPI": spec.npi,
            "Entity Type Code": spec.entity,
            "Provider Organization Name (Legal Business Name)": spec.organization,
            "Provider Last Name (Legal Name)": spec.last_name,
            "Provider First Name": spec.first_name,
            "Provider Credential Text": spec.credential,
            "Provider First Line Business Practice Location Address": spec.line1,
            "Provider Second Line Business Practice Location Address": spec.line2,
            "Provider Business Practice Location Address City Name": spec.city,
            "Provider Business Practice Location Address State Name": spec.state,
            "Provider Business Practice Location Address Postal Code": spec.postal_code,
            "Provider Business Practice Location Address Telephone Number": spec.phone,
            "Provider First Line Business Mailing Address": spec.mailing[0],
            "Provider Business Mailing Address City Name": spec.mailing[1],
            "Provider Business Mailing Address State Name": spec.mailing[2],
            "Provider Business Mailing Address Postal Code": spec.mailing[3],
            "NPI Deactivation Date": _mmddyyyy(spec.deactivated),
            "NPI Reactivation Date": _mmddyyyy(spec.reactivated),
            "Last Update Date": _mmddyyyy(spec.last_update),
        }
    )
    if spec.entity:
        location_country = "Provider Business Practice Location Address Country Code"
        values[location_country + " (If outside U.S.)"] = spec.country
    for n, (code, primary) in enumerate(spec.taxonomies, start=1):
        values[f"Healthcare Provider Taxonomy Code_{n}"] = code
        values[f"Healthcare Provider Primary Taxonomy Switch_{n}"] = "Y" if primary else "N"
        values[f"Provider License Number_{n}"] = f"LIC{spec.npi[-5:]}{n}"
    values.update(spec.extras)
    return '"' + '","'.join(values[h].replace('"', '""') for h in header) + '"\r\n'


def npi_with_check_digit(base9: str) -> str:
    """A 10-digit NPI: nine digits and the Luhn check digit over '80840' + them (CMS rule)."""
    digits = [int(d) for d in "80840" + base9]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return base9 + str((10 - total % 10) % 10)


def random_specs(
    count: int,
    zips: ZipIndex,
    *,
    seed: int = 9,
    listed_share: float = 0.08,
    file_date: date = date(2026, 11, 9),
) -> Iterator[ProviderSpec]:
    """``count`` made-up providers around :data:`CITY_ZIPS`, about ``listed_share`` listable."""
    rng = random.Random(seed)
    nearby = []
    for heart in CITY_ZIPS.values():
        origin = zips.get(heart)
        if origin is not None:
            nearby.append([centre for _, centre in zips.within(origin, 40)])
    for i in range(count):
        npi = npi_with_check_digit(f"{1 + (i % 2)}{i:08d}"[-9:])
        roll = rng.random()
        if roll < 0.05:
            yield ProviderSpec(npi=npi, entity="", deactivated=file_date - timedelta(days=400))
            continue
        centre = rng.choice(rng.choice(nearby))
        listed = rng.random() < listed_share
        codes = rng.sample(OTHER_CODES, rng.randint(0, 2))
        if listed:
            codes.insert(rng.randint(0, len(codes)), rng.choice(OUR_CODES))
        if not codes:
            codes = [rng.choice(OTHER_CODES)]
        primary = rng.randrange(len(codes))
        is_org = rng.random() < 0.2
        plus4 = rng.random() < 0.7
        reactivated = roll > 0.99
        yield ProviderSpec(
            npi=npi,
            entity="2" if is_org else "1",
            first_name="" if is_org else rng.choice(FIRST_NAMES),
            last_name="" if is_org else rng.choice(LAST_NAMES),
            organization=(
                f"{rng.choice(LAST_NAMES)} {rng.choice(ORG_WORDS)}, LLC" if is_org else ""
            ),
            credential="" if is_org else rng.choice(CREDENTIALS),
            line1=f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
            line2=rng.choice(("", "", f"SUITE {rng.randint(100, 999)}")),
            city=centre.city.upper(),
            state=centre.state,
            postal_code=centre.zip5 + (f"{rng.randint(1, 9999):04d}" if plus4 else ""),
            phone=f"{rng.randint(201, 989)}555{rng.randint(0, 9999):04d}",
            taxonomies=[(code, n == primary) for n, code in enumerate(codes)],
            deactivated=file_date - timedelta(days=300) if reactivated else None,
            reactivated=file_date - timedelta(days=100) if reactivated else None,
            last_update=file_date - timedelta(days=rng.randint(1, 3000)),
            mailing=(f"PO BOX {rng.randint(1, 9999)} {MAILING_MARK}", "HOMETOWN", "ZZ", "99999"),
        )


def monthly_member_name(file_date: date) -> str:
    """The CSV name inside a monthly ZIP, e.g. npidata_pfile_20050523-20261109.csv."""
    return f"npidata_pfile_20050523-{file_date:%Y%m%d}.csv"


def weekly_member_name(start: date, end: date) -> str:
    """The CSV name inside a weekly ZIP, e.g. npidata_pfile_20261116-20261122.csv."""
    return f"npidata_pfile_{start:%Y%m%d}-{end:%Y%m%d}.csv"


def _lines(specs: Iterable[ProviderSpec], header: Sequence[str]) -> Iterator[str]:
    yield '"' + '","'.join(header) + '"\r\n'
    for spec in specs:
        yield render_row(spec, header)


def write_nppes(
    path: Path,
    specs: Iterable[ProviderSpec],
    *,
    variant: Variant = "v1",
    member_name: str | None = None,
    header: Sequence[str] | None = None,
) -> int:
    """Write an NPPES file: a ZIP (with header file) when ``path`` ends in .zip, else a CSV.

    Written to a temporary name and renamed, so a reader never sees half a file. Returns the
    number of provider rows written.
    """
    columns = list(header) if header is not None else nppes_header(variant)
    partial = path.with_name(path.name + ".partial")
    rows = -1
    if path.suffix.lower() == ".zip":
        inner = member_name or monthly_member_name(date(2026, 11, 9))
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            header_name = inner.removesuffix(".csv") + "_fileheader.csv"
            archive.writestr(header_name, '"' + '","'.join(columns) + '"\r\n')
            with archive.open(inner, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                for line in _lines(specs, columns):
                    text.write(line)
                    rows += 1
                text.flush()
                text.detach()
    else:
        with partial.open("w", encoding="utf-8", newline="") as plain:
            for line in _lines(specs, columns):
                plain.write(line)
                rows += 1
    partial.replace(path)
    return rows
