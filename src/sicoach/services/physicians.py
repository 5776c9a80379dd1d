"""Find a physician near you: import the NPPES file, search it, or ask the registry online.

:func:`search_physicians` returns plain data that the terminal, the JSON of contract 6 and a
web page render alike: the red-flag advice to show first, the results nearest first, then the
data's limits, the source and its date, with a warning when the file is old.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sicoach.physicians.notices import LIMITS, RedFlagAdvice, file_month, red_flag_advice
from sicoach.physicians.notices import stale_warning as stale_warning_for
from sicoach.physicians.nppes import (
    SHORT_ROW,
    NppesFileError,
    ProviderRecord,
    ReadCounts,
    open_nppes,
    read_providers,
)
from sicoach.physicians.search import PhysicianResult, ZipCentre, nearest_results, parse_zip
from sicoach.physicians.specialties import default_specialties
from sicoach.physicians.zip_centres import default_zip_index
from sicoach.rules import (
    PHYSICIAN_DEFAULT_LIMIT,
    PHYSICIAN_DEFAULT_RADIUS_MILES,
    PHYSICIAN_MAX_RADIUS_MILES,
    PHYSICIAN_MIN_USABLE_SHARE,
    PHYSICIAN_STAGING_ABANDONED_AFTER_HOURS,
)
from sicoach.store.physician_directory import NoDirectoryError, SourceMeta
from sicoach.store.unit_of_work import AbstractUnitOfWork

if TYPE_CHECKING:
    import httpx

__all__ = [
    "CONTRACT_SCHEMA",
    "ImportSummary",
    "NoDirectoryError",
    "PhysicianSearch",
    "SearchInputError",
    "SearchSource",
    "UnknownZipError",
    "UnusableFileError",
    "clear_abandoned_physician_imports",
    "import_nppes_file",
    "imported_source",
    "search_physicians",
    "zip_centre",
]

CONTRACT_SCHEMA = "sicoach.physicians/1"
Kind = Literal["person", "organization"]


class UnknownZipError(ValueError):
    """A ZIP code that is malformed or not one the ZIP data knows."""


class SearchInputError(ValueError):
    """A radius or limit outside what a search accepts."""


class UnusableFileError(NppesFileError):
    """An NPPES file with no usable rows, or too few: refused, the directory kept as it was."""

    def __init__(self, file_name: str, rows_read: int, whole_rows: int, kept: int) -> None:
        self.file_name = file_name
        self.rows_read = rows_read
        self.whole_rows = whole_rows
        self.kept = kept
        if rows_read == 0:
            why = "it has a header but no rows"
        elif whole_rows < PHYSICIAN_MIN_USABLE_SHARE.value * rows_read:
            why = (
                f"only {whole_rows:,} of its {rows_read:,} rows are whole NPPES rows (at least "
                f"{PHYSICIAN_MIN_USABLE_SHARE.value:.0%} must be): it looks cut short or damaged"
            )
        else:
            why = f"none of its {rows_read:,} rows is an active provider sicoach lists"
        super().__init__(
            f"{file_name} was not imported: {why}. The physician directory was kept as it "
            "was; download the file again from download.cms.gov/nppes/NPI_Files.html"
        )


@dataclass(frozen=True)
class SearchSource:
    """Where the results come from (contract 6's ``source``)."""

    file: str
    file_date: date | None
    imported_at: datetime


@dataclass(frozen=True)
class PhysicianSearch:
    """Everything a physician search shows, in the order it is shown."""

    red_flags: RedFlagAdvice
    origin: ZipCentre
    radius_miles: float
    specialties: list[str]
    kind: Kind | None
    results: list[PhysicianResult]
    source: SearchSource
    limits: tuple[str, ...]
    source_line: str
    stale_warning: str | None
    incomplete: str | None = None
    specialty_labels: dict[str, str] = field(default_factory=dict)

    def as_contract(self) -> dict[str, object]:
        """Contract 6, exactly."""
        return {
            "schema": CONTRACT_SCHEMA,
            "source": {
                "name": "CMS NPPES",
                "file": self.source.file,
                "file_date": self.source.file_date.isoformat() if self.source.file_date else None,
                "imported_at": self.source.imported_at.isoformat(),
            },
            "query": {
                "zip": self.origin.zip5,
                "radius_miles": self.radius_miles,
                "specialties": self.specialties,
            },
            "results": [r.as_contract() for r in self.results],
        }


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    file_name: str
    file_date: date | None
    kind: Literal["full", "update"]
    rows_read: int
    providers_written: int
    providers_removed: int
    dropped: dict[str, int]


def clear_abandoned_physician_imports(uow: AbstractUnitOfWork) -> int:
    """At start-up: remove the staging data of physician imports that were killed long ago
    (never a running one); returns how many were removed."""
    hours = PHYSICIAN_STAGING_ABANDONED_AFTER_HOURS.value
    return uow.physicians.clear_abandoned(timedelta(hours=hours))


def _usable_or_refuse(file_name: str, counts: ReadCounts, kept: int, *, monthly: bool) -> None:
    """Refuse a file with no rows, too few whole rows, or (monthly) no provider kept."""
    whole = counts.rows_read - counts.dropped[SHORT_ROW]
    too_few = whole < PHYSICIAN_MIN_USABLE_SHARE.value * counts.rows_read
    if counts.rows_read == 0 or too_few or (monthly and kept == 0):
        raise UnusableFileError(file_name, counts.rows_read, whole, kept)


def import_nppes_file(
    uow: AbstractUnitOfWork,
    path: Path,
    *,
    on_progress: Callable[[ReadCounts, int], None] | None = None,
    force_update: bool = False,
) -> ImportSummary:
    """Import a monthly NPPES file (new directory, swapped in at the end) or apply a weekly one.

    ``on_progress(counts, size_bytes)`` is called every 16,384 rows read. A file that
    lacks a needed column raises :class:`~sicoach.physicians.nppes.NppesColumnsError` before
    anything is written. A file with no rows, with fewer than
    :data:`~sicoach.rules.PHYSICIAN_MIN_USABLE_SHARE` whole rows, or (monthly) with no
    provider kept raises :class:`UnusableFileError` and changes nothing.
    """
    counts = ReadCounts()
    with open_nppes(path) as opened:
        source = replace(opened, is_update=True) if force_update else opened
        if on_progress is not None:
            counts.report = lambda seen: on_progress(seen, source.size_bytes)
        items = read_providers(source, default_specialties(), default_zip_index(), counts)
        kind: Literal["full", "update"] = "update" if source.is_update else "full"
        meta = SourceMeta(source.file_name, source.file_date, kind)
        name = source.file_name
        if source.is_update:
            written, removed = uow.physicians.apply_update(
                items,
                meta,
                rows_read=lambda: counts.rows_read,
                check=lambda kept: _usable_or_refuse(name, counts, kept, monthly=False),
            )
        else:
            records = (item for item in items if isinstance(item, ProviderRecord))
            written = uow.physicians.import_full(
                records,
                meta,
                rows_read=lambda: counts.rows_read,
                check=lambda kept: _usable_or_refuse(name, counts, kept, monthly=True),
            )
            removed = 0
        if on_progress is not None:
            on_progress(counts, source.size_bytes)
    return ImportSummary(
        file_name=meta.file_name,
        file_date=meta.file_date,
        kind=meta.kind,
        rows_read=counts.rows_read,
        providers_written=written,
        providers_removed=removed,
        dropped=dict(counts.dropped),
    )


def zip_centre(zip_code: str) -> ZipCentre:
    """The centre of ``zip_code`` (5 digits or ZIP+4); :class:`UnknownZipError` if unknown."""
    zip5 = parse_zip(zip_code)
    if zip5 is None:
        raise UnknownZipError(f"{zip_code!r} is not a ZIP code (5 digits, or ZIP+4)")
    origin = default_zip_index().get(zip5)
    if origin is None:
        raise UnknownZipError(f"ZIP code {zip5} is not in the ZIP data (zipcodes package)")
    return origin


def _check_numbers(radius_miles: float, limit: int) -> None:
    problems = []
    if not 0 < radius_miles <= PHYSICIAN_MAX_RADIUS_MILES.value:
        problems.append(
            f"radius {radius_miles:g} mi is outside 0-{PHYSICIAN_MAX_RADIUS_MILES.value} mi"
        )
    if limit < 1:
        problems.append(f"limit {limit} must be 1 or more")
    if problems:
        raise SearchInputError("; ".join(problems))


def imported_source(uow: AbstractUnitOfWork) -> SearchSource | None:
    """The imported directory's file, or None when no directory has been imported yet."""
    info = uow.physicians.current()
    if info is None:
        return None
    return SearchSource(info.file_name, info.file_date, info.imported_at)


def search_physicians(
    uow: AbstractUnitOfWork,
    zip_code: str,
    *,
    radius_miles: float = PHYSICIAN_DEFAULT_RADIUS_MILES.value,
    specialties: Sequence[str] = (),
    kind: Kind | None = None,
    limit: int = PHYSICIAN_DEFAULT_LIMIT.value,
    online: bool = False,
    transport: httpx.BaseTransport | None = None,
    pause_seconds: float = 0.5,
    today: date | None = None,
) -> PhysicianSearch:
    """Providers near ``zip_code``, nearest first then by name, with what to show around them.

    Offline (the default) it reads the imported directory; ``online=True`` asks the public
    NPI Registry instead (``transport`` replaces the network in tests). Raises
    :class:`UnknownZipError`, :class:`SearchInputError`,
    :class:`~sicoach.physicians.specialties.UnknownSpecialtyError`,
    :class:`NoDirectoryError` (offline, nothing imported) or
    :class:`~sicoach.physicians.npi_registry.OnlineSearchError`.
    """
    origin = zip_centre(zip_code)
    _check_numbers(radius_miles, limit)
    catalogue = default_specialties()
    chosen = catalogue.select(specialties)
    keys = [s.key for s in chosen]
    day = today or datetime.now(UTC).date()
    incomplete: str | None = None
    if online:
        from sicoach.physicians.npi_registry import search_registry

        answer = search_registry(
            default_zip_index().within(origin, radius_miles),
            chosen,
            key_order=catalogue.keys,
            kind=kind,
            limit=limit,
            transport=transport,
            pause_seconds=pause_seconds,
        )
        results = answer.results
        if not answer.complete:
            incomplete = (
                "The NPI Registry's limits cut this online search short (at most 1,200 "
                "records per question): nearer providers may be missing. Import the monthly "
                "file for a complete search."
            )
        source = SearchSource("NPI Registry API v2.1", None, datetime.now(UTC))
        source_line = f"Source: CMS NPPES NPI Registry API v2.1, asked on {day.isoformat()}."
        warning = None
    else:
        info = uow.physicians.current()
        if info is None:
            raise NoDirectoryError(
                "no physician directory has been imported yet. Download the monthly NPPES "
                "file from download.cms.gov/nppes/NPI_Files.html and run "
                "`sicoach physicians import FILE`, or search the registry with --online."
            )
        results = nearest_results(
            default_zip_index().outward(origin, radius_miles),
            lambda zips: uow.physicians.candidates(info.directory_id, keys, zips, kind),
            limit=limit,
            key_order=catalogue.keys,
        )
        source = SearchSource(info.file_name, info.file_date, info.imported_at)
        source_line = (
            f"Source: CMS NPPES, {file_month(info.file_date)} file ({info.file_name}), "
            f"imported {info.imported_at.date().isoformat()}."
        )
        warning = stale_warning_for(info.file_date, day)
    from sicoach.settings import get_settings

    return PhysicianSearch(
        red_flags=red_flag_advice(get_settings().emergency_number),
        origin=origin,
        radius_miles=radius_miles,
        specialties=keys,
        kind=kind,
        results=results,
        source=source,
        limits=LIMITS,
        source_line=source_line,
        stale_warning=warning,
        incomplete=incomplete,
        specialty_labels={s.key: s.label for s in catalogue.items},
    )
