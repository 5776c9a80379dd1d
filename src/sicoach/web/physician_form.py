"""The "find a physician near you" form: what the query string asked, its problems, and cards.

The page offers only the offline search: nothing typed here leaves the machine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sicoach.physicians.search import PhysicianResult
from sicoach.physicians.specialties import Specialty, default_specialties
from sicoach.services.physicians import UnknownZipError, zip_centre

__all__ = [
    "KIND_CHOICES",
    "RADIUS_CHOICES",
    "PhysicianForm",
    "ResultCard",
    "result_card",
    "specialty_choices",
]

RADIUS_CHOICES = (10, 25, 50, 100)
DEFAULT_RADIUS = 25
KIND_CHOICES = {
    "": "Either",
    "person": "A person (one clinician)",
    "organization": "An organisation (a clinic or practice)",
}
Kind = Literal["person", "organization"]


def specialty_choices() -> tuple[Specialty, ...]:
    """The specialties the form offers, in the data file's order."""
    return default_specialties().items


@dataclass(frozen=True)
class PhysicianForm:
    """What the person asked for, as typed, and every problem with it by field name."""

    zip: str = ""
    radius: str = str(DEFAULT_RADIUS)
    specialties: tuple[str, ...] = ()
    kind: str = ""
    submitted: bool = False
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_query(cls, query: Mapping[str, str], specialties: Sequence[str]) -> PhysicianForm:
        """The form from a query string (``specialty`` may repeat); checked when submitted."""
        form = cls(
            zip=query.get("zip", "").strip(),
            radius=query.get("radius", str(DEFAULT_RADIUS)).strip(),
            specialties=tuple(specialties),
            kind=query.get("kind", "").strip(),
            submitted="zip" in query,
        )
        if form.submitted:
            form.errors.update(form._problems())
        return form

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.zip:
            problems["zip"] = "Type your 5-digit ZIP code."
        else:
            try:
                zip_centre(self.zip)
            except UnknownZipError:
                problems["zip"] = f"“{self.zip}” is not a US ZIP code we know. Check the 5 digits."
        if self.radius not in {str(r) for r in RADIUS_CHOICES}:
            miles = ", ".join(str(r) for r in RADIUS_CHOICES)
            problems["radius"] = f"Choose a distance: {miles} miles."
        unknown = [k for k in self.specialties if k not in default_specialties().keys]
        if unknown:
            problems["specialty"] = f"Unknown specialty {', '.join(unknown)}: tick from the list."
        if self.kind not in KIND_CHOICES:
            problems["kind"] = "Choose a person, an organisation, or either."
        return problems

    @property
    def radius_miles(self) -> int:
        """The chosen radius (valid once :attr:`errors` is empty)."""
        return int(self.radius)

    @property
    def chosen_kind(self) -> Kind | None:
        """The chosen kind of provider, or None for either."""
        if self.kind == "person":
            return "person"
        if self.kind == "organization":
            return "organization"
        return None


@dataclass(frozen=True)
class ResultCard:
    """One provider as a card shows it."""

    name: str
    credential: str
    specialty: str
    street: str
    place: str
    phone: str
    tel: str
    distance: str


def _phone(digits: str) -> tuple[str, str]:
    """'(312) 555-0100' and 'tel:+13125550100' for a 10-digit US number; else as given."""
    only = "".join(ch for ch in digits if ch.isdigit())
    if len(only) == 10:
        return f"({only[:3]}) {only[3:6]}-{only[6:]}", f"tel:+1{only}"
    return digits, f"tel:{only}" if only else ""


def result_card(result: PhysicianResult, specialty_labels: Mapping[str, str]) -> ResultCard:
    """The card for one result: plain specialty name, phone to tap, distance said honestly."""
    phone, tel = _phone(result.phone)
    return ResultCard(
        name=result.name,
        credential=result.credential,
        specialty=specialty_labels.get(result.specialty, result.specialty),
        street=result.address,
        place=f"{result.city}, {result.state} {result.zip[:5]}",
        phone=phone,
        tel=tel,
        distance=f"≈ {result.distance_miles:.1f} mi (between ZIP code centres)",
    )
