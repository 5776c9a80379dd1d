"""Oswestry Disability Index v2.1a: scoring only, keyed by section id.

The questionnaire's wording is licensed (MAPI Research Trust) and is not shipped;
a clinic with a licence loads its own wording with :func:`parse_wording`. Scoring
(clinical-facts §5): each of ten sections 0-5, score = sum / (5 × sections answered)
× 100 rounded to a whole percent, no score with more than one section missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from math import floor

from sicoach.outcomes.errors import RatingOutOfRange, UnknownSection, WordingError
from sicoach.rules import ODI_BANDS, ODI_MAX_MISSING_SECTIONS, ODI_MIC

__all__ = [
    "ODI_WORDING_SCHEMA",
    "SECTIONS",
    "SECTION_MAX",
    "OdiResponse",
    "OdiScore",
    "OdiWording",
    "SectionWording",
    "check_answers",
    "odi_band",
    "odi_change_is_important",
    "parse_wording",
    "score_odi",
]

ODI_WORDING_SCHEMA = "sicoach.odi-wording/1"
SECTION_MAX = 5

SECTIONS: tuple[str, ...] = (
    "pain-intensity",
    "personal-care",
    "lifting",
    "walking",
    "sitting",
    "standing",
    "sleeping",
    "sex-life",
    "social-life",
    "travelling",
)


def check_answers(answers: Mapping[str, int | None]) -> dict[str, int | None]:
    """Every section's answer (None = unanswered); errors on unknown sections or values."""
    for section in answers:
        if section not in SECTIONS:
            raise UnknownSection(section, SECTIONS)
    checked: dict[str, int | None] = {}
    for section in SECTIONS:
        value = answers.get(section)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SECTION_MAX
        ):
            raise RatingOutOfRange(f"ODI section {section}", value, 0, SECTION_MAX)
        checked[section] = value
    return checked


def odi_band(percent: int) -> str:
    """The band of an ODI score: minimal, moderate, severe, crippled or bed-bound."""
    for band, (low, high) in ODI_BANDS.value.items():
        if low <= percent <= high:
            return band
    raise RatingOutOfRange("ODI score", percent, 0, 100)


@dataclass(frozen=True)
class OdiScore:
    """A scored ODI: percent and band, or None for both when too many sections are missing."""

    percent: int | None
    band: str | None
    answered: int


def score_odi(answers: Mapping[str, int | None]) -> OdiScore:
    """Score answers keyed by section id (0-5 each, None or absent = unanswered)."""
    checked = check_answers(answers)
    given = [v for v in checked.values() if v is not None]
    if len(SECTIONS) - len(given) > ODI_MAX_MISSING_SECTIONS.value or not given:
        return OdiScore(percent=None, band=None, answered=len(given))
    exact = Fraction(sum(given) * 100, SECTION_MAX * len(given))
    percent = floor(exact + Fraction(1, 2))  # half up, as a person rounds
    return OdiScore(percent=percent, band=odi_band(percent), answered=len(given))


def odi_change_is_important(baseline: int, latest: int) -> bool:
    """True when the score changed by 10 points or 30 % of the baseline (clinical-facts §5)."""
    size = abs(latest - baseline)
    mic = ODI_MIC.value
    return size > 0 and (
        size >= mic["points"] or (baseline > 0 and size >= mic["fraction"] * baseline)
    )


@dataclass(frozen=True)
class OdiResponse:
    """One completed questionnaire: when, and the answer per section (None = unanswered)."""

    recorded_at: datetime
    answers: Mapping[str, int | None]

    @property
    def score(self) -> OdiScore:
        """The score of these answers."""
        return score_odi(self.answers)


@dataclass(frozen=True)
class SectionWording:
    """A section's licensed title and its six statements, 0 to 5."""

    title: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class OdiWording:
    """A clinic's licensed ODI wording: where it came from and every section's text."""

    source: str
    sections: Mapping[str, SectionWording]


def parse_wording(data: object) -> OdiWording:
    """Validate a licensed wording mapping; :class:`WordingError` lists all problems."""
    if not isinstance(data, dict):
        raise WordingError(["(file): expected a mapping with schema, source and sections"])
    problems: list[str] = []
    if data.get("schema") != ODI_WORDING_SCHEMA:
        problems.append(f"schema: must be {ODI_WORDING_SCHEMA!r}")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append("source: name the licensed source of this wording")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, dict):
        problems.append("sections: expected a mapping of section id to title and options")
        raw_sections = {}
    for key in set(data) - {"schema", "source", "sections"}:
        problems.append(f"{key}: unknown field")
    for key in raw_sections:
        if key not in SECTIONS:
            problems.append(f"sections.{key}: unknown section")
    sections: dict[str, SectionWording] = {}
    for section in SECTIONS:
        item = raw_sections.get(section)
        if not isinstance(item, dict):
            problems.append(f"sections.{section}: missing")
            continue
        title, options = item.get("title"), item.get("options")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"sections.{section}.title: missing")
        if (
            not isinstance(options, list)
            or len(options) != SECTION_MAX + 1
            or not all(isinstance(o, str) and o.strip() for o in options)
        ):
            problems.append(
                f"sections.{section}.options: expected {SECTION_MAX + 1} statements, 0 to 5"
            )
            continue
        sections[section] = SectionWording(title=str(title), options=tuple(options))
    if problems:
        raise WordingError(problems)
    return OdiWording(source=str(source), sections=sections)
