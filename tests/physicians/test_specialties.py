"""The specialties data file: the contract-6 keys, the verified NUCC codes, one key per code."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from sicoach.physicians.specialties import (
    CONTRACT_KEYS,
    SpecialtyFileError,
    UnknownSpecialtyError,
    default_specialties,
    parse_specialties,
)

# physician-finder.md §3, verified against NUCC v21.1.
VERIFIED_CODES = {
    "225100000X": "physical-therapy",
    "2251X0800X": "physical-therapy",
    "2251S0007X": "sports-medicine",
    "208100000X": "physical-medicine",
    "2081P2900X": "pain-medicine",
    "2081S0010X": "sports-medicine",
    "208VP0014X": "pain-medicine",
    "208VP0000X": "pain-medicine",
    "207LP2900X": "pain-medicine",
    "207X00000X": "orthopaedics",
    "207XS0117X": "orthopaedics",
    "207XX0005X": "sports-medicine",
    "207QS0010X": "sports-medicine",
    "207T00000X": "neurosurgery",
    "207RR0500X": "rheumatology",
    "111N00000X": "chiropractic",
    "111NX0800X": "chiropractic",
    "207Q00000X": "family-medicine",
    "204D00000X": "osteopathic",
}


def _raw() -> dict[str, Any]:
    from importlib import resources

    text = (resources.files("sicoach.physicians") / "data" / "specialties.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_the_data_file_holds_exactly_the_contract_keys_in_order() -> None:
    assert tuple(default_specialties().keys) == CONTRACT_KEYS


@pytest.mark.parametrize(("code", "key"), sorted(VERIFIED_CODES.items()))
def test_each_verified_code_belongs_to_its_key(code: str, key: str) -> None:
    assert default_specialties().key_of(code) == key


def test_the_data_file_lists_no_code_beyond_the_verified_ones() -> None:
    assert set(default_specialties().code_keys) == set(VERIFIED_CODES)


def test_a_code_under_two_keys_is_refused() -> None:
    data = _raw()
    data["specialties"][1]["codes"]["225100000X"] = "Physical Therapist"
    with pytest.raises(SpecialtyFileError, match="more than one key.*225100000X"):
        parse_specialties(data)


def test_a_missing_contract_key_and_a_bad_code_are_both_named() -> None:
    data = _raw()
    del data["specialties"][-1]
    with pytest.raises(SpecialtyFileError, match="osteopathic"):
        parse_specialties(data)
    data = _raw()
    data["specialties"][0]["codes"]["22510000"] = "too short"
    with pytest.raises(SpecialtyFileError, match="22510000"):
        parse_specialties(data)


def test_unknown_keys_are_named_with_every_valid_key() -> None:
    with pytest.raises(UnknownSpecialtyError) as caught:
        default_specialties().select(["chiropractic", "massage", "yoga"])
    message = str(caught.value)
    assert "'massage'" in message and "'yoga'" in message
    assert all(key in message for key in CONTRACT_KEYS)


def test_no_keys_means_every_specialty() -> None:
    assert [s.key for s in default_specialties().select([])] == list(CONTRACT_KEYS)
