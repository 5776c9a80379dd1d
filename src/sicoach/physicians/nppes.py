"""Stream the CMS NPPES data dissemination file: the monthly ZIP, its CSV, or a weekly update.

The ZIP is read in place (zipfile + TextIOWrapper), never unpacked to disk. Columns are found
by name in the header, so the reader works on the V1 and V2 layouts alike and refuses a file
that lacks one it needs, naming it, before anything is written. Only the practice location is
read: the mailing address can be a home and is never touched.

The monthly file holds some 9 million rows of which a few percent carry one of our taxonomy
codes; a row whose raw text holds none of them is skipped without being parsed as CSV.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sicoach.physicians.search import ZipIndex, zip5_of_postal_code
from sicoach.physicians.specialties import Specialties

__all__ = [
    "NEEDED_COLUMNS",
    "SHORT_ROW",
    "NppesColumnsError",
    "NppesFileError",
    "NppesSource",
    "ProviderRecord",
    "ReadCounts",
    "Removal",
    "SpecialtyMatch",
    "file_date_of",
    "literal_trie",
    "open_nppes",
    "read_providers",
]

SLOTS = range(1, 16)
NPI = "NPI"
ENTITY = "Entity Type Code"
LAST_NAME = "Provider Last Name (Legal Name)"
FIRST_NAME = "Provider First Name"
CREDENTIAL = "Provider Credential Text"
ORGANIZATION = "Provider Organization Name (Legal Business Name)"
LINE1 = "Provider First Line Business Practice Location Address"
LINE2 = "Provider Second Line Business Practice Location Address"
CITY = "Provider Business Practice Location Address City Name"
STATE = "Provider Business Practice Location Address State Name"
POSTAL = "Provider Business Practice Location Address Postal Code"
PHONE = "Provider Business Practice Location Address Telephone Number"
COUNTRY = "Provider Business Practice Location Address Country Code (If outside U.S.)"
DEACTIVATED = "NPI Deactivation Date"
REACTIVATED = "NPI Reactivation Date"
LAST_UPDATE = "Last Update Date"
TAXONOMY = "Healthcare Provider Taxonomy Code_{}"
PRIMARY = "Healthcare Provider Primary Taxonomy Switch_{}"

NEEDED_COLUMNS: tuple[str, ...] = (
    NPI, ENTITY, LAST_NAME, FIRST_NAME, CREDENTIAL, ORGANIZATION,
    LINE1, LINE2, CITY, STATE, POSTAL, PHONE,
    *(name.format(n) for n in SLOTS for name in (TAXONOMY, PRIMARY)),
    DEACTIVATED, REACTIVATED, LAST_UPDATE,
)  # fmt: skip
"""Every column the importer reads; the country column is read too when the file has it."""

SHORT_ROW = "short row"
"""Why a row is not kept when it has fewer columns than the header (cut short, or garbage)."""

FIRST_ENUMERATION = "20050523"
"""Start of the date range in a monthly file's name (npidata_pfile_20050523-YYYYMMDD.csv)."""


class NppesFileError(ValueError):
    """The file is not an NPPES data file we can read; the message says why."""


class NppesColumnsError(NppesFileError):
    """The header lacks columns the importer needs; every missing one is named."""

    def __init__(self, file_name: str, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            f"{file_name} is missing {len(missing)} needed column(s): "
            + "; ".join(repr(m) for m in missing)
        )


@dataclass(frozen=True, slots=True)
class SpecialtyMatch:
    """One specialty key a provider matches, by the taxonomy code that matched it."""

    key: str
    code: str
    is_primary: bool


@dataclass(frozen=True, slots=True)
class ProviderRecord:
    """An active provider with one of our taxonomies, at its geocoded practice location."""

    npi: str
    kind: Literal["person", "organization"]
    name: str
    credential: str
    address: str
    city: str
    state: str
    zip5: str
    phone: str
    lat: float
    lon: float
    last_update: date | None
    specialties: tuple[SpecialtyMatch, ...]


@dataclass(frozen=True, slots=True)
class Removal:
    """In an update: this NPI is deactivated or no longer one we list."""

    npi: str
    reason: str


@dataclass
class ReadCounts:
    """What the reader has seen so far: rows, kept providers, dropped rows by reason, bytes."""

    rows_read: int = 0
    rows_kept: int = 0
    characters_read: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    report: Callable[[ReadCounts], None] | None = None
    """Called every ``report_every`` rows read (a progress bar)."""
    report_every: int = 16_384


@dataclass(frozen=True)
class NppesSource:
    """An opened NPPES file: its name, date, whether it is a weekly update, and its lines."""

    file_name: str
    file_date: date | None
    is_update: bool
    size_bytes: int
    lines: Iterator[str]


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}


def file_date_of(name: str) -> date | None:
    """The date an NPPES file name carries: the end of its range, or the 1st of its month."""
    ranged = re.search(r"(\d{8})-(\d{8})", name)
    if ranged:
        return _date(ranged.group(2), "%Y%m%d")
    weekly = re.search(r"(\d{6})_(\d{6})_weekly", name, re.IGNORECASE)
    if weekly:
        return _date(weekly.group(2), "%m%d%y")
    monthly = re.search(r"([A-Za-z]+)_(\d{4})", name)
    if monthly and monthly.group(1).lower() in _MONTHS:
        return date(int(monthly.group(2)), _MONTHS[monthly.group(1).lower()], 1)
    return None


def _date(text: str, pattern: str) -> date | None:
    try:
        return datetime.strptime(text, pattern).date()
    except ValueError:
        return None


def _is_update(*names: str) -> bool:
    if any("weekly" in n.lower() for n in names):
        return True
    ranged = [re.search(r"npidata_pfile_(\d{8})-\d{8}", n) for n in names]
    return any(m is not None and m.group(1) != FIRST_ENUMERATION for m in ranged)


def _data_member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    members = [
        info
        for info in archive.infolist()
        if info.filename.lower().endswith(".csv")
        and Path(info.filename).name.lower().startswith("npidata_pfile")
        and "fileheader" not in info.filename.lower()
    ]
    if len(members) != 1:
        found = [i.filename for i in archive.infolist()]
        raise NppesFileError(
            f"{path.name} should hold exactly one npidata_pfile_*.csv; it holds {found}"
        )
    return members[0]


@contextmanager
def open_nppes(path: Path) -> Iterator[NppesSource]:
    """Open a monthly or weekly NPPES ZIP (read in place) or an npidata CSV, for streaming."""
    if not path.is_file():
        raise NppesFileError(f"{path} is not a file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = _data_member(archive, path)
            with archive.open(member) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
                inner = Path(member.filename).name
                yield NppesSource(
                    file_name=path.name,
                    file_date=file_date_of(inner) or file_date_of(path.name),
                    is_update=_is_update(path.name, inner),
                    size_bytes=member.file_size,
                    lines=iter(text),
                )
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as plain:
        yield NppesSource(
            file_name=path.name,
            file_date=file_date_of(path.name),
            is_update=_is_update(path.name),
            size_bytes=path.stat().st_size,
            lines=iter(plain),
        )


def _records(lines: Iterator[str]) -> Iterator[str]:
    """Whole CSV records: a record runs on to the next line while its quotes are unbalanced."""
    for line in lines:
        if line.count('"') % 2:
            parts = [line]
            for more in lines:
                parts.append(more)
                if more.count('"') % 2:
                    break
            line = "".join(parts)
        yield line


def _nppes_date(text: str) -> date | None:
    """An NPPES date (MM/DD/YYYY), or None; sliced by hand because strptime is slow."""
    value = text.strip()
    if len(value) != 10 or value[2] != "/" or value[5] != "/":
        return None
    try:
        return date(int(value[6:]), int(value[:2]), int(value[3:5]))
    except ValueError:
        return None


def literal_trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, written as a trie of shared prefixes.

    Python's ``re`` tries every branch of ``a|b|c`` at each position; with the prefixes
    shared it tests one character and moves on, which makes the skip test of the 9 million
    rows of a monthly file about a quarter faster.
    """
    if len(words) == 1:
        return re.escape(words[0])
    branches: dict[str, list[str]] = {}
    for word in sorted(words):
        branches.setdefault(word[:1], []).append(word[1:])
    parts = [
        re.escape(head + rest[0]) if len(rest) == 1 else re.escape(head) + literal_trie(rest)
        for head, rest in branches.items()
    ]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _is_active(deactivated: str, reactivated: str) -> bool:
    """Active unless deactivated, and not reactivated on or after that date."""
    off = _nppes_date(deactivated)
    if off is None:
        return True
    on = _nppes_date(reactivated)
    return on is not None and on >= off


class _Columns:
    """Positions of the needed columns in this file's header."""

    def __init__(self, header: list[str], file_name: str) -> None:
        position = {name.strip(): i for i, name in enumerate(header)}
        missing = [name for name in NEEDED_COLUMNS if name not in position]
        if missing:
            raise NppesColumnsError(file_name, missing)
        self.at = {name: position[name] for name in NEEDED_COLUMNS}
        self.country = position.get(COUNTRY)
        self.taxonomies = [
            (position[TAXONOMY.format(n)], position[PRIMARY.format(n)]) for n in SLOTS
        ]
        self.width = len(header)


class _RowReader:
    """Turns one parsed row into a ProviderRecord, or the reason it is dropped."""

    def __init__(self, columns: _Columns, specialties: Specialties, zips: ZipIndex) -> None:
        self.columns = columns
        self.code_keys = specialties.code_keys
        self.key_order = specialties.keys
        self.zips = zips

    def read(self, row: list[str]) -> ProviderRecord | str:
        at = self.columns.at
        if len(row) < self.columns.width:
            return SHORT_ROW
        if not _is_active(row[at[DEACTIVATED]], row[at[REACTIVATED]]):
            return "deactivated"
        matches = self._specialties(row)
        if not matches:
            return "no listed specialty"
        country = self.columns.country
        if country is not None and row[country].strip() not in ("", "US"):
            return "outside the US"
        zip5 = zip5_of_postal_code(row[at[POSTAL]])
        centre = self.zips.get(zip5) if zip5 else None
        if zip5 is None or centre is None:
            return "unknown ZIP"
        kind: Literal["person", "organization"]
        if row[at[ENTITY]].strip() == "2":
            kind, name = "organization", row[at[ORGANIZATION]].strip()
        else:
            kind = "person"
            name = f"{row[at[FIRST_NAME]].strip()} {row[at[LAST_NAME]].strip()}".strip()
        line1, line2 = row[at[LINE1]].strip(), row[at[LINE2]].strip()
        return ProviderRecord(
            npi=row[at[NPI]].strip(),
            kind=kind,
            name=name,
            credential=row[at[CREDENTIAL]].strip(),
            address=f"{line1}, {line2}" if line2 else line1,
            city=row[at[CITY]].strip(),
            state=row[at[STATE]].strip(),
            zip5=zip5,
            phone=row[at[PHONE]].strip(),
            lat=centre.lat,
            lon=centre.lon,
            last_update=_nppes_date(row[at[LAST_UPDATE]]),
            specialties=matches,
        )

    def _specialties(self, row: list[str]) -> tuple[SpecialtyMatch, ...]:
        """One match per key: the primary code in that key if there is one, else the first slot."""
        by_key: dict[str, SpecialtyMatch] = {}
        for code_at, primary_at in self.columns.taxonomies:
            code = row[code_at].strip()
            key = self.code_keys.get(code)
            if key is None:
                continue
            match = SpecialtyMatch(key, code, row[primary_at].strip().upper() == "Y")
            held = by_key.get(key)
            if held is None or (match.is_primary and not held.is_primary):
                by_key[key] = match
        return tuple(by_key[k] for k in self.key_order if k in by_key)


def read_providers(
    source: NppesSource,
    specialties: Specialties,
    zips: ZipIndex,
    counts: ReadCounts,
) -> Iterator[ProviderRecord | Removal]:
    """Kept providers (and, in an update, the NPIs to remove), counting as it goes.

    The header is checked at once, before this returns: a file that lacks a needed column
    raises :class:`NppesColumnsError` before any caller has written anything.
    """
    records = _records(source.lines)
    header_line = next(records, None)
    if header_line is None:
        raise NppesFileError(f"{source.file_name} is empty")
    header = next(csv.reader([header_line]))
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0].removeprefix("\ufeff")
    reader = _RowReader(_Columns(header, source.file_name), specialties, zips)
    return _items(records, reader, source.is_update, counts)


def _items(
    records: Iterator[str], reader: _RowReader, is_update: bool, counts: ReadCounts
) -> Iterator[ProviderRecord | Removal]:
    codes = re.compile(literal_trie(list(reader.code_keys)))
    npi_at = reader.columns.at[NPI]
    separators = reader.columns.width - 1
    for line in records:
        counts.rows_read += 1
        counts.characters_read += len(line)
        if counts.report is not None and counts.rows_read % counts.report_every == 0:
            counts.report(counts)
        if line.count(",") < separators:  # cut short, or not a row of this file at all
            counts.dropped[SHORT_ROW] += 1
            continue
        if not is_update and not codes.search(line):
            counts.dropped["no listed specialty"] += 1
            continue
        row = next(csv.reader([line]))
        outcome = reader.read(row)
        if isinstance(outcome, ProviderRecord):
            counts.rows_kept += 1
            yield outcome
            continue
        counts.dropped[outcome] += 1
        if is_update and len(row) > npi_at and row[npi_at].strip():
            yield Removal(row[npi_at].strip(), outcome)
