"""What every physician list says before and after it: red flags first, the data's limits last.

The red flags are those of clinical-facts.md §3; the limits are physician-finder.md §6. Pure
text and dates, so the terminal, the JSON and the web page all say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sicoach.rules import PHYSICIAN_FILE_STALE_AFTER_DAYS

__all__ = [
    "BEFORE_STARTING_SIGNS",
    "EMERGENCY_SIGNS",
    "LIMITS",
    "RedFlagAdvice",
    "file_month",
    "red_flag_advice",
    "stale_warning",
]

EMERGENCY_SIGNS = (
    "new loss of bladder or bowel control (cannot pass urine, or leaking)",
    "numbness in the saddle area: between the legs, the buttocks or the genitals",
    "severe or worsening weakness or numbness in the legs",
    "new difficulty walking",
)
BEFORE_STARTING_SIGNS = (
    "a history of cancer",
    "unexplained weight loss",
    "fever, chills or feeling unwell with the pain",
    "immune suppression (such as steroids or chemotherapy) or injected drug use",
    "a recent significant fall or injury, or a minor injury with osteoporosis",
    "pain that is constant at night and not eased by changing position",
    "new back pain when you are under 20 or over 50",
    "pain that has not improved after a month",
    "a visible deformity",
)
LIMITS = (
    "This list is not for emergencies.",
    "Listed by distance, then name. Nobody pays to be listed or placed; this is not a "
    "rating or an endorsement.",
    "These specialties commonly evaluate back and pelvic pain; a listing does not mean a "
    "provider treats SI joint pain.",
    "An NPI record does not show a licence, certification, quality, insurance networks, or "
    "whether new patients are accepted. Call the office to check.",
    "Specialties are self-reported by each provider to the registry and are not verified.",
    "Distances (≈) are between ZIP code centres, not street addresses.",
    "Taxonomy codes: NUCC Health Care Provider Taxonomy (c) AMA/NUCC. ZIP centres: GeoNames "
    "(CC BY 4.0) via the zipcodes package.",
)


@dataclass(frozen=True)
class RedFlagAdvice:
    """The emergency advice shown before any list of providers."""

    emergency_heading: str
    emergency_signs: tuple[str, ...]
    before_starting_heading: str
    before_starting_signs: tuple[str, ...]


def red_flag_advice(emergency_number: str = "911") -> RedFlagAdvice:
    """Possible cauda equina: emergency care now; the other red flags: a doctor before starting.

    ``emergency_number`` is the number to call (the ``SICOACH_EMERGENCY_NUMBER`` setting).
    """
    return RedFlagAdvice(
        emergency_heading=(
            f"Get emergency care now (call {emergency_number} or go to the emergency "
            "department) if you have any of:"
        ),
        emergency_signs=EMERGENCY_SIGNS,
        before_starting_heading=("See a doctor before you start stretching if you have any of:"),
        before_starting_signs=BEFORE_STARTING_SIGNS,
    )


def file_month(file_date: date | None) -> str:
    """'November 2026', or 'date unknown' when the file name carried none."""
    return file_date.strftime("%B %Y") if file_date else "date unknown"


def stale_warning(file_date: date | None, today: date) -> str | None:
    """A warning when the file is older than the rule allows (or its date is unknown)."""
    if file_date is None:
        return "The file's date is unknown; it may be out of date."
    age = (today - file_date).days
    if age > PHYSICIAN_FILE_STALE_AFTER_DAYS.value:
        return (
            f"This file is {age} days old (more than {PHYSICIAN_FILE_STALE_AFTER_DAYS.value}): "
            "providers may have moved, retired or closed. Import a newer monthly file from "
            "download.cms.gov/nppes/NPI_Files.html."
        )
    return None
