"""Errors raised when an outcome measure is given values it cannot use.

OutcomeError
 ├── RatingOutOfRange   a value outside its scale (pain 0-10, ODI section 0-5, PSFS 0-10)
 ├── UnknownSection     an ODI section id that is not one of the ten
 ├── ActivityCountError a PSFS with fewer than 3 or more than 5 activities
 └── WordingError       a licensed ODI wording file that is incomplete (all problems listed)
"""

from __future__ import annotations

__all__ = [
    "ActivityCountError",
    "OutcomeError",
    "RatingOutOfRange",
    "UnknownSection",
    "WordingError",
]


class OutcomeError(ValueError):
    """Base class for outcome-measure errors."""


class RatingOutOfRange(OutcomeError):
    """``value`` is outside ``low``..``high`` on the scale called ``scale``."""

    def __init__(self, scale: str, value: object, low: int, high: int) -> None:
        self.scale = scale
        self.value = value
        self.low = low
        self.high = high
        super().__init__(f"{scale} must be a whole number from {low} to {high}, got {value!r}")


class UnknownSection(OutcomeError):
    """``section`` is not an Oswestry section id; ``known`` lists the ten."""

    def __init__(self, section: str, known: tuple[str, ...]) -> None:
        self.section = section
        self.known = known
        super().__init__(f"unknown ODI section {section!r}; the sections are: {', '.join(known)}")


class ActivityCountError(OutcomeError):
    """A PSFS needs ``low``..``high`` activities and got ``count``."""

    def __init__(self, count: int, low: int, high: int) -> None:
        self.count = count
        super().__init__(f"the PSFS needs {low} to {high} activities, got {count}")


class WordingError(OutcomeError):
    """A licensed ODI wording file that cannot be used; ``problems`` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the ODI wording file has {len(problems)} problem(s):\n{lines}")
