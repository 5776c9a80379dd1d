"""The specialty keys of contract 6 and the NUCC taxonomy codes behind each, from a data file.

The file is validated as a whole: every contract key present, codes well formed, and each
code under exactly one key, so a provider's specialty is never ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__all__ = [
    "CONTRACT_KEYS",
    "Specialties",
    "Specialty",
    "SpecialtyFileError",
    "UnknownSpecialtyError",
    "default_specialties",
    "parse_specialties",
]

CONTRACT_KEYS = (
    "physical-therapy",
    "physical-medicine",
    "pain-medicine",
    "orthopaedics",
    "sports-medicine",
    "chiropractic",
    "rheumatology",
    "neurosurgery",
    "family-medicine",
    "osteopathic",
)
TAXONOMY_CODE = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
DATA_FILE = "specialties.yaml"


class SpecialtyFileError(ValueError):
    """The specialties data file is wrong; the message lists every problem."""


class UnknownSpecialtyError(ValueError):
    """Specialty keys that are not in the data file; the message names the valid ones."""

    def __init__(self, unknown: list[str], valid: Iterable[str]) -> None:
        self.unknown = unknown
        self.valid = list(valid)
        super().__init__(
            f"unknown specialty {', '.join(repr(k) for k in unknown)}; "
            f"valid keys: {', '.join(self.valid)}"
        )


class Specialty(BaseModel):
    """One specialty key: what it covers and its taxonomy codes with their NUCC meanings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$")
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    codes: dict[str, str] = Field(min_length=1)
    online_terms: tuple[str, ...] = Field(min_length=1)

    @field_validator("codes")
    @classmethod
    def _codes_are_nucc_shaped(cls, codes: dict[str, str]) -> dict[str, str]:
        bad = [code for code in codes if not TAXONOMY_CODE.match(code)]
        if bad:
            raise ValueError(f"not NUCC taxonomy codes (10 characters ending in X): {bad}")
        return codes

    @field_validator("online_terms")
    @classmethod
    def _terms_follow_the_api_wildcard_rule(cls, terms: tuple[str, ...]) -> tuple[str, ...]:
        bad = [t for t in terms if "*" in t and (not t.endswith("*") or len(t) < 3)]
        if bad:
            raise ValueError(f"a '*' may only end a term of 2 or more characters: {bad}")
        return terms


class _SpecialtiesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_: Literal["sicoach.physician-specialties/1"] = Field(alias="schema")
    specialties: list[Specialty]


@dataclass(frozen=True)
class Specialties:
    """Every specialty key in the data file's order, with look-ups both ways."""

    items: tuple[Specialty, ...]

    @property
    def keys(self) -> list[str]:
        """Every key, in the data file's order."""
        return [s.key for s in self.items]

    def select(self, keys: Iterable[str]) -> list[Specialty]:
        """The specialties for ``keys`` (all of them when empty); every unknown key named."""
        wanted = list(dict.fromkeys(keys))
        unknown = [k for k in wanted if k not in self.keys]
        if unknown:
            raise UnknownSpecialtyError(unknown, self.keys)
        return [s for s in self.items if not wanted or s.key in wanted]

    def key_of(self, code: str) -> str | None:
        """The key that covers taxonomy ``code``, or None."""
        return self.code_keys.get(code)

    @property
    def code_keys(self) -> dict[str, str]:
        """Every taxonomy code mapped to its one key."""
        return {code: s.key for s in self.items for code in s.codes}

    def describe(self, code: str) -> str:
        """The NUCC meaning of a taxonomy code we know, or the code itself."""
        for specialty in self.items:
            if code in specialty.codes:
                return specialty.codes[code]
        return code


def parse_specialties(data: Any) -> Specialties:
    """Validate the parsed data file; every problem is named in one :class:`SpecialtyFileError`."""
    try:
        parsed = _SpecialtiesFile.model_validate(data)
    except ValidationError as exc:
        raise SpecialtyFileError(f"{DATA_FILE}: {exc}") from exc
    problems: list[str] = []
    keys = [s.key for s in parsed.specialties]
    missing = [k for k in CONTRACT_KEYS if k not in keys]
    extra = [k for k in keys if k not in CONTRACT_KEYS]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if missing:
        problems.append(f"contract-6 keys missing: {missing}")
    if extra:
        problems.append(f"keys not in contract 6: {extra}")
    if repeated:
        problems.append(f"keys listed twice: {repeated}")
    owners: dict[str, list[str]] = {}
    for specialty in parsed.specialties:
        for code in specialty.codes:
            owners.setdefault(code, []).append(specialty.key)
    shared = {code: ks for code, ks in owners.items() if len(ks) > 1}
    if shared:
        problems.append(f"codes under more than one key: {shared}")
    if problems:
        raise SpecialtyFileError(f"{DATA_FILE}: " + "; ".join(problems))
    return Specialties(items=tuple(parsed.specialties))


@lru_cache(maxsize=1)
def default_specialties() -> Specialties:
    """The specialties shipped with sicoach."""
    text = (resources.files("sicoach.physicians") / "data" / DATA_FILE).read_text("utf-8")
    return parse_specialties(yaml.safe_load(text))
