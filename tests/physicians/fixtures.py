"""Hand-made NPPES rows around Chicago, written through the generator with the full header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sicoach.physicians.synthetic import (
    MAILING_MARK,
    ProviderSpec,
    Variant,
    monthly_member_name,
    npi_with_check_digit,
    write_nppes,
)
from sicoach.store.db import open_database

FILE_DATE = date(2026, 11, 9)
MONTHLY_ZIP = "NPPES_Data_Dissemination_November_2026.zip"
WEEKLY_ZIP = "NPPES_Data_Dissemination_111626_112226_Weekly.zip"


def npi(n: int) -> str:
    """A valid 10-digit NPI for a small test number."""
    return npi_with_check_digit(f"1{n:08d}")


def person(
    n: int,
    zip_code: str,
    taxonomies: Sequence[tuple[str, bool]] = (("225100000X", True),),
    *,
    first: str = "ANNA",
    last: str = "SMITH",
    city: str = "CHICAGO",
    state: str = "IL",
    **extra: Any,
) -> ProviderSpec:
    """An individual provider practising in ``zip_code``; its mailing address is elsewhere."""
    spec = ProviderSpec(
        npi=npi(n),
        entity="1",
        first_name=first,
        last_name=last,
        credential="PT, DPT",
        line1=f"{n} N MICHIGAN AVE",
        line2="SUITE 200",
        city=city,
        state=state,
        postal_code=zip_code,
        phone="3125550100",
        taxonomies=list(taxonomies),
        last_update=date(2026, 10, 1),
        mailing=(f"PO BOX {n} {MAILING_MARK}", "HOMETOWN", "ZZ", "99999"),
    )
    return replace(spec, **extra)


def organization(n: int, zip_code: str, name: str, code: str = "111N00000X") -> ProviderSpec:
    """An organisation practising in ``zip_code``."""
    return ProviderSpec(
        npi=npi(n),
        entity="2",
        organization=name,
        line1=f"{n} W MADISON ST",
        city="CHICAGO",
        state="IL",
        postal_code=zip_code,
        phone="3125550199",
        taxonomies=[(code, True)],
        mailing=(f"{MAILING_MARK} 1 HOME LN", "HOMETOWN", "ZZ", "99999"),
    )


def write(
    folder: Path,
    specs: Sequence[ProviderSpec],
    *,
    name: str = MONTHLY_ZIP,
    variant: Variant = "v1",
    member: str | None = None,
    header: Sequence[str] | None = None,
) -> Path:
    """Write ``specs`` as an NPPES file called ``name`` in ``folder``."""
    path = folder / name
    write_nppes(
        path,
        specs,
        variant=variant,
        member_name=member or monthly_member_name(FILE_DATE),
        header=header,
    )
    return path


def sqlite_engine(folder: Path) -> Engine:
    """A migrated SQLite database in ``folder``."""
    return open_database(f"sqlite:///{folder / 'sicoach.sqlite3'}")
